"""Plain text: line endings, paragraph breaks, reflow of hard-wrapped lines, titles."""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from reader.documents.blocks import Block

_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022\u2023\u25e6\u2013]|\d{1,3}[.)]|[a-z][.)])\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*\s*$")
_TITLE_BAD_END = re.compile(r"[.,;:]\s*$")
_TITLE_START = re.compile(r"^[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u024f]")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)

SHORT_LINE = 80  # lines up to this long may be hard-wrapped
MIN_WRAP = 40  # narrower "wraps" are lists or verse, not wrapping


def normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x0c", "\n\n")
    return text.replace("\u2028", "\n").replace("\x85", "\n")


def split_blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines (right-stripped), split at blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in normalise_newlines(text).split("\n"):
        line = raw.rstrip()
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def wrap_width(lengths: Sequence[int]) -> int:
    """The column the text was wrapped at, or 0 when the text is not hard-wrapped."""
    if len(lengths) < 3:
        return 0
    short = [n for n in lengths if n <= SHORT_LINE]
    if len(short) < 0.75 * len(lengths):
        return 0
    ordered = sorted(short)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    width = max(n for n in short if n <= p90 * 1.25)
    return width if width >= MIN_WRAP else 0


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def _first_word(line: str) -> str:
    parts = line.split(None, 1)
    return parts[0] if parts else ""


def _breaks(prev: str, nxt: str, width: int, tight: bool) -> bool:
    """True when a paragraph ends between two lines of hard-wrapped text.

    ``tight`` text has no blank lines between paragraphs: there a line ending a sentence, followed by one
    starting with a capital, ends its paragraph (splitting a paragraph at a sentence costs less than joining two).
    """
    if _LIST_ITEM.match(nxt) or len(prev) > width * 1.25 or len(nxt.strip()) > width * 1.25:
        return True
    if nxt.lstrip()[:1].islower():  # "...hypothermia;" / "nobody was": the sentence goes on
        return False
    starts_upper = bool(_TITLE_START.match(nxt.lstrip()))
    if tight and starts_upper and ends_sentence(prev):
        return True
    fits = len(prev) + 1 + len(_first_word(nxt)) <= width
    if not fits:
        return False
    return ends_sentence(prev) or (len(prev) < 0.6 * width and starts_upper)


def _join(prev: str, line: str) -> str:
    line = line.strip()
    if len(prev) > 1 and prev.endswith("-") and not prev[-2].isspace():
        return prev + line
    return f"{prev} {line}"


def reflow(blocks: list[list[str]]) -> list[str]:
    """Paragraphs from blocks of lines: wrapped lines joined, long lines kept as paragraphs of their own."""
    lines = [line for block in blocks for line in block]
    width = wrap_width([len(line.strip()) for line in lines])
    tight = len(blocks) - 1 < 0.1 * len(lines)
    paragraphs: list[str] = []
    for block in blocks:
        if not width:
            paragraphs.extend(line.strip() for line in block)
            continue
        current = block[0].strip()
        for prev, line in zip(block, block[1:]):
            if _breaks(prev.strip(), line, width, tight):
                paragraphs.append(current)
                current = line.strip()
            else:
                current = _join(current, line)
        paragraphs.append(current)
    return [p for p in paragraphs if p]


def drop_page_numbers(blocks: list[list[str]]) -> list[list[str]]:
    """Lines that are only a page number ("12", "Page 3 of 5"), as text copied from PDF has."""
    kept = [[line for line in block if not _PAGE_NUMBER.match(line)] for block in blocks]
    return [block for block in kept if block]


def is_title_line(paragraph: str, following: int) -> bool:
    """A short first line that reads like a headline (and is followed by the article)."""
    words = paragraph.split()
    return (
        following >= 1
        and 0 < len(words) <= 20
        and len(paragraph) <= 150
        and not _TITLE_BAD_END.search(paragraph)
        and bool(_TITLE_START.match(paragraph))
    )


def title_from_filename(path: str | None) -> str:
    """ "the-world-iran-missile-attack.txt" -> "The World Iran Missile Attack" (words already capitalised kept)."""
    if not path:
        return ""
    stem = PurePath(path.replace("\\", "/")).stem
    words = re.sub(r"[-_.+]+", " ", stem).split()
    return " ".join(word if any(c.isupper() for c in word) else word.capitalize() for word in words)


def text_blocks(text: str, *, pdf: bool = False) -> tuple[tuple[Block, ...], str]:
    """Paragraph blocks of plain text, the first one a heading when it reads like a title; and that title."""
    blocks = split_blocks(text)
    if pdf:
        blocks = drop_page_numbers(blocks)
    paragraphs = reflow(blocks)
    if not paragraphs:
        return (), ""
    from reader.documents.boilerplate import is_boilerplate_paragraph

    first = paragraphs[0]
    if is_title_line(first, len(paragraphs) - 1) and not is_boilerplate_paragraph(first):
        rest = tuple(Block(p) for p in paragraphs[1:])
        return (Block(first, heading=True), *rest), first
    return tuple(Block(p) for p in paragraphs), ""
