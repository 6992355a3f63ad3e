"""Word-level differences inside a link: rapidfuzz Indel opcodes over normalised tokens, mapped to text spans."""
from __future__ import annotations

from typing import Sequence

from rapidfuzz.distance import Indel

from reader.core.align_features import STOPWORDS
from reader.core.model import Span, WordDiff
from reader.core.normalize import Token


def word_diff(
    left: Sequence[Token], right: Sequence[Token], left_at: int = 0, right_at: int = 0,
    left_breaks: frozenset[int] = frozenset(), right_breaks: frozenset[int] = frozenset(),
) -> tuple[WordDiff, ...]:
    """Differences between two token lists (normalised forms compared); equal runs are not returned.

    Words are compared in order (longest common subsequence); a word that the other passage has elsewhere
    (moved, as paraphrases do) is not a difference.

    Spans are the character spans of the differing words in each side's text; a side with no words in an
    opcode gets an empty span at the position where the words would be (``left_at`` / ``right_at`` when that
    side has no words at all). ``*_breaks``: token indices that start a new passage (merged links).
    """
    a = [t.norm for t in left]
    b = [t.norm for t in right]
    in_a, in_b = set(a), set(b)
    out: list[WordDiff] = []
    for _tag, i1, i2, j1, j2 in _changes(a, b):
        lruns = _runs(a, i1, i2, in_b, left_breaks)
        rruns = _runs(b, j1, j2, in_a, right_breaks)
        if len(lruns) == 1 and len(rruns) == 1:
            out.append(WordDiff("replace", _span(left, *lruns[0], left_at), _span(right, *rruns[0], right_at)))
            continue
        out.extend(WordDiff("delete", _span(left, s, e, left_at), _span(right, j1, j1, right_at)) for s, e in lruns)
        out.extend(WordDiff("insert", _span(left, i1, i1, left_at), _span(right, s, e, right_at)) for s, e in rruns)
    return tuple(out)


def _runs(norms: list[str], start: int, end: int, other: set[str], breaks: frozenset[int]) -> list[tuple[int, int]]:
    """Runs of positions in [start, end) holding words absent from the other passage.

    A content word the other passage has elsewhere (moved, as paraphrases do) is not a difference; small words
    ("of", "the") join the differing words around them. Runs never cross a passage boundary (``breaks``)."""
    runs: list[tuple[int, int]] = []
    run_start = last_diff = -1
    for k in range(start, end):
        word = norms[k]
        absent = word not in other
        if run_start >= 0 and (k in breaks or not (absent or word in STOPWORDS)):
            runs.append((run_start, last_diff + 1))
            run_start = -1
        if absent:
            if run_start < 0:
                run_start = k
            last_diff = k
    if run_start >= 0:
        runs.append((run_start, last_diff + 1))
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


def _span(tokens: Sequence[Token], i: int, j: int, default: int) -> Span:
    if i < j:
        return tokens[i].start, tokens[j - 1].end
    if not tokens:
        return default, default
    pos = tokens[i - 1].end if i > 0 else tokens[0].start
    return pos, pos


def token_similarity(left: Sequence[Token], right: Sequence[Token]) -> float:
    """Share of normalised words the two token lists have in common, in order (Indel ratio, 0..1)."""
    a = [t.norm for t in left]
    b = [t.norm for t in right]
    if not a and not b:
        return 1.0
    return Indel.normalized_similarity(a, b)
