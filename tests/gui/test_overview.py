"""Overview strips: marks where the "only here" passages and discrepancies lie; clicking jumps there."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from reader.core.model import Side
from test_view import make_view
from viewdata import comparison


def test_marks_match_unique_passages_and_discrepancies(qtbot):
    view = make_view(qtbot, "fire")
    comp = comparison("fire")
    for side in Side:
        kinds = [m.kind for m in view.overviews[side].marks()]
        assert kinds.count("discrepancy") == len(comp.discrepancies)
        assert kinds.count("unique") >= 1
        tops = [m.top for m in view.overviews[side].marks()]
        assert all(0.0 <= t <= 1.0 for t in tops)


def test_click_on_strip_jumps_to_the_mark(qtbot):
    view = make_view(qtbot, size=(1300, 420))
    comp = comparison()
    pane, strip = view.panes[Side.LEFT], view.overviews[Side.LEFT]
    last = max((m for m in strip.marks() if m.kind == "unique"), key=lambda m: m.top)
    assert pane.scroll_offset() == 0
    y = int((last.top + last.bottom) / 2 * strip.height())
    qtbot.mouseClick(strip, Qt.LeftButton, pos=QPoint(strip.width() // 2, y))
    seg = comp.left.segments[comp.unique_left[-1]]
    assert pane.scroll_offset() > 0
    assert pane.is_y_visible(*pane.span_y(seg.start, seg.end))


def test_visible_region_follows_scrolling(qtbot):
    view = make_view(qtbot, size=(1300, 420))
    pane, strip = view.panes[Side.RIGHT], view.overviews[Side.RIGHT]
    top_before = strip._region[0]
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum())
    top, bottom = strip._region
    assert top > top_before and abs(bottom - 1.0) < 0.02
