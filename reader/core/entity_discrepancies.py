"""Figures and names that play the same role in two linked passages but differ ("at least 56 killed" vs "at least
50 killed"). Pure Python: used every time the facts are recomputed.

The role of a figure is its kind (number, date, time, ...) and the words around it: the noun it counts (the words
after) and what happened (the words before). Each figure is paired with its best counterpart in the other passage;
equal figures ("1.30 a.m." / "1:30 am") pair first and are never a discrepancy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from reader.core.align_features import STOPWORDS, stem
from reader.core.figures import WEEKDAYS, parse_figure
from reader.core.model import Discrepancy, FigureValue, Group
from reader.core.normalize import tokenize
from reader.core.roles import about, event_subject, head_word, repeated_event, speaker_role


WINDOW = 3  # content words looked at on each side of a figure
_WEIGHTS = (3.0, 2.0, 1.0)
FIGURE_MIN = 0.5  # context similarity from which two different figures count as the same fact
FIGURE_ONLY_PAIR_MIN = 0.34  # ... when each passage has exactly one unmatched figure of that kind
NAME_MIN = 0.6  # names need stronger evidence: a different name is more often a different fact
_BARE_NUMBER = re.compile(r"(?<![\w.,:])(\d{1,2}[:.]\d{2}\s?[ap]\.?\s?m\b\.?|[$\u00a3\u20ac]?\d(?:[\d,]*\d)?(?:\.\d+)?%?"
                          r"(?:[\u201d\"\u2019]?\s(?:million|billion|trillion)\b)?)(?![\w:]|,\d)")


_BOUND_BEFORE = re.compile(r"\b(more than|over|at least|about|around|nearly|almost|roughly|up to|as many as|"
                           r"fewer than|less than|at most|some|approximately)\s+$", re.I)


@dataclass(frozen=True)
class Item:
    """One figure or name occurrence inside a linked passage."""

    start: int
    end: int
    text: str
    kind: str  # figure kind or "name"
    key: tuple  # equal keys = the same figure / the same entity
    group: str = ""
    value: Optional[FigureValue] = None


@dataclass(frozen=True)
class Passage:
    """One side of a link: its text spans and the figures and names inside them."""

    text: str  # the side's whole document text
    spans: tuple[tuple[int, int], ...]  # the linked segments
    figures: tuple[Item, ...]
    names: tuple[Item, ...]


def figure_key(value: FigureValue) -> tuple:
    """Equal figures share a key; "about" is not a different figure, "at least" is."""
    bound = "exact" if value.bound == "about" else value.bound
    return (value.kind, value.canonical, bound, value.unit)


def bare_figures(text: str, spans: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]) -> list[Item]:
    """Numbers and clock times the entity recogniser missed (outside ``taken`` spans), read as figures."""
    out = []
    for start, end in spans:
        for m in _BARE_NUMBER.finditer(text, start, end):
            s, e = m.span(1)
            if any(a < e and s < b for a, b in taken):
                continue
            raw = re.sub(r"[\u201d\"\u2019]", "", m.group(1))
            label = "MONEY" if raw[0] in "$\u00a3\u20ac" else "TIME" if raw[-1] in "mM." else "CARDINAL"
            bound = _BOUND_BEFORE.search(text, max(start, s - 20), s)
            raw = (bound.group(1) + " " + raw) if bound else raw
            value = parse_figure(raw, label)
            if value is not None:
                out.append(Item(s, e, m.group(1), value.kind, figure_key(value), value=value))
    return out


def _context(passage: Passage, start: int, end: int) -> tuple[list[str], list[str]]:
    """Content-word stems before (nearest first) and after a span, within the passage's segments."""
    before: list[str] = []
    after: list[str] = []
    for s, e in passage.spans:
        if e <= start:
            before.extend(_terms(passage.text[s:e]))
        elif s <= start < e:
            before.extend(_terms(passage.text[s:start]))
            after.extend(_terms(passage.text[end:e]))
        elif s >= end:
            after.extend(_terms(passage.text[s:e]))
        if len(after) >= WINDOW:
            break
    return before[::-1][:WINDOW], after[:WINDOW]


def _terms(text: str) -> list[str]:
    return [stem(t.norm) for t in tokenize(text)
            if t.kind != "number" and t.norm not in STOPWORDS and len(t.norm) > 1]


def _window_similarity(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 0.5
    total = sum(_WEIGHTS[i] for i in range(len(a))) + sum(_WEIGHTS[i] for i in range(len(b)))
    hits = sum(_WEIGHTS[i] for i, w in enumerate(a) if w in b) + sum(_WEIGHTS[i] for i, w in enumerate(b) if w in a)
    return hits / total


def role_similarity(left: Passage, lo: Item, right: Passage, ro: Item) -> float:
    """0..1: how alike the words around two occurrences are (before and after weighed equally, nearest words
    most), or, if higher, the overlap of all those words regardless of position."""
    lb, la = _context(left, lo.start, lo.end)
    rb, ra = _context(right, ro.start, ro.end)
    positional = 0.5 * _window_similarity(lb, rb) + 0.5 * _window_similarity(la, ra)
    lbag, rbag = set(lb + la), set(rb + ra)
    bag = len(lbag & rbag) / len(lbag | rbag) if lbag | rbag else 0.0
    return max(positional, 0.8 * bag)  # the bag catches reordered clauses ("56 killed" / "killed 56")


def _comparable(a: Item, b: Item) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "quantity":
        return a.key[3] == b.key[3]  # same unit
    if a.kind == "name":
        return a.group == b.group
    if a.kind == "date":
        return _date_shape(a.key[1]) == _date_shape(b.key[1])  # a weekday with a weekday, a year with a year
    if a.kind == "money":
        return a.key[3] == b.key[3]
    return True


def _date_shape(canonical: str) -> str:
    return re.sub(r"\d", "9", canonical) if not canonical.isalpha() else (
        "weekday" if canonical in WEEKDAYS else "month")


def _interval(v: FigureValue) -> tuple[float, float]:
    x = v.value or 0.0
    return {"at least": (x, float("inf")), "at most": (0.0, x), "about": (0.9 * x, 1.1 * x)}.get(v.bound, (x, x))


def _significant(x: float) -> int:
    digits = f"{x:.6g}".replace(".", "").replace("-", "").split("e")[0]
    return len(digits.strip("0")) or 1


def _rounded(x: float, y: float) -> bool:
    """One value is the other rounded to the first's precision (one or two significant digits)."""
    rough, fine = sorted((x, y), key=_significant)
    p = _significant(rough)
    if p > 2 or p == _significant(fine) or rough < 100:  # "40 pages" / "44 pages" are counts, not roundings
        return False
    return float(f"{fine:.{p}g}") == rough


def compatible(a: Item, b: Item) -> bool:
    """Vague figures that can both be true: "more than 5,000" and "about 5,200", "$716 billion" and "more than $700
    billion". Two figures with the same bound ("up to 2.1 million" / "up to 2.3 million") are not."""
    va, vb = a.value, b.value
    if va is None or vb is None or va.value is None or vb.value is None or va.unit != vb.unit:
        return False
    if _rounded(va.value, vb.value):
        return True  # "$700 billion" / "$716 billion": the round figure is the other one rounded
    if va.bound == vb.bound and va.bound != "about":
        return False
    (la, ha), (lb, hb) = _interval(va), _interval(vb)
    return la <= hb and lb <= ha


def agree(a: Item, b: Item) -> bool:
    """The same figure or name: equal values whatever the bound ("more than 5,000" / "5,000"), a date and a more
    precise form of it ("December 2018" / "2018"), the same entity."""
    if a.kind != b.kind:
        return False
    if a.kind == "name":
        return a.key == b.key
    if a.key[1] == b.key[1] and a.key[3] == b.key[3]:
        return True
    if a.kind == "date":
        x, y = sorted((a.key[1], b.key[1]), key=len)
        return len(x) >= 4 and (y.startswith(x) or y.endswith(x.lstrip("-")) and x.startswith("--"))
    return False


def _unmatched(left: Sequence[Item], right: Sequence[Item], lp: Optional[Passage] = None,
               rp: Optional[Passage] = None) -> tuple[list[Item], list[Item]]:
    """Drop the items that have an equal counterpart on the other side (one for one). Equal days of two
    different events ("the Senate on Wednesday" / "the House voted on Wednesday") are not counterparts."""
    rest_right = list(right)
    rest_left = []
    for item in left:
        candidates = [r for r in rest_right if not _other_event(lp, item, rp, r)]
        twin = next((r for r in candidates if r.key == item.key), None)
        twin = twin or next((r for r in candidates if agree(item, r)), None)
        if twin is None:
            rest_left.append(item)
        else:
            rest_right.remove(twin)
    return rest_left, rest_right


def _other_event(lp: Optional[Passage], a: Item, rp: Optional[Passage], b: Item) -> bool:
    if lp is None or rp is None or a.kind != "date" or b.kind != "date":
        return False
    subjects = event_subject(lp, a), event_subject(rp, b)
    return bool(subjects[0] and subjects[1] and not subjects[0] & subjects[1])


def _pair(left: Passage, right: Passage, li: list[Item], ri: list[Item], minimum: float,
          only_pair_min: Optional[float]) -> list[tuple[Item, Item]]:
    scored = []
    for a in li:
        for b in ri:
            if not _comparable(a, b) or compatible(a, b):
                continue
            heads = head_word(left, a), head_word(right, b)
            if all(heads) and heads[0] != heads[1]:
                continue  # "40 pages" / "44 minutes": not the same role
            bonus = 0.25 if all(heads) else 0.0  # "40-page report" / "44-page report": the same counted thing
            if a.kind == "date":
                subjects = event_subject(left, a), event_subject(right, b)
                if not (subjects[0] & subjects[1]) or repeated_event(left) or repeated_event(right):
                    continue  # the days of two different events ("the Senate on Wednesday", "the House ...")
                bonus = 0.35
            else:
                bonus += _closeness(a, b)  # "$5.6 billion" / "$5.7 billion": one figure reported two ways
            alone = _alone(a, li) and _alone(b, ri)
            if a.kind == "date":  # days of other events (other subjects) do not make this pair less alone
                alone = _alone_in_event(left, a, li, subjects[0]) and _alone_in_event(right, b, ri, subjects[1])
            scored.append((role_similarity(left, a, right, b) + bonus, a.start, b.start, a, b, alone))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for score, _, _, a, b, alone in scored:
        if a.start in used_l or b.start in used_r:
            continue
        floor = minimum
        if only_pair_min is not None and alone:
            floor = only_pair_min
        if score >= floor:
            pairs.append((a, b))
            used_l.add(a.start)
            used_r.add(b.start)
    return pairs


def _closeness(a: Item, b: Item) -> float:
    """Evidence that two amounts are one figure reported two ways: within 5 % of each other 0.5, within 10 % 0.4
    (only above day-of-month-sized numbers)."""
    if a.value is None or b.value is None or not a.value.value or not b.value.value:
        return 0.0
    x, y = sorted((a.value.value, b.value.value))
    if x <= 31:
        return 0.0
    return 0.5 if y / x <= 1.05 else 0.4 if y / x <= 1.1 else 0.0


def _alone(item: Item, items: list[Item]) -> bool:
    return sum(1 for other in items if _comparable(item, other)) == 1


def _alone_in_event(passage: Passage, item: Item, items: list[Item], subject: set[str]) -> bool:
    """The only day in its passage whose event has this subject ("the House"), whatever days other events have."""
    return sum(1 for other in items if _comparable(item, other)
               and (other is item or event_subject(passage, other) & subject)) == 1


def passage_discrepancies(left: Passage, right: Passage, link: int) -> list[Discrepancy]:
    """Discrepancies between the two sides of one link: the same role (counted thing, event, quote) filled by
    different figures or speakers. Spelling variants, compatible vague figures and figures only one side gives
    are never discrepancies."""
    out = []
    li, ri = _unmatched(left.figures, right.figures, left, right)
    for a, b in _pair(left, right, li, ri, FIGURE_MIN, FIGURE_ONLY_PAIR_MIN):
        out.append(Discrepancy(a.kind, (a.start, a.end), (b.start, b.end), a.text, b.text, link,
                               about(left, a, right, b)))
    left_keys = {n.key for n in left.names}
    right_keys = {n.key for n in right.names}
    ln = [n for n in left.names if n.key not in right_keys and n.group == Group.PEOPLE.value]
    rn = [n for n in right.names if n.key not in left_keys and n.group == Group.PEOPLE.value]
    for a, b in _pair(left, right, ln, rn, NAME_MIN, None):
        if _variants(a.text, b.text) or not (speaker_role(left, a) and speaker_role(right, b)):
            continue
        out.append(Discrepancy("name", (a.start, a.end), (b.start, b.end), a.text, b.text, link,
                               "who said it"))
    return sorted(out, key=lambda d: d.left)


def _variants(a: str, b: str) -> bool:
    """Two names sharing a word ("Dick Cheney" / "Cheney", "Liz" / "Liz Cheney"): one family at least, never
    flagged as a different person."""
    wa = {w for w in re.findall(r"\w+", a.lower()) if len(w) > 1}
    wb = {w for w in re.findall(r"\w+", b.lower()) if len(w) > 1}
    return bool(wa & wb)
