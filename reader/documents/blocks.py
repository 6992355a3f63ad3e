"""Blocks (one paragraph of extracted text each) and their assembly into a :class:`Document`."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.model import Document, Mark, Paragraph

_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Block:
    """One paragraph of article text as a loader found it (not yet a single line)."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class Extracted:
    """What a format loader returns: paragraphs, a title when the format has one, the text encoding."""

    blocks: tuple[Block, ...]
    title: str = ""
    encoding: str = ""
    notices: tuple[str, ...] = ()


def clean_line(text: str) -> str:
    """One paragraph as a single line: invisible characters removed, whitespace runs collapsed."""
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def clean_blocks(blocks: Iterable[Block]) -> tuple[Block, ...]:
    out = []
    for block in blocks:
        line = clean_line(block.text)
        if line:
            out.append(Block(line, block.heading))
    return tuple(out)


def assemble(
    blocks: Iterable[Block],
    *,
    path: str | None,
    title: str,
    fmt: str,
    sha256: str = "",
    encoding: str = "",
    notices: tuple[str, ...] = (),
) -> Document:
    """Join cleaned blocks with blank lines, record paragraph spans and boilerplate marks."""
    from reader.documents.boilerplate import find_marks

    cleaned = clean_blocks(blocks)
    paragraphs: list[Paragraph] = []
    pieces: list[str] = []
    pos = 0
    for block in cleaned:
        if pieces:
            pos += 2
        paragraphs.append(Paragraph(pos, pos + len(block.text), block.heading))
        pieces.append(block.text)
        pos += len(block.text)
    text = "\n\n".join(pieces)
    marks: list[Mark] = []
    found = find_marks([b.text for b in cleaned], [b.heading for b in cleaned])
    for index, start, end, reason in found:
        base = paragraphs[index].start
        marks.append(Mark(base + start, base + end, reason))
    marks.sort(key=lambda m: (m.start, m.end))
    return Document(
        path=path,
        title=title,
        text=text,
        format=fmt,
        paragraphs=tuple(paragraphs),
        marks=tuple(marks),
        sha256=sha256,
        encoding=encoding,
        notices=tuple(notices),
    )
