"""Align the passages of two articles that report the same thing (identical, near-identical, paraphrase).

Score of a link (0..1): how much of their content the two passages share. Underneath is the rarity-weighted share
of content words in common (Dice over stemmed content words; IDF weights from both articles, so shared rare names
count more than shared common words), rescaled so that 0.5 means 10% weighted overlap, the least the aligner links
by default (a typical paraphrase); 0.75 is 55% overlap; near-identical links score at least their word-order
similarity and identical ones 1.0. ``Options.threshold`` is the minimum score kept: raising it keeps only closer
matches (above ~0.75 mostly near-identical passages); lowering it below 0.5 links looser paraphrases.
"""
from __future__ import annotations

from typing import Optional, Sequence

from reader.core.align_core import AlignParams, align_token_lists, pair_score, score_of
from reader.core.diff import token_similarity, word_diff
from reader.core.model import (
    Analysis, Cancelled, Link, LinkKind, Options, ProgressFn, SegmentKind, StopFn,
)
from reader.core.normalize import Token, tokenize

NEAR_SCORE = 0.8  # word-order similarity from which a link is "near-identical"


def _segment_tokens(analysis: Analysis, seg_id: int) -> list[Token]:
    seg = analysis.segments[seg_id]
    return tokenize(analysis.document.text[seg.start : seg.end], seg.start)


def _alignable(analysis: Analysis, kind: SegmentKind) -> list[int]:
    return [s.id for s in analysis.segments if s.kind is kind]


def align(
    left: Analysis,
    right: Analysis,
    options: Options,
    progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
) -> tuple[Link, ...]:
    """Links between segments of ``left`` and ``right``, ordered by left position.

    Sentences link with sentences and headings with headings; boilerplate never links."""
    params = AlignParams(threshold=options.threshold)
    links: list[Link] = []
    for kind in (SegmentKind.SENTENCE, SegmentKind.HEADING):
        if should_stop and should_stop():
            raise Cancelled()
        lids, rids = _alignable(left, kind), _alignable(right, kind)
        ltoks = [_segment_tokens(left, i) for i in lids]
        rtoks = [_segment_tokens(right, j) for j in rids]
        report = progress if kind is SegmentKind.SENTENCE else None
        for li, ri, raw in align_token_lists(ltoks, rtoks, params, report, should_stop):
            ltk = [t for i in li for t in ltoks[i]]
            rtk = [t for j in ri for t in rtoks[j]]
            lsel, rsel = tuple(lids[i] for i in li), tuple(rids[j] for j in ri)
            links.append(_build_link(left, right, lsel, rsel, ltk, rtk, score_of(raw), False))
    links.sort(key=lambda lk: (lk.left[0], lk.right[0]))
    if progress:
        progress(1.0, "Aligned passages")
    return tuple(links)


def _build_link(
    left: Analysis, right: Analysis, left_ids: tuple[int, ...], right_ids: tuple[int, ...], ltk: list[Token],
    rtk: list[Token], score: float, manual: bool,
) -> Link:
    order = token_similarity(ltk, rtk)
    if [t.norm for t in ltk] == [t.norm for t in rtk]:
        kind, score = LinkKind.IDENTICAL, 1.0
    elif order >= NEAR_SCORE:
        kind = LinkKind.NEAR
        score = max(score, order)
    else:
        kind = LinkKind.PARAPHRASE
    diffs = word_diff(ltk, rtk, left.segments[left_ids[0]].start, right.segments[right_ids[0]].start,
                      _breaks(left, left_ids, ltk), _breaks(right, right_ids, rtk))
    return Link(left_ids, right_ids, round(min(1.0, score), 4), kind, diffs, manual)


def _breaks(analysis: Analysis, ids: tuple[int, ...], tokens: list[Token]) -> frozenset[int]:
    """Indices of the tokens that open the second, third ... segment of a merged link."""
    starts = [analysis.segments[i].start for i in ids[1:]]
    return frozenset(k for k in range(1, len(tokens)) if any(tokens[k - 1].start < s <= tokens[k].start
                                                              for s in starts))


def make_link(
    left: Analysis, right: Analysis, left_ids: Sequence[int], right_ids: Sequence[int], manual: bool = False
) -> Link:
    """A link between the given segments (e.g. drawn by the user), scored and diffed like automatic ones."""
    lids, rids = tuple(sorted(set(left_ids))), tuple(sorted(set(right_ids)))
    if not lids or not rids:
        raise ValueError("a link needs at least one passage on each side")
    for ids, analysis, side in ((lids, left, "left"), (rids, right, "right")):
        if ids[0] < 0 or ids[-1] >= len(analysis.segments):
            raise ValueError(f"no passage {ids} on the {side} side ({len(analysis.segments)} passages)")
    ltk = [t for i in lids for t in _segment_tokens(left, i)]
    rtk = [t for j in rids for t in _segment_tokens(right, j)]
    lall = [_segment_tokens(left, s.id) for s in left.segments if s.kind is not SegmentKind.BOILERPLATE]
    rall = [_segment_tokens(right, s.id) for s in right.segments if s.kind is not SegmentKind.BOILERPLATE]
    score = pair_score(ltk, rtk, lall, rall)
    return _build_link(left, right, lids, rids, ltk, rtk, score_of(score), manual)


def align_sentences(left: Sequence[str], right: Sequence[str], threshold: float | None = None) -> list[tuple[int, int]]:
    """Align two ready-made sentence lists; every linked (i, j) pair (many-to-one links expanded)."""
    ltoks = [tokenize(s) for s in left]
    rtoks = [tokenize(s) for s in right]
    params = AlignParams() if threshold is None else AlignParams(threshold=threshold)
    pairs = []
    for li, ri, _score in align_token_lists(ltoks, rtoks, params):
        pairs.extend((i, j) for i in li for j in ri)
    return sorted(pairs)
