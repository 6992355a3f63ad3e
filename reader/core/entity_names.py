"""Grouping name mentions (people, places, organisations, groups) into entities. Pure Python + rapidfuzz.

Variants that become one entity: case, dots and quotes ("U.S." / "US"), aliases ("the United States"), titles
("Gen. Hossein Salami" / "General Hossein Salami"), possessives ("Iran's"), spelling variants of a full name
("Qasem" / "Qassem Soleimani") and a surname alone when it can only belong to one full name ("Soleimani").
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

# Label a form takes when its mentions disagree evenly (noise in small models is mostly place <-> org/person).
LABEL_PRIORITY = ("GPE", "PERSON", "ORG", "LOC", "FAC", "NORP")
GROUP_OF_LABEL = {"PERSON": "people", "GPE": "places", "LOC": "places", "FAC": "places", "ORG": "organisations",
                  "NORP": "groups"}
_TITLES = {
    "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain", "sgt", "sergeant",
    "adm", "admiral", "cmdr", "commander", "gov", "governor", "sen", "senator", "rep", "representative", "pres",
    "president", "prof", "professor", "dr", "doctor", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady",
    "ayatollah", "sheikh", "imam", "rev", "reverend", "pope", "king", "queen", "prince", "princess", "judge",
    "justice", "minister", "secretary", "spokesman", "spokeswoman", "chancellor", "premier", "speaker", "mayor",
    "vice", "prime", "chief", "deputy", "supreme", "leader", "brig", "brigadier", "field", "marshal", "saint",
}
_ALIASES = {
    "united states": "us", "united states of america": "us", "usa": "us", "america": "america",
    "united kingdom": "uk", "great britain": "uk", "britain": "uk", "united nations": "un",
    "european union": "eu", "united arab emirates": "uae", "soviet union": "ussr",
}
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened, dots dropped, hyphens as spaces."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    t = re.sub(r"'s$|'$", "", t)
    t = t.replace(".", "").replace("-", " ").replace("\u2010", " ").replace("'", "")
    return _SPACES.sub(" ", t).strip()


def strip_title(words: list[str]) -> list[str]:
    """Leading titles off a folded name ("gen hossein salami" -> "hossein salami"), keeping at least one word."""
    i = 0
    while i < len(words) - 1 and words[i] in _TITLES:
        i += 1
    return words[i:]


def name_key(text: str, label: str) -> str:
    """The comparable key of a name: folded, leading "the" and (for people) titles dropped, aliases applied."""
    t = _fold(text)
    if t.startswith("the "):
        t = t[4:]
    words = t.split()
    if label == "PERSON":
        words = strip_title(words)
    t = " ".join(words)
    return _ALIASES.get(t, t)


def display_name(text: str, label: str) -> str:
    """Surface text without a leading "the", possessive or (for people) title: "Gen. Hossein Salami" -> "Hossein
    Salami"."""
    t = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    t = re.sub(r"['\u2019]s?$", "", t).strip()
    if label == "PERSON":
        words = t.split()
        keep = strip_title([_fold(w) for w in words])
        t = " ".join(words[len(words) - len(keep):])
    return t


@dataclass
class Form:
    """All mentions sharing one name key."""

    key: str
    labels: Counter = field(default_factory=Counter)
    texts: Counter = field(default_factory=Counter)
    label: str = ""

    @property
    def words(self) -> list[str]:
        return self.key.split()

    def vote(self) -> str:
        best = max(self.labels.values())
        return next(lab for lab in LABEL_PRIORITY if self.labels.get(lab, 0) == best)


class _Union:
    def __init__(self, keys) -> None:
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _similar_names(a: list[str], b: list[str]) -> bool:
    """Spelling variants of one multi-word name: every word close, the last (surname) very close."""
    if len(a) != len(b):
        return False
    if Indel.normalized_similarity(a[-1], b[-1]) < 0.85:
        return False
    if any(Indel.normalized_similarity(x, y) < 0.8 for x, y in zip(a, b)):
        return False
    return Indel.normalized_similarity(" ".join(a), " ".join(b)) >= 0.88


def _similar_words(a: str, b: str) -> bool:
    """One-word names: only long words, same first letter, nearly equal ("Iranian"/"Iranians", not "Iran"/"Iraq")."""
    return (min(len(a), len(b)) >= 7 and a[0] == b[0]
            and Indel.normalized_similarity(a, b) >= 0.9)


def _fuzzy_merge(forms: dict[str, Form], union: _Union) -> None:
    blocks: dict[tuple, list[Form]] = defaultdict(list)
    for form in forms.values():
        words = form.words
        blocks[(len(words), GROUP_OF_LABEL[form.label], words[-1][:1])].append(form)
    for (count, _, _), members in blocks.items():
        if len(members) < 2:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                same = _similar_names(a.words, b.words) if count > 1 else _similar_words(a.key, b.key)
                if same:
                    union.join(a.key, b.key)


def _person_like(form: Form) -> bool:
    total = sum(form.labels.values())
    return form.labels.get("PERSON", 0) > 0 or max(form.labels.values()) / total < 0.75


def _surname_merge(forms: dict[str, Form], union: _Union) -> None:
    """A one-word form that is the surname of exactly one full person name joins it (and becomes a person)."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for form in forms.values():
        if form.label == "PERSON" and len(form.words) > 1:
            by_surname[form.words[-1]].add(union.find(form.key))
    for form in forms.values():
        if len(form.words) != 1 or not _person_like(form):
            continue
        owners = by_surname.get(form.key, set())
        if len(owners) == 1:
            union.join(next(iter(owners)), form.key)
            form.label = "PERSON"


def cluster_forms(forms: dict[str, Form]) -> list[list[Form]]:
    """Forms grouped into entities (each form labelled by its mentions' majority first)."""
    for form in forms.values():
        form.label = form.vote()
    union = _Union(forms)
    _fuzzy_merge(forms, union)
    _surname_merge(forms, union)
    clusters: dict[str, list[Form]] = defaultdict(list)
    for key, form in forms.items():
        clusters[union.find(key)].append(form)
    return list(clusters.values())


def cluster_label(members: list[Form]) -> str:
    """Majority label over the cluster's mentions, forms relabelled by the surname rule counting as people."""
    votes: Counter = Counter()
    for form in members:
        votes[form.label] += sum(form.labels.values())
    best = max(votes.values())
    return next(lab for lab in LABEL_PRIORITY if votes.get(lab, 0) == best)


def canonical_name(members: list[Form], label: str) -> str:
    """The fullest form: most words (titles dropped), then most frequent, then longest."""
    texts: Counter = Counter()
    for form in members:
        for text, count in form.texts.items():
            texts[display_name(text, label)] += count
    return max(texts, key=lambda t: (len(_fold(t).split()), texts[t], len(t)))
