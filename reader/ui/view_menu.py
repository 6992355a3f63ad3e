"""Context menu, hover tooltips and copy of the comparison view (a mixin of ComparisonView)."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from reader.core.model import Side
from reader.ui.highlight import describe_discrepancy, describe_link


def as_side(side: Side | str) -> Side:
    return side if isinstance(side, Side) else Side(str(side).lower())


class ViewMenu:
    """Copy / Unlink / Link with the other side's selection; what a passage is, on hover."""

    def build_context_menu(self, side: Side | str, offset: int) -> QMenu:
        """Copy / Unlink / Link with the passage selected on the other side, for the passage at offset."""
        side = as_side(side)
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

    def _unlinked_message(self, side: Side, seg_id: int) -> str:
        if seg_id in self._index[side].boilerplate:
            return "Boilerplate: not compared"
        return f"Only in {self._source_name(side)}: not found in {self._source_name(side.other)}"

    def _source_name(self, side: Side) -> str:
        document = self.documents[side]
        return (document.title or document.name) if document else side.value
