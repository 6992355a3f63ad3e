"""Named entities of both sides, grouped into one list with presence both / left / right.

spaCy finds the mentions (paragraph by paragraph, boilerplate skipped, identical text recognised once); names
are grouped by :mod:`reader.core.entity_names`, figures by the value :func:`reader.core.figures.parse_figure` reads.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from typing import Iterable, Optional

from reader.core.entity_names import GROUP_OF_LABEL, fold, name_key
from reader.core.entity_vocab import NOT_ORG_LAST, STATES
from reader.core.entity_discrepancies import _BOUND_BEFORE
from reader.core.entity_resolve import NameContext, group_names
from reader.core.figures import parse_figure
from reader.core.model import (
    Analysis,
    Cancelled,
    Entity,
    FigureValue,
    Group,
    Mention,
    ProgressFn,
    SegmentKind,
    Side,
    StopFn,
)

FIGURE_LABELS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME")
NAME_LABELS = tuple(GROUP_OF_LABEL)
_GROUP_ORDER = (Group.PEOPLE, Group.PLACES, Group.ORGANISATIONS, Group.GROUPS, Group.FIGURES)
_EDGE_JUNK = " \t\n,;:.!?&-\u2013\u2014\"'\u201c\u201d\u2018\u2019()[]/"
_ABBREVIATION_END = re.compile(r"(?:(?<![^\W\d_])[^\W\d_]\.){2,}$|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)\.$")
# One word alone that small models often tag as a name ("Secretary of State", "Supreme Leader"): never an entity.
_GENERIC = {"state", "supreme", "administration", "leader", "government", "president", "minister", "secretary",
            "department", "ministry", "republic", "army", "police", "parliament", "court", "spokesman"}
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAPITAL_START = re.compile(r"(?<![\w.])[A-Z][\w]*")
_DATELINE_TAIL = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^)\n]{1,40}\)\s*)?[\u2014\u2013\u2015-]")
_SCALE_AFTER = re.compile(r" (?:million|billion|trillion)\b")
_MAX_CHUNK = 3000  # characters; longer sentences are cut at whitespace so spaCy never sees a huge text


# ------------------------------------------------------------------------------------------ recognition
def _chunks(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans to run NER on: runs of non-boilerplate segments inside one paragraph (fewer, longer texts run faster
    than single sentences), cut at segment ends after ``_MAX_CHUNK`` characters; a longer sentence is cut at
    whitespace."""
    text = analysis.document.text
    spans: list[tuple[int, int]] = []
    run: Optional[list[int]] = None  # [start, end, paragraph]
    for seg in analysis.segments:
        if seg.kind is SegmentKind.BOILERPLATE or seg.end <= seg.start:
            run = None
            continue
        if run is not None and run[2] == seg.paragraph and seg.end - run[0] <= _MAX_CHUNK:
            run[1] = seg.end
            spans[-1] = (run[0], run[1])
            continue
        start = seg.start
        while seg.end - start > _MAX_CHUNK:
            cut = text.rfind(" ", start + _MAX_CHUNK // 2, start + _MAX_CHUNK)
            cut = cut if cut > start else start + _MAX_CHUNK
            spans.append((start, cut))
            start = cut
        spans.append((start, seg.end))
        run = [start, seg.end, seg.paragraph]
    return spans


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Mention span without surrounding punctuation, a possessive, or (for names) a leading "the"."""
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    if end - start > 2 and text[end - 2:end] in ("'s", "\u2019s"):
        end -= 2
    while end > start and text[end - 1] in _EDGE_JUNK:
        if text[end - 1] == "." and (_ABBREVIATION_END.search(text, start, end)
                                     or (end - start <= 6 and fold(text[start:end]) in STATES)):
            break  # "U.S.", "a.m.", "Fla."
        end -= 1
    if label in NAME_LABELS:
        m = re.match(r"(?:the|The|THE)\s+", text[start:end])
        if m and end - start > m.end():
            start += m.end()
    return start, end


def _unglue(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a span glued across a possessive or a state abbreviation: "Hale’s DNC" -> "Hale",
    "Calif. Smith" -> "Smith"."""
    surface = text[start:end]
    m = re.search(r"['\u2019]s\s", surface)
    if m:
        return start, start + m.start()
    m = re.match(r"[A-Z][a-z]{1,4}\.\s+(?=[A-Z])", surface)
    if m and fold(m.group(0)) in STATES:
        return start + m.end(), end
    return start, end


def _not_an_organisation(surface: str, label: str) -> bool:
    """Programmes, laws and bills tagged as organisations ("the Affordable Care Act", "Medicare Advantage Plan")."""
    words = fold(surface).split()
    return label == "ORG" and len(words) > 1 and words[-1] in NOT_ORG_LAST


class _Marks:
    """Boilerplate spans of one document, for quick "is this mention inside boilerplate" checks."""

    def __init__(self, analysis: Analysis) -> None:
        spans = sorted((m.start, m.end) for m in analysis.document.marks)
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return any(s < end and start < e for s, e in self.spans[max(0, i - 1): i + 2])


def _keep(text: str, label: str) -> bool:
    if label in NAME_LABELS:
        return (any(c.isupper() for c in text) and any(c.isalpha() for c in text)
                and text.lower() not in _GENERIC)
    return label in FIGURE_LABELS and any(c.isalnum() for c in text)


def recognise(left: Analysis, right: Analysis, nlp, progress: Optional[ProgressFn] = None,
              should_stop: Optional[StopFn] = None) -> dict[Side, list[Mention]]:
    """Raw mentions per side (labels as spaCy gave them, figures valued). Identical text runs through spaCy once."""
    sides = {Side.LEFT: left, Side.RIGHT: right}
    where: dict[str, list[tuple[Side, int]]] = defaultdict(list)
    for side, analysis in sides.items():
        text = analysis.document.text
        for start, end in _chunks(analysis):
            where[text[start:end]].append((side, start))
    texts = sorted(where, key=len)  # similar lengths batch together: measurably faster
    mentions: dict[Side, list[Mention]] = {Side.LEFT: [], Side.RIGHT: []}
    marks = {side: _Marks(a) for side, a in sides.items()}
    total = max(1, sum(map(len, texts)))
    done = reported = 0
    for index, found in enumerate(nlp.entities(texts)):
        if should_stop is not None and should_stop():
            raise Cancelled()
        done += len(texts[index])
        if progress is not None and done - reported >= total / 50:
            progress(0.95 * done / total, "Finding people, places and figures")
            reported = done
        for side, base in where[texts[index]]:
            doc_text = sides[side].document.text
            for start, end, label in found:
                mention = _mention(doc_text, base + start, base + end, label)
                if mention is not None and not marks[side].covers(mention.start, mention.end):
                    mentions[side].append(mention)
    for side in mentions:
        mentions[side].sort(key=lambda m: m.start)
    return mentions


def _name_starts(text: str, start: int, end: int) -> Iterable[re.Match]:
    return _CAPITAL_START.finditer(text, start, end)


def complete_names(sides: dict[Side, Analysis], mentions: dict[Side, list[Mention]]) -> dict[Side, list[Mention]]:
    """Add the occurrences of recognised names that spaCy missed elsewhere (same spelling, whole words), so that a
    name both sources print is never listed as "only in one source" because the model overlooked one of them.
    Linear in the text: each capitalised word is looked up among the names starting with it."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for ms in mentions.values():
        for m in ms:
            if m.label in NAME_LABELS and len(m.text) >= 3 and m.text[0].isupper():
                labels[m.text][m.label] += 1
    # A one-word name that is also an ordinary word in these texts ("May", "Will", "Western") is not searched.
    lower_words = {w for a in sides.values() for w in _LOWER_WORD.findall(a.document.text)}
    label_of = {text: counts.most_common(1)[0][0] for text, counts in labels.items()
                if " " in text or text.lower() not in lower_words}
    if not label_of:
        return mentions
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in sorted(label_of, key=len, reverse=True):
        first = _CAPITAL_START.match(name)
        if first is not None:
            by_first[first.group(0)].append(name)
    result = {}
    for side, analysis in sides.items():
        text = analysis.document.text
        taken = sorted((m.start, m.end) for m in mentions[side])
        starts = [s for s, _ in taken]
        marks = _Marks(analysis)
        added = []
        for start, end in _chunks(analysis):
            for word in _name_starts(text, start, end):
                s = word.start()
                name = next((n for n in by_first.get(word.group(0), ())
                             if text.startswith(n, s) and s + len(n) <= end
                             and not (s + len(n) < len(text) and (text[s + len(n)].isalnum()
                                                                  or text[s + len(n)] == "_"))), None)
                if name is None:
                    continue
                e = s + len(name)
                i = bisect.bisect_right(starts, s) - 1
                if any(a < e and s < b for a, b in taken[max(0, i): i + 2]) or marks.covers(s, e):
                    continue
                added.append(Mention(s, e, name, label_of[name]))
        result[side] = sorted(mentions[side] + added, key=lambda m: m.start)
    return result


# ------------------------------------------------------------------------------------------ headlines, datelines
def title_case_headlines(analysis: Analysis) -> list[tuple[int, int]]:
    """Headings written in Title Case ("Senator Tries, Again, to Sell Budget Deal"): there every word is
    capitalised, so a capital does not mark a name."""
    text = analysis.document.text
    spans = []
    for seg in analysis.segments:
        line = text[seg.start:seg.end].rstrip()
        if seg.kind is SegmentKind.BOILERPLATE or (seg.kind is SegmentKind.SENTENCE and (
                line.endswith((".", "!", "?", ":", "\u201d", '"')) and not line.endswith("U.S.")
                or len(line.split()) > 20)):
            continue  # a heading, or a line set like one (no closing full stop): a repeated headline
        words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text[seg.start:seg.end]) if len(w) > 3]
        if len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            spans.append((seg.start, seg.end))
    return spans


def confirm_headlines(sides: dict[Side, Analysis], mentions: dict[Side, list[Mention]],
                      headlines: dict[Side, list[tuple[int, int]]]) -> dict[Side, list[Mention]]:
    """In a Title Case headline keep only the names the body of either article confirms (the same name, or one
    word of a body name): "Hale Criticized" goes, and :func:`complete_names` then finds "Hale" in it."""
    def inside(side: Side, m: Mention) -> bool:
        return any(s <= m.start and m.end <= e for s, e in headlines[side])

    body: set[str] = set()
    for side, ms in mentions.items():
        for m in ms:
            if m.label in NAME_LABELS and not inside(side, m):
                key = name_key(m.text, m.label)
                body.add(key)
                body.update(key.split())
    return {side: [m for m in ms if m.label not in NAME_LABELS or not inside(side, m)
                   or name_key(m.text, m.label) in body] for side, ms in mentions.items()}


def _dateline(text: str, start: int, end: int) -> bool:
    """"WASHINGTON —" / "NEW YORK (Reuters) -" opening a paragraph: where the story was filed, not a mention."""
    if not text[start:end].isupper() or (start > 0 and text[start - 1] not in "\n"):
        return False
    return _DATELINE_TAIL.match(text, end) is not None


def _mention(doc_text: str, start: int, end: int, label: str) -> Optional[Mention]:
    if label not in NAME_LABELS and label not in FIGURE_LABELS:
        return None
    start, end = _trim(doc_text, start, end, label)
    if label in NAME_LABELS:
        start, end = _unglue(doc_text, start, end)
        if _dateline(doc_text, start, end) or _not_an_organisation(doc_text[start:end], label):
            return None
    surface = doc_text[start:end]
    if start >= end or not _keep(surface, label):
        return None
    if label in FIGURE_LABELS:  # "roughly $700 billion": the bound belongs to the figure
        bound = _BOUND_BEFORE.search(doc_text, max(0, start - 20), start)
        if bound is not None:
            start = bound.start(1)
            surface = doc_text[start:end]
    if label in ("MONEY", "CARDINAL"):  # "$5.6" tagged without the "billion" after it
        scale = _SCALE_AFTER.match(doc_text, end)
        if scale is not None:
            end = scale.end()
            surface = doc_text[start:end]
    value = parse_figure(re.sub("[\u201c\u201d\"]", "", surface), label) if label in FIGURE_LABELS else None
    if value is None and label == "DATE" and surface.isdigit():  # an age tagged as a date ("Hale, 58,")
        value = parse_figure(surface, "CARDINAL")
    return Mention(start, end, surface, label, value)


# ------------------------------------------------------------------------------------------ grouping
def _figure_key(m: Mention) -> tuple:
    """Equal figures share a key whatever their spelling; "about" counts as exact, "at least" does not."""
    if m.value is None:
        t = re.sub(r"^(?:the|on|in|at)\s+", "", m.text.lower().replace("\u2019", "'")).strip()
        return ("text", m.label, t)
    v = m.value
    bound = "exact" if v.bound == "about" else v.bound
    return (v.kind, v.canonical, bound, v.unit)


def entity_of(name: str, group: Group, label: str, side_mentions: dict[Side, list[Mention]],
            value: Optional[FigureValue] = None) -> Entity:
    texts = Counter(m.text for ms in side_mentions.values() for m in ms)
    variants = tuple(t for t, _ in sorted(texts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Entity(name=name, group=group, label=label, variants=variants,
                  left=tuple(side_mentions[Side.LEFT]), right=tuple(side_mentions[Side.RIGHT]), value=value)


def group_figures(mentions: dict[Side, list[Mention]]) -> list[Entity]:
    buckets: dict[tuple, dict[Side, list[Mention]]] = defaultdict(lambda: {Side.LEFT: [], Side.RIGHT: []})
    for side, ms in mentions.items():
        for m in ms:
            if m.label in FIGURE_LABELS:
                buckets[_figure_key(m)][side].append(m)
    entities = []
    for per_side in buckets.values():
        all_ms = per_side[Side.LEFT] + per_side[Side.RIGHT]
        texts = Counter(m.text for m in all_ms)
        name = max(texts, key=lambda t: (texts[t], len(t)))
        label = Counter(m.label for m in all_ms).most_common(1)[0][0]
        entities.append(entity_of(name, Group.FIGURES, label, per_side, all_ms[0].value))
    return entities


def _order(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    rank = {g: i for i, g in enumerate(_GROUP_ORDER)}
    return tuple(sorted(entities, key=lambda e: (rank[e.group], -(len(e.left) + len(e.right)), e.name.lower())))


def group_mentions(mentions: dict[Side, list[Mention]], context: Optional[NameContext] = None) -> tuple[Entity, ...]:
    """Mentions of both sides (as :func:`recognise` returns them) grouped into ordered entities."""
    return _order(group_names(mentions, context) + group_figures(mentions))


def extract_entities(left: Analysis, right: Analysis, nlp, progress: Optional[ProgressFn] = None,
                     should_stop: Optional[StopFn] = None) -> tuple[Entity, ...]:
    """People, places, organisations, groups and figures of both sides; raises ``ModelMissing``/``Cancelled``."""
    sides = {Side.LEFT: left, Side.RIGHT: right}
    headlines = {side: title_case_headlines(a) for side, a in sides.items()}
    mentions = recognise(left, right, nlp, progress, should_stop)
    mentions = confirm_headlines(sides, mentions, headlines)
    mentions = complete_names(sides, mentions)
    if progress is not None:
        progress(0.97, "Grouping names and figures")
    context = NameContext.of({side: a.document.text for side, a in sides.items()}, headlines)
    entities = group_mentions(mentions, context)
    if progress is not None:
        progress(1.0, "Entities found")
    return entities
