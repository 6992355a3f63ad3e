"""Overview strips: marks where the "only here" passages and discrepancies lie; clicking jumps there."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from reader.core.model import Side
from test_view import make_view
from reader.ui.highlight import unique_runs
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
    """Clicking a mark shows its passage from the first line; one that fits the pane is shown whole."""
    view = make_view(qtbot, size=(1300, 420))
    comp = comparison()
    pane, strip = view.panes[Side.LEFT], view.overviews[Side.LEFT]
    segs = comp.left.segments
    runs = unique_runs(comp.unique_left)
    marks = sorted((m for m in strip.marks() if m.kind == "unique"), key=lambda m: m.top)
    assert len(marks) == len(runs) >= 2 and pane.scroll_offset() == 0
    for mark, (first, last) in reversed(list(zip(marks, runs))):  # the last passage first: far down
        y = int((mark.top + mark.bottom) / 2 * strip.height())
        qtbot.mouseClick(strip, Qt.LeftButton, pos=QPoint(strip.width() // 2, y))
        top, bottom = pane.span_y(segs[first].start, segs[last].end)
        view_top, view_bottom = pane.scroll_offset(), pane.scroll_offset() + pane.viewport().height()
        assert view_top <= top < view_bottom, "the passage's first line is on screen"
        first_top, first_bottom = pane.span_y(segs[first].start, segs[first].end)
        assert first_bottom <= view_bottom, "its first sentence is on screen"
        if bottom - top < pane.viewport().height() * 0.6:
            assert bottom <= view_bottom, "a short passage is shown whole"
    assert pane.scroll_offset() > 0


def test_click_between_marks_centres_that_point(qtbot):
    view = make_view(qtbot, size=(1300, 420))
    pane, strip = view.panes[Side.LEFT], view.overviews[Side.LEFT]
    y = next(y for y in range(strip.height() // 2, strip.height()) if strip.mark_at(y) is None)
    qtbot.mouseClick(strip, Qt.LeftButton, pos=QPoint(strip.width() // 2, y))
    bar = pane.verticalScrollBar()
    point = y / strip.height() * (bar.maximum() + bar.pageStep())
    assert pane.is_y_visible(point - 1, point + 1)


def test_visible_region_follows_scrolling(qtbot):
    view = make_view(qtbot, size=(1300, 420))
    pane, strip = view.panes[Side.RIGHT], view.overviews[Side.RIGHT]
    top_before = strip._region[0]
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum())
    top, bottom = strip._region
    assert top > top_before and abs(bottom - 1.0) < 0.02
