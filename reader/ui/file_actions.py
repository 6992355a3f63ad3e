"""The File menu's behaviour: open files (dialog, drop, recent pairs, clipboard), swap, reload, export, print.

A mixin of :class:`reader.app.ReaderApp`: it reads and changes the app's documents through ``set_documents`` and
reports every problem through ``report_error`` (a message naming the file and the reason, never a traceback).
Files are read and prepared for display on a worker thread (:mod:`reader.ui.loading`), with progress and Cancel
in the status bar; the window stays responsive whatever the file.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from PySide6.QtGui import QGuiApplication

from reader.core.model import Document
from reader.ui.loading import FileSource, Loaded, Source, TextSource, load_sources, open_error_text
from reader.ui.tasks import WORK_POOL, TaskHandle

__all__ = ["FileActionsMixin", "doc_title", "open_error_text"]
LOAD = "load"  # the task name of reading files


def doc_title(doc: Optional[Document]) -> str:
    if doc is None:
        return "(none)"
    return doc.title or doc.name


def _slug(text: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words[:6]) or "source"


def write_pdf(comparison, path: str, page_size: str, progress, should_stop, *, overwrite: bool) -> str:
    """The one place the window writes a PDF (on a worker thread). ``overwrite``: the user confirmed replacing
    the file in the Save dialog, so a read-only file there may be replaced (the export core's ``force``)."""
    from reader.export.pdf import export_pdf

    export_pdf(comparison, path, page_size=page_size, progress=progress, should_stop=should_stop, force=overwrite)
    return path


class FileActionsMixin:
    """Opening, reloading, exporting and printing; needs the attributes ``ReaderApp`` defines."""

    # ------------------------------------------------------------------ opening (in the background)
    def open_pair(self, left: str | Path, right: str | Path, then=None) -> TaskHandle:
        """Open two files. If one cannot be read a message names it; the pair shown stays, or, when none is
        shown yet (start-up), the file that could be read is shown."""
        return self._open({"left": FileSource(os.fspath(left)), "right": FileSource(os.fspath(right))},
                          "pair", then)

    def open_side(self, side: str, path: str | Path, then=None) -> TaskHandle:
        """Open one file in one pane; the other pane stays."""
        return self._open({side: FileSource(os.fspath(path))}, "side", then)

    def _open(self, sources: dict[str, Source], mode: str, then=None) -> TaskHandle:
        """Read the sources on a worker thread (progress and Cancel in the status bar), then show them.

        ``mode``: "pair" / "side" (see :meth:`open_pair`), "reload" (any failure keeps every old text).
        ``then()`` runs once the documents are shown."""
        first = next(iter(sources.values()))
        self.window.show_message("")
        self.window.set_progress(0.0, f"Opening {os.path.basename(getattr(first, 'path', '')) or 'text'}…")
        handle = self.runner.run(
            LOAD, lambda progress, should_stop: load_sources(sources, progress, should_stop), pool=WORK_POOL,
            on_progress=self.window.set_progress,
            on_finished=lambda loaded: self._on_loaded(loaded, mode, then),
            on_failed=lambda message: self._on_load_failed(message),
            on_cancelled=lambda: self._on_load_cancelled())
        return handle

    def _on_loaded(self, loaded: Loaded, mode: str, then) -> None:
        self.window.set_busy(False)
        for message in loaded.errors.values():
            self.report_error("Cannot open file", message)
            self.openFailed.emit(message)
        shown = any(self.docs.values())
        if not loaded.docs or (loaded.errors and mode == "reload") or (loaded.errors and mode == "pair" and shown):
            return
        docs = dict(self.docs)
        docs.update(loaded.docs)
        self.set_documents(docs["left"], docs["right"], loaded.displays)
        if then is not None:
            then()

    def _on_load_failed(self, message: str) -> None:
        self.window.set_busy(False)
        self.report_error("Cannot open file", message)
        self.openFailed.emit(message)

    def _on_load_cancelled(self) -> None:
        self.window.set_busy(False)
        self.window.show_message("Opening cancelled")

    def loading(self) -> bool:
        return self.runner.is_running(LOAD)

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

    def paste_as(self, side: str):
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.report_error("Paste", "The clipboard holds no text to compare.")
            return None
        return self._open({side: TextSource(text, f"Clipboard ({side})")}, "side")

    def swap_sides(self) -> None:
        if self.docs["left"] or self.docs["right"]:
            self.set_documents(self.docs["right"], self.docs["left"], self.displays)

    def reload(self, quiet: bool = False, message: str = ""):
        """Read both files again; if one now fails every pane keeps its old text (and a message says why).
        Returns the loading task (None when no pane shows a file)."""
        sources = {side: FileSource(doc.path) for side, doc in self.docs.items() if doc is not None and doc.path}
        if not sources:
            return None
        message = message or ("" if quiet else "Reloaded both files")
        return self._open(sources, "reload", lambda: message and self.window.show_message(message))

    def _on_files_changed(self, paths: list) -> None:
        names = ", ".join(os.path.basename(p) for p in paths)
        self.reload(message=f"{names} changed on disk — reloaded")

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
            import reader.export.pdf  # noqa: F401 (Qt's PDF writer may be missing from a stripped installation)
        except ImportError as exc:
            self.report_error("Export PDF", f"PDF export is not available in this installation ({exc}).")
            return None
        chosen = path or self.dialogs.save_file("Export PDF", self.default_export_name())
        if not chosen:
            return None
        # The Save dialog asked before replacing an existing file: that is the user's consent to overwrite it
        # (not when ".pdf" is added afterwards, nor for a path given by the caller).
        confirmed = not path and chosen.lower().endswith(".pdf")
        path = chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf"
        self.settings.set("last_export_dir", os.path.dirname(os.path.abspath(path)))
        comparison, page_size = self.comparison, self.settings.get("page_size")

        def work(progress, should_stop):
            return write_pdf(comparison, path, page_size, progress, should_stop, overwrite=confirmed)

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
