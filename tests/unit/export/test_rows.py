"""Side-by-side rows: nothing lost, left reading order, right-only passages next to their neighbours."""
from __future__ import annotations

from reader.core.model import Comparison
from reader.export.rows import DISCREPANCY, build_rows, gutter_text, map_span, passage_text


def _row_of_link(rows, link_index):
    return next(i for i, row in enumerate(rows) if row.link == link_index)


def test_every_segment_of_both_sources_appears_exactly_once(seed_comparison: Comparison):
    rows = build_rows(seed_comparison)
    left = [s for row in rows if row.left for s in row.left.segments]
    right = [s for row in rows if row.right for s in row.right.segments]
    assert sorted(left) == list(range(len(seed_comparison.left.segments)))
    assert sorted(right) == list(range(len(seed_comparison.right.segments)))


def test_left_passages_keep_reading_order(seed_comparison: Comparison):
    rows = build_rows(seed_comparison)
    firsts = [min(row.left.segments) for row in rows if row.left]
    assert firsts == sorted(firsts)


def test_right_only_passage_follows_the_row_of_its_nearest_preceding_linked_neighbour(seed_comparison):
    c = seed_comparison
    rows = build_rows(c)
    right_link = {s: i for i, link in enumerate(c.links) for s in link.right}
    checked = 0
    for index, row in enumerate(rows):
        if row.left is not None or row.right is None:
            continue
        first = min(row.right.segments)
        preceding = [s for s in right_link if s < first]
        if not preceding:
            assert all(r.left is None for r in rows[:index])  # placed before every linked row
            continue
        anchor_row = _row_of_link(rows, right_link[max(preceding)])
        assert anchor_row < index
        assert all(r.left is None and r.link is None for r in rows[anchor_row + 1 : index])
        checked += 1
    assert checked > 0  # the seed pair has right-only passages after linked ones


def test_passages_only_one_source_has_get_rows_of_their_own(seed_comparison: Comparison):
    c = seed_comparison
    rows = build_rows(c)
    only_right = [row for row in rows if row.kind == "only-right"]
    only_left = [row for row in rows if row.kind == "only-left"]
    assert sorted(s for row in only_right for s in row.right.segments) == sorted(c.unique_right)
    assert sorted(s for row in only_left for s in row.left.segments) == sorted(c.unique_left)
    assert all(row.left is None and gutter_text(row).endswith("only right") for row in only_right)
    assert all(row.right is None and gutter_text(row).endswith("only left") for row in only_left)


def test_discrepancy_is_highlighted_in_both_passages_of_its_row(seed_comparison: Comparison):
    c = seed_comparison
    rows = build_rows(c)
    for number, disc in enumerate(c.discrepancies, start=1):
        row = rows[_row_of_link(rows, disc.link)]
        assert f"D{number}" in gutter_text(row)
        for passage, expected in ((row.left, disc.left_text), (row.right, disc.right_text)):
            marked = [passage.text[s.start : s.end] for s in passage.spans if s.style == DISCREPANCY]
            assert expected in marked


def test_passage_text_marks_a_gap_between_non_adjacent_segments(seed_comparison: Comparison):
    analysis = seed_comparison.left
    text, pieces = passage_text(analysis, (0, 2))
    assert analysis.segment_text(0) in text and analysis.segment_text(2) in text
    assert analysis.segment_text(1) not in text and "[\u2026]" in text
    start = analysis.segments[2].start
    assert [text[s:e] for s, e in map_span(pieces, start, start + 5)] == [analysis.document.text[start : start + 5]]
