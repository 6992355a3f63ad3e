"""The report as a list of simple blocks (Qt-free): headings, paragraphs and tables of rich-text cells.

``reader.export.layout`` turns blocks into pages; ``reader.export.content`` builds the blocks of a comparison.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence, Union

from reader.export.rows import StyleSpan

# Span styles understood by the layout engine besides the passage styles of reader.export.rows.
BOLD, ITALIC, MONO, MUTED = "b", "i", "mono", "muted"


@dataclass(frozen=True)
class Rich:
    """Text with styled spans (half-open offsets into ``text``)."""

    text: str
    spans: tuple[StyleSpan, ...] = ()


def rich(*parts: Union[str, tuple[str, str]]) -> Rich:
    """Build rich text from plain strings and ``(text, style)`` pairs (style may be "b+mono")."""
    text: list[str] = []
    spans: list[StyleSpan] = []
    offset = 0
    for part in parts:
        chunk, styles = (part, "") if isinstance(part, str) else part
        for style in filter(None, styles.split("+")):
            spans.append(StyleSpan(offset, offset + len(chunk), style))
        text.append(chunk)
        offset += len(chunk)
    return Rich("".join(text), tuple(spans))


@dataclass(frozen=True)
class Cell:
    content: Rich
    kind: Optional[str] = None  # key of style.CELL_STYLES: fill, bar, text colour of the cell
    size: str = "body"  # "body" | "small"
    align: str = "left"  # "left" | "center" | "right"
    bold: bool = False


@dataclass(frozen=True)
class TableRow:
    cells: tuple[Cell, ...]
    rule_below: bool = False  # a thin line under the row (header rows)


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]  # fractions of the text width
    rows: Sequence[TableRow]
    header: Optional[TableRow] = None  # repeated at the top of every page the table continues on
    gap_mm: float = 0.8  # white space between rows


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 0 = report title, 1 = section, 2 = sub-section


@dataclass(frozen=True)
class Para:
    content: Rich
    size: str = "body"
    space_after_mm: float = 1.5


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Spacer:
    mm: float = 3.0


Block = Union[Heading, Para, Table, PageBreak, Spacer]


@dataclass(frozen=True)
class Report:
    """Everything the layout engine needs: blocks plus the running header texts."""

    blocks: tuple[Block, ...]
    running_left: str
    running_right: str
    footer: str
    meta: dict = field(default_factory=dict)  # title/subject/creator for the PDF metadata
