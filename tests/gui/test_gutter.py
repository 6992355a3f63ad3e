"""The connector gutter: bands drawn for the visible links, following scrolling, clickable, recomputed on resize."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from reader.core.model import Side
from test_view import make_view
from viewdata import comparison, screenshot


def band_pixels(view, kind: str) -> int:
    image = view.gutter.grab().toImage()
    target = view.theme.band_colour(kind)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - target.red()) + abs(c.green() - target.green()) + abs(c.blue() - target.blue()) < 40:
                count += 1
    return count


def test_gutter_paints_bands_of_visible_links(qtbot):
    view = make_view(qtbot, "fire")
    kinds = {k.kind.value for k in comparison("fire").links}
    assert sum(band_pixels(view, kind) for kind in kinds) > 200
    assert view.gutter.last_painted == len(comparison("fire").links)  # all visible in a tall window
    screenshot(view.gutter, "gutter-fire")
    view.clear_comparison()
    assert sum(band_pixels(view, kind) for kind in kinds) == 0


def test_only_bands_meeting_the_viewport_are_painted(qtbot):
    view = make_view(qtbot, size=(1300, 420))
    gutter, left, right = view.gutter, view.panes[Side.LEFT], view.panes[Side.RIGHT]
    total = len(gutter.bands())
    for value in (0, left.verticalScrollBar().maximum()):
        left.verticalScrollBar().setValue(value)
        right.verticalScrollBar().setValue(value)
        gutter.repaint()
        shown = [gutter.bands()[i] for i in gutter.visible_bands()]
        assert 0 < len(shown) < total
        h = gutter.height()
        for band in shown:
            in_left = band.left_bottom >= left.scroll_offset() and band.left_top <= left.scroll_offset() + h
            in_right = band.right_bottom >= right.scroll_offset() and band.right_top <= right.scroll_offset() + h
            assert in_left or in_right


def test_click_on_band_selects_link(qtbot):
    view = make_view(qtbot, "fire")
    comp = comparison("fire")
    band = view.gutter.bands()[2]
    mid_y = ((band.left_top + band.left_bottom) / 2 - view.panes[Side.LEFT].scroll_offset()
             + (band.right_top + band.right_bottom) / 2 - view.panes[Side.RIGHT].scroll_offset()) / 2
    with qtbot.waitSignal(view.passageSelected):
        qtbot.mouseClick(view.gutter, Qt.LeftButton, pos=QPoint(view.gutter.width() // 2, int(mid_y)))
    link = comp.links[band.index]
    assert view.selection("left") == link.left and view.selection("right") == link.right


def test_geometry_follows_resize(qtbot):
    view = make_view(qtbot, size=(1300, 700))
    last = view.gutter.bands()[-1]
    view.resize(800, 700)
    qtbot.waitUntil(lambda: view.gutter.bands()[-1].left_top > last.left_top + 20, timeout=3000)


def test_manual_link_band_is_marked(qtbot):
    from reader.core.align import make_link
    from reader.core.compare import relink

    view = make_view(qtbot, "fire")
    comp = comparison("fire")
    manual = make_link(comp.left, comp.right, (comp.unique_left[0],), (comp.unique_right[0],), manual=True)
    view.set_comparison(relink(comp, comp.links + (manual,)))
    assert any(b.manual for b in view.gutter.bands())
    assert view.panes[Side.LEFT].region_kind_at(comp.left.segments[comp.unique_left[0]].start) != "unique"


def test_hover_tooltips_give_kind_and_score(qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    view = make_view(qtbot, "fire")
    comp = comparison("fire")
    band = view.gutter.bands()[1]
    link = comp.links[band.index]
    mid_y = int(((band.left_top + band.left_bottom) / 2 + (band.right_top + band.right_bottom) / 2) / 2
                - view.panes[Side.LEFT].scroll_offset())
    pos = QPoint(view.gutter.width() // 2, mid_y)
    QApplication.sendEvent(view.gutter, QHelpEvent(QEvent.ToolTip, pos, view.gutter.mapToGlobal(pos)))
    assert f"{link.score:.0%}" in QToolTip.text() and link.kind.value in QToolTip.text().lower()
    seg = comp.left.segments[link.left[0]]
    tip = view._tooltip(Side.LEFT, seg.start + 1)
    assert link.kind.value in tip and f"{link.score:.0%}" in tip
    unique = comp.left.segments[comp.unique_left[0]]
    assert "Only in" in view._tooltip(Side.LEFT, unique.start + 1)
