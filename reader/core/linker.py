"""The fact-level linker: which sentence pairs a careful reader would put side by side as the same fact.

1. Candidates: pairs sharing content words (inverted index, linear cost) plus, with a sentence encoder, each
   sentence's nearest neighbours in meaning.
2. Each candidate gets a feature row (:mod:`reader.core.link_features`) and a calibrated probability from the
   learned decision (:mod:`reader.core.link_model`); identical sentences are certain.
3. Pairs at or above the threshold are kept in any order; a sentence may pair with several (a long sentence often
   carries two facts that the other source tells in two sentences). Kept pairs that share a sentence form one
   group, strongest first, so that a group stays a readable handful of sentences.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from reader.core.align_core import AlignParams, _Sides, candidate_pairs, identical_pairs
from reader.core.link_features import Meaning, feature_rows, sentence_infos
from reader.core.link_model import StackedModel, load_model
from reader.core.model import Cancelled, StopFn
from reader.core.normalize import Token

MAX_GROUP_SIDE = 8  # at most this many sentences of one side in one group
# A sentence joins a second partner that does not neighbour its best one only when that link is at least this
# share as sure as the best: one sentence against several only when each carries part of the same fact
# (checked by cross-validation on the news dev pairs).
SECOND_PARTNER = 0.6
NEIGHBOURS = 3  # nearest neighbours in meaning added as candidates, per sentence


@dataclass(frozen=True)
class PairGroup:
    """Linked sentences: ids on each side, the pairs inside with their probabilities, the best probability."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    pairs: tuple[tuple[int, int, float], ...]

    @property
    def probability(self) -> float:
        return max(p for _, _, p in self.pairs)


def candidate_rows(
    ltexts: Sequence[str], rtexts: Sequence[str], ltoks: Sequence[Sequence[Token]], rtoks: Sequence[Sequence[Token]],
    lbases: Sequence[int], rbases: Sequence[int], meaning: Optional[Meaning] = None,
    should_stop: Optional[StopFn] = None, headlines: tuple[bool, bool] = (False, False),
    only: Optional[set[tuple[int, int]]] = None, sides: Optional[_Sides] = None,
) -> tuple[list[tuple[int, int]], np.ndarray, list[tuple[int, int]]]:
    """Candidate pairs (sorted), their feature rows, and the pairs of identical sentences among them.

    ``headlines``: whether the first text of the left / right list is its article's headline. ``only``: the pairs
    to consider (instead of those the index proposes). ``sides``: the term bags, when the caller has them."""
    sides = sides or _Sides(ltoks, rtoks)
    same = identical_pairs(ltoks, rtoks)
    cands = candidate_pairs(sides, AlignParams(), should_stop) if only is None else set(only)
    if meaning is not None and meaning.cosine.size:
        cands |= _nearest(meaning.cosine)
    cands |= set(same) if only is None else set(same) & cands
    if should_stop and should_stop():
        raise Cancelled()
    left = sentence_infos(ltexts, ltoks, lbases, sides.idf, sides.lterms, headlines[0])
    right = sentence_infos(rtexts, rtoks, rbases, sides.idf, sides.rterms, headlines[1])
    pairs = sorted(cands)
    return pairs, feature_rows(pairs, left, right, sides.idf, meaning), same


def pair_probabilities(
    ltexts: Sequence[str], rtexts: Sequence[str], ltoks: Sequence[Sequence[Token]], rtoks: Sequence[Sequence[Token]],
    lbases: Sequence[int], rbases: Sequence[int], meaning: Optional[Meaning] = None,
    model: Optional[StackedModel] = None, should_stop: Optional[StopFn] = None,
    headlines: tuple[bool, bool] = (False, False), only: Optional[set[tuple[int, int]]] = None,
    sides: Optional[_Sides] = None,
) -> dict[tuple[int, int], float]:
    """Probability that each candidate pair reports the same fact (pairs not listed: no evidence at all)."""
    pairs, rows, same = candidate_rows(ltexts, rtexts, ltoks, rtoks, lbases, rbases, meaning, should_stop,
                                       headlines, only, sides)
    model = model or load_model(semantic=meaning is not None)
    probs = model.probability(pairs, rows, frozenset(same))
    out = {pair: float(p) for pair, p in zip(pairs, probs)}
    out.update({pair: 1.0 for pair in same})
    return out


def _nearest(cosine: np.ndarray) -> set[tuple[int, int]]:
    k_row = min(NEIGHBOURS, cosine.shape[1])
    k_col = min(NEIGHBOURS, cosine.shape[0])
    rows = np.argpartition(-cosine, k_row - 1, axis=1)[:, :k_row]
    cols = np.argpartition(-cosine, k_col - 1, axis=0)[:k_col, :]
    out = {(i, int(j)) for i in range(cosine.shape[0]) for j in rows[i]}
    out |= {(int(i), j) for j in range(cosine.shape[1]) for i in cols[:, j]}
    return out


def _second_partners(probs: dict[tuple[int, int], float], threshold: float) -> dict[tuple[int, int], float]:
    """The pairs at or above the threshold, less the weak second partners (see SECOND_PARTNER)."""
    best_l: dict[int, tuple[float, int]] = {}
    best_r: dict[int, tuple[float, int]] = {}
    for (i, j), p in probs.items():
        if p > best_l.get(i, (-1.0, -1))[0]:
            best_l[i] = (p, j)
        if p > best_r.get(j, (-1.0, -1))[0]:
            best_r[j] = (p, i)
    alone_l = {i for (i, _), p in probs.items() if p == 1.0}  # identical sentences pair with each other only
    alone_r = {j for (_, j), p in probs.items() if p == 1.0}
    out = {}
    for (i, j), p in probs.items():
        if p < threshold or (p < 1.0 and (i in alone_l or j in alone_r)):
            continue
        (best_j_p, other_j), (best_i_p, other_i) = best_l[i], best_r[j]
        weak = ((other_j != j and abs(other_j - j) > 1 and p < SECOND_PARTNER * best_j_p)
                or (other_i != i and abs(other_i - i) > 1 and p < SECOND_PARTNER * best_i_p))
        if not weak:
            out[(i, j)] = p
    return out


def group_pairs(probs: dict[tuple[int, int], float], threshold: float) -> list[PairGroup]:
    """Kept pairs joined into groups through shared sentences, strongest pairs first; a pair that would make a
    group larger than ``MAX_GROUP_SIDE`` sentences on a side is left out."""
    probs = _second_partners(probs, threshold)
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    size: dict[tuple[str, int], tuple[int, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept = []
    for (i, j), p in sorted(probs.items(), key=lambda kv: (-kv[1], kv[0])):
        if p < threshold:
            break
        a, b = find(("l", i)), find(("r", j))
        if a != b:
            sa = size.get(a, (1, 0))
            sb = size.get(b, (0, 1))
            merged = (sa[0] + sb[0], sa[1] + sb[1])
            if max(merged) > MAX_GROUP_SIDE:
                continue
            parent[b] = a
            size[a] = merged
        kept.append((i, j, round(p, 4)))
    groups: dict[tuple[str, int], list[tuple[int, int, float]]] = {}
    for i, j, p in kept:
        groups.setdefault(find(("l", i)), []).append((i, j, p))
    out = []
    for pairs in groups.values():
        pairs.sort()
        out.append(PairGroup(tuple(sorted({i for i, _, _ in pairs})), tuple(sorted({j for _, j, _ in pairs})),
                             tuple(pairs)))
    out.sort(key=lambda g: (g.left[0], g.right[0]))
    return out
