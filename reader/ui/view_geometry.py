"""Formats and geometry of the comparison shown in a :class:`reader.ui.view.ComparisonView` (a mixin).

Geometry is the document y-range of every segment on each side; from it come the connector bands, the shaded
passages, the margin and overview marks and the scroll-lock map. It depends on the layout, so it is recomputed
when the layout changes (new comparison, resize, zoom) - never while painting. For long texts the work (char
formats first, then the walk over the segments that also lays the text out) runs a slice at a time on the UI
thread (:mod:`reader.ui.slices`); the previous geometry stays on screen until the new one is complete. Short
texts are done at once. Anything that needs geometry for a user action calls :meth:`ensure_geometry` first.
"""
from __future__ import annotations

import shiboken6

from reader.core.model import Comparison, Side
from reader.ui.gutter import Band, ScrollMap, ids_y
from reader.ui.highlight import disc_span, iter_apply_formats, link_ids, unique_runs
from reader.ui.overview import OverviewMark
from reader.ui.pane import MarginMark, Region
from reader.ui.slices import SliceRunner

GEOMETRY = "geometry"
LAYOUT = "layout"
SYNC_CHARS = 150_000  # both texts together; up to this the formats and geometry are done at once
LINKS_PER_STEP = 400


class ViewGeometry:
    """Geometry state of the view: per-segment y-ranges, scroll maps, and the sliced job that computes them."""

    def _init_geometry(self) -> None:
        self.sync_chars = SYNC_CHARS
        self._slices = SliceRunner(self)
        self._seg_y: dict[Side, list[tuple[float, float]]] = {Side.LEFT: [], Side.RIGHT: []}
        self._maps = {Side.LEFT: ScrollMap([], True), Side.RIGHT: ScrollMap([], False)}
        self._runs: dict[Side, list[tuple[int, int, str]]] = {Side.LEFT: [], Side.RIGHT: []}
        self._runs_of: Comparison | None = None

    def layout_pending(self) -> bool:
        """True while freshly shown long texts are still being laid out a slice at a time."""
        return self._slices.busy(LAYOUT)

    def geometry_pending(self) -> bool:
        """True while formats or geometry are still being computed a slice at a time."""
        return self._slices.busy(GEOMETRY)

    def _start_layout(self) -> None:
        """Lay freshly shown long texts out a slice at a time (instead of Qt's growing background steps)."""
        self._slices.start(LAYOUT, self._held(self._layout_job()))

    def _layout_job(self):
        for pane in self.panes.values():
            yield from pane.iter_layout()

    def _held(self, job):
        """Run a job with Qt's background layout of both panes paused (see ``LayoutHold``)."""
        panes = list(self.panes.values())
        for pane in panes:
            pane.hold_layout(True)
        try:
            yield from job
        finally:
            for pane in panes:
                if shiboken6.isValid(pane):  # not when the window is already gone
                    pane.hold_layout(False)

    def ensure_geometry(self) -> None:
        """Finish the pending formats and geometry now (before an action that needs them)."""
        self._slices.finish(GEOMETRY)

    def _rebuild_geometry(self) -> None:
        """Recompute the geometry from the current layout, at once."""
        self._start_geometry()
        self.ensure_geometry()

    def _start_geometry(self, formats: bool = False, reset: bool = False) -> None:
        """(Re)start the job: char formats when asked (``reset`` returns the text to plain first), then geometry."""
        comparison = self.comparison
        for pane in self.panes.values():
            pane.wants_geometry = comparison is not None
            pane.mark_geometry_current()
        self._slices.start(GEOMETRY, self._held(self._geometry_job(comparison, formats, reset)))
        chars = sum(len(d.text) for d in self.documents.values() if d is not None)
        if chars <= self.sync_chars or (comparison is None and not formats):
            self.ensure_geometry()

    def _geometry_job(self, comparison: Comparison | None, formats: bool, reset: bool):
        if comparison is not None and self._runs_of is not comparison:  # once per comparison, not per resize
            for side in Side:
                self._runs[side] = _passage_runs(comparison, side)
                yield
            self._runs_of = comparison
        if formats:
            for side in Side:
                yield from self._format_job(side, comparison, reset)
        if comparison is None:
            self._publish({Side.LEFT: [], Side.RIGHT: []}, [])
            return
        ys = {}
        for side in Side:
            spans = [(s.start, s.end) for s in comparison.side(side).segments]
            ys[side] = yield from self.panes[side].iter_spans_y(spans)
        bands: list[Band] = []
        for index, link in enumerate(comparison.links):
            left, right = ids_y(ys[Side.LEFT], link.left), ids_y(ys[Side.RIGHT], link.right)
            if left is not None and right is not None:
                kind = getattr(link.kind, "value", str(link.kind))
                bands.append(Band(index, left[0], left[1], right[0], right[1], kind, link.score, link.manual))
            if index % LINKS_PER_STEP == LINKS_PER_STEP - 1:
                yield
        for pane in self.panes.values():
            pane.sync_scroll_range()
        self._publish(ys, bands)

    def _format_job(self, side: Side, comparison: Comparison | None, reset: bool):
        document, pane = self.documents[side], self.panes[side]
        if document is None or (not reset and comparison is None):
            return
        reset = reset or pane.formatted
        pane.formatted = comparison is not None
        yield from iter_apply_formats(pane.document(), document, pane.omap, self.formats, comparison, side,
                                      reset=reset, first_at=pane.first_visible_offset())

    def _publish(self, ys: dict[Side, list[tuple[float, float]]], bands: list[Band]) -> None:
        """Show a finished geometry: bands, scroll maps, shaded passages, marks, selection."""
        self._seg_y = ys
        self.gutter.set_bands(bands)
        for side in Side:
            self._maps[side] = ScrollMap(bands, side is Side.LEFT)
            self.panes[side].set_regions(self._regions(side) if self.comparison is not None else [])
            if self.comparison is None:
                self.panes[side].set_marks([])
                self.panes[side].set_selected_regions([])
                self.overviews[side].set_marks([])
        self._show_selection()
        self._sync_views()

    def _regions(self, side: Side) -> list[Region]:
        """Shaded passages of one side: links by kind, "only here" runs in orange (rects computed lazily)."""
        ys, segs = self._seg_y[side], self.comparison.side(side).segments
        return [Region(ys[a][0], ys[b][1], segs[a].start, segs[b].end, kind) for a, b, kind in self._runs[side]
                if b < len(ys)]

    def _ids_y(self, side: Side, ids) -> tuple[float, float] | None:
        return ids_y(self._seg_y[side], ids)

    def _update_marks(self, side: Side) -> None:
        comparison, pane = self.comparison, self.panes[side]
        ys = self._seg_y[side]
        if comparison is None or len(ys) != len(comparison.side(side).segments):
            return
        marks: list[MarginMark] = []
        overview: list[OverviewMark] = []
        height = self._map_height(pane)
        for first, last in unique_runs(comparison.unique(side)):
            top, bottom = ys[first][0], ys[last][1]
            marks.append(MarginMark(top, bottom, "unique"))
            overview.append(OverviewMark(top / height, bottom / height, "unique", top, bottom))
        for disc in comparison.discrepancies:
            top, bottom = pane.line_span(disc_span(disc, side)[0])
            marks.append(MarginMark(top, bottom, "discrepancy"))
            overview.append(OverviewMark(top / height, bottom / height, "discrepancy", top, bottom))
        for seg_id in self._selection[side]:
            if 0 <= seg_id < len(ys):
                marks.append(MarginMark(ys[seg_id][0], ys[seg_id][1], "selected"))
        pane.set_marks(marks)
        self.overviews[side].set_marks(overview)

    @staticmethod
    def _map_height(pane) -> float:
        """Height the overview strip stands for: the document, or the viewport when the text is shorter."""
        bar = pane.verticalScrollBar()
        return max(1.0, float(bar.maximum() + bar.pageStep()), float(pane.viewport().height()))


def _passage_runs(comparison: Comparison, side: Side) -> list[tuple[int, int, str]]:
    """(first, last, kind) segment runs to shade: linked passages by kind, then "only here" runs."""
    count = len(comparison.side(side).segments)
    runs = []
    for link in comparison.links:
        kind = getattr(link.kind, "value", str(link.kind))
        runs += [(a, b, kind) for a, b in unique_runs(link_ids(link, side)) if 0 <= a and b < count]
    runs += [(a, b, "unique") for a, b in unique_runs(comparison.unique(side))]
    return runs
