"""ComparisonView on real comparisons: highlights, selection, navigation, find, zoom, theme, context menu."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QTextCursor

from reader.core.model import Side
from reader.ui.highlight import HIGHLIGHT_KIND
from reader.ui.view import ComparisonView
from viewdata import comparison, documents, screenshot


def make_view(qtbot, name: str = "seed", size=(1300, 800), theme: str = "light") -> ComparisonView:
    view = ComparisonView(theme=theme)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.set_documents(*documents(name))
    view.set_comparison(comparison(name))
    qtbot.wait(60)  # debounced layout signals settle
    return view


def char_kind(view: ComparisonView, side: Side, offset: int) -> str | None:
    pane = view.panes[side]
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.omap.to_qt(offset) + 1)  # format of the char at offset
    return cursor.charFormat().property(HIGHLIGHT_KIND)


def visible(view: ComparisonView, side: Side, start: int, end: int) -> bool:
    pane = view.panes[side]
    return pane.is_y_visible(*pane.span_y(start, end))


def test_set_documents_shows_text_without_highlights(qtbot):
    view = ComparisonView(theme="light")
    qtbot.addWidget(view)
    left, right = documents()
    view.set_documents(left, right)
    # the display text: the same characters, the empty line between paragraphs an invisible U+200B
    assert view.panes[Side.LEFT].toPlainText().replace("\u200b", "\n") == left.text
    assert view.panes[Side.RIGHT].toPlainText().replace("\u200b", "\n") == right.text
    assert view.panes[Side.LEFT].regions() == []
    assert f"{right.word_count:,} words" in view.headers[Side.RIGHT].detail.text()
    assert view.panes[Side.LEFT].isReadOnly()


def test_unique_passages_and_links_are_highlighted(qtbot):
    view = make_view(qtbot)
    comp = comparison()
    for side in Side:
        segs = comp.side(side).segments
        assert comp.unique(side), "the seed pair has passages only one source reports"
        for seg_id in comp.unique(side):
            assert view.panes[side].region_kind_at(segs[seg_id].start) == "unique"
        for link in comp.links:
            seg = segs[(link.left if side is Side.LEFT else link.right)[0]]
            assert view.panes[side].region_kind_at(seg.start) == link.kind.value
    # the first "only here" passage on the left is painted in the orange shade
    pane = view.panes[Side.LEFT]
    seg = comp.left.segments[comp.unique_left[0]]
    pane.scroll_to_y(*pane.span_y(seg.start, seg.end))
    rect = pane.span_rects(seg.start, seg.end)[0].translated(0, -pane.scroll_offset())
    image = pane.viewport().grab().toImage()
    assert image.pixelColor(int(rect.left()) + 2, int(rect.center().y())).name() == view.theme.unique
    # word differences are underlined inside near matches
    near = [k for k in comp.links if k.kind.value in ("near", "identical") and k.differences]
    for link in near:
        for diff in link.differences:
            if diff.left[1] > diff.left[0]:  # a detail or discrepancy mark may refine the diff underline
                assert char_kind(view, Side.LEFT, diff.left[0]) in ("diff", "detail", "discrepancy")
    screenshot(view, "view-seed-light")


def test_clear_comparison_removes_highlights(qtbot):
    view = make_view(qtbot)
    seg = comparison().left.segments[comparison().unique_left[0]]
    view.clear_comparison()
    assert view.panes[Side.LEFT].region_kind_at(seg.start) is None
    assert view.panes[Side.LEFT].regions() == [] and view.gutter.bands() == []


def test_click_selects_passage_and_scrolls_other_pane(qtbot):
    view = make_view(qtbot, size=(1300, 500))
    comp = comparison()
    left, right = view.panes[Side.LEFT], view.panes[Side.RIGHT]
    link = comp.links[0]
    lseg, rseg = comp.left.segments[link.left[0]], comp.right.segments[link.right[0]]
    left.verticalScrollBar().setValue(0)
    right.verticalScrollBar().setValue(right.verticalScrollBar().maximum())  # counterpart out of sight
    start = right.verticalScrollBar().value()
    assert visible(view, Side.LEFT, lseg.start, lseg.end)
    assert not visible(view, Side.RIGHT, rseg.start, rseg.end)
    cursor = QTextCursor(left.document())
    cursor.setPosition(left.omap.to_qt(lseg.start + 3))
    point = left.cursorRect(cursor).center()
    with qtbot.waitSignal(view.passageSelected) as blocker:
        qtbot.mouseClick(left.viewport(), Qt.LeftButton, pos=point)
    assert blocker.args == ["left", lseg.id]
    assert right.verticalScrollBar().value() != start
    assert visible(view, Side.RIGHT, rseg.start, rseg.end)
    assert view.selection("left") == link.left and view.selection("right") == link.right
    screenshot(view, "view-seed-selected")


def test_next_difference_walks_active_side_then_other_in_reading_order(qtbot):
    view = make_view(qtbot, "fire", size=(1100, 380))
    left_items, right_items = view.differences("left"), view.differences("right")
    assert {d.kind for d in left_items} == {"unique", "discrepancy"}
    walked = [view.next_difference() for _ in range(len(left_items) + len(right_items))]
    assert walked == left_items + right_items
    assert [d.start for d in walked[: len(left_items)]] == sorted(d.start for d in left_items)
    last = walked[-1]
    assert visible(view, last.side, last.start, last.end)
    assert view.next_difference() == left_items[0]  # wraps around
    assert view.previous_difference() == right_items[-1]


def test_discrepancy_jump_shows_both_figures_and_tooltip(qtbot):
    view = make_view(qtbot, "fire", size=(1100, 380))
    disc = comparison("fire").discrepancies[0]
    stop = next(d for d in view.differences("left") if d.kind == "discrepancy")
    with qtbot.waitSignal(view.statusMessage) as blocker:
        view._go_to_difference(stop, wrapped=False)
    assert visible(view, Side.LEFT, *disc.left) and visible(view, Side.RIGHT, *disc.right)
    assert disc.right_text in blocker.args[0]
    tip = view._tooltip(Side.LEFT, disc.left[0])
    assert disc.left_text in tip and disc.right_text in tip
    assert char_kind(view, Side.LEFT, disc.left[0]) == "discrepancy"


def test_show_entity_marks_mentions_and_steps(qtbot):
    view = make_view(qtbot, size=(1300, 500))
    entity = max((e for e in comparison().entities if e.left and e.right),
                 key=lambda e: len(e.left) + len(e.right))
    total = len(entity.left) + len(entity.right)
    view.show_entity(entity)
    assert len(view.panes[Side.LEFT].extraSelections()) == len(entity.left)
    assert len(view.panes[Side.RIGHT].extraSelections()) == len(entity.right)
    steps = [(Side.LEFT, m) for m in entity.left] + [(Side.RIGHT, m) for m in entity.right]
    for n in range(total):
        if n:
            view.show_entity(entity)
        side, mention = steps[n]
        assert visible(view, side, mention.start, mention.end)


def test_find_walks_matches_in_both_panes(qtbot):
    view = make_view(qtbot, size=(1300, 500))
    left, right = documents()
    word = "Soleimani"
    count = left.text.count(word) + right.text.count(word)
    assert left.text.count(word) and right.text.count(word)
    seen = []
    for _ in range(count):
        assert view.find(word)
        side, start = view._find_at
        seen.append((side, start))
        assert visible(view, side, start, start + len(word))
        assert view.panes[side].textCursor().selectedText() == word
    assert [s for s, _ in seen] == sorted((s for s, _ in seen), key=lambda s: s is Side.RIGHT)
    assert not view.find("zebra crossing")


def test_find_bar_keys(qtbot):
    view = make_view(qtbot)
    view.panes[Side.LEFT].setFocus()
    qtbot.keyClick(view.panes[Side.LEFT], Qt.Key_F, Qt.ControlModifier)
    assert view.find_bar.isVisible()
    qtbot.keyClicks(view.find_bar.edit, "Pentagon")
    first = view._find_at
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return)
    second = view._find_at
    assert first is not None and second != first
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Return, Qt.ShiftModifier)
    assert view._find_at == first
    assert "of" in view.find_bar.status.text()
    qtbot.keyClick(view.find_bar.edit, Qt.Key_Escape)
    assert not view.find_bar.isVisible()


def test_zoom_changes_font_size_and_geometry(qtbot):
    view = make_view(qtbot)
    pane = view.panes[Side.LEFT]
    size = view.font_size()
    height = pane.document().documentLayout().documentSize().height()
    band = view.gutter.bands()[-1]
    view.zoom_in()
    assert view.font_size() == size + 1
    assert pane.document().defaultFont().pointSizeF() == size + 1
    assert pane.document().documentLayout().documentSize().height() > height
    assert view.gutter.bands()[-1].left_top > band.left_top
    view.zoom_out()
    view.zoom_out()
    assert view.font_size() == size - 1


def test_dark_theme_changes_background(qtbot):
    view = make_view(qtbot)
    def background_lightness():
        image = view.panes[Side.LEFT].viewport().grab().toImage()
        return image.pixelColor(3, image.height() - 3).lightness()
    light = background_lightness()
    view.set_theme("dark")
    dark = background_lightness()
    assert light > 200 and dark < 60
    screenshot(view, "view-seed-dark")
    with pytest.raises(ValueError):
        view.set_theme("purple")


def test_scroll_lock_follows_links(qtbot):
    view = make_view(qtbot, "fire", size=(1100, 380))
    comp = comparison("fire")
    view.set_scroll_lock(True)
    link = comp.links[3]  # left 3 <-> right 1: reordered
    lseg, rseg = comp.left.segments[link.left[0]], comp.right.segments[link.right[0]]
    left = view.panes[Side.LEFT]
    top, _ = left.span_y(lseg.start, lseg.end)
    left.verticalScrollBar().setValue(int(top - left.viewport().height() * 0.3))
    assert visible(view, Side.RIGHT, rseg.start, rseg.end)
    view.set_scroll_lock(False)
    before = view.panes[Side.RIGHT].verticalScrollBar().value()
    left.verticalScrollBar().setValue(0)
    assert view.panes[Side.RIGHT].verticalScrollBar().value() == before


def test_context_menu_unlink_link_copy(qtbot):
    view = make_view(qtbot, "fire")
    comp = comparison("fire")
    actions = lambda menu: {a.text(): a for a in menu.actions()}  # noqa: E731
    lseg = comp.left.segments[comp.links[1].left[0]]
    menu = actions(view.build_context_menu("left", lseg.start + 2))
    assert menu["Unlink"].isEnabled()
    with qtbot.waitSignal(view.unlinkRequested) as blocker:
        menu["Unlink"].trigger()
    assert blocker.args == [1]
    menu["Copy"].trigger()
    assert QGuiApplication.clipboard().text() == comp.left.segment_text(lseg.id)
    # link an "only here" passage on the left with one selected on the right
    right_id = comp.unique_right[0]
    view.select_segment("right", right_id)
    left_id = comp.unique_left[0]
    menu = actions(view.build_context_menu("left", comp.left.segments[left_id].start + 1))
    assert not menu["Unlink"].isEnabled()
    assert menu["Link with the passage selected on the other side"].isEnabled()
    with qtbot.waitSignal(view.linkRequested) as blocker:
        menu["Link with the passage selected on the other side"].trigger()
    assert blocker.args == [(left_id,), (right_id,)]
    # with a linked passage selected on the other side there is nothing to link with
    view.select_segment("right", comp.links[0].right[0])
    menu = actions(view.build_context_menu("left", comp.left.segments[left_id].start + 1))
    assert not menu["Link with the passage selected on the other side"].isEnabled()


def test_file_drop_on_pane(qtbot, tmp_path):
    view = make_view(qtbot, "fire")
    path = tmp_path / "article.txt"
    path.write_text("Some text.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pane = view.panes[Side.RIGHT]
    event = QDropEvent(QPointF(40, 40), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(view.fileDropped) as blocker:
        pane.dropEvent(event)  # QApplication only delivers drops from a real drag; call the handler
    assert blocker.args == ["right", str(path)]


def test_jump_to_scrolls_and_flashes(qtbot):
    view = make_view(qtbot, size=(1300, 400))
    right = documents()[1]
    start = right.text.rindex("Soleimani")
    view.jump_to("right", start, start + 9)
    assert visible(view, Side.RIGHT, start, start + 9)
    assert view.panes[Side.RIGHT]._flash_regions
    assert view.panes[Side.LEFT].verticalScrollBar().value() == 0  # only the named pane moves


def test_select_segment_from_outside_scrolls_both_panes(qtbot):
    view = make_view(qtbot, size=(1300, 420))
    comp = comparison()
    link = comp.links[-1]
    with qtbot.waitSignal(view.statusMessage) as blocker:
        view.select_segment("right", link.right[0])  # e.g. from the sidebar's fact list
    assert "likely the same fact" in blocker.args[0]
    for side, ids in ((Side.LEFT, link.left), (Side.RIGHT, link.right)):
        seg = comp.side(side).segments[ids[0]]
        assert visible(view, side, seg.start, seg.end)
        assert view.panes[side].selected_regions()
    view.set_documents(*documents("fire"))
    assert view.selection("left") == () and not view.panes[Side.LEFT].selected_regions()
    assert view.gutter.bands() == [] and view.overviews[Side.RIGHT].marks() == []
    assert view.panes[Side.LEFT].regions() == [] and view.next_difference() is None


def test_long_texts_get_their_highlights_a_slice_at_a_time_with_the_same_result(qtbot):
    """Past ``sync_chars`` the formats and geometry are computed in short slices on the event loop; the
    picture at the end is the same as when done at once, and no slice holds the window up for long."""
    at_once = make_view(qtbot, "seed")
    view = ComparisonView(theme="light")
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    qtbot.waitExposed(view)
    view.sync_chars = 0  # treat the seed pair as long
    view.set_documents(*documents("seed"))
    view.set_comparison(comparison("seed"))
    assert view.geometry_pending()  # set_comparison returned before the work was done
    qtbot.waitUntil(lambda: not view.geometry_pending(), timeout=10_000)
    assert view._slices.longest_slice_s < 0.1
    assert view.gutter.bands() == at_once.gutter.bands()
    for side in Side:
        assert view.panes[side].regions() == at_once.panes[side].regions()
        assert view.overviews[side].marks() == at_once.overviews[side].marks()
    disc = comparison("seed").discrepancies[0] if comparison("seed").discrepancies else None
    if disc is not None:
        assert char_kind(view, Side.LEFT, disc.left[0]) == "discrepancy"
    # an action that needs the geometry finishes pending work first instead of acting on stale positions
    view.set_comparison(comparison("seed"))
    link = comparison("seed").links[-1]
    view.select_segment("left", link.left[0])
    assert not view.geometry_pending()
    seg = comparison("seed").right.segments[link.right[0]]
    assert visible(view, Side.RIGHT, seg.start, seg.end)
