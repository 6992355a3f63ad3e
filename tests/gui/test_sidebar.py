"""The sidebar on the real seed comparison: summary, entity tabs with presence, filters, facts, clicks."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reader.core.model import Group, Presence, Side
from reader.ui.sidebar import GROUP_TITLES, PRESENCE_LABELS, Sidebar, percent


@pytest.fixture(scope="module")
def comparison(seed_paths):
    from reader.core.compare import Comparer
    from reader.core.nlp import NlpEngine
    from reader.documents import load_document

    left, right = (load_document(p) for p in seed_paths)
    return Comparer(NlpEngine()).compare(left, right)


@pytest.fixture
def sidebar(qtbot, comparison):
    widget = Sidebar()
    qtbot.addWidget(widget)
    widget.resize(380, 700)
    widget.set_comparison(comparison)
    return widget


def _click(qtbot, tree, item):
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_summary_gives_each_sources_matched_share_and_counts(sidebar, comparison):
    text = sidebar.summary.text()
    for side in (Side.LEFT, Side.RIGHT):
        summary = comparison.summary(side)
        assert f"{percent(summary.matched_share)} matched" in text
        assert f"<b>{summary.unique_passages}</b> passage" in text
    assert f"<b>{len(comparison.discrepancies)}</b> discrepanc" in text
    assert "The World" in text or comparison.left.document.title[:20] in text


def test_shares_never_round_to_all_or_nothing():
    assert (percent(0.997), percent(1.0), percent(0.004), percent(0.0), percent(0.494)) == \
        (">99%", "100%", "<1%", "0%", "49%")


def test_every_entity_is_listed_in_its_group_with_counts_and_a_presence_word(sidebar, comparison):
    for group, title in GROUP_TITLES.items():
        expected = [e for e in comparison.entities if e.group is group]
        items = sidebar.entity_items(group)
        assert len(items) == len(expected)
        assert sidebar.entities.sections[group].text(0) == f"{title} ({len(expected)})"
        for item in items:
            entity = item.data(0, Qt.ItemDataRole.UserRole)
            assert item.text(1) == str(len(entity.left)) and item.text(2) == str(len(entity.right))
            assert item.text(3) == PRESENCE_LABELS[entity.presence]
    assert any(e.presence is not Presence.BOTH for e in comparison.entities)
    assert sidebar.tabs.tabText(sidebar.tabs.indexOf(sidebar.entities)) == f"Entities ({len(comparison.entities)})"


def test_pelosi_is_listed_as_right_only(sidebar):
    people = {item.text(0): item for item in sidebar.entity_items(Group.PEOPLE)}
    pelosi = [item for name, item in people.items() if "Pelosi" in name]
    assert pelosi, f"Pelosi missing from People: {sorted(people)}"
    assert "right only" in pelosi[0].text(3)


def test_spelling_variants_appear_under_the_name(sidebar, comparison):
    with_variants = [e for e in comparison.entities if any(v != e.name for v in e.variants)]
    if not with_variants:
        pytest.skip("the seed comparison found no spelling variants")
    entity = with_variants[0]
    item = next(i for i in sidebar.entity_items(entity.group) if i.data(0, Qt.ItemDataRole.UserRole) is entity)
    name, also = item.text(0).split("\n")
    assert name == entity.name and "also:" in also
    assert all(v in also for v in entity.variants if v != entity.name)


def test_only_in_one_source_filter_hides_shared_entities(qtbot, sidebar, comparison):
    sidebar.only_one.setChecked(True)
    shown = [i.data(0, Qt.ItemDataRole.UserRole) for g in GROUP_TITLES for i in sidebar.entity_items(g)]
    assert shown and all(e.presence is not Presence.BOTH for e in shown)
    assert len(shown) == sum(1 for e in comparison.entities if e.presence is not Presence.BOTH)


def test_search_box_filters_by_name_or_variant(qtbot, sidebar):
    qtbot.keyClicks(sidebar.search, "soleiman")
    people = sidebar.entity_items(Group.PEOPLE)
    assert people and all("soleiman" in i.text(0).casefold() for i in people)
    assert len(sidebar.entity_items(Group.PLACES)) == 0 or all(
        "soleiman" in i.text(0).casefold() for i in sidebar.entity_items(Group.PLACES))


def test_clicking_an_entity_asks_the_view_to_show_it_each_time(qtbot, sidebar):
    group = Group.PEOPLE
    sidebar.tabs.setCurrentWidget(sidebar.entities)
    item = max(sidebar.entity_items(group), key=lambda i: int(i.text(1)) + int(i.text(2)))
    entity = item.data(0, Qt.ItemDataRole.UserRole)
    selected = []
    sidebar.entitySelected.connect(selected.append)
    _click(qtbot, sidebar.entities, item)
    _click(qtbot, sidebar.entities, item)  # the view steps to the next mention
    assert selected == [entity, entity]


def test_facts_list_every_unique_passage_and_discrepancy(sidebar, comparison):
    items = sidebar.fact_items()
    assert len(items) == len(comparison.unique_left) + len(comparison.unique_right) + len(comparison.discrepancies)
    pelosi = [i for i in items if "Pelosi" in i.toolTip(0)]
    assert pelosi and pelosi[0].data(0, Qt.ItemDataRole.UserRole)[:2] == ("segment", "right")
    assert all(len(i.text(0)) <= 95 and "\n" not in i.text(0) for i in items)


def test_clicking_a_fact_asks_the_view_to_show_that_passage(qtbot, sidebar, comparison):
    requested = []
    sidebar.segmentRequested.connect(lambda side, seg: requested.append((side, seg)))
    sidebar.tabs.setCurrentWidget(sidebar.facts)
    item = next(i for i in sidebar.fact_items() if "Pelosi" in i.toolTip(0))
    _click(qtbot, sidebar.facts, item)
    assert len(requested) == 1
    side, seg_id = requested[0]
    assert side == "right" and seg_id in comparison.unique_right
    assert "Pelosi" in comparison.right.segment_text(seg_id)


def test_every_section_opens_with_its_rows_shown_on_both_tabs_and_after_filtering(qtbot, sidebar):
    sidebar.show()
    qtbot.waitExposed(sidebar)

    def rows_shown_under_titles(tree) -> bool:
        model = tree.section_model
        for row in range(model.rowCount()):
            title = tree.section_ref(row)
            first = tree.row_refs(row)[:1]
            if not tree.isExpanded(model.index(row, 0)):
                return False
            if first and not tree.visualItemRect(first[0]).top() >= tree.visualItemRect(title).bottom():
                return False
        return model.rowCount() > 0

    for tree in (sidebar.facts, sidebar.entities):  # the entities' tab is hidden until opened
        sidebar.tabs.setCurrentWidget(tree)
        qtbot.waitUntil(lambda tree=tree: rows_shown_under_titles(tree))
    qtbot.keyClicks(sidebar.search, "a")
    sidebar.search.clear()
    for tree in (sidebar.entities, sidebar.facts):
        sidebar.tabs.setCurrentWidget(tree)
        qtbot.waitUntil(lambda tree=tree: rows_shown_under_titles(tree))
