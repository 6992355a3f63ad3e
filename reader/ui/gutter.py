"""The connector gutter between the panes: curved filled bands from each linked passage to its counterpart.

Geometry (document y-ranges of every link end) is computed when the layout changes, never while painting. A paint
looks up the bands whose left or right end meets the viewport with bisect over ends sorted by position, so the
cost of a frame depends on what is visible, not on the document length.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from reader.ui.palette import LIGHT, Theme

GUTTER_WIDTH = 56


@dataclass(frozen=True)
class Band:
    """One link's ends in document coordinates of each pane."""

    index: int  # into Comparison.links
    left_top: float
    left_bottom: float
    right_top: float
    right_bottom: float
    kind: str
    score: float
    manual: bool = False


def ids_y(ys: list[tuple[float, float]], ids) -> tuple[float, float] | None:
    """Vertical extent of some segments, from the per-segment y-ranges of their side."""
    ranges = [ys[i] for i in ids if 0 <= i < len(ys)]
    if not ranges:
        return None
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def build_bands(links, left_ys: list[tuple[float, float]], right_ys: list[tuple[float, float]]) -> list[Band]:
    """One band per link whose ends both have a position."""
    bands = []
    for index, link in enumerate(links):
        left, right = ids_y(left_ys, link.left), ids_y(right_ys, link.right)
        if left is not None and right is not None:
            kind = getattr(link.kind, "value", str(link.kind))
            bands.append(Band(index, left[0], left[1], right[0], right[1], kind, link.score, link.manual))
    return bands


class ScrollMap:
    """Maps a document y in one pane to the matching y in the other, through the links (scroll lock)."""

    def __init__(self, bands: list[Band], from_left: bool) -> None:
        self._here = (lambda b: (b.left_top, b.left_bottom)) if from_left else (lambda b: (b.right_top, b.right_bottom))
        self._there = (lambda b: (b.right_top, b.right_bottom)) if from_left else (lambda b: (b.left_top, b.left_bottom))
        self.bands = sorted(bands, key=lambda b: self._here(b)[0])
        self.tops = [self._here(b)[0] for b in self.bands]

    def counterpart(self, y: float) -> float:
        """Inside a linked passage: the same fraction of its counterpart; between two: interpolated."""
        bands, here, there = self.bands, self._here, self._there
        if not bands:
            return y
        k = bisect_right(self.tops, y) - 1
        if k < 0:
            return max(0.0, there(bands[0])[0] - (here(bands[0])[0] - y))
        (h0, h1), (t0, t1) = here(bands[k]), there(bands[k])
        if y <= h1:
            return t0 + (y - h0) / max(1.0, h1 - h0) * (t1 - t0)
        if k + 1 < len(bands):
            n0, m0 = here(bands[k + 1])[0], there(bands[k + 1])[0]
            if m0 > t1 and n0 > h1:
                return t1 + (y - h1) / (n0 - h1) * (m0 - t1)
        return t1 + (y - h1)


class _SortedEnds:
    """Bands sorted by one end's top, for "which bands meet [y0, y1]" in O(log n + k)."""

    def __init__(self, bands: list[Band], side: str) -> None:
        key_top = (lambda b: b.left_top) if side == "left" else (lambda b: b.right_top)
        key_bottom = (lambda b: b.left_bottom) if side == "left" else (lambda b: b.right_bottom)
        order = sorted(range(len(bands)), key=lambda i: key_top(bands[i]))
        self.order = order
        self.tops = [key_top(bands[i]) for i in order]
        self.bottoms = [key_bottom(bands[i]) for i in order]
        self.span = max((b - t for t, b in zip(self.tops, self.bottoms)), default=0.0)

    def meeting(self, y0: float, y1: float) -> list[int]:
        lo = bisect_left(self.tops, y0 - self.span)
        hi = bisect_right(self.tops, y1)
        return [self.order[k] for k in range(lo, hi) if self.bottoms[k] >= y0]


class LinkGutter(QWidget):
    """Draws the bands; the view gives it the bands and the two scroll offsets."""

    bandClicked = Signal(int)  # link index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self._bands: list[Band] = []
        self._left = _SortedEnds([], "left")
        self._right = _SortedEnds([], "right")
        self._scroll = (0, 0)
        self._selected: int | None = None  # link index
        self.setMouseTracking(True)
        self.setMinimumWidth(GUTTER_WIDTH)
        self.setMaximumWidth(GUTTER_WIDTH)
        self.last_painted = 0  # number of bands drawn in the last paint (benchmarks, tests)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(GUTTER_WIDTH, 400)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_bands(self, bands: list[Band]) -> None:
        self._bands = list(bands)
        self._left = _SortedEnds(self._bands, "left")
        self._right = _SortedEnds(self._bands, "right")
        self.update()

    def bands(self) -> list[Band]:
        return list(self._bands)

    def set_scroll(self, left: int, right: int) -> None:
        if (left, right) != self._scroll:
            self._scroll = (left, right)
            self.update()

    def set_selected(self, index: int | None) -> None:
        self._selected = index
        self.update()

    def visible_bands(self) -> list[int]:
        height = self.height()
        left, right = self._scroll
        found = set(self._left.meeting(left, left + height))
        found.update(self._right.meeting(right, right + height))
        return sorted(found)

    def band_path(self, band: Band) -> QPainterPath:
        width = float(self.width())
        sl, sr = self._scroll
        h = float(self.height())
        clamp = lambda y: min(1.6 * h, max(-0.6 * h, y))  # noqa: E731 - a far end only sets the direction
        lt, lb = clamp(band.left_top - sl + 2), clamp(band.left_bottom - sl - 2)
        rt, rb = clamp(band.right_top - sr + 2), clamp(band.right_bottom - sr - 2)
        mid = width / 2
        path = QPainterPath(QPointF(0, lt))
        path.cubicTo(QPointF(mid, lt), QPointF(mid, rt), QPointF(width, rt))
        path.lineTo(QPointF(width, rb))
        path.cubicTo(QPointF(mid, rb), QPointF(mid, lb), QPointF(0, lb))
        path.closeSubpath()
        return path

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self.theme.gutter_bg))
        painter.setRenderHint(QPainter.Antialiasing)
        visible = self.visible_bands()
        edge = QColor(self.theme.band_edge)
        soft = QColor(edge)
        soft.setAlpha(110)
        for index in visible:
            band = self._bands[index]
            fill = self.theme.band_colour(band.kind)
            fill.setAlpha(220)
            chosen = band.index == self._selected
            pen = QPen(edge if chosen else soft, 1.6 if chosen else 0.9)
            if band.manual:
                pen.setStyle(Qt.DashLine)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawPath(self.band_path(band))
        self.last_painted = len(visible)
        painter.end()

    def band_at(self, pos: QPointF) -> Band | None:
        for index in reversed(self.visible_bands()):
            if self.band_path(self._bands[index]).contains(pos):
                return self._bands[index]
        return None

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            band = self.band_at(event.position())
            if band is not None:
                self.bandClicked.emit(band.index)

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            band = self.band_at(QPointF(event.pos()))
            if band is None:
                QToolTip.hideText()
            else:
                manual = ", linked by hand" if band.manual else ""
                QToolTip.showText(event.globalPos(), f"{band.kind.capitalize()} · {band.score:.0%} likely the same fact{manual}", self)
            return True
        return super().event(event)
