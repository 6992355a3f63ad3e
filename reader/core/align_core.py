"""The alignment engine over token lists.

1. Candidate pairs from an inverted index of shared content terms (rare terms weigh more; IDF), not all pairs.
2. Identical sentences and strong mutual-best pairs are linked first, in any order (outlets reorder freely).
3. Those in increasing order on both sides (longest increasing chain) cut large inputs into small blocks.
4. In each block a monotonic dynamic programme links the remaining sentences, merging up to four consecutive
   sentences against one; a soft relative-position prior prefers links near the diagonal, and a link is refused
   when one of its sentences matches some other sentence more than twice as well.
5. Strong links absorb neighbouring unlinked sentences while the merged text matches better; sentences still
   unlinked get a clearly strong partner anywhere.

Raw similarity is the rarity-weighted Dice overlap of content words (see ``align_features``). The score shown to
users is that overlap rescaled (:func:`score_of`) so that 0.5 is the default cut: ``score = raw / (2 * REF)`` up
to ``REF`` and ``0.5 + 0.5 * (raw - REF) / (1 - REF)`` above.
"""
from __future__ import annotations

import bisect
import heapq
from dataclasses import dataclass
from typing import Optional, Sequence

from reader.core.align_dp import dp_block
from reader.core.align_features import Idf, Unit, content_terms, make_unit, similarity
from reader.core.model import Cancelled, ProgressFn, StopFn
from reader.core.normalize import Token

Group = tuple[tuple[int, ...], tuple[int, ...], float]
REF = 0.10  # raw overlap that scores 0.5 (tuned on the Aesop dev set)
SMALL_GAP = 64  # gaps between anchors up to this many cells score all their pairs


def score_of(raw: float) -> float:
    """User-facing score (0..1) of a raw weighted overlap."""
    if raw <= REF:
        return raw / (2 * REF)
    return min(1.0, 0.5 + 0.5 * (raw - REF) / (1 - REF))


def raw_of(score: float) -> float:
    """Inverse of :func:`score_of`."""
    if score <= 0.5:
        return max(0.0, score) * 2 * REF
    return REF + (min(1.0, score) - 0.5) * 2 * (1 - REF)


@dataclass(frozen=True)
class AlignParams:
    threshold: float = 0.5  # minimum score (see score_of) of a kept link
    position: float = 0.3  # weight of the relative-position prior inside the dynamic programme
    anchor: float = 0.5  # raw overlap of a mutual-best pair fixed before the dynamic programme, in any order
    strong: float = 0.35  # raw overlap of a link made after it between sentences still unlinked, in any order
    max_merge: int = 4  # at most this many consecutive sentences merged against one
    candidates: int = 8  # candidate partners kept per sentence from the inverted index (large inputs)
    max_df_share: float = 0.01  # terms in more than this share of units do not propose candidates
    outshone: float = 2.0  # an order-based link is dropped if a sentence in it matches elsewhere this many times better
    dp_cells: int = 40_000  # blocks up to this many cells are aligned by one dynamic programme


class _Sides:
    """Term bags and units of both sides with a shared IDF, and a cache of group similarities."""

    def __init__(self, ltoks: Sequence[Sequence[Token]], rtoks: Sequence[Sequence[Token]]):
        self.lterms = [content_terms(t) for t in ltoks]
        self.rterms = [content_terms(t) for t in rtoks]
        self.idf = Idf(self.lterms + self.rterms)
        self.left = [make_unit(t, self.idf) for t in self.lterms]
        self.right = [make_unit(t, self.idf) for t in self.rterms]
        self._cache: dict[tuple, float] = {}

    def unit(self, side: str, ids: tuple[int, ...]) -> Unit:
        terms = self.lterms if side == "l" else self.rterms
        if len(ids) == 1:
            return (self.left if side == "l" else self.right)[ids[0]]
        return make_unit((t for i in ids for t in terms[i]), self.idf)

    def sim(self, li: tuple[int, ...], ri: tuple[int, ...]) -> float:
        key = (li, ri)
        got = self._cache.get(key)
        if got is None:
            got = similarity(self.unit("l", li), self.unit("r", ri), self.idf)
            self._cache[key] = got
        return got


def candidate_pairs(
    sides: _Sides, params: AlignParams, should_stop: Optional[StopFn] = None, done: Sequence[tuple[int, int]] = ()
) -> set[tuple[int, int]]:
    """Pairs sharing content terms: all of them for small inputs, else the top few for each left sentence, and
    for each right sentence that no left sentence proposed.

    Sentences in ``done`` (already linked as identical) propose no candidates."""
    skip_l = {i for i, _ in done}
    skip_r = {j for _, j in done}
    n, m = len(sides.left), len(sides.right)
    small = n * m <= params.dp_cells
    max_df = n + m if small else max(20, int(params.max_df_share * (n + m)))
    k_best = n + m if small else params.candidates
    pairs = _top_partners(sides, sides.left, sides.right, skip_l, skip_r, max_df, k_best, should_stop)
    if not small:
        covered = {j for _, j in pairs} | skip_r
        rest = _top_partners(sides, sides.right, sides.left, covered, skip_l, max_df, k_best, should_stop)
        pairs.update((i, j) for j, i in rest)
    return pairs


def _top_partners(sides: _Sides, src: Sequence[Unit], dst: Sequence[Unit], skip_src: set[int], skip_dst: set[int],
                  max_df: int, k_best: int, should_stop: Optional[StopFn]) -> set[tuple[int, int]]:
    """(src id, dst id) for the k_best dst units sharing the most rare-enough term weight with each src unit."""
    df, weights = sides.idf.df, sides.idf.weights
    index: dict[str, list[int]] = {}
    for j, unit in enumerate(dst):
        if j not in skip_dst:
            for t in unit.terms:
                if df.get(t, 0) <= max_df:
                    index.setdefault(t, []).append(j)
    pairs: set[tuple[int, int]] = set()
    for i, unit in enumerate(src):
        if should_stop and i % 256 == 0 and should_stop():
            raise Cancelled()
        if i in skip_src:
            continue
        acc: dict[int, float] = {}
        for t in unit.terms:
            post = index.get(t)
            if post:
                w = weights[t]
                for j in post:
                    acc[j] = acc.get(j, 0.0) + w
        best = acc if len(acc) <= k_best else heapq.nlargest(k_best, acc, key=acc.__getitem__)
        pairs.update((i, j) for j in best)
    return pairs


def strong_pairs(sides: _Sides, cands: set[tuple[int, int]], strong: float) -> list[tuple[int, int]]:
    """Mutual-best pairs scoring at least ``strong``, sorted by left id."""
    best_l: dict[int, tuple[float, int]] = {}
    best_r: dict[int, tuple[float, int]] = {}
    for i, j in cands:
        s = sides.sim((i,), (j,))
        if s < strong:
            continue
        if s > best_l.get(i, (-1.0, -1))[0]:
            best_l[i] = (s, j)
        if s > best_r.get(j, (-1.0, -1))[0]:
            best_r[j] = (s, i)
    return sorted((i, j) for i, (_, j) in best_l.items() if best_r[j][1] == i)


def identical_pairs(ltoks: Sequence[Sequence[Token]], rtoks: Sequence[Sequence[Token]]) -> list[tuple[int, int]]:
    """Sentences whose normalised words are the same; repeated ones pair up in order of appearance."""
    positions: dict[tuple[str, ...], list[int]] = {}
    for j, toks in enumerate(rtoks):
        if toks:
            positions.setdefault(tuple(t.norm for t in toks), []).append(j)
    seen: dict[tuple[str, ...], int] = {}
    pairs = []
    for i, toks in enumerate(ltoks):
        key = tuple(t.norm for t in toks)
        js = positions.get(key)
        if js:
            k = seen.get(key, 0)
            if k < len(js):
                pairs.append((i, js[k]))
                seen[key] = k + 1
    return pairs


def _merge_sorted(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``first`` plus the pairs of ``second`` that use no sentence of ``first``, sorted."""
    used_l = {i for i, _ in first}
    used_r = {j for _, j in first}
    return sorted(first + [(i, j) for i, j in second if i not in used_l and j not in used_r])


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of pairs (sorted by left) whose right ids strictly increase."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    out = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    return out[::-1]


def _out_of_order(sides: _Sides, cands, used_l: set[int], used_r: set[int], strong: float) -> list[Group]:
    """Links for still-unlinked sentences whose best unlinked partner is clearly strong, in any order."""
    scored = sorted(
        ((sides.sim((i,), (j,)), i, j) for i, j in cands if i not in used_l and j not in used_r), reverse=True
    )
    groups: list[Group] = []
    for s, i, j in scored:
        if s < strong:
            break
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        groups.append(((i,), (j,), s))
    return groups


def _grow(sides: _Sides, group: Group, used_l: set[int], used_r: set[int], n: int, m: int, max_merge: int) -> Group:
    """Extend a link with unlinked neighbouring sentences while the merged text matches better."""
    li, ri, s = group
    changed = True
    while changed and len(li) + len(ri) < max_merge + 1:
        changed = False
        options = []
        if len(ri) == 1:
            options += [((li[0] - 1,) + li, ri), (li + (li[-1] + 1,), ri)]
        if len(li) == 1:
            options += [(li, (ri[0] - 1,) + ri), (li, ri + (ri[-1] + 1,))]
        for nl, nr in options:
            if min(nl) < 0 or min(nr) < 0 or max(nl) >= n or max(nr) >= m:
                continue
            if any(x in used_l for x in nl if x not in li) or any(y in used_r for y in nr if y not in ri):
                continue
            ns = sides.sim(nl, nr)
            if ns > s:
                li, ri, s, changed = nl, nr, ns, True
                break
    used_l.update(li)
    used_r.update(ri)
    return li, ri, s


def _admission(sides: _Sides, cands, factor: float):
    """A test that refuses order-based links whose sentences match another sentence far better elsewhere."""
    best_l: dict[int, float] = {}
    best_r: dict[int, float] = {}
    for i, j in cands:
        s = sides.sim((i,), (j,))
        if s > best_l.get(i, 0.0):
            best_l[i] = s
        if s > best_r.get(j, 0.0):
            best_r[j] = s

    def admit(li: tuple[int, ...], ri: tuple[int, ...], s: float) -> bool:
        rival = max(max(best_l.get(i, 0.0) for i in li), max(best_r.get(j, 0.0) for j in ri))
        return factor <= 0 or rival <= factor * s

    return admit


def align_token_lists(
    ltoks: Sequence[Sequence[Token]],
    rtoks: Sequence[Sequence[Token]],
    params: AlignParams = AlignParams(),
    progress: Optional[ProgressFn] = None,
    should_stop: Optional[StopFn] = None,
    sides: Optional["_Sides"] = None,
) -> list[Group]:
    """Groups (left ids, right ids, raw similarity) of linked sentences; each sentence in at most one group.

    ``sides``: the term bags of ``ltoks`` / ``rtoks`` when the caller has them already."""
    sides = sides or _Sides(ltoks, rtoks)
    n, m = len(sides.left), len(sides.right)
    if progress:
        progress(0.1, "Finding candidate passages")
    same = identical_pairs(ltoks, rtoks)
    cands = candidate_pairs(sides, params, should_stop, same)
    if progress:
        progress(0.3, "Aligning passages")
    cut = raw_of(params.threshold)
    strong = _merge_sorted(same, strong_pairs(sides, cands, max(params.anchor, cut)))
    same_set = set(same)
    used_l = {i for i, _ in strong}
    used_r = {j for _, j in strong}
    groups: list[Group] = [((i,), (j,), 1.0 if (i, j) in same_set else sides.sim((i,), (j,))) for i, j in strong]
    chain = [] if n * m <= params.dp_cells else _longest_increasing(strong)
    bounds = [(-1, -1)] + chain + [(n, m)]
    is_cand = lambda i, j: (i, j) in cands  # noqa: E731
    admit = _admission(sides, cands, params.outshone)
    for k in range(len(bounds) - 1):
        if should_stop and should_stop():
            raise Cancelled()
        if progress and k % 200 == 0:
            progress(0.3 + 0.6 * k / len(bounds), "Aligning passages")
        (a0, b0), (a1, b1) = bounds[k], bounds[k + 1]
        lidx = [i for i in range(a0 + 1, a1) if i not in used_l]
        ridx = [j for j in range(b0 + 1, b1) if j not in used_r]
        cells = len(lidx) * len(ridx)
        if cells and cells <= params.dp_cells:
            # a small gap between anchors: every pair is worth scoring, shared common words included
            test = (lambda i, j: True) if cells <= SMALL_GAP else is_cand
            groups += dp_block(lidx, ridx, sides.sim, test, admit, cut, params.position, params.max_merge,
                               should_stop)
    used_l.update(i for g in groups for i in g[0])
    used_r.update(j for g in groups for j in g[1])
    groups = [_grow(sides, g, used_l, used_r, n, m, params.max_merge) if k < len(strong) else g
              for k, g in enumerate(groups)]
    groups += _out_of_order(sides, cands, used_l, used_r, max(params.strong, cut))
    return [g for g in groups if score_of(g[2]) >= params.threshold]
