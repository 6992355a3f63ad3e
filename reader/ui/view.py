"""ComparisonView: the two aligned reading panes, the connector gutter, overview strips, navigation and find.

Layout: ``[map | left text | gutter | right text | map]`` under two pane headers, with a find bar and a legend below.

Difference navigation order: the *active* side (the pane last clicked or focused; left at first) is walked in its
reading order from the current position — its "only here" passages (consecutive sentences grouped) and
discrepancies; past its last item the walk continues on the other side from the top, and wraps around.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette, QShortcut, QTextCharFormat
from PySide6.QtWidgets import QGridLayout, QMenu, QVBoxLayout, QWidget

from reader.core.model import Comparison, Document, Entity, Side
from reader.ui.find_bar import FindBar
from reader.ui.gutter import LinkGutter, ScrollMap, build_bands, ids_y
from reader.ui.highlight import (
    Difference, Formats, SideIndex, apply_formats, describe_discrepancy, describe_link, differences, disc_span,
    link_ids, step_across, unique_runs,
)
from reader.ui.overview import OverviewMark, OverviewStrip
from reader.ui.palette import LegendWidget, Theme, resolve_theme
from reader.ui.pane import DEFAULT_POINT_SIZE, MarginMark, PaneHeader, PaneText, Region, span_format

MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 32.0
READING_LINE = 0.3  # fraction of the viewport height where jumps put their target and scroll lock aligns
MAX_FIND_MARKS = 300  # more matches than this: only the current one is marked (keeps painting cheap)


def _side(side: Side | str) -> Side:
    return side if isinstance(side, Side) else Side(str(side).lower())


class ComparisonView(QWidget):
    """The central comparison widget of the desktop reader."""

    passageSelected = Signal(str, int)
    linkRequested = Signal(tuple, tuple)
    unlinkRequested = Signal(int)
    fileDropped = Signal(str, str)
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None, theme: str = "system") -> None:
        super().__init__(parent)
        self._theme_name = theme
        self.theme: Theme = resolve_theme(theme)
        self.formats = Formats(self.theme)
        self.panes = {s: PaneText(s, self) for s in Side}
        self.headers = {s: PaneHeader(self) for s in Side}
        self.overviews = {s: OverviewStrip(self) for s in Side}
        self.gutter = LinkGutter(self)
        self.find_bar = FindBar(self)
        self.legend = LegendWidget(self, self.theme)
        self.comparison: Comparison | None = None
        self.documents: dict[Side, Document | None] = {Side.LEFT: None, Side.RIGHT: None}
        self._index: dict[Side, SideIndex] = {}
        self._seg_y: dict[Side, list[tuple[float, float]]] = {Side.LEFT: [], Side.RIGHT: []}
        self._maps = {Side.LEFT: ScrollMap([], True), Side.RIGHT: ScrollMap([], False)}
        self._selection: dict[Side, tuple[int, ...]] = {Side.LEFT: (), Side.RIGHT: ()}
        self._active = Side.LEFT
        self._position: tuple[Side, int] | None = None  # where difference navigation stands
        self._entity_key: tuple[str, str] | None = None
        self._entity_step = -1
        self._find_at: tuple[Side, int] | None = None
        self._find_cache: dict[tuple[Side, str], list[tuple[int, int]]] = {}
        self._scroll_lock = False
        self._syncing = False
        self._build_layout()
        self._connect()
        self.set_theme(theme)

    # ------------------------------------------------------------------ construction
    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.headers[Side.LEFT], 0, 0, 1, 2)
        grid.addWidget(self.headers[Side.RIGHT], 0, 3, 1, 2)
        grid.addWidget(self.overviews[Side.LEFT], 1, 0)
        grid.addWidget(self.panes[Side.LEFT], 1, 1)
        grid.addWidget(self.gutter, 1, 2)
        grid.addWidget(self.panes[Side.RIGHT], 1, 3)
        grid.addWidget(self.overviews[Side.RIGHT], 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(grid, 1)
        outer.addWidget(self.find_bar)
        outer.addWidget(self.legend)
        self.find_bar.hide()
        self.find_shortcut = QShortcut(QKeySequence.Find, self, self.show_find_bar)
        self.find_shortcut.setContext(Qt.WidgetWithChildrenShortcut)

    def _connect(self) -> None:
        for side, pane in self.panes.items():
            pane.segmentClicked.connect(lambda off, ext, s=side: self._on_click(s, off, ext))
            pane.contextMenuAt.connect(lambda pos, off, s=side: self._show_menu(s, pos, off))
            pane.fileDropped.connect(lambda path, s=side: self.fileDropped.emit(s.value, path))
            pane.layoutChanged.connect(self._rebuild_geometry)
            pane.focused.connect(lambda s=side: self.set_active_side(s))
            pane.verticalScrollBar().valueChanged.connect(lambda _v, s=side: self._on_scroll(s))
            pane.verticalScrollBar().rangeChanged.connect(lambda _a, _b, s=side: self._on_scroll(s))
            pane.tooltip_provider = lambda off, s=side: self._tooltip(s, off)
            self.overviews[side].jumpRequested.connect(lambda f, s=side: self._overview_jump(s, f))
        self.gutter.bandClicked.connect(self._on_band_clicked)
        self.find_bar.findRequested.connect(self._on_find_requested)
        self.find_bar.closed.connect(self._on_find_closed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    # ------------------------------------------------------------------ documents and comparison
    def set_documents(self, left: Document, right: Document) -> None:
        """Show both texts at once, without highlights."""
        self.comparison = None
        self._index = {}
        for side, document in ((Side.LEFT, left), (Side.RIGHT, right)):
            self.documents[side] = document
            self.panes[side].set_document(document)
            self.headers[side].set_document(document)
        self._reset_state()
        self._rebuild_geometry()  # no comparison: drops bands and marks of the previous one

    def set_comparison(self, comparison: Comparison) -> None:
        """Apply highlights, connectors, margin marks and overview marks of a comparison."""
        for side in Side:
            shown = self.documents[side]
            if shown is None or shown.text != comparison.side(side).document.text:
                self.set_documents(comparison.left.document, comparison.right.document)
                break
        self.comparison = comparison
        self._index = {s: SideIndex.build(comparison, s) for s in Side}
        self._reset_state()
        for side in Side:
            self._apply_formats(side, reset=False)
        self._rebuild_geometry()

    def clear_comparison(self) -> None:
        self.comparison = None
        self._index = {}
        for side in Side:
            self._apply_formats(side)
        self._reset_state()
        self._rebuild_geometry()

    def _apply_formats(self, side: Side, reset: bool = True) -> None:
        """Char formats of one pane; ``reset=False`` when the pane holds a fresh document (saves a relayout)."""
        document, pane = self.documents[side], self.panes[side]
        if document is None or (not reset and self.comparison is None):
            return
        apply_formats(pane.document(), document, pane.omap, self.formats, self.comparison, side,
                      reset=reset or pane.formatted)
        pane.formatted = self.comparison is not None

    def _reset_state(self) -> None:
        self._selection = {Side.LEFT: (), Side.RIGHT: ()}
        self._position = None
        self._entity_key, self._entity_step = None, -1
        self._find_at = None
        self._find_cache.clear()
        self.gutter.set_selected(None)
        for pane in self.panes.values():
            for layer in ("entity", "find"):
                pane.set_layer(layer, [], QTextCharFormat())
            pane.set_selected_regions([])

    # ------------------------------------------------------------------ geometry
    def _rebuild_geometry(self) -> None:
        """Document y-ranges of segments -> bands, margin marks, overview marks. Runs on layout changes only."""
        comparison = self.comparison
        for pane in self.panes.values():
            pane.wants_geometry = comparison is not None
        if comparison is None:
            for side in Side:
                self._seg_y[side] = []
                self._maps[side] = ScrollMap([], side is Side.LEFT)
                self.panes[side].set_marks([])
                self.panes[side].set_regions([])
                self.panes[side].set_selected_regions([])
                self.overviews[side].set_marks([])
            self.gutter.set_bands([])
            return
        for side in Side:
            pane = self.panes[side]
            self._seg_y[side] = pane.spans_y([(s.start, s.end) for s in comparison.side(side).segments])
        bands = build_bands(comparison.links, self._seg_y[Side.LEFT], self._seg_y[Side.RIGHT])
        self.gutter.set_bands(bands)
        for side in Side:
            self._maps[side] = ScrollMap(bands, side is Side.LEFT)
            self.panes[side].set_regions(self._regions(side))
            self._update_marks(side)
        self._show_selection()
        self._sync_views()
        for pane in self.panes.values():
            pane.mark_geometry_current()

    def _regions(self, side: Side) -> list[Region]:
        """Shaded passages of one side: links by kind, "only here" runs in orange (rects computed lazily)."""
        comparison, ys = self.comparison, self._seg_y[side]
        segs = comparison.side(side).segments
        regions = []
        for link in comparison.links:
            kind = getattr(link.kind, "value", str(link.kind))
            for a, b in unique_runs(link_ids(link, side)):
                if 0 <= a and b < len(segs):
                    regions.append(Region(ys[a][0], ys[b][1], segs[a].start, segs[b].end, kind))
        for a, b in unique_runs(comparison.unique(side)):
            regions.append(Region(ys[a][0], ys[b][1], segs[a].start, segs[b].end, "unique"))
        return regions

    def _ids_y(self, side: Side, ids) -> tuple[float, float] | None:
        return ids_y(self._seg_y[side], ids)

    def _update_marks(self, side: Side) -> None:
        comparison, pane = self.comparison, self.panes[side]
        if comparison is None:
            return
        marks: list[MarginMark] = []
        overview: list[OverviewMark] = []
        height = self._map_height(pane)
        ys = self._seg_y[side]
        for first, last in unique_runs(comparison.unique(side)):
            top, bottom = ys[first][0], ys[last][1]
            marks.append(MarginMark(top, bottom, "unique"))
            overview.append(OverviewMark(top / height, bottom / height, "unique"))
        for disc in comparison.discrepancies:
            top, bottom = pane.line_span(disc_span(disc, side)[0])
            marks.append(MarginMark(top, bottom, "discrepancy"))
            overview.append(OverviewMark(top / height, bottom / height, "discrepancy"))
        for seg_id in self._selection[side]:
            if 0 <= seg_id < len(ys):
                marks.append(MarginMark(ys[seg_id][0], ys[seg_id][1], "selected"))
        pane.set_marks(marks)
        self.overviews[side].set_marks(overview)

    # ------------------------------------------------------------------ scrolling
    def _on_scroll(self, side: Side) -> None:
        self._sync_views()
        if self._scroll_lock and not self._syncing:
            self._syncing = True
            try:
                self._follow(side)
            finally:
                self._syncing = False

    def _sync_views(self) -> None:
        left, right = self.panes[Side.LEFT], self.panes[Side.RIGHT]
        self.gutter.set_scroll(left.scroll_offset(), right.scroll_offset())
        for side, pane in self.panes.items():
            bar = pane.verticalScrollBar()  # its range follows the (possibly still growing) layout
            height = self._map_height(pane)
            self.overviews[side].set_region(bar.value() / height, (bar.value() + bar.pageStep()) / height)

    @staticmethod
    def _map_height(pane: PaneText) -> float:
        """Height the overview strip stands for: the document, or the viewport when the text is shorter."""
        bar = pane.verticalScrollBar()
        return max(1.0, float(bar.maximum() + bar.pageStep()), float(pane.viewport().height()))

    def set_scroll_lock(self, on: bool) -> None:
        """Keep the panes in step through the links."""
        self._scroll_lock = bool(on)
        if on:
            self._on_scroll(self._active)

    def scroll_lock(self) -> bool:
        return self._scroll_lock

    def counterpart_y(self, side: Side | str, y: float) -> float:
        """Document y in the other pane matching y in this one, interpolated between linked passages."""
        return self._maps[_side(side)].counterpart(y)

    def _follow(self, side: Side) -> None:
        pane, other = self.panes[side], self.panes[side.other]
        y = pane.scroll_offset() + pane.viewport().height() * READING_LINE
        target = self.counterpart_y(side, y) - other.viewport().height() * READING_LINE
        bar = other.verticalScrollBar()
        bar.setValue(int(max(bar.minimum(), min(bar.maximum(), target))))

    def _overview_jump(self, side: Side, fraction: float) -> None:
        pane = self.panes[side]
        height = self._map_height(pane)
        bar = pane.verticalScrollBar()
        bar.setValue(int(min(bar.maximum(), max(0.0, fraction * height - pane.viewport().height() / 2))))
        self._active = side

    # ------------------------------------------------------------------ selection
    def _on_click(self, side: Side, offset: int, extend: bool) -> None:
        self._active = side
        self._position = (side, offset)
        index = self._index.get(side)
        seg_id = index.segment_at(offset) if index else None
        if seg_id is None:
            return
        self.select_segment(side, seg_id, extend=extend, scroll_self=False)
        self.passageSelected.emit(side.value, seg_id)

    def _on_band_clicked(self, link_index: int) -> None:
        if self.comparison is None:
            return
        link = self.comparison.links[link_index]
        if link.left:
            self.select_segment(Side.LEFT, link.left[0])
            self.passageSelected.emit(Side.LEFT.value, link.left[0])

    def select_segment(self, side: Side | str, seg_id: int, *, extend: bool = False, scroll_self: bool = True) -> None:
        """Select a passage and its counterparts, scroll the other pane to them and flash them."""
        side = _side(side)
        comparison = self.comparison
        if comparison is None or not (0 <= seg_id < len(comparison.side(side).segments)):
            return
        link_index = self._index[side].seg_link.get(seg_id)
        if link_index is not None:
            link = comparison.links[link_index]
            self._selection = {Side.LEFT: link.left, Side.RIGHT: link.right}
            self.statusMessage.emit(describe_link(link, link_index))
        else:
            current = self._selection[side] if extend else ()
            self._selection[side] = tuple(sorted(set(current) | {seg_id}))
            self.statusMessage.emit(self._unlinked_message(side, seg_id))
        self.gutter.set_selected(link_index)
        self._show_selection()
        own = self._ids_y(side, (seg_id,))
        if own is not None and scroll_self and not self.panes[side].is_y_visible(*own):
            self.panes[side].scroll_to_y(*own, where=READING_LINE)
        if link_index is not None:
            self._align_other(side, seg_id, self._selection[side.other])
        for s in Side:
            self.panes[s].flash(self._spans(s, self._selection[s]))

    def _unlinked_message(self, side: Side, seg_id: int) -> str:
        if seg_id in self._index[side].boilerplate:
            return "Boilerplate: not compared"
        return f"Only in {self._source_name(side)}: not found in {self._source_name(side.other)}"

    def _align_other(self, side: Side, seg_id: int, other_ids: tuple[int, ...]) -> None:
        """Scroll the other pane so the counterpart sits level with the passage (across the gutter)."""
        own, there = self._ids_y(side, (seg_id,)), self._ids_y(side.other, other_ids)
        if own is None or there is None:
            return
        pane, other = self.panes[side], self.panes[side.other]
        screen_y = own[0] - pane.scroll_offset()
        bar = other.verticalScrollBar()
        self._syncing = True
        try:
            bar.setValue(int(max(bar.minimum(), min(bar.maximum(), there[0] - screen_y))))
            if not other.is_y_visible(*there):
                other.scroll_to_y(*there, where=READING_LINE)
        finally:
            self._syncing = False

    def _show_selection(self) -> None:
        for side in Side:
            pane = self.panes[side]
            regions = [pane.region(a, b, "selected") for a, b in self._spans(side, self._selection[side])]
            pane.set_selected_regions([r for r in regions if r is not None])
            self._update_marks(side)

    def _spans(self, side: Side, ids) -> list[tuple[int, int]]:
        if self.comparison is None:
            return []
        segs = self.comparison.side(side).segments
        return [(segs[a].start, segs[b].end) for a, b in unique_runs(tuple(ids)) if 0 <= a and b < len(segs)]

    def selection(self, side: Side | str) -> tuple[int, ...]:
        return self._selection[_side(side)]

    def _source_name(self, side: Side) -> str:
        document = self.documents[side]
        return (document.title or document.name) if document else side.value

    # ------------------------------------------------------------------ context menu
    def build_context_menu(self, side: Side | str, offset: int) -> QMenu:
        """Copy / Unlink / Link with the passage selected on the other side, for the passage at offset."""
        side = _side(side)
        pane = self.panes[side]
        menu = QMenu(self)
        index = self._index.get(side)
        seg_id = index.segment_at(offset) if index and offset >= 0 else None
        copy = menu.addAction("Copy")
        copy.setEnabled(pane.textCursor().hasSelection() or seg_id is not None)
        copy.triggered.connect(lambda: self._copy(side, seg_id))
        link_index = index.seg_link.get(seg_id) if index and seg_id is not None else None
        unlink = menu.addAction("Unlink")
        unlink.setEnabled(link_index is not None)
        unlink.triggered.connect(lambda: self.unlinkRequested.emit(link_index))
        other_ids = self._selection[side.other]
        other_free = bool(other_ids) and not any(i in self._index[side.other].seg_link for i in other_ids)
        link = menu.addAction("Link with the passage selected on the other side")
        link.setEnabled(seg_id is not None and link_index is None and other_free)
        link.setToolTip("Click an unlinked passage in the other pane first, then use this on a passage here")
        if seg_id is not None:
            here = self._selection[side] if seg_id in self._selection[side] else (seg_id,)
            pair = (here, other_ids) if side is Side.LEFT else (other_ids, here)
            link.triggered.connect(lambda: self.linkRequested.emit(tuple(pair[0]), tuple(pair[1])))
        return menu

    def _show_menu(self, side: Side, global_pos, offset: int) -> None:
        self._active = side
        menu = self.build_context_menu(side, offset)
        menu.exec(global_pos)
        menu.deleteLater()

    def _copy(self, side: Side, seg_id: int | None) -> None:
        pane = self.panes[side]
        if pane.textCursor().hasSelection():
            pane.copy()
        elif seg_id is not None and self.comparison is not None:
            QGuiApplication.clipboard().setText(self.comparison.side(side).segment_text(seg_id))

    def _tooltip(self, side: Side, offset: int) -> str:
        index, comparison = self._index.get(side), self.comparison
        if index is None or comparison is None:
            return ""
        disc = index.discrepancy_at(offset)
        if disc is not None:
            return describe_discrepancy(disc, side, self._source_name(side.other))
        seg_id = index.segment_at(offset)
        if seg_id is None:
            return ""
        link_index = index.seg_link.get(seg_id)
        if link_index is not None:
            return describe_link(comparison.links[link_index], link_index)
        return self._unlinked_message(side, seg_id)

    # ------------------------------------------------------------------ navigation
    def differences(self, side: Side | str) -> list[Difference]:
        """The stops of next/previous difference on one side, in reading order."""
        return differences(self.comparison, _side(side))

    def next_difference(self) -> Difference | None:
        return self._step_difference(forward=True)

    def previous_difference(self) -> Difference | None:
        return self._step_difference(forward=False)

    def _step_difference(self, forward: bool) -> Difference | None:
        side, offset = self._position or (self._active, None)
        found = step_across(lambda s: [d.start for d in self.differences(s)], side, offset, forward)
        if found is None:
            self.statusMessage.emit("No differences to show")
            return None
        item = self.differences(found[0])[found[1]]
        self._go_to_difference(item, wrapped=found[2])
        return item

    def _go_to_difference(self, item: Difference, wrapped: bool) -> None:
        self._position = (item.side, item.start)
        self._active = item.side
        self.jump_to(item.side, item.start, item.end)
        if item.kind == "discrepancy" and self.comparison is not None:
            disc = next(d for d in self.comparison.discrepancies if disc_span(d, item.side)[0] == item.start)
            start, end = disc_span(disc, item.side.other)
            self.jump_to(item.side.other, start, end)
            message = describe_discrepancy(disc, item.side, self._source_name(item.side.other))
        else:
            message = f"Only in {self._source_name(item.side)}"
        items = self.differences(item.side)
        place = next((i for i, d in enumerate(items) if d == item), 0) + 1
        prefix = f"{self._source_name(item.side)}: " if wrapped else ""
        self.statusMessage.emit(f"{prefix}{message} ({place} of {len(items)} on this side)")

    def jump_to(self, side: Side | str, start: int, end: int) -> None:
        """Scroll a pane to a char span and flash it."""
        side = _side(side)
        pane = self.panes[side]
        top, bottom = pane.span_y(start, end)
        self._syncing = True  # a jump moves only the panes it names
        try:
            pane.scroll_to_y(top, bottom, where=READING_LINE)
        finally:
            self._syncing = False
        pane.flash([(start, end)])

    def show_entity(self, entity: Entity) -> None:
        """Mark every mention of an entity in both panes; repeated calls step to the next mention."""
        key = (entity.name, getattr(entity.group, "value", str(entity.group)))
        mentions = [(Side.LEFT, m) for m in entity.left] + [(Side.RIGHT, m) for m in entity.right]
        if not mentions:
            return
        self._entity_step = (self._entity_step + 1) % len(mentions) if key == self._entity_key else 0
        self._entity_key = key
        colour = QColor(self.theme.entity)
        for side in Side:
            spans = [(m.start, m.end) for s, m in mentions if s is side]
            self.panes[side].set_layer("entity", spans, span_format(colour))
        side, mention = mentions[self._entity_step]
        self.jump_to(side, mention.start, mention.end)
        self.statusMessage.emit(f"“{entity.name}”: mention {self._entity_step + 1} of {len(mentions)} "
                                f"({self._source_name(side)})")

    def clear_entity(self) -> None:
        self._entity_key, self._entity_step = None, -1
        for pane in self.panes.values():
            pane.set_layer("entity", [], QTextCharFormat())

    # ------------------------------------------------------------------ find
    def show_find_bar(self) -> None:
        pane = self.panes[self._active]
        selected = pane.textCursor().selectedText() if pane.textCursor().hasSelection() else ""
        self.find_bar.open_bar(selected if "\u2029" not in selected else "")

    def _matches(self, side: Side, text: str) -> list[tuple[int, int]]:
        key = (side, text.lower())
        if key not in self._find_cache:
            document = self.documents[side]
            body = document.text if document else ""
            pattern = re.compile(re.escape(text), re.IGNORECASE)
            self._find_cache[key] = [(m.start(), m.end()) for m in pattern.finditer(body)]
        return self._find_cache[key]

    def find(self, text: str, forward: bool = True, *, incremental: bool = False) -> bool:
        """Find the next (or previous) match in either pane, from the current match; wraps around."""
        if not text:
            return False
        side, offset = self._find_at or (self._active, None)
        if incremental and offset is not None:
            offset -= 1  # typing refines the current match instead of moving past it
        found = step_across(lambda s: [m[0] for m in self._matches(s, text)], side, offset, forward)
        if found is not None:
            self._show_match(found[0], self._matches(found[0], text), found[1], text)
            return True
        self._find_at = None
        for pane in self.panes.values():
            pane.set_layer("find", [], QTextCharFormat())
        self.find_bar.set_status("Not found")
        self.statusMessage.emit(f"“{text}” not found")
        return False

    def _show_match(self, side: Side, matches: list[tuple[int, int]], k: int, text: str) -> None:
        self._find_at = (side, matches[k][0])
        self._active = side
        colour = QColor(self.theme.find)
        for s in Side:
            spans = self._matches(s, text)
            shown = spans if len(spans) <= MAX_FIND_MARKS else ([matches[k]] if s is side else [])
            self.panes[s].set_layer("find", shown, span_format(colour))
        self.jump_to(side, *matches[k])
        cursor = self.panes[side].textCursor()
        omap = self.panes[side].omap
        cursor.setPosition(omap.to_qt(matches[k][0]))
        cursor.setPosition(omap.to_qt(matches[k][1]), cursor.MoveMode.KeepAnchor)
        self.panes[side].setTextCursor(cursor)
        total = len(matches) + len(self._matches(side.other, text))
        status = f"{k + 1} of {len(matches)} in {self._source_name(side)} · {total} in both"
        self.find_bar.set_status(status)
        self.statusMessage.emit(status)

    def _on_find_requested(self, text: str, forward: bool) -> None:
        self.find(text, forward, incremental=self.find_bar.incremental)

    def _on_find_closed(self) -> None:
        for pane in self.panes.values():
            pane.set_layer("find", [], QTextCharFormat())
        self.panes[self._active].setFocus()

    # ------------------------------------------------------------------ zoom and theme
    def font_size(self) -> float:
        return self.panes[Side.LEFT].point_size

    def set_font_size(self, pt: float) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(pt)))
        for pane in self.panes.values():
            pane.set_point_size(size)
        self._rebuild_geometry()
        self.statusMessage.emit(f"Text size {size:g} pt")

    def zoom_in(self) -> None:
        self.set_font_size(self.font_size() + 1)

    def zoom_out(self) -> None:
        self.set_font_size(self.font_size() - 1)

    def reset_zoom(self) -> None:
        self.set_font_size(DEFAULT_POINT_SIZE)

    def set_theme(self, name: str) -> None:
        """"light", "dark" or "system" (follows the desktop's colour scheme)."""
        self.theme = resolve_theme(name)
        self._theme_name = name
        self.formats = Formats(self.theme)
        for side in Side:
            self.panes[side].set_formats(self.formats)
            self._apply_formats(side)
            self.headers[side].set_theme(self.theme)
            self.overviews[side].set_theme(self.theme)
        self.gutter.set_theme(self.theme)
        self.legend.set_theme(self.theme)
        pal = self.palette()
        for role, colour in ((QPalette.Window, self.theme.header_bg), (QPalette.WindowText, self.theme.header_text),
                             (QPalette.Base, self.theme.base), (QPalette.Text, self.theme.text),
                             (QPalette.Button, self.theme.header_bg), (QPalette.ButtonText, self.theme.header_text)):
            pal.setColor(role, QColor(colour))
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self._show_selection()

    def theme_name(self) -> str:
        return self._theme_name

    def _on_system_scheme(self, _scheme) -> None:
        if self._theme_name == "system":
            self.set_theme("system")

    def set_active_side(self, side: Side | str) -> None:
        self._active = _side(side)

    def link_ids_of(self, side: Side | str, link_index: int) -> tuple[int, ...]:
        return link_ids(self.comparison.links[link_index], _side(side)) if self.comparison else ()
