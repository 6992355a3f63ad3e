"""The main window: lays out the comparison view and the sidebar, and declares menus, toolbar and status bar.

It holds no behaviour: every action is connected in the composition root (``reader.app``).
"""
from __future__ import annotations

from itertools import islice
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QToolBar,
    QApplication,
    QToolButton,
    QWidget,
)

from reader import APP_NAME

# name: (menu text, shortcuts, status tip)
ACTIONS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "open_left": ("Open &Left…", (), "Open a file in the left pane"),
    "open_right": ("Open &Right…", (), "Open a file in the right pane"),
    "open_pair": ("&Open Pair…", ("Ctrl+O",), "Open two files to compare"),
    "swap": ("S&wap Sides", ("Ctrl+Shift+S",), "Swap the left and right sources"),
    "reload": ("&Reload", ("F5",), "Read both files again and compare"),
    "export_pdf": ("&Export PDF…", ("Ctrl+E",), "Save the comparison as a PDF report"),
    "print": ("&Print…", ("Ctrl+P",), "Print the comparison"),
    "print_preview": ("Print Pre&view…", (), "Preview the printed comparison"),
    "quit": ("&Quit", ("Ctrl+Q",), "Quit"),
    "paste_left": ("Paste as &Left", (), "Use the clipboard text as the left source"),
    "paste_right": ("Paste as &Right", (), "Use the clipboard text as the right source"),
    "find": ("&Find…", ("Ctrl+F",), "Find text in the panes"),
    "preferences": ("Pre&ferences…", ("Ctrl+,",), "Match threshold, theme, text size, page size"),
    "next_difference": ("&Next Difference", ("F8", "Alt+Down"), "Go to the next difference"),
    "previous_difference": ("&Previous Difference", ("Shift+F8", "Alt+Up"), "Go to the previous difference"),
    "zoom_in": ("Zoom &In", ("Ctrl+=", "Ctrl++"), "Larger text"),
    "zoom_out": ("Zoom &Out", ("Ctrl+-",), "Smaller text"),
    "zoom_reset": ("&Default Size", ("Ctrl+0",), "Default text size"),
    "scroll_lock": ("&Lock Scrolling", ("Ctrl+L",), "Scroll both panes together"),
    "show_sidebar": ("Show &Sidebar", (), "Show the entities and facts sidebar"),
    "help": ("&Help", ("F1",), "Keyboard shortcuts and legend"),
    "about": ("&About", (), "About this application"),
}
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("&File", ("open_pair", "open_left", "open_right", "@recent", "-", "swap", "reload", "-", "export_pdf",
               "print", "print_preview", "-", "quit")),
    ("&Edit", ("paste_left", "paste_right", "-", "find", "-", "preferences")),
    ("&View", ("next_difference", "previous_difference", "-", "zoom_in", "zoom_out", "zoom_reset", "-",
               "scroll_lock", "show_sidebar")),
    ("&Help", ("help", "about")),
)
TOOLBAR = ("open_pair", "swap", "reload", "-", "previous_difference", "next_difference", "-", "scroll_lock",
           "find", "-", "export_pdf")
CHECKABLE = ("scroll_lock", "show_sidebar")
MAX_RECENT_SHOWN = 10  # entries of the Recent Pairs menu


class MainWindow(QMainWindow):
    """Menus, toolbar, the view | sidebar splitter, and a status bar with a progress bar and a cancel button."""

    closing = Signal()

    def __init__(self, view: QWidget, sidebar: QWidget, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.view, self.sidebar = view, sidebar
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self.recent_menu = QMenu("Recent &Pairs", self)
        self._build_menus()
        self._build_toolbar()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(view)
        self.splitter.addWidget(sidebar)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._build_status_bar()
        self.resize(1400, 860)
        self.splitter.setSizes([1020, 380])

    def _build_actions(self) -> None:
        for name, (text, keys, tip) in ACTIONS.items():
            action = QAction(text, self)
            action.setObjectName(name)
            if keys:
                action.setShortcuts([QKeySequence(k) for k in keys])
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({', '.join(keys)})" if keys else tip)
            action.setCheckable(name in CHECKABLE)
            self.actions[name] = action
            self.addAction(action)  # shortcuts work even when the menu bar is hidden
        self.actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.actions["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
        self.actions["about"].setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        for title, names in MENUS:
            menu = self.menuBar().addMenu(title)
            for name in names:
                if name == "-":
                    menu.addSeparator()
                elif name == "@recent":
                    menu.addMenu(self.recent_menu)
                else:
                    menu.addAction(self.actions[name])

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("main-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        short = {"open_pair": "Open…", "swap": "Swap", "reload": "Reload", "previous_difference": "▲ Previous",
                 "next_difference": "▼ Next", "scroll_lock": "Lock scroll", "find": "Find", "export_pdf": "PDF…"}
        for name in TOOLBAR:
            if name == "-":
                bar.addSeparator()
                continue
            bar.addAction(self.actions[name])
            button = bar.widgetForAction(self.actions[name])
            if isinstance(button, QToolButton):
                button.setText(short.get(name, self.actions[name].text().replace("&", "")))
        self.toolbar = bar
        self.addToolBar(bar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.status_label = QLabel("Ready")
        self.stage_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop the running analysis")
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.stage_label)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        self.set_busy(False)

    # ------------------------------------------------------------------ status
    def show_message(self, text: str) -> None:
        self.status_label.setText(text)

    def set_progress(self, fraction: float, message: str) -> None:
        self.set_busy(True)
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        if message:
            self.stage_label.setText(message)

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.stage_label.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if not busy:
            self.progress.setValue(0)

    def set_recent_pairs(self, pairs, on_open, on_clear) -> None:
        """Rebuild the Recent Pairs menu (at most :data:`MAX_RECENT_SHOWN` entries, whatever it is given; entries
        that are not two paths are skipped); ``on_open(left, right)`` is called when one is chosen."""
        menu = self.recent_menu
        menu.clear()
        shown = 0
        for pair in islice(pairs, MAX_RECENT_SHOWN * 4):  # a bounded look: a damaged list may be huge
            if shown == MAX_RECENT_SHOWN:
                break
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                continue
            left, right = pair
            shown += 1
            name = f"{_short(left)}  ↔  {_short(right)}"
            action = menu.addAction(f"&{shown}  {name}" if shown < 10 else name)
            action.setToolTip(f"{left}\n{right}")
            action.triggered.connect(lambda _=False, l=left, r=right: on_open(l, r))
        if shown:
            menu.addSeparator()
            menu.addAction("Clear Recent Pairs").triggered.connect(on_clear)
        menu.setEnabled(bool(shown))

    def restore_splitter(self, sizes: list[int]) -> None:
        """Splitter sizes to apply now and again once the window has its final size on screen."""
        self._pending_sizes = list(sizes)
        self.splitter.setSizes(sizes)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        sizes = getattr(self, "_pending_sizes", None)
        if sizes:
            self._pending_sizes = None
            self.splitter.setSizes(sizes)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)


def _short(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


_SYSTEM_PALETTE: dict[int, QPalette] = {}


def apply_app_theme(app: QApplication, theme: str) -> None:
    """Window colours for "light", "dark" or "system" (the desktop's own palette)."""
    key = id(app)
    if key not in _SYSTEM_PALETTE:
        _SYSTEM_PALETTE[key] = QPalette(app.palette())
    if theme == "system":
        app.setPalette(_SYSTEM_PALETTE[key])
        return
    app.setStyle("Fusion")
    if theme == "light":
        app.setPalette(app.style().standardPalette())
        return
    role, pal = QPalette.ColorRole, QPalette()
    colours = {
        role.Window: "#202124", role.WindowText: "#e8eaed", role.Base: "#17181a", role.AlternateBase: "#26282b",
        role.ToolTipBase: "#303134", role.ToolTipText: "#e8eaed", role.Text: "#e8eaed", role.Button: "#2b2d30",
        role.ButtonText: "#e8eaed", role.BrightText: "#ffffff", role.Highlight: "#3d6fb6",
        role.HighlightedText: "#ffffff", role.Link: "#8ab4f8", role.PlaceholderText: "#9aa0a6",
    }
    for colour_role, value in colours.items():
        pal.setColor(colour_role, QColor(value))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#80868b"))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#80868b"))
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor("#80868b"))
    app.setPalette(pal)
