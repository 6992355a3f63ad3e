"""Overview strip beside a pane (like Meld's map): where the "only here" passages and discrepancies lie, the
visible region, and click-to-jump. Marks are rendered once into a pixmap; a scroll only moves the region box.

A click on a mark asks for that passage (``markClicked``); a click or drag elsewhere asks for that point of the
document (``jumpRequested``)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from reader.ui.palette import LIGHT, Theme

STRIP_WIDTH = 16
HIT_SLOP = 3.0  # px above and below a mark that still count as a click on it


@dataclass(frozen=True)
class OverviewMark:
    top: float  # fraction 0..1 of the document height
    bottom: float
    kind: str  # "unique" | "discrepancy" | "linked"
    y_top: float | None = None  # the passage's document y-range in its pane, when known
    y_bottom: float | None = None


class OverviewStrip(QWidget):
    """Thin map of one document; emits the document fraction clicked."""

    jumpRequested = Signal(float)  # fraction 0..1 of the document height
    markClicked = Signal(object)  # OverviewMark under the click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self._marks: list[OverviewMark] = []
        self._region = (0.0, 1.0)
        self._cache: QPixmap | None = None
        self.setFixedWidth(STRIP_WIDTH)
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip("Map of this article: orange = only in this source, purple = discrepancy. Click to jump.")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(STRIP_WIDTH, 400)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._cache = None
        self.update()

    def set_marks(self, marks: list[OverviewMark]) -> None:
        self._marks = list(marks)
        self._cache = None
        self.update()

    def marks(self) -> list[OverviewMark]:
        return list(self._marks)

    def set_region(self, top: float, bottom: float) -> None:
        region = (max(0.0, top), min(1.0, bottom))
        if region != self._region:
            self._region = region
            self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._cache = None
        super().resizeEvent(event)

    def _render(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pix = QPixmap(max(1, int(self.width() * ratio)), max(1, int(self.height() * ratio)))
        pix.setDevicePixelRatio(ratio)
        pix.fill(QColor(self.theme.gutter_bg))
        painter = QPainter(pix)
        height, width = float(self.height()), float(self.width())
        colours = {
            "linked": QColor(self.theme.near),
            "unique": QColor(self.theme.unique_mark),
            "discrepancy": QColor(self.theme.discrepancy),
        }
        for kind in ("linked", "unique", "discrepancy"):  # strongest on top
            colour = colours[kind]
            inset = {"linked": 5.0, "unique": 3.0, "discrepancy": 2.0}[kind]
            for mark in self._marks:
                if mark.kind != kind:
                    continue
                top = mark.top * height
                tall = max(3.0 if kind == "discrepancy" else 2.0, (mark.bottom - mark.top) * height)
                painter.fillRect(QRectF(inset, top, width - 2 * inset, tall), colour)
        painter.end()
        return pix

    def paintEvent(self, _event) -> None:  # noqa: N802
        if self._cache is None or self._cache.deviceIndependentSize().toSize() != self.size():
            self._cache = self._render()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._cache)
        top, bottom = self._region
        if bottom - top < 0.999:
            box = QRectF(0.5, top * self.height(), self.width() - 1, max(6.0, (bottom - top) * self.height()))
            fill = QColor(self.theme.viewport)
            fill.setAlpha(40)
            edge = QColor(self.theme.viewport)
            edge.setAlpha(150)
            painter.setPen(edge)
            painter.setBrush(fill)
            painter.drawRect(box)
        painter.end()

    def mark_at(self, y: float) -> OverviewMark | None:
        """The mark drawn at widget y (the strongest kind, then the nearest), if any."""
        height = float(self.height())
        rank = {"discrepancy": 0, "unique": 1, "linked": 2}
        hits = []
        for mark in self._marks:
            top = mark.top * height
            bottom = max(top + 3.0, mark.bottom * height)
            if top - HIT_SLOP <= y <= bottom + HIT_SLOP:
                hits.append((rank.get(mark.kind, 3), abs((top + bottom) / 2 - y), mark))
        return min(hits, key=lambda h: h[:2])[2] if hits else None

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton and self.height() > 0:
            y = event.position().y()
            mark = self.mark_at(y)
            if mark is not None:
                self.markClicked.emit(mark)
            else:
                self.jumpRequested.emit(min(1.0, max(0.0, y / self.height())))

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.LeftButton and self.height() > 0:
            self.jumpRequested.emit(min(1.0, max(0.0, event.position().y() / self.height())))
