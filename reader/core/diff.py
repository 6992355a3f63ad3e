"""Word-level differences inside a link: rapidfuzz Indel opcodes over normalised tokens, mapped to text spans."""
from __future__ import annotations

from typing import Sequence

from rapidfuzz.distance import Indel

from reader.core.model import Span, WordDiff
from reader.core.normalize import Token


def word_diff(left: Sequence[Token], right: Sequence[Token]) -> tuple[WordDiff, ...]:
    """Differences between two token lists (normalised forms compared); equal runs are not returned.

    Words are compared in order (longest common subsequence); a word that the other passage has elsewhere
    (moved, as paraphrases do) is not a difference.

    Spans are the character spans of the differing words in each side's text; a side with no words in an
    opcode gets an empty span at the position where the words would be.
    """
    a = [t.norm for t in left]
    b = [t.norm for t in right]
    in_a, in_b = set(a), set(b)
    out: list[WordDiff] = []
    for _tag, i1, i2, j1, j2 in _changes(a, b):
        lruns = _runs(a, i1, i2, in_b)
        rruns = _runs(b, j1, j2, in_a)
        if len(lruns) == 1 and len(rruns) == 1:
            out.append(WordDiff("replace", _span(left, *lruns[0]), _span(right, *rruns[0])))
            continue
        out.extend(WordDiff("delete", _span(left, s, e), _span(right, j1, j1)) for s, e in lruns)
        out.extend(WordDiff("insert", _span(left, i1, i1), _span(right, s, e)) for s, e in rruns)
    return tuple(out)


def _runs(norms: list[str], start: int, end: int, other: set[str]) -> list[tuple[int, int]]:
    """Maximal runs of positions in [start, end) whose word is absent from the other passage (moved words are
    not differences)."""
    runs: list[tuple[int, int]] = []
    k = start
    while k < end:
        if norms[k] in other:
            k += 1
            continue
        s = k
        while k < end and norms[k] not in other:
            k += 1
        runs.append((s, k))
    return runs


def _changes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Indel (longest common subsequence) opcodes, keeping every common word equal; a deletion next to an
    insertion becomes one replacement."""
    merged: list[list] = []
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            merged.append(["equal", op.src_start, op.src_end, op.dest_start, op.dest_end])
        elif merged and merged[-1][0] != "equal":
            last = merged[-1]
            last[0], last[2], last[4] = "replace", op.src_end, op.dest_end
        else:
            merged.append([op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [tuple(m) for m in merged if m[0] != "equal"]


def _span(tokens: Sequence[Token], i: int, j: int) -> Span:
    if i < j:
        return tokens[i].start, tokens[j - 1].end
    if not tokens:
        return 0, 0
    pos = tokens[i - 1].end if i > 0 else tokens[0].start
    return pos, pos


def token_similarity(left: Sequence[Token], right: Sequence[Token]) -> float:
    """Share of normalised words the two token lists have in common, in order (Indel ratio, 0..1)."""
    a = [t.norm for t in left]
    b = [t.norm for t in right]
    if not a and not b:
        return 1.0
    return Indel.normalized_similarity(a, b)
