"""Preferences, Help (shortcuts and legend) and About dialogs, plus the message/file-dialog factory.

``DialogFactory`` is the one place the app asks the user something (messages, file names). Tests replace it
with a recording subclass, so nothing ever blocks on a modal dialog.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.settings import FONT_MAX, FONT_MIN, PAGE_SIZES, THEMES

OPEN_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;All files (*)"

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+O", "Open a pair of files"),
    ("Ctrl+E", "Export the comparison as PDF"),
    ("Ctrl+P", "Print"),
    ("Ctrl+F", "Find in the texts"),
    ("F8 / Alt+Down", "Next difference"),
    ("Shift+F8 / Alt+Up", "Previous difference"),
    ("F5", "Reload both files"),
    ("Ctrl+= / Ctrl+-", "Zoom in / out"),
    ("Ctrl+0", "Default text size"),
    ("Ctrl+L", "Lock / unlock scrolling of the two panes"),
    ("Ctrl+Shift+S", "Swap sides"),
    ("Ctrl+,", "Preferences"),
    ("F1", "This help"),
    ("Ctrl+Q", "Quit"),
)

MOUSE: tuple[tuple[str, str], ...] = (
    ("Click a passage", "Select it and bring its counterpart level in the other pane"),
    ("Ctrl+click", "Add passages to the selection"),
    ("Right-click ▸ Link", "Link the passage with the one selected in the other pane (kept for this pair)"),
    ("Right-click ▸ Unlink", "Remove a link the comparison made"),
    ("Click an entity", "Mark its mentions; click again for the next mention"),
    ("Drop a file on a pane", "Open it on that side"),
)

THRESHOLD_HELP = (
    "How sure a link must be: the least probability that a careful reader would put the two passages side by "
    "side as the same fact (0.50 = as likely as not). Raise it to keep only surer links (more passages then count "
    "as reported by one source only); lower it to also see doubtful ones. Changing it reruns the comparison."
)


class DialogFactory:
    """Messages and file pickers. Non-blocking where the answer is not needed (``open()``, not ``exec()``)."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        self.parent = parent
        self._boxes: list[QMessageBox] = []

    def error(self, title: str, text: str) -> None:
        self._show(QMessageBox.Icon.Warning, title, text)

    def info(self, title: str, text: str) -> None:
        self._show(QMessageBox.Icon.Information, title, text)

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.parent)
        box.finished.connect(self._closed)
        self._boxes.append(box)
        box.open()

    def _closed(self) -> None:
        for box in [b for b in self._boxes if not b.isVisible()]:
            self._boxes.remove(box)
            box.deleteLater()

    def open_file(self, title: str, folder: str = "") -> str:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, folder, OPEN_FILTER)
        return path

    def open_files(self, title: str, folder: str = "") -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, title, folder, OPEN_FILTER)
        return paths

    def save_file(self, title: str, suggested: str, filters: str = "PDF (*.pdf)") -> str:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, filters)
        return path

    def preferences(self, values: "Preferences") -> Optional["Preferences"]:
        dialog = PreferencesDialog(values, self.parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class Preferences:
    threshold: float = 0.5
    theme: str = "system"
    font_size: float = 11.5
    page_size: str = "A4"


class PreferencesDialog(QDialog):
    def __init__(self, values: Preferences, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Preferences — {APP_NAME}")
        self.threshold = QDoubleSpinBox(decimals=2, minimum=0.1, maximum=0.95, singleStep=0.05)
        self.threshold.setValue(values.threshold)
        self.threshold.setToolTip(THRESHOLD_HELP)
        self.threshold_help = QLabel(THRESHOLD_HELP)
        self.threshold_help.setWordWrap(True)
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(theme.capitalize(), theme)
        self.theme.setCurrentIndex(max(0, self.theme.findData(values.theme)))
        self.font_size = QDoubleSpinBox(decimals=1, minimum=FONT_MIN, maximum=FONT_MAX, singleStep=0.5, suffix=" pt")
        self.font_size.setValue(values.font_size)
        self.page_size = QComboBox()
        for size in PAGE_SIZES:
            self.page_size.addItem(size, size)
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(values.page_size)))
        form = QFormLayout()
        form.addRow("Match threshold:", self.threshold)
        form.addRow("", self.threshold_help)
        form.addRow("Theme:", self.theme)
        form.addRow("Text size:", self.font_size)
        form.addRow("PDF page size:", self.page_size)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.setMinimumWidth(460)

    def values(self) -> Preferences:
        return Preferences(
            threshold=round(self.threshold.value(), 2),
            theme=self.theme.currentData(),
            font_size=round(self.font_size.value(), 1),
            page_size=self.page_size.currentData(),
        )


def legend_widget(parent: Optional[QWidget] = None) -> QWidget:
    """The comparison view's legend if it provides one, else a plain text legend."""
    try:
        from reader.ui.view import LegendWidget

        return LegendWidget(parent)
    except Exception:  # view not available: a text legend keeps Help useful
        label = QLabel(
            "Identical, near and paraphrased passages are linked across the panes; passages only one source "
            "reports are marked in the margin; ≠ marks figures or names that differ.", parent)
        label.setWordWrap(True)
        return label


def _table(rows: tuple[tuple[str, str], ...], headers: tuple[str, str]) -> QTableWidget:
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for row, (keys, action) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(action))
    table.resizeColumnsToContents()
    table.resizeRowsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows))) + 4
    table.setFixedHeight(height)
    return table


def _legend_text() -> str:
    try:
        from reader.ui.palette import LEGEND_ITEMS
    except ImportError:
        return ""
    return "".join(f"<b>{label}</b>: {tip}<br>" for _key, label, tip in LEGEND_ITEMS)


class HelpDialog(QDialog):
    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Help — {APP_NAME}")
        intro = QLabel(
            f"<b>{APP_NAME}</b> shows two reports of the same story side by side. Linked passages line up; "
            "what only one source reports is marked and listed under <i>Facts</i> in the sidebar, with figures "
            "that disagree. Entities lists people, places, organisations, groups and figures with the source "
            "that names them (◆ both, ◀ left only, ▶ right only).")
        intro.setWordWrap(True)
        self.table = _table(SHORTCUTS, ("Keys", "Action"))
        self.mouse = _table(MOUSE, ("Mouse", "Action"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addWidget(QLabel("<b>Keyboard shortcuts</b>"))
        box.addWidget(self.table)
        box.addWidget(self.mouse)
        box.addWidget(QLabel("<b>Legend</b>"))
        self.legend = legend_widget(self)
        box.addWidget(self.legend)
        details = QLabel(_legend_text())
        details.setWordWrap(True)
        box.addWidget(details)
        box.addStretch(1)
        box.addWidget(buttons)
        self.resize(760, 760)


def about_text() -> str:
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Compare how two sources report the same story: aligned passages, what only one source reports, "
        "entities present in both or one, and figures that disagree.</p>"
        "<p>Works offline. Entity recognition by spaCy; fuzzy matching by RapidFuzz; interface by Qt.</p>"
    )


class AboutDialog(QMessageBox):
    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(QMessageBox.Icon.Information, f"About {APP_NAME}", about_text(),
                         QMessageBox.StandardButton.Ok, parent)
        self.setTextFormat(Qt.TextFormat.RichText)
