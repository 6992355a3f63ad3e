"""Grouping name mentions (people, places, organisations, groups) into entities. Pure Python + rapidfuzz.

Variants that become one entity: case, dots and quotes ("U.S." / "US"), aliases ("America" / "United States",
"Democratic" / "Democrats"), state abbreviations ("Fla." / "Florida"), titles ("Gen. Hossein Salami" / "General
Hossein Salami"), possessives, spelling variants of a full name ("Qasem" / "Qassem Soleimani"), middle names,
initials and suffixes ("Margaret T. Hale Jr." / "Margaret Hale"), nicknames ("Jim" / "James"), acronyms ("DHS" /
"Department of Homeland Security"). A lone surname or "Mr. X" is resolved per mention by :mod:`entity_resolve`.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from reader.core.entity_vocab import (
    ALIASES,
    FUNCTION_WORDS,
    NETWORKS,
    NICKNAMES,
    ORG_WORDS,
    PERSON_TITLES,
    STATES,
    SUFFIXES,
    TITLES,
)

# Label a form takes when its mentions disagree evenly (noise in small models is mostly place <-> org/person).
LABEL_PRIORITY = ("GPE", "PERSON", "ORG", "LOC", "FAC", "NORP")
GROUP_OF_LABEL = {"PERSON": "people", "GPE": "places", "LOC": "places", "FAC": "places", "ORG": "organisations",
                  "NORP": "groups"}
_SPACES = re.compile(r"\s+")


def fold(text: str, hyphen: str = " ") -> str:
    """Lower case, accents removed, curly quotes straightened, dots dropped, hyphens as ``hyphen``."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    t = re.sub(r"'s$|'$", "", t)
    t = t.replace(".", "").replace("-", hyphen).replace("\u2010", hyphen).replace("'", "")
    return _SPACES.sub(" ", t).strip()


_fold = fold


def strip_title(words: list[str]) -> list[str]:
    """Leading titles off a folded name ("gen hossein salami" -> "hossein salami"), keeping at least one word."""
    i = 0
    while i < len(words) - 1 and words[i] in TITLES:
        i += 1
    return words[i:]


_PARTICLES = frozenset({"de", "del", "della", "da", "di", "van", "von", "der", "den", "al", "el", "bin", "ibn",
                        "le", "la", "st", "mac"})


def _join_particles(words: list[str]) -> list[str]:
    """"kevin de leon" -> "kevin deleon": a surname particle belongs to the surname ("de Leon" alone too)."""
    out: list[str] = []
    for i, w in enumerate(words):
        if out and out[-1] in _PARTICLES and (len(out) > 1 or i == 1) and i == len(words) - 1:
            out[-1] += w
        else:
            out.append(w)
    return out


def name_key(text: str, label: str) -> str:
    """The comparable key of a name: folded, leading "the" and (for people) titles dropped, aliases and state
    abbreviations (written with a dot) applied. People keep a hyphenated surname as one word."""
    t = fold(text, "" if label == "PERSON" else " ")
    if t.startswith("the "):
        t = t[4:]
    words = t.split()
    if label == "PERSON":
        words = _join_particles(strip_title(words))
    elif len(words) == 2 and words[0] in PERSON_TITLES and words[1] not in ORG_WORDS:
        words = words[1:]  # "Sheriff Arpaio" tagged an organisation: the surname, resolved like any other
    t = " ".join(words)
    if t in STATES and text.rstrip().endswith("."):
        return STATES[t]
    return ALIASES.get(t, t)


def display_name(text: str, label: str) -> str:
    """Surface text without a leading "the", possessive or (for people) title: "Gen. Hossein Salami" -> "Hossein
    Salami"."""
    t = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    t = re.sub(r"['\u2019]s?$", "", t).strip()
    if label == "PERSON":
        words = t.split()
        keep = strip_title([fold(w) for w in words])
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
        """The form's label over all its mentions in both articles (one label per name, whatever the mention):
        a network is an organisation; a multi-word name tagged a person once, without an organisation word, is a
        person; a place tagged an organisation now and then stays a place."""
        if self.key in NETWORKS:
            return "ORG"
        words = self.words
        if self.labels.get("PERSON") and len(words) > 1 and not ORG_WORDS & set(words):
            return "PERSON"
        if self.labels.get("GPE") and self.labels.get("ORG", 0) <= 2 * self.labels["GPE"]:
            self.labels = Counter({k: v for k, v in self.labels.items() if k != "ORG"})
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


# ------------------------------------------------------------------------------------------ people
@dataclass(frozen=True)
class PersonName:
    """A full name split into parts: first name (nicknames expanded), middle names/initials, surname, suffix."""

    first: str
    middle: tuple[str, ...]
    last: str
    suffix: str

    @classmethod
    def parse(cls, key: str) -> "PersonName":
        words = key.split()
        suffix = words.pop() if len(words) > 2 and words[-1] in SUFFIXES else ""
        first = NICKNAMES.get(words[0], words[0])
        return cls(first, tuple(words[1:-1]), words[-1], suffix)

    def compatible(self, other: "PersonName") -> bool:
        """The same person written fuller or shorter: same first name (or nickname) and surname, middle names and
        initials that do not contradict, suffixes that do not contradict."""
        if (self.first, self.last) != (other.first, other.last):
            return False
        if self.suffix and other.suffix and self.suffix != other.suffix:
            return False
        for a, b in zip(self.middle, other.middle):
            if a != b and not (min(len(a), len(b)) == 1 and a[0] == b[0]):
                return False
        return True


def _person_merge(forms: dict[str, Form], union: _Union) -> None:
    """Full names of one person joined: middle names, initials, suffixes and nicknames; a name with a suffix that
    another form of the same name contradicts ("Jr." / "Sr.") keeps apart from the bare form."""
    by_core: dict[tuple[str, str], list[tuple[Form, PersonName]]] = defaultdict(list)
    for form in forms.values():
        if form.label == "PERSON" and len(form.words) > 1:
            name = PersonName.parse(form.key)
            by_core[(name.first, name.last)].append((form, name))
    for members in by_core.values():
        suffixes = {name.suffix for _, name in members if name.suffix}
        for i, (a, na) in enumerate(members):
            for b, nb in members[i + 1:]:
                if not na.compatible(nb):
                    continue
                if len(suffixes) > 1 and not (na.suffix and nb.suffix):
                    continue  # "Paul Ross" next to both "Paul Ross Jr." and "Paul Ross Sr.": which one?
                union.join(a.key, b.key)


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


# ------------------------------------------------------------------------------------------ acronyms
def initials(words: list[str]) -> set[str]:
    """Acronyms a multi-word name may be written as, with and without its function words ("doj", "dj")."""
    if len(words) < 2:
        return set()
    return {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in FUNCTION_WORDS)}


def _acronym_merge(forms: dict[str, Form], union: _Union) -> None:
    """An acronym written in capitals ("DHS", "N.A.T.O.") joins the one multi-word organisation, place or group it
    abbreviates ("Department of Homeland Security")."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for form in forms.values():
        if form.label != "PERSON" and len(form.words) > 1:
            for acronym in initials(form.words):
                by_initials[acronym].add(union.find(form.key))
    for form in forms.values():
        if len(form.words) != 1 or len(form.key) < 2 or form.label == "PERSON":
            continue
        if not any(re.sub(r"[.\s]", "", t).isupper() for t in form.texts):
            continue
        owners = by_initials.get(form.key, set())
        if len(owners) == 1:
            union.join(next(iter(owners)), form.key)


def _people_by_surname(forms: dict[str, Form]) -> None:
    """A two- or three-word name tagged only as an organisation or place ("Kirstjen Nielsen") is a person when its
    last word alone is tagged a person elsewhere ("Ms. Nielsen") and it has no organisation word."""
    for form in forms.values():
        words = form.words
        if form.label in ("ORG", "GPE", "FAC") and 2 <= len(words) <= 3 and not ORG_WORDS & set(words):
            surname = forms.get(words[-1])
            if surname is not None and surname.labels.get("PERSON"):
                form.label = "PERSON"


_PAPERS = frozenset({"times", "post", "journal", "tribune", "herald", "globe", "guardian", "telegraph", "examiner"})


def _tail_merge(forms: dict[str, Form], union: _Union) -> None:
    """An organisation with and without its last generic word ("XYZ News" / "XYZ") is one organisation, and so is
    a newspaper and its short name ("the New York Times" / "the Times") when only one paper has that name."""
    papers: dict[str, list[str]] = defaultdict(list)
    for form in forms.values():
        if len(form.words) > 1 and form.words[-1] in _PAPERS:
            papers[form.words[-1]].append(form.key)
    for word, owners in papers.items():
        if word in forms and len(owners) == 1:
            union.join(owners[0], word)
    for form in forms.values():
        words = form.words
        short = " ".join(words[:-1])
        if len(words) >= 2 and words[-1] in _VARIANT_TAILS and form.label == "ORG" and short in forms:
            union.join(form.key, short)


# ------------------------------------------------------------------------------------------ clusters
def cluster_forms(forms: dict[str, Form]) -> list[list[Form]]:
    """Forms grouped into entities (each form labelled by its mentions' majority first). One-word person forms
    stay alone here: :mod:`entity_resolve` gives each of their mentions to the full name it refers to."""
    for form in forms.values():
        form.label = form.vote()
    _people_by_surname(forms)
    union = _Union(forms)
    _person_merge(forms, union)
    _fuzzy_merge(forms, union)
    _acronym_merge(forms, union)
    _tail_merge(forms, union)
    clusters: dict[str, list[Form]] = defaultdict(list)
    for key, form in forms.items():
        clusters[union.find(key)].append(form)
    return list(clusters.values())


def cluster_label(members: list[Form]) -> str:
    """The label of a cluster's fullest form (a multi-word person name makes the whole cluster people), else the
    majority over its mentions."""
    longest = max(len(form.words) for form in members)
    if longest > 1 and any(f.label == "PERSON" for f in members if len(f.words) == longest):
        return "PERSON"
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
    return max(texts, key=lambda t: (len(fold(t).split()), texts[t], len(t)))


# ------------------------------------------------------------------------------------------ split detection
def _core_words(name: str) -> list[str]:
    words = strip_title(fold(name).split())
    return [w for w in words if w not in SUFFIXES] or words


_VARIANT_TAILS = frozenset({"news", "party", "inc", "corp", "co", "company", "group", "network"})


def variant_pair(a, b) -> bool:
    """True when two entries' names look like variants of one entity (a check on the grouping, used by the
    benchmark): equal once titles and suffixes are dropped; for people, one's words inside the other's with the
    same surname or first name ("Hale" / "Margaret T. Hale"); an acronym of the other; an organisation with and
    without its last word ("XYZ News" / "XYZ")."""
    x, y = sorted((_core_words(a.name), _core_words(b.name)), key=len)
    if not x or not y:
        return False
    if x == y or name_key(a.name, a.label) == name_key(b.name, b.label):
        return True
    if len(x) == 1 and len(y) > 1 and len(x[0]) >= 2 and x[0] in initials(y):
        return True
    if a.group != b.group:
        return False
    if a.group.value == "people":
        return set(x) <= set(y) and (x[-1] == y[-1] or x[0] == y[0])
    return len(y) == len(x) + 1 and y[:-1] == x and y[-1] in _VARIANT_TAILS
