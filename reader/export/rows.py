"""The side-by-side rows of a report (Qt-free).

Rows follow the left source's reading order: one row per linked group (left passage | right passage), one row per
run of left-only or boilerplate sentences; passages only the right source has are placed right after the row of
the nearest preceding linked right passage (or first, when none precedes them).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from reader.core.model import Analysis, Comparison, Segment, SegmentKind, Side

# Span styles inside a passage, drawn by the layout engine.
DIFF, DISCREPANCY, DETAIL = "diff", "discrepancy", "detail"
HEADING = "b"  # headings are bold (same style name as blocks.BOLD)
DIFF_KINDS = ("identical", "near")  # as on screen: word differences are marked only where passages nearly match


@dataclass(frozen=True)
class StyleSpan:
    start: int
    end: int
    style: str


@dataclass(frozen=True)
class Passage:
    """The text of some segments of one side, with highlight spans in the passage's own offsets."""

    side: Side
    segments: tuple[int, ...]
    text: str
    spans: tuple[StyleSpan, ...] = ()


@dataclass(frozen=True)
class Row:
    kind: str  # "identical" | "near" | "paraphrase" | "only-left" | "only-right" | "boilerplate" | "heading"
    left: Optional[Passage]
    right: Optional[Passage]
    link: Optional[int] = None  # index into Comparison.links
    score: float = 0.0
    manual: bool = False
    discrepancies: tuple[int, ...] = ()  # 1-based discrepancy numbers shown in the middle column


def passage_text(analysis: Analysis, seg_ids: Iterable[int]) -> tuple[str, list[tuple[int, int, int]]]:
    """Joined text of segments plus pieces ``(passage_offset, doc_start, doc_end)`` mapping back to the document."""
    text = analysis.document.text
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    offset = 0
    prev: Optional[Segment] = None
    for seg_id in sorted(seg_ids):
        seg = analysis.segments[seg_id]
        if prev is not None:
            gap = text[prev.end : seg.start]
            joint = (" [\u2026] " if seg.id != prev.id + 1 else "\u2028" if "\n" in gap else " ")
            parts.append(joint)
            offset += len(joint)
        body = text[seg.start : seg.end].replace("\r\n", " ").replace("\n", " ")
        parts.append(body)
        pieces.append((offset, seg.start, seg.end))
        offset += len(body)
        prev = seg
    return "".join(parts), pieces


def map_span(pieces: list[tuple[int, int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Document span -> passage spans (one per piece it overlaps)."""
    out = []
    for p_off, d_start, d_end in pieces:
        s, e = max(start, d_start), min(end, d_end)
        if s < e:
            out.append((p_off + s - d_start, p_off + e - d_start))
    return out


def build_rows(comparison: Comparison) -> list[Row]:
    """All rows of the side-by-side section, in reading order."""
    left_link = {seg: i for i, link in enumerate(comparison.links) for seg in link.left}
    right_link = {seg: i for i, link in enumerate(comparison.links) for seg in link.right}
    discrepancy_numbers: dict[int, list[int]] = {}
    for number, disc in enumerate(comparison.discrepancies, start=1):
        discrepancy_numbers.setdefault(disc.link, []).append(number)
    after, first = _right_only_runs(comparison, right_link)
    rows: list[Row] = list(first)
    emitted: set[int] = set()
    for kind, seg_ids, link_index in _left_runs(comparison.left, left_link):
        if link_index is None:
            passage = _passage(comparison, Side.LEFT, seg_ids)
            rows.append(Row("only-left" if kind == "only" else kind, passage, None))
            continue
        if link_index in emitted:
            continue
        emitted.add(link_index)
        rows.append(_link_row(comparison, link_index, tuple(discrepancy_numbers.get(link_index, ()))))
        rows.extend(after.get(link_index, ()))
    _INDEX_CACHE.clear()
    return rows


def _left_runs(analysis: Analysis, linked: dict[int, int]) -> list[tuple[str, tuple[int, ...], Optional[int]]]:
    """Left segments grouped: each linked segment alone (with its link), unlinked ones in runs per paragraph."""
    runs: list[tuple[str, tuple[int, ...], Optional[int]]] = []
    for seg in analysis.segments:
        if seg.id in linked:
            runs.append(("link", (seg.id,), linked[seg.id]))
            continue
        kind = _unlinked_kind(seg, "only")
        if runs and runs[-1][2] is None and runs[-1][0] == kind and _same_run(analysis, runs[-1][1][-1], seg):
            runs[-1] = (kind, runs[-1][1] + (seg.id,), None)
        else:
            runs.append((kind, (seg.id,), None))
    return runs


def _unlinked_kind(seg: Segment, only: str) -> str:
    """Unlinked boilerplate is dimmed, an unlinked heading is a plain heading row, a sentence is only-here."""
    if seg.kind is SegmentKind.BOILERPLATE:
        return "boilerplate"
    return "heading" if seg.kind is SegmentKind.HEADING else only


def _same_run(analysis: Analysis, prev_id: int, seg: Segment) -> bool:
    prev = analysis.segments[prev_id]
    return prev.id + 1 == seg.id and prev.paragraph == seg.paragraph


def _right_only_runs(comparison: Comparison, linked: dict[int, int]) -> tuple[dict[int, list[Row]], list[Row]]:
    """Right-only / right boilerplate rows keyed by the link of the nearest preceding linked right segment."""
    analysis = comparison.right
    after: dict[int, list[Row]] = {}
    first: list[Row] = []
    anchor: Optional[int] = None
    current: list[int] = []
    current_kind = ""

    def flush() -> None:
        if current:
            row = Row(current_kind, None, _passage(comparison, Side.RIGHT, tuple(current)))
            (first if anchor is None else after.setdefault(anchor, [])).append(row)
            current.clear()

    for seg in analysis.segments:
        if seg.id in linked:
            flush()
            anchor = linked[seg.id]
            continue
        kind = _unlinked_kind(seg, "only-right")
        if current and (kind != current_kind or not _same_run(analysis, current[-1], seg)):
            flush()
        current_kind = kind
        current.append(seg.id)
    flush()
    return after, first


def _passage(comparison: Comparison, side: Side, seg_ids: tuple[int, ...], link_index: Optional[int] = None) -> Passage:
    analysis = comparison.side(side)
    text, pieces = passage_text(analysis, seg_ids)
    spans = [StyleSpan(p_off, p_off + d_end - d_start, HEADING)
             for (p_off, d_start, d_end), seg_id in zip(pieces, sorted(seg_ids))
             if analysis.segments[seg_id].kind is SegmentKind.HEADING]
    if link_index is not None:
        spans += _link_spans(comparison, side, link_index, pieces)
    return Passage(side, tuple(sorted(seg_ids)), text, tuple(spans))


def _link_spans(comparison: Comparison, side: Side, link_index: int, pieces) -> list[StyleSpan]:
    """Word differences, details only this side gives, and discrepancies (drawn last, on top)."""
    spans: list[StyleSpan] = []
    link = comparison.links[link_index]
    for diff in link.differences if link.kind.value in DIFF_KINDS else ():
        start, end = diff.left if side is Side.LEFT else diff.right
        spans += [StyleSpan(s, e, DIFF) for s, e in map_span(pieces, start, end)]
    details, discrepancies = _by_link(comparison)
    for detail in details.get(link_index, ()):
        if detail.side is side:
            spans += [StyleSpan(s, e, DETAIL) for s, e in map_span(pieces, detail.start, detail.end)]
    for disc in discrepancies.get(link_index, ()):
        start, end = disc.left if side is Side.LEFT else disc.right
        spans += [StyleSpan(s, e, DISCREPANCY) for s, e in map_span(pieces, start, end)]
    return spans


_INDEX_CACHE: dict[int, tuple[object, dict, dict]] = {}


def _by_link(comparison: Comparison) -> tuple[dict[int, list], dict[int, list]]:
    """Unique details and discrepancies grouped by link index (cached for the comparison being built)."""
    cached = _INDEX_CACHE.get(id(comparison))
    if cached is not None and cached[0] is comparison:
        return cached[1], cached[2]
    details: dict[int, list] = {}
    discrepancies: dict[int, list] = {}
    for detail in comparison.unique_details:
        details.setdefault(detail.link, []).append(detail)
    for disc in comparison.discrepancies:
        discrepancies.setdefault(disc.link, []).append(disc)
    _INDEX_CACHE.clear()
    _INDEX_CACHE[id(comparison)] = (comparison, details, discrepancies)
    return details, discrepancies


def _link_row(comparison: Comparison, link_index: int, discrepancies: tuple[int, ...]) -> Row:
    link = comparison.links[link_index]
    return Row(
        link.kind.value,
        _passage(comparison, Side.LEFT, link.left, link_index),
        _passage(comparison, Side.RIGHT, link.right, link_index),
        link=link_index,
        score=link.score,
        manual=link.manual,
        discrepancies=discrepancies,
    )


def gutter_text(row: Row) -> str:
    """The middle column: a symbol and a word for the kind (the non-colour cue), the score, discrepancy tags."""
    from reader.export.style import CELL_STYLES

    style = CELL_STYLES[row.kind]
    lines = [f"{style.symbol} {style.label}"]
    if row.link is not None:
        lines.append(f"{round(row.score * 100)}%" + (" manual" if row.manual else ""))
    lines += [f"\u2260 D{n}" for n in row.discrepancies]
    return "\u2028".join(lines)
