"""Align the passages of two articles that report the same fact (identical, near-identical, paraphrase), in any order.

The link score is a calibrated probability that a careful reader would put the two passages side by side as the
same fact (0.5: as likely as not), from the learned decision in :mod:`reader.core.linker`. ``Options.threshold`` is
the least probability kept (default 0.5): raising it keeps only surer links, lowering it links more doubtful ones. A
sentence may link with several on the other side; sentences linked through each other form one group (a
:class:`Link`) whose ``pairs`` list the linked sentence pairs and whose score is the best of theirs.

Two texts that are versions of one text (a long, dense, in-order chain of near-identical sentences, such as two
translations of one book) are aligned in order instead (:mod:`reader.core.align_core`), which is both faster and
better for them; the probabilities of their links come from the same learned decision.
"""
from __future__ import annotations

from typing import Optional, Sequence


from reader.core.align_core import AlignParams, _Sides, _longest_increasing, _merge_sorted, align_token_lists, score_of
from reader.core.align_core import candidate_pairs, identical_pairs, strong_pairs
from reader.core.diff import token_similarity, word_diff
from reader.core.link_features import LEXICAL, Meaning
from reader.core.linker import PairGroup, group_pairs, pair_probabilities
from reader.core.model import (
    Analysis, Cancelled, Link, LinkKind, Options, ProgressFn, SegmentKind, StopFn,
)
from reader.core.normalize import Token, tokenize

NEAR_SCORE = 0.8  # word-order similarity from which a link is "near-identical"
VERSIONS_CHAIN = 0.6  # share of sentences in one in-order chain of near-identical anchors: versions of one text
VERSIONS_MIN = 10  # ... counted only from this many sentences a side
ENCODER_MAX_SENTENCES = 1000  # both sides together (about 20 s of encoding here); longer texts: words alone
NEAR_MIN = 0.15  # unlinked pairs from this probability are looked at for a figure both give differently


def _segment_tokens(analysis: Analysis, seg_id: int) -> list[Token]:
    seg = analysis.segments[seg_id]
    return tokenize(analysis.document.text[seg.start : seg.end], seg.start)


def _headline(analysis: Analysis) -> Optional[int]:
    """The article's headline: a heading that opens the text (it links with sentences of the other's lead)."""
    first = next((s for s in analysis.segments if s.kind is not SegmentKind.BOILERPLATE), None)
    return first.id if first is not None and first.kind is SegmentKind.HEADING and first.paragraph == 0 else None


def _alignable(analysis: Analysis, kind: SegmentKind, headline: Optional[int]) -> list[int]:
    """Sentences (the headline first, when there is one) or the other headings."""
    ids = [s.id for s in analysis.segments if s.kind is kind and s.id != headline]
    return [headline] + ids if kind is SegmentKind.SENTENCE and headline is not None else ids


def _links_between(left: Analysis, right: Analysis, lids: list[int], rids: list[int], threshold: float, encoder,
                   progress, should_stop, headlines: tuple[bool, bool],
                   near: Optional[list[tuple[int, int, float]]] = None) -> list[Link]:
    ltoks = [_segment_tokens(left, i) for i in lids]
    rtoks = [_segment_tokens(right, j) for j in rids]
    groups, probs = _groups_and_probabilities(
        [left.segment_text(i) for i in lids], [right.segment_text(j) for j in rids], ltoks, rtoks,
        [left.segments[i].start for i in lids], [right.segments[j].start for j in rids], threshold, encoder, progress,
        should_stop, headlines=headlines)
    if near is not None:
        grouped = {(i, j) for g in groups for i in g.left for j in g.right}
        near.extend((lids[i], rids[j], p) for (i, j), p in probs.items()
                    if NEAR_MIN <= p < threshold and (i, j) not in grouped)
    links = []
    for g in groups:
        ltk = [t for i in g.left for t in ltoks[i]]
        rtk = [t for j in g.right for t in rtoks[j]]
        pairs = tuple((lids[i], rids[j], p) for i, j, p in g.pairs)
        links.append(_build_link(left, right, tuple(sorted(lids[i] for i in g.left)),
                                 tuple(sorted(rids[j] for j in g.right)), ltk, rtk, g.probability, False, pairs))
    return links


def align(
    left: Analysis,
    right: Analysis,
    options: Options,
    progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    encoder=None,
) -> tuple[Link, ...]:
    """Links between segments of ``left`` and ``right``, ordered by left position.

    Sentences link with sentences and headings with headings; boilerplate never links. ``encoder`` (a loaded
    :class:`reader.core.encoder.SentenceEncoder`, optional) adds meaning to the evidence."""
    return align_with_near(left, right, options, progress, should_stop, encoder)[0]


def align_with_near(
    left: Analysis,
    right: Analysis,
    options: Options,
    progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    encoder=None,
) -> tuple[tuple[Link, ...], tuple[tuple[int, int, float], ...]]:
    """:func:`align`, and the sentence pairs left unlinked with a probability of at least ``NEAR_MIN``: (left id,
    right id, probability). The facts stage links such a pair when both give a different figure for one event
    (:mod:`reader.core.figure_links`)."""
    links: list[Link] = []
    near: list[tuple[int, int, float]] = []
    lhead, rhead = _headline(left), _headline(right)
    for kind in (SegmentKind.SENTENCE, SegmentKind.HEADING):
        if should_stop and should_stop():
            raise Cancelled()
        lids, rids = _alignable(left, kind, lhead), _alignable(right, kind, rhead)
        heads = (lhead is not None, rhead is not None) if kind is SegmentKind.SENTENCE else (False, False)
        report = progress if kind is SegmentKind.SENTENCE else None
        links += _links_between(left, right, lids, rids, options.threshold, encoder, report, should_stop, heads,
                                near if kind is SegmentKind.SENTENCE else None)
    links.sort(key=lambda lk: (lk.left[0], lk.right[0]))
    if progress:
        progress(1.0, "Aligned passages")
    return tuple(links), tuple(sorted(near))


def link_groups(
    ltexts: Sequence[str], rtexts: Sequence[str], ltoks: Sequence[Sequence[Token]], rtoks: Sequence[Sequence[Token]],
    lbases: Sequence[int], rbases: Sequence[int], threshold: float, encoder=None,
    progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None, model=None,
    headlines: tuple[bool, bool] = (False, False),
) -> list[PairGroup]:
    """Groups of linked sentences (indices into the given lists) with their pair probabilities.

    ``model``: a :class:`reader.core.link_model.StackedModel` to use instead of the shipped one (benchmarks)."""
    return _groups_and_probabilities(ltexts, rtexts, ltoks, rtoks, lbases, rbases, threshold, encoder, progress,
                                     should_stop, model, headlines)[0]


def _groups_and_probabilities(
    ltexts: Sequence[str], rtexts: Sequence[str], ltoks: Sequence[Sequence[Token]], rtoks: Sequence[Sequence[Token]],
    lbases: Sequence[int], rbases: Sequence[int], threshold: float, encoder=None,
    progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None, model=None,
    headlines: tuple[bool, bool] = (False, False),
) -> tuple[list[PairGroup], dict[tuple[int, int], float]]:
    if not ltoks or not rtoks:
        return [], {}
    if progress:
        progress(0.1, "Finding candidate passages")
    meaning = read_meaning(encoder, ltexts, rtexts, should_stop)
    if progress:
        progress(0.5, "Weighing the evidence")
    if model is not None and meaning is None and len(model.first.features) > len(LEXICAL):
        model = None  # a semantic model without its encoder: the shipped lexical one decides
    sides = _Sides(ltoks, rtoks)
    versions = versions_of_one_text(ltoks, rtoks, sides)
    in_order = None
    if versions:
        in_order = align_token_lists(ltoks, rtoks, AlignParams(threshold=0.0), None, should_stop, sides)
    only = None if in_order is None else {(i, j) for li, ri, _ in in_order for i in li for j in ri}
    probs = pair_probabilities(ltexts, rtexts, ltoks, rtoks, lbases, rbases, meaning, model, should_stop, headlines,
                               only, sides)
    if in_order is not None:
        return _in_order_groups(in_order, probs, threshold), {}
    return group_pairs(probs, threshold), probs


def encoder_used(encoder, n_sentences: int) -> bool:
    """Whether the sentence encoder takes part for texts of this many sentences (both sides together)."""
    return encoder is not None and encoder.available() and n_sentences <= ENCODER_MAX_SENTENCES


def read_meaning(encoder, ltexts: Sequence[str], rtexts: Sequence[str], should_stop=None) -> Optional[Meaning]:
    """What the sentence encoder says of both sides, or None when it takes no part."""
    if not encoder_used(encoder, len(ltexts) + len(rtexts)):
        return None
    vectors, tokens, ids = encoder.encode_tokens(list(ltexts) + list(rtexts), should_stop=should_stop)
    n = len(ltexts)
    return Meaning(vectors[:n] @ vectors[n:].T, tokens[:n], tokens[n:], ids[:n], ids[n:])


def versions_of_one_text(ltoks: Sequence[Sequence[Token]], rtoks: Sequence[Sequence[Token]],
                         sides: Optional[_Sides] = None) -> bool:
    """True for two versions of one text: most sentences sit in one in-order chain of near-identical pairs."""
    shorter = min(len(ltoks), len(rtoks))
    if shorter < VERSIONS_MIN:
        return False
    sides = sides or _Sides(ltoks, rtoks)
    same = identical_pairs(ltoks, rtoks)
    anchors = _merge_sorted(same, strong_pairs(sides, candidate_pairs(sides, AlignParams(), None, same),
                                               AlignParams().anchor))
    return len(_longest_increasing(anchors)) >= VERSIONS_CHAIN * shorter


def _in_order_groups(in_order, probs: dict[tuple[int, int], float], threshold: float) -> list[PairGroup]:
    """The in-order groups, scored. The learned decision does not see the order, which for versions of one text is
    strong evidence: a pair's probability is the greater of the decision's and the in-order aligner's own score
    (its overlap rescaled so that 0.5 is its cut)."""
    groups = []
    for li, ri, raw in in_order:
        order_score = score_of(raw)
        pairs = tuple((i, j, round(max(probs.get((i, j), 0.0), order_score), 4)) for i in li for j in ri)
        group = PairGroup(tuple(li), tuple(ri), pairs)
        if group.probability >= threshold:
            groups.append(group)
    return groups


def _build_link(
    left: Analysis, right: Analysis, left_ids: tuple[int, ...], right_ids: tuple[int, ...], ltk: list[Token],
    rtk: list[Token], score: float, manual: bool, pairs: tuple[tuple[int, int, float], ...],
) -> Link:
    order = token_similarity(ltk, rtk)
    if [t.norm for t in ltk] == [t.norm for t in rtk]:
        kind, score = LinkKind.IDENTICAL, 1.0
    elif order >= NEAR_SCORE:
        kind = LinkKind.NEAR
    else:
        kind = LinkKind.PARAPHRASE
    diffs = word_diff(ltk, rtk, left.segments[left_ids[0]].start, right.segments[right_ids[0]].start,
                      _breaks(left, left_ids, ltk), _breaks(right, right_ids, rtk))
    return Link(left_ids, right_ids, round(min(1.0, score), 4), kind, diffs, manual, pairs)


def _breaks(analysis: Analysis, ids: tuple[int, ...], tokens: list[Token]) -> frozenset[int]:
    """Indices of the tokens that open the second, third ... segment of a merged link."""
    starts = [analysis.segments[i].start for i in ids[1:]]
    return frozenset(k for k in range(1, len(tokens)) if any(tokens[k - 1].start < s <= tokens[k].start
                                                              for s in starts))


def join_links(left: Analysis, right: Analysis, links: Sequence[Link], pair: tuple[int, int, float]) -> Link:
    """One link holding ``links`` (those that share a sentence with ``pair``) and the sentence pair itself."""
    lids = tuple(sorted({pair[0], *(i for k in links for i in k.left)}))
    rids = tuple(sorted({pair[1], *(j for k in links for j in k.right)}))
    pairs = tuple(sorted({*(p for k in links for p in k.pairs), (pair[0], pair[1], round(pair[2], 4))}))
    ltk = [t for i in lids for t in _segment_tokens(left, i)]
    rtk = [t for j in rids for t in _segment_tokens(right, j)]
    score = max([k.score for k in links] + [pair[2]])
    return _build_link(left, right, lids, rids, ltk, rtk, score, any(k.manual for k in links), pairs)


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
    probs = pair_probabilities([left.segment_text(i) for i in lids], [right.segment_text(j) for j in rids],
                               [_segment_tokens(left, i) for i in lids], [_segment_tokens(right, j) for j in rids],
                               [left.segments[i].start for i in lids], [right.segments[j].start for j in rids])
    pairs = tuple((lids[a], rids[b], round(probs.get((a, b), 0.0), 4)) for a in range(len(lids))
                  for b in range(len(rids)))
    return _build_link(left, right, lids, rids, ltk, rtk, max(p for _, _, p in pairs), manual, pairs)


def align_sentences(left: Sequence[str], right: Sequence[str], threshold: float | None = None,
                    encoder="default", model=None, headlines: tuple[bool, bool] = (False, False),
                    ) -> list[tuple[int, int]]:
    """Align two ready-made sentence lists exactly as the app's linker would: every linked (i, j) sentence pair.
    (The app may then join a pair below the threshold whose figures disagree, which needs the entity stage: see
    :mod:`reader.core.figure_links`.)

    ``encoder``: "default" loads the app's sentence encoder (once per process), None links on words alone.
    ``model``: another trained decision (cross-validation in the benchmarks); default the shipped one.
    ``headlines``: whether the first sentence of the left / right list is its article's headline (the app passes
    an article's opening heading so)."""
    if encoder == "default":
        from reader.core.encoder import shared_encoder

        encoder = shared_encoder()
    ltoks = [tokenize(s) for s in left]
    rtoks = [tokenize(s) for s in right]
    cut = Options().threshold if threshold is None else threshold
    groups = link_groups(left, right, ltoks, rtoks, [0] * len(left), [0] * len(right), cut, encoder, model=model,
                         headlines=headlines)
    return sorted((i, j) for g in groups for i, j, _ in g.pairs)
