"""Break opportunities for text that has none: long runs without a space, and very long paragraphs (Qt-free).

Qt lays a line out by looking ahead to the next place it may break; in a run of a million letters with no space
that look-ahead crosses the whole run for every line, so laying it out takes minutes (in the window and in the
PDF). A zero-width space (U+200B, invisible, a break opportunity) every few characters of such runs makes it
linear. Nothing here changes the article text: the callers lay out a *display* copy and map offsets through the
insertion positions (see :func:`qt_offset`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

ZWSP = "\u200b"
RUN_LIMIT = 400  # runs without whitespace at least this long get break opportunities
BREAK_EVERY = 12  # characters between two of them (the most a wrapped line can fall short of the right edge)

_LONG_RUN = re.compile(r"[^\s\u200b]{%d,}" % RUN_LIMIT)


@dataclass(frozen=True)
class Breaks:
    """Where zero-width spaces go in a text: ``inserts[k]`` is the offset of the char the k-th one precedes."""

    inserts: tuple[int, ...]
    runs: int  # number of long runs that got break opportunities
    longest: int  # length of the longest such run (0 when none)


def find_breaks(text: str, run_limit: int = RUN_LIMIT, every: int = BREAK_EVERY) -> Breaks:
    """Break opportunities every ``every`` chars inside each run of ``run_limit`` or more non-space chars."""
    pattern = _LONG_RUN if run_limit == RUN_LIMIT else re.compile(r"[^\s\u200b]{%d,}" % run_limit)
    inserts: list[int] = []
    runs = longest = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        runs += 1
        longest = max(longest, end - start)
        position = start + every
        while position < end:
            if not _splits_pair(text, position):
                inserts.append(position)
            position += every
    return Breaks(tuple(inserts), runs, longest)


def _splits_pair(text: str, position: int) -> bool:
    """True when ``position`` falls inside a surrogate pair or before a combining mark (keep those whole)."""
    ch = text[position]
    return "\udc00" <= ch <= "\udfff" or "\u0300" <= ch <= "\u036f"


def with_breaks(text: str, inserts: tuple[int, ...] | list[int], mark: str = ZWSP) -> str:
    """``text`` with ``mark`` inserted before each offset of ``inserts`` (sorted)."""
    if not inserts:
        return text
    pieces, last = [], 0
    for position in inserts:
        pieces.append(text[last:position])
        last = position
    pieces.append(text[last:])
    return mark.join(pieces)


def qt_offset(inserts: tuple[int, ...] | list[int], offset: int) -> int:
    """Offset in the text with breaks of the char at ``offset`` in the original text."""
    return offset + bisect_right(inserts, offset)


def describe(breaks: Breaks) -> str:
    """The notice shown to the user ("" when nothing was broken)."""
    if not breaks.runs:
        return ""
    if breaks.runs == 1:
        return f"{breaks.longest:,} characters without a space, wrapped anywhere"
    return f"{breaks.runs:,} runs without a space (up to {breaks.longest:,} characters), wrapped anywhere"
