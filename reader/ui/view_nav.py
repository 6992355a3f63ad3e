"""Selection, difference navigation, entity mentions and find of the comparison view (a mixin of ComparisonView).

Difference navigation order: the *active* side (the pane last clicked or focused; left at first) is walked in its
reading order from the current position - its "only here" passages (consecutive sentences grouped) and
discrepancies; past its last item the walk continues on the other side from the top, and wraps around.
"""
from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextCharFormat

from reader.core.model import Entity, Side
from reader.ui.highlight import Difference, describe_discrepancy, describe_link, differences, disc_span, \
    step_across, unique_runs
from reader.ui.pane import span_format
from reader.ui.view_menu import as_side

READING_LINE = 0.3  # fraction of the viewport height where jumps put their target and scroll lock aligns
MAX_FIND_MARKS = 300  # more matches than this: only the current one is marked (keeps painting cheap)


class ViewSelection:
    """The selected passage and its counterparts; clicks in the panes and on connector bands."""

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
        side = as_side(side)
        comparison = self.comparison
        if comparison is None or not (0 <= seg_id < len(comparison.side(side).segments)):
            return
        self.ensure_geometry()
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
        return self._selection[as_side(side)]


class ViewNavigation:
    """Next/previous difference, jumps, entity mentions and find across both panes."""

    def differences(self, side: Side | str) -> list[Difference]:
        """The stops of next/previous difference on one side, in reading order."""
        return differences(self.comparison, as_side(side))

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
        side = as_side(side)
        self.ensure_geometry()  # pending formats would move the text after the jump
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
        selected = pane.selected_text()
        self.find_bar.open_bar(selected if "\n" not in selected else "")

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
