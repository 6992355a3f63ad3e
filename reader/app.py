"""Composition root of the desktop app: builds every object and makes every cross-widget connection.

No global singletons: ``ReaderApp`` owns the settings, the task runner, the window and its widgets, and the
NLP engine (created on the worker thread the first time a comparison runs, so spaCy never loads on the UI
thread). Files are read on a worker thread (``reader.ui.loading``), the texts are shown (long ones laid out a
slice at a time), and the analysis starts right after on the single NLP thread; results come back through
queued signals. Nothing long runs on the UI thread.
"""
from __future__ import annotations

import sys
from typing import Any, Optional, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader import APP_ID, APP_NAME, APP_SLUG, __version__
from reader.core.model import Comparison, Document, Options
from reader.settings import DEFAULTS, FONT_MAX, FONT_MIN, Settings, pair_key
from reader.ui.dialogs import AboutDialog, DialogFactory, HelpDialog, Preferences
from reader.ui.file_actions import FileActionsMixin, doc_title
from reader.ui.main_window import MainWindow, apply_app_theme
from reader.ui.sidebar import Sidebar
from reader.ui.tasks import NLP_POOL, TaskRunner
from reader.ui.watcher import FileWatcher

SIDES = ("left", "right")
SCREENSHOT_SIZE = (1400, 860)
UI_SWITCH_INTERVAL_S = 0.001
PAINT_WAIT_MS = 1000
LAYOUT_WAIT_MS, LAYOUT_POLL_MS = 5000, 20  # the analysis waits for a long text's layout, at most this long


def make_view():
    """The comparison view (``reader.ui.view.ComparisonView``)."""
    from reader.ui.view import ComparisonView

    return ComparisonView()


class ReaderApp(QObject, FileActionsMixin):
    """The running application: one window, two documents, the latest comparison."""

    documentsChanged = Signal()
    comparisonReady = Signal(object)  # Comparison
    comparisonFailed = Signal(str)
    openFailed = Signal(str)  # the message for a file that could not be opened
    exportFinished = Signal(str)  # path of the written PDF

    def __init__(self, settings: Optional[Settings] = None, dialogs: Optional[DialogFactory] = None,
                 view: Any = None) -> None:
        super().__init__()
        # The analysis thread holds the GIL most of the time; a short switch interval lets the UI thread get it
        # back within ~1 ms instead of 5 ms each time it calls into Qt, which keeps the window responsive.
        sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
        self.settings = settings if settings is not None else Settings()
        qt_app = QApplication.instance()
        if qt_app is not None:  # window colours first, so every widget is built with them
            apply_app_theme(qt_app, self.settings.get("theme"))
        self.runner = TaskRunner(self)
        self.view = view if view is not None else make_view()
        self.sidebar = Sidebar()
        self.window = MainWindow(self.view, self.sidebar)
        self.dialogs = dialogs if dialogs is not None else DialogFactory()
        self.dialogs.parent = self.window
        self.watcher = FileWatcher(parent=self)
        self.docs: dict[str, Optional[Document]] = {"left": None, "right": None}
        self.displays: dict[int, Any] = {}  # id(document) -> reader.ui.display.Display of the documents shown
        self._summary = ""  # the status bar's summary of the comparison shown
        self._generation = 0  # counts set_documents calls (a scheduled analysis start checks it)
        self.comparison: Optional[Comparison] = None
        self.edits: list = []  # reader.core.compare.Edit, replayed on every comparison of this pair
        self.errors: list[str] = []  # every error message shown (tests read it)
        self._nlp = None  # NlpEngine, only ever touched on the NLP thread
        self._encoder = None  # SentenceEncoder, likewise
        self._compare_handle = None  # the analysis of the documents shown now
        self._painted = False  # the window has painted once: analysis may start
        self._start_pending = False
        self.window.installEventFilter(self)
        self._connect()
        self._restore()

    # ------------------------------------------------------------------ wiring
    def _connect(self) -> None:
        a, view, side = self.window.actions, self.view, self.sidebar
        a["open_left"].triggered.connect(lambda: self.ask_open_side("left"))
        a["open_right"].triggered.connect(lambda: self.ask_open_side("right"))
        a["open_pair"].triggered.connect(self.ask_open_pair)
        a["swap"].triggered.connect(self.swap_sides)
        a["reload"].triggered.connect(self.reload)
        a["export_pdf"].triggered.connect(lambda: self.export_pdf())
        a["print"].triggered.connect(lambda: self.print_comparison(preview=False))
        a["print_preview"].triggered.connect(lambda: self.print_comparison(preview=True))
        a["quit"].triggered.connect(self.window.close)
        a["paste_left"].triggered.connect(lambda: self.paste_as("left"))
        a["paste_right"].triggered.connect(lambda: self.paste_as("right"))
        a["find"].triggered.connect(self.show_find)
        a["preferences"].triggered.connect(self.edit_preferences)
        a["next_difference"].triggered.connect(view.next_difference)
        a["previous_difference"].triggered.connect(view.previous_difference)
        a["zoom_in"].triggered.connect(lambda: self.set_font_size(self.settings.get("font_size") + 1))
        a["zoom_out"].triggered.connect(lambda: self.set_font_size(self.settings.get("font_size") - 1))
        a["zoom_reset"].triggered.connect(lambda: self.set_font_size(DEFAULTS["font_size"]))
        a["scroll_lock"].toggled.connect(self.set_scroll_lock)
        a["show_sidebar"].toggled.connect(self.sidebar.setVisible)
        a["help"].triggered.connect(self.show_help)
        a["about"].triggered.connect(lambda: AboutDialog(self.window).open())
        self.window.cancel_button.clicked.connect(self.cancel_running)
        self.window.closing.connect(self.shutdown)
        view.passageSelected.connect(self._on_passage_selected)
        view.linkRequested.connect(self.link_passages)
        view.unlinkRequested.connect(self.unlink)
        view.fileDropped.connect(self.open_side)
        view.statusMessage.connect(self.window.show_message)
        find_shortcut = getattr(view, "find_shortcut", None)
        if find_shortcut is not None:
            find_shortcut.setEnabled(False)  # the window-wide Find action (Ctrl+F) replaces it
        side.entitySelected.connect(view.show_entity)
        side.segmentRequested.connect(view.select_segment)
        side.discrepancyRequested.connect(self._show_discrepancy)
        self.watcher.changed.connect(self._on_files_changed)

    def _restore(self) -> None:
        s, w = self.settings, self.window
        geometry, sizes = s.get("window_geometry"), s.get("splitter_sizes")
        if geometry:
            from PySide6.QtCore import QByteArray

            w.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if len(sizes) == 2 and all(sizes):
            w.restore_splitter(sizes)
        w.actions["scroll_lock"].setChecked(s.get("scroll_lock"))
        self.view.set_scroll_lock(s.get("scroll_lock"))
        w.actions["show_sidebar"].setChecked(True)
        self.view.set_font_size(s.get("font_size"))
        self.apply_theme(s.get("theme"))
        self._refresh_recent()

    def save_window_state(self) -> None:
        w, s = self.window, self.settings
        s.autosave = False
        s.set("window_geometry", bytes(w.saveGeometry().toBase64()).decode("ascii"))
        sizes = w.splitter.sizes()
        if len(sizes) == 2 and all(sizes):
            s.set("splitter_sizes", [int(x) for x in sizes])
        s.autosave = True
        s.save()

    def shutdown(self) -> None:
        self.save_window_state()
        self.runner.shutdown(5000)
        close = getattr(self._nlp, "close", None)
        if close is not None:
            close()  # worker processes, if the engine started any

    # ------------------------------------------------------------------ documents
    def report_error(self, title: str, text: str) -> None:
        self.errors.append(text)
        self.window.show_message(text.split("\n", 1)[0])
        self.dialogs.error(title, text)

    def cancel_running(self) -> None:
        """The status bar's Cancel: stop reading files, the analysis, or the PDF export, whichever runs."""
        for name in ("load", "compare", "export"):
            self.runner.cancel(name)

    def set_documents(self, left: Optional[Document], right: Optional[Document],
                      displays: Optional[dict] = None) -> None:
        """Show the texts at once and start the analysis right after the window has painted. ``displays``: the
        prepared displays of the documents (``reader.ui.loading`` makes them off the UI thread)."""
        self.runner.cancel("compare")
        self._compare_handle = None
        self._generation += 1
        self.docs = {"left": left, "right": right}
        known = {**self.displays, **(displays or {})}
        self.displays = {id(d): known[id(d)] for d in (left, right) if d is not None and id(d) in known}
        self.comparison = None
        self.window.show_message("")  # the previous pair's summary no longer applies
        placeholder = _empty_document()
        self.view.set_documents(left or placeholder, right or placeholder, self.displays)
        self.sidebar.clear("Analysing…" if left and right else "Open a second source to compare.")
        self.window.setWindowTitle(f"{doc_title(left)}  ↔  {doc_title(right)} — {APP_NAME}")
        self.watcher.watch([d.path for d in (left, right) if d is not None])
        self.edits = self._load_edits()
        if left and right and left.path and right.path:
            self.settings.add_recent_pair(left.path, right.path)
            self._refresh_recent()
        self.documentsChanged.emit()
        if left and right:
            self._schedule_comparison()

    def _schedule_comparison(self) -> None:
        """Start the analysis right after the window's first paint (at once if it already painted or is hidden)."""
        if self.window.isVisible() and not self._painted:
            self._start_pending = True
            QTimer.singleShot(PAINT_WAIT_MS, self._start_if_pending)  # in case no paint event ever comes
        else:
            QTimer.singleShot(0, self.window, self._start_after_layout)

    def _start_if_pending(self) -> None:
        if self._start_pending:
            self._start_pending = False
            self._start_after_layout()

    def _start_after_layout(self, waited_ms: int = 0, generation: Optional[int] = None) -> None:
        """Start the analysis once a long text is laid out (at most LAYOUT_WAIT_MS later): the analysis thread
        would slow the layout slices down, and spaCy keeps the GIL for long stretches while it loads."""
        generation = self._generation if generation is None else generation
        if generation != self._generation:
            return  # other documents since: their own start is scheduled
        if getattr(self.view, "layout_pending", lambda: False)() and waited_ms < LAYOUT_WAIT_MS:
            QTimer.singleShot(LAYOUT_POLL_MS, self.window,  # dropped with the window
                              lambda: self._start_after_layout(waited_ms + LAYOUT_POLL_MS, generation))
            return
        self.start_comparison()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.window and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            if self._start_pending:
                QTimer.singleShot(0, self._start_if_pending)
        return False

    # ------------------------------------------------------------------ comparing
    def _pair_key(self) -> Optional[str]:
        left, right = self.docs["left"], self.docs["right"]
        if not (left and right and left.path and right.path):
            return None
        return pair_key(left.path, left.sha256, right.path, right.sha256)

    def _load_edits(self) -> list:
        from reader.core.compare import Edit

        key = self._pair_key()
        return [Edit(*e) for e in self.settings.link_edits(key)] if key else []

    def _nlp_engine(self):  # NLP thread only
        if self._nlp is None:
            from reader.core.nlp import NlpEngine

            self._nlp = NlpEngine()
        return self._nlp

    def _sentence_encoder(self):  # NLP thread only
        if self._encoder is None:
            from reader.core.encoder import SentenceEncoder

            self._encoder = SentenceEncoder()
        return self._encoder

    def _encoder_for(self, nlp, chars: int):  # NLP thread only
        """The sentence encoder, loaded now when this comparison will start the entity worker processes (long
        texts). Loading it holds the interpreter lock for a few tens of ms at a time (onnxruntime's native module,
        the tokenizer); inside the comparison that happened while the workers load spaCy on every core, and each
        such stretch froze the window for 120-140 ms. Either way the comparison uses the same encoder."""
        encoder = self._sentence_encoder()
        if nlp.uses_workers(chars):
            encoder.load()  # False, with its reason, when it cannot load: the comparison then links on words alone
        return encoder

    def start_comparison(self) -> None:
        left, right = self.docs["left"], self.docs["right"]
        if not (left and right):
            return
        options = Options(threshold=float(self.settings.get("threshold")))
        edits = tuple(self.edits)

        def work(progress, should_stop):
            from reader.core.compare import Comparer

            nlp = self._nlp_engine()
            comparer = Comparer(nlp, self._encoder_for(nlp, len(left.text) + len(right.text)))
            return comparer.compare(left, right, options, progress, should_stop, edits=edits)

        if self._summary and self.window.status_label.text() == self._summary:
            self.window.show_message("")  # the summary of the previous comparison, not of this one
        self.window.set_progress(0.0, "Analysing…")
        handle = self.runner.run(
            "compare", work, pool=NLP_POOL, on_progress=self.window.set_progress, freeze_gc=True,
            on_finished=lambda result: self._on_compared(result, left, right),
            on_failed=lambda message: self._on_compare_failed(handle, message),
            on_cancelled=lambda: self._on_compare_cancelled(handle))
        self._compare_handle = handle

    def _on_compared(self, comparison: Comparison, left: Document, right: Document) -> None:
        if left is not self.docs["left"] or right is not self.docs["right"]:
            return  # stale: the documents changed while it ran
        self.window.set_busy(False)
        self.set_comparison(comparison)
        s = comparison.summary_left, comparison.summary_right
        n_links, n_disc = len(comparison.links), len(comparison.discrepancies)
        self._summary = (f"Compared: {n_links} linked passage{'' if n_links == 1 else 's'} · "
                         f"{s[0].unique_passages} only left · {s[1].unique_passages} only right · "
                         f"{n_disc} discrepanc{'y' if n_disc == 1 else 'ies'}")
        notes = [f"{doc.name}: {note}" for doc in (left, right) for note in getattr(doc, "notices", ())]
        if notes:  # e.g. bytes that were not valid text and were replaced
            self._summary += " · Note: " + "; ".join(notes)
        self.window.show_message(self._summary)

    def set_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.view.set_comparison(comparison)
        self.sidebar.set_comparison(comparison)
        self.comparisonReady.emit(comparison)

    def _on_compare_failed(self, handle, message: str) -> None:
        if handle is not self._compare_handle:
            return
        self.window.set_busy(False)
        self.sidebar.clear("The analysis failed.")
        self.report_error("Analysis failed", f"The comparison could not be completed.\n\n{message}")
        self.comparisonFailed.emit(message)

    def _on_compare_cancelled(self, handle) -> None:
        if handle is self._compare_handle:  # not one replaced by newer documents
            self.window.set_busy(False)
            if self.comparison is None:
                self.window.show_message("Analysis cancelled")
                self.sidebar.clear("Analysis cancelled. Press F5 to run it again.")

    # ------------------------------------------------------------------ manual links
    def link_passages(self, left_ids: Sequence[int], right_ids: Sequence[int]) -> None:
        self._edit("link", tuple(left_ids), tuple(right_ids))

    def unlink(self, link_index: int) -> None:
        if self.comparison is None or not 0 <= link_index < len(self.comparison.links):
            return
        link = self.comparison.links[link_index]
        self._edit("unlink", link.left, link.right)

    def _edit(self, action: str, left_ids: tuple, right_ids: tuple) -> None:
        from reader.core.compare import Edit, apply_edits

        if self.comparison is None or not left_ids or not right_ids:
            return
        edit = Edit(action, tuple(int(i) for i in left_ids), tuple(int(i) for i in right_ids))
        self.edits.append(edit)
        key = self._pair_key()
        if key:
            self.settings.set_link_edits(key, [(e.action, e.left, e.right) for e in self.edits])
        self.set_comparison(apply_edits(self.comparison, [edit]))
        self.window.show_message("Linked the passages by hand" if action == "link" else "Removed the link")

    # ------------------------------------------------------------------ sidebar → view
    def _show_discrepancy(self, disc) -> None:
        self.view.jump_to("right", *disc.right)
        self.view.jump_to("left", *disc.left)
        self.window.show_message(f"Discrepancy ({disc.about or disc.kind}): “{disc.left_text}” vs “{disc.right_text}”")

    def _on_passage_selected(self, side: str, seg_id: int) -> None:
        pass  # the view scrolls the counterpart itself and reports through statusMessage

    # ------------------------------------------------------------------ view settings
    def set_font_size(self, points: float) -> None:
        points = max(FONT_MIN, min(FONT_MAX, float(points)))
        self.settings.set("font_size", points)
        self.view.set_font_size(points)
        self.window.show_message(f"Text size {points:g} pt")

    def set_scroll_lock(self, locked: bool) -> None:
        self.settings.set("scroll_lock", bool(locked))
        self.view.set_scroll_lock(bool(locked))

    def apply_theme(self, theme: str) -> None:
        app = QApplication.instance()
        if app is not None:
            apply_app_theme(app, theme)
        self.view.set_theme(theme)

    def show_find(self) -> None:
        show = getattr(self.view, "show_find_bar", None)
        if show is not None:
            show()

    def show_help(self) -> None:
        dialog = HelpDialog(self.window)
        dialog.setModal(False)
        dialog.show()
        self._help = dialog

    def edit_preferences(self) -> None:
        s = self.settings
        current = Preferences(s.get("threshold"), s.get("theme"), s.get("font_size"), s.get("page_size"))
        chosen = self.dialogs.preferences(current)
        if chosen is not None:
            self.apply_preferences(chosen)

    def apply_preferences(self, prefs: Preferences) -> None:
        s = self.settings
        rerun = abs(prefs.threshold - float(s.get("threshold"))) > 1e-9
        s.set("threshold", float(prefs.threshold))
        s.set("page_size", prefs.page_size)
        if prefs.theme != s.get("theme"):
            s.set("theme", prefs.theme)
            self.apply_theme(prefs.theme)
        if prefs.font_size != s.get("font_size"):
            self.set_font_size(prefs.font_size)
        if rerun and self.docs["left"] and self.docs["right"]:
            self.start_comparison()

# ---------------------------------------------------------------------------------------------- helpers
def _empty_document() -> Document:
    from reader.core.model import Paragraph

    text = "Open a file here (File ▸ Open, or drop a file on this pane)."
    return Document(path=None, title="(no source)", text=text, format="clipboard",
                    paragraphs=(Paragraph(0, len(text)),))


# ---------------------------------------------------------------------------------------------- running
def create_qapplication(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_SLUG)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(_app_icon())
    return app


def _app_icon() -> QIcon:
    from reader.paths import resources_dir

    icon = QIcon()
    for png in sorted((resources_dir() / "icons" / "png").glob(f"{APP_SLUG}-*.png")):
        icon.addFile(str(png))
    return icon


def run(left: Optional[str] = None, right: Optional[str] = None, screenshot: Optional[str] = None,
        argv: Sequence[str] = ()) -> int:
    """Start the GUI on a pair (default: the seed pair). With ``screenshot``, save the finished window and exit."""
    app = create_qapplication([sys.argv[0], *argv])
    reader = ReaderApp()
    if left is not None and right is None and not screenshot:
        reader.window.show()
        open_single(reader, left)  # "Open With" from a file manager passes one file
        return app.exec()
    if left is None or right is None:
        from reader.paths import seed_pair

        left, right = (str(p) for p in seed_pair())
    if screenshot:
        reader.window.resize(*SCREENSHOT_SIZE)  # the same picture whatever the saved window size
        reader.window.restore_splitter([SCREENSHOT_SIZE[0] - 380, 380])
    reader.window.show()
    open_start_pair(reader, left, right)
    if screenshot:
        return _screenshot(app, reader, screenshot)
    return app.exec()


def open_start_pair(reader: ReaderApp, left: str, right: str) -> None:
    """The pair given at start-up: empty panes that say how to open a file until the files are read (in the
    background); a file that cannot be read is named in a message and the other one is shown."""
    reader.set_documents(None, None)
    reader.open_pair(left, right)


def open_single(reader: ReaderApp, path: str) -> None:
    """One file: open it on the left, then ask for the source to compare it with."""
    reader.set_documents(None, None)
    reader.open_side("left", path, then=lambda: QTimer.singleShot(0, lambda: reader.ask_open_side("right")))


def _screenshot(app: QApplication, reader: ReaderApp, path: str, timeout_s: float = 180) -> int:
    """Wait for the comparison, grab the window into ``path`` and quit (exit code 1 on failure)."""
    result = {"code": 1}

    def save() -> None:
        reader.window.repaint()
        ok = reader.window.grab().save(path)
        if not ok:
            print(f"{APP_SLUG}: error: could not write {path}", file=sys.stderr)
        result["code"] = 0 if ok else 1
        reader.shutdown()
        app.quit()

    def give_up(message: str) -> None:
        if result.get("gave_up"):
            return
        result["gave_up"] = True
        print(f"{APP_SLUG}: error: {message}", file=sys.stderr)
        save()
        result["code"] = 1

    reader.comparisonReady.connect(lambda _c: QTimer.singleShot(400, save))
    reader.comparisonFailed.connect(give_up)
    reader.openFailed.connect(lambda message: give_up(message.replace("\n\n", " ")))  # queued: comes later
    QTimer.singleShot(int(timeout_s * 1000), lambda: give_up("timed out waiting for the comparison"))
    app.exec()
    return result["code"]
