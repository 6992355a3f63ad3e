"""The File menu's behaviour: open files (dialog, drop, recent pairs, clipboard), swap, reload, export, print.

A mixin of :class:`reader.app.ReaderApp`: it reads and changes the app's documents through ``set_documents`` and
reports every problem through ``report_error`` (a message naming the file and the reason, never a traceback).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from PySide6.QtGui import QGuiApplication

from reader.core.model import Document
from reader.ui.tasks import WORK_POOL


def open_error_text(path: str, error: BaseException) -> str:
    """The message for a file that could not be opened: names the file and says why, in plain words."""
    reason = getattr(error, "reason", None) or str(error) or error.__class__.__name__
    reason = reason[:1].upper() + reason[1:]
    name = os.path.basename(path) or path
    return (f"Could not open “{name}”.\n\n{reason}\n\nFile: {os.path.abspath(path)}\n\n"
            "The other pane and the current comparison are unchanged.")


def load_document(path: str) -> Document:
    """Load a file (imported lazily: the loaders pull in HTML/PDF libraries only when needed)."""
    from reader.documents import load_document as load

    return load(path)


def doc_title(doc: Optional[Document]) -> str:
    if doc is None:
        return "(none)"
    return doc.title or doc.name


def _slug(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words[:6]) or "source"


class FileActionsMixin:
    """Opening, reloading, exporting and printing; needs the attributes ``ReaderApp`` defines."""

    def _try_load(self, path: str) -> Optional[Document]:
        try:
            return load_document(path)
        except Exception as exc:  # DocumentError, or anything a loader missed: a message, never a traceback
            self.report_error("Cannot open file", open_error_text(path, exc))
            return None

    def open_pair(self, left: str | Path, right: str | Path) -> bool:
        """Open two files; if either cannot be read nothing changes and a message names it."""
        docs = [self._try_load(os.fspath(left)), self._try_load(os.fspath(right))]
        if None in docs:
            return False
        self.set_documents(docs[0], docs[1])
        return True

    def open_side(self, side: str, path: str | Path) -> bool:
        """Open one file in one pane; the other pane stays."""
        doc = self._try_load(os.fspath(path))
        if doc is None:
            return False
        docs = dict(self.docs)
        docs[side] = doc
        self.set_documents(docs["left"], docs["right"])
        return True

    def ask_open_side(self, side: str) -> None:
        path = self.dialogs.open_file(f"Open {side} source", self._folder())
        if path:
            self.open_side(side, path)

    def ask_open_pair(self) -> None:
        paths = self.dialogs.open_files("Open two files to compare (left first)", self._folder())
        if len(paths) == 1:  # the second file may live in another folder: ask for it
            second = self.dialogs.open_file("Open the right source", os.path.dirname(paths[0]))
            paths = paths + [second] if second else []
        if len(paths) == 2:
            self.open_pair(*paths)
        elif paths:
            self.report_error("Open pair", f"Choose two files, the left one first (you chose {len(paths)}).")

    def _folder(self) -> str:
        for doc in self.docs.values():
            if doc is not None and doc.path:
                return os.path.dirname(os.path.abspath(doc.path))
        return str(Path.home())

    def paste_as(self, side: str) -> bool:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.report_error("Paste", "The clipboard holds no text to compare.")
            return False
        from reader.documents import document_from_text

        doc = document_from_text(text, title=f"Clipboard ({side})", source="clipboard")
        docs = dict(self.docs)
        docs[side] = doc
        self.set_documents(docs["left"], docs["right"])
        return True

    def swap_sides(self) -> None:
        if self.docs["left"] or self.docs["right"]:
            self.set_documents(self.docs["right"], self.docs["left"])

    def reload(self, quiet: bool = False) -> bool:
        """Read both files again; a file that now fails keeps its old text (and a message says why)."""
        docs = dict(self.docs)
        for side, doc in self.docs.items():
            if doc is not None and doc.path:
                fresh = self._try_load(doc.path)
                if fresh is None:
                    return False
                docs[side] = fresh
        if docs["left"] is None and docs["right"] is None:
            return False
        self.set_documents(docs["left"], docs["right"])
        if not quiet:
            self.window.show_message("Reloaded both files")
        return True

    def _on_files_changed(self, paths: list) -> None:
        names = ", ".join(os.path.basename(p) for p in paths)
        if self.reload(quiet=True):
            self.window.show_message(f"{names} changed on disk — reloaded")

    def _refresh_recent(self) -> None:
        self.window.set_recent_pairs(self.settings.recent_pairs(), self.open_pair, self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_pairs()
        self._refresh_recent()

    def default_export_name(self) -> str:
        left, right = self.docs["left"], self.docs["right"]
        name = f"{_slug(doc_title(left))}-vs-{_slug(doc_title(right))}.pdf"
        folder = self.settings.get("last_export_dir") or self._folder()
        return os.path.join(folder, name)

    def export_pdf(self, path: Optional[str] = None):
        """Ask for a file name (unless given) and write the PDF in the background. Returns the task handle."""
        if self.comparison is None:
            self.report_error("Export PDF", "Nothing to export yet: the comparison is still being made.")
            return None
        try:
            from reader.export.pdf import export_pdf
        except ImportError as exc:
            self.report_error("Export PDF", f"PDF export is not available in this installation ({exc}).")
            return None
        path = path or self.dialogs.save_file("Export PDF", self.default_export_name())
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.settings.set("last_export_dir", os.path.dirname(os.path.abspath(path)))
        comparison, page_size = self.comparison, self.settings.get("page_size")

        def work(progress, should_stop):
            export_pdf(comparison, path, page_size=page_size, progress=progress, should_stop=should_stop)
            return path

        def done(written: str) -> None:
            self.window.set_busy(False)
            self.window.show_message(f"Saved PDF: {written}")
            self.exportFinished.emit(written)

        def failed(message: str) -> None:
            self.window.set_busy(False)
            self.report_error("Export PDF", f"Could not write “{os.path.basename(path)}”.\n\n{message}")

        self.window.set_progress(0.0, "Writing PDF…")
        return self.runner.run("export", work, pool=WORK_POOL, on_progress=self.window.set_progress,
                               on_finished=done, on_failed=failed,
                               on_cancelled=lambda: self.window.set_busy(False))

    def print_comparison(self, preview: bool = False) -> None:
        if self.comparison is None:
            self.report_error("Print", "Nothing to print yet: the comparison is still being made.")
            return
        try:
            from reader.ui import printing
        except ImportError as exc:
            self.report_error("Print", f"Printing is not available in this installation ({exc}).")
            return
        if preview:
            self._preview = printing.print_preview(self.comparison, self.window)
        else:
            printing.print_comparison(self.comparison, self.window)
