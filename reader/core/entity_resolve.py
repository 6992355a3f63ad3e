"""Name mentions of both sides grouped into entities, each lone surname or first name given to the person it
refers to in that article. Pure Python.

"Mr. Ross" in an article that names "Wilbur Ross" and, later, "Wilbur Ross Jr." belongs to the nearest full name
mentioned before it in that article (or after it, when none comes before); an article that never spells the name
out borrows the other article's full name when there is only one. So a father and son, or a husband and wife,
stay two entries while every "Mr./Ms. X" joins one of them.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from reader.core.entity_names import GROUP_OF_LABEL, Form, PersonName, canonical_name, cluster_forms, \
    cluster_label, name_key
from reader.core.entity_vocab import NICKNAMES
from reader.core.model import Entity, Group, Mention, Side


_LOWER = re.compile(r"\b[a-z]+\b")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+\b")  # a capital inside a sentence


@dataclass
class NameContext:
    """What grouping needs of the texts: lower-case word counts, capitalised counts, headline spans per side."""

    lower: Counter = field(default_factory=Counter)
    capital: Counter = field(default_factory=Counter)
    headlines: dict = field(default_factory=dict)  # Side -> [(start, end)]

    @classmethod
    def of(cls, texts: dict[Side, str], headlines: dict[Side, list[tuple[int, int]]]) -> "NameContext":
        lower: Counter = Counter()
        capital: Counter = Counter()
        for text in texts.values():
            lower.update(_LOWER.findall(text))
            capital.update(w.lower() for w in _MID_SENTENCE_CAPITAL.findall(text))
        return cls(lower, capital, headlines)

    def common_word(self, key: str) -> bool:
        """A word the articles use in lower case at least half as often as capitalised inside a sentence
        ("Congressional testimony" in a quote both print, "a congressional hearing")."""
        return " " not in key and self.lower[key] > 0 and 2 * self.lower[key] >= self.capital[key]

    def in_headline(self, side: Side, m: Mention) -> bool:
        return any(s <= m.start and m.end <= e for s, e in self.headlines.get(side, ()))


class _People:
    """Full person names of the clusters, indexed by surname and first name, with their positions per side."""

    def __init__(self, clusters: list[list[Form]], labels: list[str], cluster_of: dict[str, int],
                 keyed: list[tuple[Side, Mention, str]]) -> None:
        self.by_last: dict[str, set[int]] = defaultdict(set)
        self.by_first: dict[str, set[int]] = defaultdict(set)
        for index, members in enumerate(clusters):
            if labels[index] != "PERSON":
                continue
            for form in members:
                if len(form.words) > 1:
                    name = PersonName.parse(form.key)
                    self.by_last[name.last].add(index)
                    self.by_first[name.first].add(index)
        self.places: dict[Side, list[tuple[int, int]]] = {Side.LEFT: [], Side.RIGHT: []}
        self.size: Counter = Counter()
        for side, m, key in keyed:
            index = cluster_of[key]
            if labels[index] == "PERSON" and " " in key:
                self.places[side].append((m.start, index))
                self.size[index] += 1
        for rows in self.places.values():
            rows.sort()

    def resolve(self, side: Side, m: Mention, form: Form) -> Optional[int]:
        if form.label == "NORP" or (form.labels.get("GPE", 0) >= 2 and not form.labels.get("PERSON")):
            return None
        candidates = self.by_last.get(form.key)
        if not candidates and (m.label == "PERSON" or form.labels.get("PERSON")):
            candidates = self.by_first.get(NICKNAMES.get(form.key, form.key))
        if not candidates:
            return None
        here = [(start, index) for start, index in self.places[side] if index in candidates]
        if not here:  # the other article's person, when it names only one
            return next(iter(candidates)) if len(candidates) == 1 else None
        at = bisect.bisect_left(here, (m.start, -1))
        return here[at - 1][1] if at > 0 else here[0][1]


def _forms(mentions: dict[Side, list[Mention]], labels) -> tuple[dict[str, Form], list[tuple[Side, Mention, str]]]:
    forms: dict[str, Form] = {}
    keyed: list[tuple[Side, Mention, str]] = []
    for side, ms in mentions.items():
        for m in ms:
            if m.label not in labels:
                continue
            key = name_key(m.text, m.label)
            if not key:
                continue
            form = forms.setdefault(key, Form(key))
            form.labels[m.label] += 1
            form.texts[m.text] += 1
            keyed.append((side, m, key))
    return forms, keyed


def group_names(mentions: dict[Side, list[Mention]], context: Optional[NameContext] = None) -> list[Entity]:
    """Name entities of both sides (figures are grouped elsewhere)."""
    from reader.core.entities import entity_of

    forms, keyed = _forms(mentions, GROUP_OF_LABEL)
    clusters = cluster_forms(forms)
    cluster_of = {form.key: index for index, members in enumerate(clusters) for form in members}
    labels = [cluster_label(members) for members in clusters]
    people = _People(clusters, labels, cluster_of, keyed)
    per_cluster: list[dict[Side, list[Mention]]] = [{Side.LEFT: [], Side.RIGHT: []} for _ in clusters]
    for side, m, key in keyed:
        index = cluster_of[key]
        if " " not in key and all(len(f.words) == 1 for f in clusters[index]):
            resolved = people.resolve(side, m, forms[key])
            index = index if resolved is None else resolved
        per_cluster[index][side].append(Mention(m.start, m.end, m.text, labels[index], None))
    entities = []
    for index, members in enumerate(clusters):
        per_side = per_cluster[index]
        if not (per_side[Side.LEFT] or per_side[Side.RIGHT]) or not _wanted(members, per_side, context):
            continue
        label = labels[index]
        texts = {m.text for ms in per_side.values() for m in ms}
        if label == "PERSON" and all(len(f.words) == 1 for f in members) and all(
                people.by_last.get(name_key(t, label)[:-1]) for t in texts):
            label = "NORP"  # "the Hutchinsons": a family, a group of people
        mentioned = [f for f in members if f.texts.keys() & texts] or members
        entities.append(entity_of(canonical_name(mentioned, label), Group(GROUP_OF_LABEL[label]), label, per_side))
    return entities


def _wanted(members: list[Form], per_side: dict[Side, list[Mention]], context: Optional[NameContext]) -> bool:
    """Not an entry: a name found only in a headline (a Title Case headline's verbs and nouns), or a single word
    the articles also use as an ordinary word."""
    if context is None:
        return True
    if all(context.in_headline(side, m) for side, ms in per_side.items() for m in ms):
        return False
    return not (len(members) == 1 and context.common_word(members[0].key))

