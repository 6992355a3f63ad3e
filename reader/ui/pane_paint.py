"""What a reading pane paints besides its text: shaded passages, the selected passage, a fading flash after a
jump, margin marks, and ExtraSelection layers (entity mentions, find matches).

A mixin of :class:`reader.ui.pane.PaneText`. Passages are sorted by top once; a paint looks up the visible ones
with bisect, so the cost of a frame depends on what is on screen, not on the document length.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit


LONG_REGION_CHARS = 20_000  # a passage longer than this is painted and outlined by the part on screen


@dataclass(frozen=True)
class MarginMark:
    """A bar or glyph in the pane's left margin: the second cue besides colour."""

    top: float  # document y
    bottom: float
    kind: str  # "unique" | "discrepancy" | "selected"


@dataclass(frozen=True)
class Region:
    """A shaded passage painted behind the text (document y-range and char span); its per-line rects are
    computed when it first scrolls into view and cached until the layout changes."""

    top: float
    bottom: float
    start: int
    end: int
    kind: str  # "identical" | "near" | "paraphrase" | "unique" | "selected" | "flash"


class _Sorted:
    """Items sorted by top, with the tallest extent, for "which items meet [y0, y1]"."""

    def __init__(self, items: list) -> None:
        self.items = sorted(items, key=lambda r: r.top)
        self.tops = [r.top for r in self.items]
        self.span = max((r.bottom - r.top for r in self.items), default=0.0)

    def meeting(self, y0: float, y1: float) -> list:
        return self.items[bisect_left(self.tops, y0 - self.span):bisect_right(self.tops, y1)]


class PaneLayers:
    """Shading, outlines, flash, margin marks and ExtraSelection layers of a pane (state set up by PaneText)."""

    def _init_layers(self) -> None:
        self._marks = _Sorted([])
        self._regions = _Sorted([])
        self._rect_cache: dict[tuple[int, int], tuple[QRectF, ...]] = {}
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._selected_regions: list[Region] = []
        self._selected_paths: list[QPainterPath] = []
        self._flash_regions: list[Region] = []
        self._flash_alpha = 0.0

    # ------------------------------------------------------------------ state
    def set_marks(self, marks: list[MarginMark]) -> None:
        self._marks = _Sorted(marks)
        self.viewport().update()

    def set_regions(self, regions: list[Region]) -> None:
        """The shaded passages (links and "only here"), sorted once; painting looks up the visible ones."""
        self._rect_cache.clear()
        self._regions = _Sorted(regions)
        self.viewport().update()

    def regions(self) -> list[Region]:
        return list(self._regions.items)

    def region_kind_at(self, offset: int) -> str | None:
        """Kind of the shaded passage covering a char offset (None if unshaded)."""
        return next((r.kind for r in self._regions.items if r.start <= offset < r.end), None)

    def set_selected_regions(self, regions: list[Region]) -> None:
        """Outline the selected passage: the line rects united into one shape."""
        self._selected_regions = regions
        self._selected_paths = []
        for region in regions:
            path = QPainterPath()
            if region.end - region.start > LONG_REGION_CHARS:  # uniting thousands of line rects takes seconds
                path.addRoundedRect(QRectF(self.text_left() - 4, region.top, self.document().textWidth()
                                           - 2 * self.text_left() + 8, region.bottom - region.top), 4, 4)
                self._selected_paths.append(path)
                continue
            for rect in self.span_rects(region.start, region.end):
                piece = QPainterPath()
                piece.addRoundedRect(rect.adjusted(-1, 0, 1, 0), 4, 4)
                path = path.united(piece)
            self._selected_paths.append(path)
        self.viewport().update()

    def selected_regions(self) -> list[Region]:
        return list(self._selected_regions)

    def rects_of(self, region: Region, clip: tuple[float, float] | None = None) -> tuple[QRectF, ...]:
        """The line rects of a region; of a very long one only those near ``clip`` (the visible y-range)."""
        if clip is not None and region.end - region.start > LONG_REGION_CHARS:
            return self.span_rects(region.start, region.end, clip)
        key = (region.start, region.end)
        rects = self._rect_cache.get(key)
        if rects is None:
            rects = self._rect_cache[key] = self.span_rects(region.start, region.end)
        return rects

    def set_layer(self, name: str, spans: list[tuple[int, int]], fmt: QTextCharFormat) -> None:
        """Replace one layer of ExtraSelections (entity mentions, find matches)."""
        selections = []
        for start, end in spans:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.omap.to_qt(start))
            cursor.setPosition(self.omap.to_qt(end), QTextCursor.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self._layers[name] = selections
        self.setExtraSelections([s for key in ("entity", "find") for s in self._layers.get(key, [])])

    def flash(self, spans: list[tuple[int, int]]) -> None:
        """Briefly light up spans after a jump, fading out."""
        self._flash.stop()
        regions = [self.region(start, end, "flash") for start, end in spans]
        self._flash_regions = [r for r in regions if r is not None]
        self._flash.start()

    def region(self, start: int, end: int, kind: str) -> Region | None:
        if end <= start:
            return None
        top, bottom = self.span_y(start, end)
        return Region(top, bottom, start, end, kind)

    def _flash_step(self, value: float) -> None:
        self._flash_alpha = float(value)
        self.viewport().update()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event) -> None:  # noqa: N802
        value = self.scroll_offset()
        height = self.viewport().height()
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.Antialiasing)
        painter.translate(0, -value)
        painter.setPen(Qt.NoPen)
        clip = (value - 50.0, value + height + 50.0)
        for region in self._regions.meeting(value, value + height):
            self._paint_region(painter, region, self.theme_colour(region.kind), clip)
        if self._selected_paths:
            tint = QColor(self.theme.selected)
            tint.setAlpha(28)
            painter.setBrush(tint)
            painter.setPen(QPen(QColor(self.theme.selected), 1.3))
            for path in self._selected_paths:
                painter.drawPath(path)
            painter.setPen(Qt.NoPen)
        if self._flash_regions and self._flash_alpha > 0.01:
            colour = QColor(self.theme.flash)
            colour.setAlphaF(0.8 * self._flash_alpha)
            for region in self._flash_regions:
                self._paint_region(painter, region, colour, clip)
        painter.end()
        super().paintEvent(event)
        self._paint_marks(value, height)

    def theme_colour(self, kind: str) -> QColor:
        t = self.theme
        return QColor({"identical": t.identical, "near": t.near, "paraphrase": t.paraphrase,
                       "unique": t.unique}.get(kind, t.base))

    def _paint_region(self, painter: QPainter, region: Region, fill: QColor, clip=None) -> None:
        painter.setBrush(fill)
        for rect in self.rects_of(region, clip):
            painter.drawRoundedRect(rect, 3, 3)

    def _paint_marks(self, value: int, height: int) -> None:
        marks = self._marks.meeting(value, value + height)
        if not marks:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.Antialiasing)
        x = self.text_left() - 14
        for mark in marks:
            self._paint_mark(painter, mark, x, value)
        painter.end()

    def _paint_mark(self, painter: QPainter, mark: MarginMark, x: float, value: int) -> None:
        top, bottom = mark.top - value, mark.bottom - value
        t = self.theme
        painter.setPen(Qt.NoPen)
        if mark.kind == "unique":
            painter.setBrush(QColor(t.unique_mark))
            painter.drawRoundedRect(QRectF(x, top + 2, 4, bottom - top - 4), 2, 2)
        elif mark.kind == "selected":
            painter.setBrush(QColor(t.selected))
            painter.drawRoundedRect(QRectF(x + 6.5, top + 2, 3, bottom - top - 4), 1.5, 1.5)
        elif mark.kind == "discrepancy":
            mid = (top + bottom) / 2
            painter.setBrush(QColor(t.discrepancy))
            painter.drawPolygon([QPointF(x - 5, mid - 4.5), QPointF(x - 0.5, mid), QPointF(x - 5, mid + 4.5),
                                 QPointF(x - 9.5, mid)])
