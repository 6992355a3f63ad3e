"""Char formats of one pane: structure (headings, boilerplate) and comparison highlights, a window of text per edit
block (:func:`iter_apply_formats`, so long texts can be formatted a slice at a time).

Formats are real char formats in the QTextDocument (no ExtraSelections, no QSyntaxHighlighter), so painting costs
nothing extra per frame whatever the document length. :class:`SideIndex` answers "what is at this offset".
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat

from reader.core.model import Comparison, Discrepancy, Document, Link, SegmentKind, Side
from reader.ui.palette import Theme

SCORE_FMT = "{:.0%}"
# Char format property naming a marked span ("diff", "detail", "discrepancy"); passage shading (links, "only
# here") is painted behind the text by the pane instead, see ``PaneText.set_region_spans``.
HIGHLIGHT_KIND = QTextFormat.UserProperty + 1
DIFF_KINDS = ("identical", "near")  # word differences are underlined only where passages nearly match


class OffsetMap:
    """Python str offsets (code points) <-> QTextDocument positions (UTF-16 units).

    Qt counts one extra unit after each astral char (a surrogate pair), and one for every char the display adds
    (``inserts``: offsets of the chars an invisible break or block separator is inserted before, see
    :mod:`reader.ui.display`)."""

    def __init__(self, text: str, inserts=()) -> None:
        astral = [i + 1 for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._extra = sorted(astral + list(inserts)) if astral and inserts else (astral or list(inserts))

    def to_qt(self, offset: int) -> int:
        return offset + bisect_right(self._extra, offset) if self._extra else offset

    def from_qt(self, pos: int) -> int:
        """The offset of the char at (or, for an inserted char, just after) Qt position ``pos``."""
        if not self._extra:
            return pos
        lo, hi = 0, max(0, pos)  # smallest offset whose qt position >= pos
        while lo < hi:
            mid = (lo + hi) // 2
            if self.to_qt(mid) >= pos:
                hi = mid
            else:
                lo = mid + 1
        return lo


def display_text(text: str) -> str:
    """The text as given to Qt: characters Qt would merge or drop become spaces so offsets stay valid."""
    return text.replace("\r", " ").replace("\u2029", "\n").replace("\x00", " ")


@dataclass
class SideIndex:
    """Lookups for one side of a comparison: segment at an offset, its link, discrepancies, unique runs."""

    side: Side
    starts: list[int] = field(default_factory=list)  # segment starts, sorted
    ends: list[int] = field(default_factory=list)
    seg_link: dict[int, int] = field(default_factory=dict)  # segment id -> link index
    unique: frozenset[int] = frozenset()
    boilerplate: frozenset[int] = frozenset()
    disc_starts: list[int] = field(default_factory=list)
    discs: list[Discrepancy] = field(default_factory=list)

    @classmethod
    def build(cls, comparison: Comparison, side: Side) -> "SideIndex":
        segs = comparison.side(side).segments
        seg_link: dict[int, int] = {}
        for index, link in enumerate(comparison.links):
            for seg_id in link_ids(link, side):
                seg_link[seg_id] = index
        discs = sorted(comparison.discrepancies, key=lambda d: disc_span(d, side)[0])
        return cls(
            side=side,
            starts=[s.start for s in segs],
            ends=[s.end for s in segs],
            seg_link=seg_link,
            unique=frozenset(comparison.unique(side)),
            boilerplate=frozenset(s.id for s in segs if s.kind is SegmentKind.BOILERPLATE),
            disc_starts=[disc_span(d, side)[0] for d in discs],
            discs=discs,
        )

    def segment_at(self, offset: int) -> int | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.ends[i]:
            return i
        return None

    def discrepancy_at(self, offset: int) -> Discrepancy | None:
        i = bisect_right(self.disc_starts, offset) - 1
        for j in range(i, max(-1, i - 4), -1):  # spans rarely overlap; look at the last few that start before
            start, end = disc_span(self.discs[j], self.side)
            if start <= offset < end:
                return self.discs[j]
        return None


@dataclass(frozen=True)
class Difference:
    """One stop of next/previous difference: an "only here" passage or one side of a discrepancy."""

    side: Side
    start: int
    end: int
    kind: str  # "unique" | "discrepancy"


def differences(comparison: Comparison | None, side: Side) -> list[Difference]:
    """The stops on one side, in reading order (consecutive "only here" sentences are one stop)."""
    if comparison is None:
        return []
    segs = comparison.side(side).segments
    items = [Difference(side, segs[a].start, segs[b].end, "unique") for a, b in unique_runs(comparison.unique(side))]
    items += [Difference(side, *disc_span(d, side), "discrepancy") for d in comparison.discrepancies]
    return sorted(items, key=lambda d: (d.start, d.end))


def step_across(starts_of, side: Side, offset: int | None, forward: bool) -> tuple[Side, int, bool] | None:
    """Next (previous) item after ``offset`` on ``side``, else the other side from its top (bottom), else wrap.

    ``starts_of(side)`` gives the sorted start offsets of one side's items. Returns (side, index, wrapped)."""
    edge = -1 if forward else 1 << 62
    offset = edge if offset is None else offset
    for attempt in range(3):
        starts = starts_of(side)
        k = bisect_right(starts, offset) if forward else bisect_left(starts, offset) - 1
        if 0 <= k < len(starts):
            return side, k, attempt > 0
        side, offset = side.other, edge
    return None


def link_ids(link: Link, side: Side) -> tuple[int, ...]:
    return link.left if side is Side.LEFT else link.right


def disc_span(disc: Discrepancy, side: Side) -> tuple[int, int]:
    return disc.left if side is Side.LEFT else disc.right


def unique_runs(ids: tuple[int, ...] | frozenset[int]) -> list[tuple[int, int]]:
    """Consecutive segment ids grouped into (first, last) runs: one "only here" passage each."""
    runs: list[tuple[int, int]] = []
    for seg_id in sorted(ids):
        if runs and seg_id == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], seg_id)
        else:
            runs.append((seg_id, seg_id))
    return runs


# ---------------------------------------------------------------------------------------------- formats
class Formats:
    """The char formats of one theme, built once per theme."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Bold)
        self.heading.setProperty(QTextFormat.FontSizeAdjustment, 1)
        self.dim = QTextCharFormat()
        self.dim.setForeground(QColor(theme.dim_text))
        self.dim.setFontItalic(True)
        self.diff = QTextCharFormat()
        self.diff.setProperty(HIGHLIGHT_KIND, "diff")
        self.diff.setUnderlineStyle(QTextCharFormat.SingleUnderline)
        self.diff.setUnderlineColor(QColor(theme.diff_line))
        self.detail = QTextCharFormat()
        self.detail.setProperty(HIGHLIGHT_KIND, "detail")
        self.detail.setUnderlineStyle(QTextCharFormat.DotLine)
        self.detail.setUnderlineColor(QColor(theme.detail_line))
        self.discrepancy = QTextCharFormat()
        self.discrepancy.setProperty(HIGHLIGHT_KIND, "discrepancy")
        self.discrepancy.setFontWeight(QFont.Bold)
        self.discrepancy.setForeground(QColor(theme.discrepancy))
        self.discrepancy.setUnderlineStyle(QTextCharFormat.WaveUnderline)
        self.discrepancy.setUnderlineColor(QColor(theme.discrepancy))


FORMAT_WINDOW = 16_000  # chars per edit block when formats are applied a slice at a time
Mark = tuple[int, int, QTextCharFormat]


def _merge(cursor: QTextCursor, omap: OffsetMap, start: int, end: int, fmt: QTextCharFormat) -> None:
    if end <= start:
        return
    cursor.setPosition(omap.to_qt(start))
    cursor.setPosition(omap.to_qt(end), QTextCursor.KeepAnchor)
    cursor.mergeCharFormat(fmt)


def format_marks(document: Document, formats: Formats, comparison: Comparison | None, side: Side,
                 structure: bool = True) -> list[Mark]:
    """Every char format span of one pane, in the order they are merged (later ones refine earlier ones)."""
    marks: list[Mark] = []
    if structure:
        marks += [(p.start, p.end, formats.heading) for p in document.paragraphs if p.heading]
        marks += [(m.start, m.end, formats.dim) for m in document.marks]
    if comparison is None:
        return marks
    marks += [(s.start, s.end, formats.dim) for s in comparison.side(side).segments
              if s.kind is SegmentKind.BOILERPLATE]
    for link in comparison.links:
        if LinkKind_value(link) in DIFF_KINDS:
            marks += [(*(wd.left if side is Side.LEFT else wd.right), formats.diff) for wd in link.differences]
    marks += [(d.start, d.end, formats.detail) for d in comparison.unique_details if d.side is side]
    marks += [(*disc_span(d, side), formats.discrepancy) for d in comparison.discrepancies]
    return marks


def iter_apply_formats(
    qdoc: QTextDocument, document: Document, omap: OffsetMap, formats: Formats,
    comparison: Comparison | None = None, side: Side = Side.LEFT, *, reset: bool = True,
    window: int = FORMAT_WINDOW, first_at: int = 0,
):
    """Apply the formats a window of text at a time (one edit block each), yielding after each window.

    Qt lays out again only what a window changed, so each step costs about the same whatever the document
    length. The window holding ``first_at`` (the visible text) goes first. ``reset`` first returns the window to
    plain text and reapplies the structure (needed when formats were applied before); a fresh document skips it.
    """
    length = len(document.text)
    count = max(1, -(-length // window))
    buckets: list[list[Mark]] = [[] for _ in range(count)]
    for start, end, fmt in format_marks(document, formats, comparison, side, structure=reset):
        if end <= start:
            continue
        for w in range(min(count - 1, start // window), min(count - 1, (end - 1) // window) + 1):
            buckets[w].append((max(start, w * window), min(end, (w + 1) * window), fmt))
    first = min(count - 1, max(0, first_at) // window)
    for w in [first] + [k for k in range(count) if k != first]:
        if not buckets[w] and not reset:
            continue
        cursor = QTextCursor(qdoc)
        cursor.beginEditBlock()
        if reset:
            cursor.setPosition(omap.to_qt(w * window))
            end = qdoc.characterCount() - 1 if w == count - 1 else omap.to_qt((w + 1) * window)
            cursor.setPosition(end, QTextCursor.KeepAnchor)
            cursor.setCharFormat(QTextCharFormat())
        for start, end, fmt in buckets[w]:
            _merge(cursor, omap, start, end, fmt)
        cursor.endEditBlock()
        yield


def apply_formats(
    qdoc: QTextDocument, document: Document, omap: OffsetMap, formats: Formats,
    comparison: Comparison | None = None, side: Side = Side.LEFT, *, reset: bool = True,
) -> None:
    """Structure formats (headings, boilerplate) and, given a comparison, its word-level marks, in one edit block.

    Passage shading is not a char format: the pane paints it behind the text, so it costs no relayout. ``reset``
    first returns every char to plain (needed when formats were applied before); a fresh document skips it.
    """
    for _ in iter_apply_formats(qdoc, document, omap, formats, comparison, side, reset=reset,
                                window=max(1, len(document.text) + 1)):
        pass


def apply_structure(qdoc: QTextDocument, document: Document, omap: OffsetMap, formats: Formats) -> None:
    """Headings bold and a step larger, boilerplate marks dimmed (on a freshly filled document)."""
    cursor = QTextCursor(qdoc)
    cursor.beginEditBlock()
    for start, end, fmt in format_marks(document, formats, None, Side.LEFT):
        _merge(cursor, omap, start, end, fmt)
    cursor.endEditBlock()


def LinkKind_value(link: Link) -> str:  # noqa: N802 - tiny helper, reads like the enum
    return getattr(link.kind, "value", str(link.kind))


def describe_link(link: Link, index: int) -> str:
    manual = " (linked by hand)" if link.manual else ""
    return (f"Linked passage {index + 1}: {LinkKind_value(link)}, {SCORE_FMT.format(link.score)} likely the same "
            f"fact{manual}")


def describe_discrepancy(disc: Discrepancy, side: Side, other_title: str) -> str:
    here, there = (disc.left_text, disc.right_text) if side is Side.LEFT else (disc.right_text, disc.left_text)
    return f"Discrepancy ({disc.about or disc.kind}): this source says “{here}”, {other_title} says “{there}”"
