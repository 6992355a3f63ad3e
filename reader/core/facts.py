"""What only one source reports, and where linked passages disagree. Pure Python and fast: the window recomputes
the facts whenever the user links or unlinks passages by hand (spaCy never reruns).

- unique passages: sentences with no link (boilerplate and headings excluded);
- unique details: inside a linked passage, content words, entities and figures the other article never mentions;
- discrepancies: inside a linked passage, figures / names playing the same role with different values;
- per-side summaries.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from reader.core.align_features import STOPWORDS, stem
from reader.core.entity_discrepancies import Item, Passage, bare_figures, figure_key, passage_discrepancies
from reader.core.model import (
    Analysis,
    Discrepancy,
    Entity,
    Group,
    Link,
    Presence,
    SegmentKind,
    Side,
    SideSummary,
    UniqueDetail,
)
from reader.core.normalize import Token, tokenize

_JOINERS = set(" -\u2010\u2011")  # what may separate two unique words that form one detail ("drone strike")
# Function words missing from the aligner's stopword list: never a "detail" on their own.
_EXTRA_STOPWORDS = frozenset("""whose whether however although though yet also still even ever never already
    since within without upon across along among around toward towards onto per via unless whereas whatever
    whoever whichever wherever several many much another every either neither something anything nothing
    someone anyone everyone else thus hence therefore mr mrs ms""".split())


@dataclass(frozen=True)
class Facts:
    unique_left: tuple[int, ...]
    unique_right: tuple[int, ...]
    unique_details: tuple[UniqueDetail, ...]
    discrepancies: tuple[Discrepancy, ...]
    summary_left: SideSummary
    summary_right: SideSummary

    def unique(self, side: Side) -> tuple[int, ...]:
        return self.unique_left if side is Side.LEFT else self.unique_right


# ------------------------------------------------------------------------------------------ per-side data
@dataclass(frozen=True)
class _SideData:
    """What facts need of one side, computed once per analysis (cached: manual relinks reuse it)."""

    tokens: tuple[tuple[Token, ...], ...]  # per segment (empty for boilerplate)
    vocabulary: frozenset[str]  # stems of all content words outside boilerplate
    words: int
    countable: int  # characters of non-boilerplate segments


def _is_content(token: Token) -> bool:
    return (token.kind != "number" and token.norm not in STOPWORDS and token.norm not in _EXTRA_STOPWORDS
            and len(token.norm) > 1)


@lru_cache(maxsize=4)  # the two sides of the current comparison (and of the one before)
def _side_data(analysis: Analysis) -> _SideData:
    text = analysis.document.text
    tokens = []
    vocabulary: set[str] = set()
    words = countable = 0
    for seg in analysis.segments:
        if seg.kind is SegmentKind.BOILERPLATE:
            tokens.append(())
            continue
        toks = tuple(tokenize(text[seg.start:seg.end], seg.start))
        tokens.append(toks)
        vocabulary.update(stem(t.norm) for t in toks if _is_content(t))
        words += len(text[seg.start:seg.end].split())
        countable += seg.end - seg.start
    return _SideData(tuple(tokens), frozenset(vocabulary), words, countable)


class _MentionIndex:
    """Entity mentions of one side, sorted, with their entity index, found by segment span."""

    def __init__(self, entities: Sequence[Entity], side: Side) -> None:
        rows = sorted((m.start, m.end, index, m) for index, e in enumerate(entities) for m in e.mentions(side))
        self.rows = rows
        self.starts = [r[0] for r in rows]

    def within(self, start: int, end: int):
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.rows) and self.rows[i][0] < end:
            yield self.rows[i]
            i += 1


class FigureCheck:
    """The figures (not names) that fill one role differently in two passages, as if they were linked; the
    entity mentions are indexed once for all the passages asked about."""

    def __init__(self, left: Analysis, right: Analysis, entities: Sequence[Entity]) -> None:
        self.left, self.right, self.entities = left, right, entities
        self._index = _MentionIndex(entities, Side.LEFT), _MentionIndex(entities, Side.RIGHT)

    def __call__(self, left_ids: Sequence[int], right_ids: Sequence[int]) -> list[Discrepancy]:
        lp = _passage(self.left, left_ids, self._index[0], self.entities)
        rp = _passage(self.right, right_ids, self._index[1], self.entities)
        return [d for d in passage_discrepancies(lp, rp, -1) if d.kind != "name"]


# ------------------------------------------------------------------------------------------ passages
def _passage(analysis: Analysis, seg_ids: Sequence[int], index: _MentionIndex,
             entities: Sequence[Entity]) -> Passage:
    text = analysis.document.text
    spans = tuple((analysis.segments[i].start, analysis.segments[i].end) for i in sorted(seg_ids))
    figures: list[Item] = []
    names: list[Item] = []
    taken = []
    for s, e in spans:
        for start, end, ent_index, mention in index.within(s, e):
            taken.append((start, end))
            entity = entities[ent_index]
            if entity.group is Group.FIGURES:
                if mention.value is not None:
                    figures.append(Item(start, end, mention.text, mention.value.kind, figure_key(mention.value),
                                        value=mention.value))
            else:
                names.append(Item(start, end, mention.text, "name", (ent_index,), entity.group.value))
    figures.extend(bare_figures(text, spans, taken))
    figures.sort(key=lambda item: item.start)
    return Passage(text, spans, tuple(figures), tuple(names))


def _details(analysis: Analysis, side: Side, seg_ids: Sequence[int], link: int, data: _SideData,
             other_vocabulary: frozenset[str], index: _MentionIndex, entities: Sequence[Entity],
             skip: set[tuple[int, int]]) -> list[UniqueDetail]:
    """Entities/figures only this side has, and runs of content words the other article never uses."""
    text = analysis.document.text
    out: list[UniqueDetail] = []
    for seg_id in sorted(seg_ids):
        seg = analysis.segments[seg_id]
        covered: list[tuple[int, int]] = []
        for start, end, ent_index, mention in index.within(seg.start, seg.end):
            covered.append((start, end))
            entity = entities[ent_index]
            if entity.presence.value == side.value and (start, end) not in skip:
                kind = "figure" if entity.group is Group.FIGURES else "entity"
                out.append(UniqueDetail(side, start, end, mention.text, kind, link))
        run: list[Token] = []
        for token in data.tokens[seg_id]:
            inside = any(a < token.end and token.start < b for a, b in covered)
            unique = (not inside and _is_content(token) and token.norm[:1].isalpha()
                      and stem(token.norm) not in other_vocabulary)
            if unique and run and not set(text[run[-1].end:token.start]) <= _JOINERS:
                out.append(_word_detail(side, run, text, link))
                run = []
            if unique:
                run.append(token)
            elif run:
                out.append(_word_detail(side, run, text, link))
                run = []
        if run:
            out.append(_word_detail(side, run, text, link))
    return out


def _word_detail(side: Side, run: list[Token], text: str, link: int) -> UniqueDetail:
    start, end = run[0].start, run[-1].end
    return UniqueDetail(side, start, end, text[start:end], "word", link)


# ------------------------------------------------------------------------------------------ entry point
def unique_segments(analysis: Analysis, linked: set[int]) -> tuple[int, ...]:
    """Sentences with no link: what only this source reports (boilerplate and headings are not passages)."""
    return tuple(s.id for s in analysis.segments if s.kind is SegmentKind.SENTENCE and s.id not in linked)


def _summary(analysis: Analysis, data: _SideData, linked: set[int], unique: int, entities: Sequence[Entity],
             presence: Presence, discrepancies: int) -> SideSummary:
    matched = sum(s.end - s.start for s in analysis.segments
                  if s.id in linked and s.kind is not SegmentKind.BOILERPLATE)
    share = matched / data.countable if data.countable else 0.0
    only_here = sum(1 for e in entities if e.presence is presence)
    return SideSummary(data.words, round(min(1.0, share), 4), unique, only_here, discrepancies)


def build_facts(left: Analysis, right: Analysis, links: Sequence[Link], entities: Sequence[Entity]) -> Facts:
    """Unique passages, unique details, discrepancies and summaries of a comparison (links indexed as given)."""
    ldata, rdata = _side_data(left), _side_data(right)
    lindex, rindex = _MentionIndex(entities, Side.LEFT), _MentionIndex(entities, Side.RIGHT)
    discrepancies: list[Discrepancy] = []
    details: list[UniqueDetail] = []
    for k, link in enumerate(links):
        lp = _passage(left, link.left, lindex, entities)
        rp = _passage(right, link.right, rindex, entities)
        found = passage_discrepancies(lp, rp, k)
        discrepancies.extend(found)
        lskip = {d.left for d in found}
        rskip = {d.right for d in found}
        details.extend(_details(left, Side.LEFT, link.left, k, ldata, rdata.vocabulary, lindex, entities, lskip))
        details.extend(_details(right, Side.RIGHT, link.right, k, rdata, ldata.vocabulary, rindex, entities, rskip))
    linked_left = {i for link in links for i in link.left}
    linked_right = {j for link in links for j in link.right}
    unique_left, unique_right = unique_segments(left, linked_left), unique_segments(right, linked_right)
    n = len(discrepancies)
    return Facts(
        unique_left=unique_left,
        unique_right=unique_right,
        unique_details=tuple(details),
        discrepancies=tuple(discrepancies),
        summary_left=_summary(left, ldata, linked_left, len(unique_left), entities, Presence.LEFT, n),
        summary_right=_summary(right, rdata, linked_right, len(unique_right), entities, Presence.RIGHT, n),
    )
