"""The data model every stage shares: frozen dataclasses with half-open (start, end) character offsets.

Offsets always point into the ``text`` of the :class:`Document` of the side they belong to. Nothing here imports
Qt; the UI, the PDF writer and the JSON serialiser all read these objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Optional

Span = tuple[int, int]
ProgressFn = Callable[[float, str], None]  # (fraction 0..1, stage message)
StopFn = Callable[[], bool]  # True when the caller wants the work cancelled


class Cancelled(Exception):
    """Raised by long work when its ``should_stop`` callback returned True."""


class Side(str, Enum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> "Side":
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


# ---------------------------------------------------------------------------------------------- documents
@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool = False


@dataclass(frozen=True)
class Mark:
    """A span of boilerplate inside the article text (caption, byline, ticker tag, donation appeal ...)."""

    start: int
    end: int
    reason: str  # short machine word: "related", "caption", "credit", "byline", "dateline", "ticker", "appeal", ...


@dataclass(frozen=True)
class Document:
    """One loaded article: extracted text plus its structure. Produced by ``reader.documents``."""

    path: Optional[str]
    title: str
    text: str
    format: str  # "txt", "markdown", "html", "pdf", "docx", "clipboard"
    paragraphs: tuple[Paragraph, ...]
    marks: tuple[Mark, ...] = ()
    sha256: str = ""  # of the file's bytes ("" for text not read from a file)
    encoding: str = ""
    notices: tuple[str, ...] = ()  # what the loader had to repair, e.g. "3 bytes not valid UTF-8 replaced by �"

    @property
    def name(self) -> str:
        if not self.path:
            return self.title or "untitled"
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


# ---------------------------------------------------------------------------------------------- segments
class SegmentKind(str, Enum):
    SENTENCE = "sentence"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Segment:
    id: int  # index in its side's segment tuple
    start: int
    end: int
    paragraph: int  # index into Document.paragraphs
    kind: SegmentKind = SegmentKind.SENTENCE


# ---------------------------------------------------------------------------------------------- links
class LinkKind(str, Enum):
    IDENTICAL = "identical"
    NEAR = "near"
    PARAPHRASE = "paraphrase"


@dataclass(frozen=True)
class WordDiff:
    """One word-level opcode inside a link: spans into the left and right article texts (empty span = none)."""

    op: str  # "replace" | "delete" | "insert"  (equal runs are not stored)
    left: Span
    right: Span


@dataclass(frozen=True)
class Link:
    left: tuple[int, ...]  # segment ids on the left
    right: tuple[int, ...]  # segment ids on the right
    score: float  # 0..1
    kind: LinkKind
    differences: tuple[WordDiff, ...] = ()
    manual: bool = False
    # the linked sentence pairs inside the group: (left id, right id, probability); a group can hold sentences
    # that are linked through each other only
    pairs: tuple[tuple[int, int, float], ...] = ()


# ---------------------------------------------------------------------------------------------- entities
class Group(str, Enum):
    PEOPLE = "people"
    PLACES = "places"
    ORGANISATIONS = "organisations"
    GROUPS = "groups"
    FIGURES = "figures"


class Presence(str, Enum):
    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class FigureValue:
    """A figure read into a comparable value: "more than 5,000" -> kind number, value 5000, bound "at least"."""

    kind: str  # "number" | "money" | "percent" | "quantity" | "date" | "time" | "ordinal"
    canonical: str  # comparable form: "5000", "01:30", "2020-01-08", "USD 5000", "50%"
    value: Optional[float] = None  # numeric value where there is one
    bound: str = "exact"  # "exact" | "at least" | "at most" | "about"
    unit: str = ""


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, GPE, LOC, FAC, ORG, NORP, CARDINAL, QUANTITY, MONEY, PERCENT, DATE, TIME
    value: Optional[FigureValue] = None


@dataclass(frozen=True)
class Entity:
    name: str
    group: Group
    label: str
    variants: tuple[str, ...]
    left: tuple[Mention, ...] = ()
    right: tuple[Mention, ...] = ()
    value: Optional[FigureValue] = None

    @property
    def presence(self) -> Presence:
        if self.left and self.right:
            return Presence.BOTH
        return Presence.LEFT if self.left else Presence.RIGHT

    def mentions(self, side: Side) -> tuple[Mention, ...]:
        return self.left if side is Side.LEFT else self.right


# ---------------------------------------------------------------------------------------------- facts
@dataclass(frozen=True)
class UniqueDetail:
    """Words, an entity or a figure inside a linked passage that the other article never mentions."""

    side: Side
    start: int
    end: int
    text: str
    kind: str  # "word" | "entity" | "figure"
    link: int  # index into Comparison.links


@dataclass(frozen=True)
class Discrepancy:
    """In two linked passages, figures/dates/times/names that play the same role but differ."""

    kind: str  # "number" | "money" | "percent" | "quantity" | "date" | "time" | "name"
    left: Span
    right: Span
    left_text: str
    right_text: str
    link: int  # index into Comparison.links
    about: str = ""  # what the figure is about, e.g. "length of the report" ("" when nothing better is known)

    def describe(self) -> str:
        """One line for people: "length of the report: 40 pages vs 44 pages"."""
        return f"{self.about or self.kind}: {self.left_text} vs {self.right_text}"


@dataclass(frozen=True)
class SideSummary:
    words: int
    matched_share: float  # share of the side's countable (non-boilerplate) characters inside linked segments
    unique_passages: int
    unique_entities: int
    discrepancies: int


@dataclass(frozen=True)
class Options:
    """Settings that change the result; printed in every report so "hidden by a setting" is never "identical"."""

    threshold: float = 0.5  # least probability (0..1) that a careful reader would link two passages; 0.5 = as likely as not
    normalisations: tuple[str, ...] = (
        "case",
        "punctuation and quote style",
        "abbreviations (U.S./US, Gen./General)",
        "time formats (1.30 a.m./1:30 am)",
        "number formatting (5,000/5000) — values never ignored",
    )


@dataclass(frozen=True)
class Analysis:
    """One side after segmenting: the document and its segments."""

    document: Document
    segments: tuple[Segment, ...]

    def segment_text(self, seg_id: int) -> str:
        seg = self.segments[seg_id]
        return self.document.text[seg.start : seg.end]


@dataclass(frozen=True)
class Comparison:
    left: Analysis
    right: Analysis
    links: tuple[Link, ...]
    unique_left: tuple[int, ...]  # segment ids with no link (boilerplate excluded)
    unique_right: tuple[int, ...]
    unique_details: tuple[UniqueDetail, ...]
    entities: tuple[Entity, ...]
    discrepancies: tuple[Discrepancy, ...]
    summary_left: SideSummary
    summary_right: SideSummary
    options: Options = field(default_factory=Options)
    linker: str = ""  # how the passages were linked, in words (reports print it)

    def side(self, side: Side) -> Analysis:
        return self.left if side is Side.LEFT else self.right

    def unique(self, side: Side) -> tuple[int, ...]:
        return self.unique_left if side is Side.LEFT else self.unique_right

    def summary(self, side: Side) -> SideSummary:
        return self.summary_left if side is Side.LEFT else self.summary_right
