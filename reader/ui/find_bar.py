"""Find bar under the panes: Ctrl+F shows it, Enter / Shift+Enter find next / previous, Esc closes."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    findRequested = Signal(str, bool)  # text, forward
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.setSpacing(6)
        lay.addWidget(QLabel("Find:", self))
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Search both articles")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(360)
        lay.addWidget(self.edit, 1)
        self.prev_button = QToolButton(self, text="▲", toolTip="Previous match (Shift+Enter)")
        self.next_button = QToolButton(self, text="▼", toolTip="Next match (Enter)")
        lay.addWidget(self.prev_button)
        lay.addWidget(self.next_button)
        self.status = QLabel("", self)
        lay.addWidget(self.status)
        lay.addStretch(1)
        close = QToolButton(self, text="✕", toolTip="Close (Esc)")
        lay.addWidget(close)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(lambda _t: self._request(True, incremental=True))
        self.next_button.clicked.connect(lambda: self._request(True))
        self.prev_button.clicked.connect(lambda: self._request(False))
        close.clicked.connect(self.close_bar)
        self._incremental = False

    @property
    def incremental(self) -> bool:
        """True while the current request comes from typing (search from the current match, not past it)."""
        return self._incremental

    def _request(self, forward: bool, incremental: bool = False) -> None:
        text = self.edit.text()
        if text:
            self._incremental = incremental
            self.findRequested.emit(text, forward)
            self._incremental = False
        else:
            self.status.setText("")

    def open_bar(self, text: str = "") -> None:
        if text:
            self.edit.setText(text)
        self.show()
        self.edit.setFocus(Qt.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.KeyPress:
            if event.key() == Qt.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                self._request(not event.modifiers() & Qt.ShiftModifier)
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)
