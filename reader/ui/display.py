"""What a pane gives Qt for an article: the display text, the offset map, and where it continues a paragraph.

Built without Qt objects (so the loading task builds it on a worker thread, not on the UI thread):

- characters Qt would merge or drop become spaces (offsets stay valid);
- runs without a space of :data:`reader.softbreak.RUN_LIMIT` characters or more get an invisible break
  opportunity (U+200B) every few characters, so Qt wraps them in linear time (a 1 MB line of letters took
  minutes);
- paragraphs longer than :data:`BLOCK_CHARS` are cut into several Qt blocks (at a space where there is one), so
  laying out any one block takes a few milliseconds and the pane's sliced layout can pause between them. The
  cut ends a line early; the block before it gets no paragraph spacing (``soft_ends``);
- the empty line between two paragraphs becomes a zero-width space at the start of the next paragraph instead
  of an empty Qt block (the gap is the paragraph's spacing): half the blocks, and none to format one by one.

Offsets into the article text stay exact: :class:`reader.ui.highlight.OffsetMap` maps them through the
inserted characters.
"""
from __future__ import annotations

from bisect import bisect_right
import re
from dataclasses import dataclass

from reader.core.model import Document
from reader.softbreak import ZWSP, describe, find_breaks
from reader.ui.highlight import OffsetMap, display_text

BLOCK_CHARS = 3_000  # longest Qt block the pane lays out in one piece (a few ms)
CUT_SEARCH = BLOCK_CHARS // 2  # how far back from a cut point a space is looked for
_BLANK_LINE = re.compile(r"(?<=\n)\n")


@dataclass(frozen=True)
class Display:
    text: str  # given to QTextDocument.setPlainText
    omap: OffsetMap
    soft_ends: frozenset[int]  # Qt positions of block separators that continue a paragraph
    blank_starts: tuple[int, ...]  # Qt positions of the empty blocks left (start or end of the text)
    notice: str  # "" or what was done to long runs (shown in the pane header)
    words: int  # word count (computed here: len(text.split()) on 20 MB takes a while)


def prepare_display(document: Document) -> Display:
    """The display of an article (pure Python; safe on any thread)."""
    text = document.text
    base = display_text(text)
    breaks = find_breaks(base)
    inserts = list(breaks.inserts)
    newline_at: set[int] = set()  # original offsets whose inserted char is a block separator, not a ZWSP
    replaced: list[int] = []  # original offsets of spaces that become block separators
    _cut_long_paragraphs(base, inserts, newline_at, replaced)
    base = _BLANK_LINE.sub(ZWSP, base)
    chars = list(base) if replaced else None
    if chars is not None:
        for offset in replaced:
            chars[offset] = "\n"
        base = "".join(chars)
    shown = _insert(base, inserts, newline_at)
    omap = OffsetMap(text, inserts)
    soft = {omap.to_qt(offset) for offset in replaced} | {omap.to_qt(offset) - 1 for offset in newline_at}
    blank = tuple(p for p, empty in ((0, shown[:1] in ("\n", "")), (len(shown), shown.endswith("\n"))) if empty)
    return Display(shown, omap, frozenset(soft), blank, describe(breaks), len(text.split()))


def _cut_long_paragraphs(base: str, inserts: list[int], newline_at: set[int], replaced: list[int]) -> None:
    """Choose cut points every ~BLOCK_CHARS in paragraphs longer than that: a space, else an inserted break."""
    start = 0
    length = len(base)
    while start < length:
        end = base.find("\n", start)
        end = length if end < 0 else end
        target = start + BLOCK_CHARS
        while end - start > BLOCK_CHARS and target < end:
            space = max(base.rfind(" ", target - CUT_SEARCH, target), base.rfind("\t", target - CUT_SEARCH, target))
            if space > start:
                replaced.append(space)
                start = space + 1
            else:
                k = bisect_right(inserts, target) - 1
                if k < 0 or inserts[k] <= start:
                    break  # nowhere to cut (cannot happen: a run this long has breaks)
                newline_at.add(inserts[k])
                start = inserts[k]
            target = start + BLOCK_CHARS
        start = end + 1


def _insert(base: str, inserts: list[int], newline_at: set[int]) -> str:
    if not inserts:
        return base
    pieces, marks, last = [], [], 0
    for position in inserts:
        pieces.append(base[last:position])
        marks.append("\n" if position in newline_at else ZWSP)
        last = position
    pieces.append(base[last:])
    out = [pieces[0]]
    for mark, piece in zip(marks, pieces[1:]):
        out.append(mark)
        out.append(piece)
    return "".join(out)


def soft_block(soft_ends: frozenset[int], block_position: int, block_length: int) -> bool:
    """True when the Qt block ending at its separator continues the same paragraph in the next block."""
    return (block_position + block_length - 1) in soft_ends


__all__ = ["BLOCK_CHARS", "Display", "prepare_display", "soft_block"]
