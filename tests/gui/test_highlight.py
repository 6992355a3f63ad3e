"""Highlight bookkeeping: offsets with astral characters, lookups by offset, formats on a real document."""
from __future__ import annotations

from PySide6.QtGui import QTextCursor

from reader.core.model import Side
from reader.documents import document_from_text
from reader.ui.highlight import HIGHLIGHT_KIND, OffsetMap, SideIndex, display_text, unique_runs
from reader.ui.pane import PaneText
from test_view import make_view
from viewdata import comparison


def test_offset_map_handles_characters_outside_the_bmp():
    text = "Fire 🔥 spreads; 120 homes 🏠 lost."
    omap = OffsetMap(text)
    assert omap.to_qt(0) == 0 and omap.to_qt(5) == 5
    assert omap.to_qt(7) == 8 and omap.to_qt(len(text)) == len(text) + 2
    for offset in range(len(text) + 1):
        assert omap.from_qt(omap.to_qt(offset)) == offset
    assert OffsetMap("plain ascii").to_qt(7) == 7


def test_pane_spans_land_on_the_right_characters_with_emoji(qtbot):
    text = "Wildfire 🔥 news.\n\nThe fire 🔥🔥 destroyed 120 homes."
    pane = PaneText(Side.LEFT)
    qtbot.addWidget(pane)
    pane.set_document(document_from_text(text, title="emoji"))
    start = text.index("120")
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.omap.to_qt(start))
    cursor.setPosition(pane.omap.to_qt(start + 3), QTextCursor.KeepAnchor)
    assert cursor.selectedText() == "120"
    assert pane.offset_at(pane.cursorRect(cursor).center()) in (start + 2, start + 3)


def test_display_text_keeps_offsets():
    text = "a\r\nb\u2029c"
    assert len(display_text(text)) == len(text)


def test_unique_runs_group_consecutive_ids():
    assert unique_runs((3, 1, 2, 7, 9, 8, 12)) == [(1, 3), (7, 9), (12, 12)]
    assert unique_runs(()) == []


def test_side_index_lookups():
    comp = comparison("fire")
    index = SideIndex.build(comp, Side.LEFT)
    for seg in comp.left.segments:
        assert index.segment_at(seg.start) == seg.id
        assert index.segment_at(seg.end - 1) == seg.id
    for disc in comp.discrepancies:
        assert index.discrepancy_at(disc.left[0]) == disc
        assert SideIndex.build(comp, Side.RIGHT).discrepancy_at(disc.right[1] - 1) == disc
    seg = comp.left.segments[comp.links[0].left[0]]
    assert index.seg_link[seg.id] == 0
    assert set(comp.unique_left) == set(index.unique)


def test_discrepancy_format_and_theme_switch(qtbot):
    view = make_view(qtbot, "fire")
    disc = comparison("fire").discrepancies[0]
    pane = view.panes[Side.RIGHT]
    cursor = QTextCursor(pane.document())
    cursor.setPosition(disc.right[0] + 1)
    fmt = cursor.charFormat()
    assert fmt.property(HIGHLIGHT_KIND) == "discrepancy"
    assert fmt.fontWeight() >= 600 and fmt.underlineStyle() == fmt.UnderlineStyle.WaveUnderline
    assert fmt.foreground().color().name() == view.theme.discrepancy
    view.set_theme("dark")
    cursor.setPosition(disc.right[0] + 1)
    assert cursor.charFormat().foreground().color().name() == view.theme.discrepancy == "#f08cc8"
