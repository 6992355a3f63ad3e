"""Markdown to article paragraphs: markup stripped, headings kept as heading paragraphs."""
from __future__ import annotations

import re

from reader.documents.blocks import Block
from reader.documents.text import SHORT_LINE, ends_sentence, is_title_line

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.S)
_FRONT_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.M | re.I)
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")

_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`+([^`]+?)`+"), r"\1"),  # code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strike-through
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])"), r"\1"),  # escapes
)


def strip_inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def join_lines(lines: list[str]) -> list[str]:
    """Markdown joins a paragraph's lines; a long line ending a sentence is kept as a paragraph of its own."""
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current = f"{current} {line.strip()}" if current else line.strip()
        if len(line.strip()) > SHORT_LINE * 1.25 and ends_sentence(line):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def markdown_blocks(source: str) -> tuple[tuple[Block, ...], str]:
    """Paragraph blocks of a Markdown text and its title (front matter ``title:`` or the first heading)."""
    title = ""
    front = _FRONT_MATTER.match(source)
    if front:
        found = _FRONT_TITLE.search(front.group(1))
        title = found.group(1).strip("\"' ") if found else ""
        source = source[front.end() :]
    blocks: list[Block] = []
    pending: list[str] = []  # lines of the paragraph being read

    def flush() -> None:
        if pending:
            blocks.extend(Block(strip_inline(p)) for p in join_lines(pending))
            pending.clear()

    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                blocks.append(Block(line.strip()))
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            blocks.append(Block(strip_inline(heading.group(2)), heading=True))
        elif pending and _SETEXT.match(line) and len(pending) == 1:
            blocks.append(Block(strip_inline(pending.pop()), heading=True))
        elif not line.strip() or _RULE.match(line) or _REF_DEF.match(line) or _TABLE_SEP.match(line):
            flush()
        elif _LIST.match(line):
            flush()
            pending.append(_LIST.sub("", line, count=1))
        elif line.lstrip().startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            blocks.append(Block(strip_inline(" | ".join(c for c in cells if c))))
        else:
            pending.append(_QUOTE.sub("", line) if _QUOTE.match(line) else line)
    flush()
    blocks = [b for b in blocks if b.text.strip()]
    if not title:
        title = next((b.text for b in blocks if b.heading), "")
    if not title and blocks and is_title_line(strip_inline(blocks[0].text), len(blocks) - 1):
        title = blocks[0].text
        blocks[0] = Block(title, heading=True)
    return tuple(blocks), strip_inline(title)
