"""Monotonic alignment of a block of sentences: dynamic programming with 1-1, k-1, 1-k moves and skips.

The gain of linking a group is (group score - cut) for every sentence pair it creates, so the best path keeps
links whose score clears the cut and prefers a merge when the merged text matches better than the parts.
"""
from __future__ import annotations

from typing import Callable, Optional

from reader.core.model import Cancelled, StopFn

Group = tuple[tuple[int, ...], tuple[int, ...], float]
MW = 0.5  # each extra merged sentence adds half a link's gain
MERGE_CUT = 0.1  # each extra merged sentence raises the overlap a merge needs by this share of the cut
SimFn = Callable[[tuple[int, ...], tuple[int, ...]], float]


def dp_block(
    lidx: list[int], ridx: list[int],
    sim: SimFn,
    is_cand: Callable[[int, int], bool],
    admit: Callable[[tuple[int, ...], tuple[int, ...], float], bool],
    cut: float,
    pos: float = 0.0,
    max_merge: int = 4,
    should_stop: Optional[StopFn] = None,
) -> list[Group]:
    """Best monotonic set of groups over the left ids ``lidx`` x right ids ``ridx`` (both increasing).

    Merged sentences must be consecutive in the text (ids differing by one)."""
    n, m = len(lidx), len(ridx)
    if n <= 0 or m <= 0:
        return []
    neg = float("-inf")
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[Optional[tuple]]] = [[None] * (m + 1) for _ in range(n + 1)]
    for a in range(n + 1):
        if should_stop and a % 64 == 0 and should_stop():
            raise Cancelled()
        row = best[a]
        for b in range(m + 1):
            if a == 0 and b == 0:
                continue
            val, how = neg, None
            if a > 0 and best[a - 1][b] > val:
                val, how = best[a - 1][b], (1, 0)
            if b > 0 and row[b - 1] > val:
                val, how = row[b - 1], (0, 1)
            if a > 0 and b > 0:
                val, how = _links_into(a, b, lidx, ridx, best, sim, is_cand, admit, cut, pos, max_merge, val, how)
            row[b] = val
            back[a][b] = how
    return _trace(back, n, m, lidx, ridx)


def _run(idx: list[int], end: int, k: int) -> Optional[tuple[int, ...]]:
    """The k ids ending at position end-1 of idx if they are consecutive in the text, else None."""
    ids = tuple(idx[end - k : end])
    return ids if ids[-1] - ids[0] == k - 1 else None


def _merge_cut(cut: float, k: int) -> float:
    """The overlap a group merging k sentences against one must exceed: more text shares words by chance."""
    return cut * (1 + MERGE_CUT * (k - 1))


def _links_into(a, b, lidx, ridx, best, sim, is_cand, admit, cut, pos, max_merge, val, how):
    """Try groups ending at positions a-1 (left) and b-1 (right)."""
    n, m = len(lidx), len(ridx)
    i, j = lidx[a - 1], ridx[b - 1]
    for k in range(1, min(max_merge, a) + 1):  # k left sentences with one right sentence
        li = _run(lidx, a, k)
        if li is None or not any(is_cand(x, j) for x in li):
            break
        s = sim(li, (j,))
        if (k > 1 and s <= max(sim((x,), (j,)) for x in li)) or s <= _merge_cut(cut, k) or not admit(li, (j,), s):
            continue
        g = best[a - k][b - 1] + (1 + MW * (k - 1)) * (s - cut - pos * abs((a - k / 2) / n - (b - 0.5) / m))
        if g > val:
            val, how = g, (k, 1, s)
    for k in range(2, min(max_merge, b) + 1):  # one left sentence with k right sentences
        ri = _run(ridx, b, k)
        if ri is None or not any(is_cand(i, y) for y in ri):
            break
        s = sim((i,), ri)
        if s <= max(sim((i,), (y,)) for y in ri) or s <= _merge_cut(cut, k) or not admit((i,), ri, s):
            continue
        g = best[a - 1][b - k] + (1 + MW * (k - 1)) * (s - cut - pos * abs((a - 0.5) / n - (b - k / 2) / m))
        if g > val:
            val, how = g, (1, k, s)
    return val, how


def _trace(back, n, m, lidx, ridx) -> list[Group]:
    groups: list[Group] = []
    a, b = n, m
    while a > 0 or b > 0:
        how = back[a][b]
        if len(how) == 3:
            ka, kb, s = how
            groups.append((tuple(lidx[a - ka : a]), tuple(ridx[b - kb : b]), s))
            a, b = a - ka, b - kb
        else:
            a, b = a - how[0], b - how[1]
    groups.reverse()
    return groups
