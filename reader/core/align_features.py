"""Sentence features for alignment: content-word stems, rarity weights (IDF) and a soft overlap score."""
from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterable, Sequence

from reader.core.normalize import Token

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just let me more most my myself no nor
    not now of off on once only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up upon very was
    we were what when where which while who whom why will with would you your yours yourself yourselves thee thou
    thy thine ye unto shall hath doth said say says one us o oh "s 's""".split()
) - {"us"}  # "us" is the normalised form of U.S. / United States: a content word here
# Irregular English forms to their base word (general grammar, not tuned to any text).
_IRREGULAR = dict(
    pair.split(":")
    for pair in """went:go gone:go goes:go saw:see seen:see came:come flew:fly flown:fly ran:run took:take taken:take
    gave:give given:give found:find thought:think brought:bring bought:buy caught:catch fought:fight taught:teach
    sought:seek told:tell sold:sell held:hold stood:stand understood:understand knew:know known:know grew:grow
    grown:grow threw:throw thrown:throw drew:draw drawn:draw began:begin begun:begin sang:sing sung:sing
    swam:swim rang:ring drank:drink drunk:drink sank:sink ate:eat eaten:eat fell:fall fallen:fall felt:feel
    kept:keep slept:sleep left:leave meant:mean met:meet led:lead fed:feed bled:bleed fled:flee sent:send
    spent:spend built:build lent:lend lost:lose made:make paid:pay laid:lay lay:lie lain:lie sat:sit spoke:speak
    spoken:speak broke:break broken:break chose:choose chosen:choose froze:freeze frozen:freeze woke:wake
    wrote:write written:write rode:ride ridden:ride rose:rise risen:rise drove:drive driven:drive hid:hide
    hidden:hide bit:bite bitten:bite struck:strike stuck:stick hung:hang dug:dig won:win shot:shoot
    heard:hear wore:wear worn:wear tore:tear torn:tear bore:bear borne:bear swore:swear became:become
    got:get gotten:get forgot:forget forgotten:forget did:do done:do had:have has:have was:be were:be been:be
    is:be are:be am:be men:man women:woman children:child mice:mouse geese:goose feet:foot teeth:tooth
    oxen:ox wolves:wolf calves:calf leaves:leaf lives:life knives:knife wives:wife halves:half selves:self
    better:good best:good worse:bad worst:bad""".split()
)
# Stems of attribution words ("reported", "told", "according to", "added"): news attributes nearly every
# sentence, so sharing them is no evidence of the same content ("said"/"says" are stopwords already).
ATTRIBUTION = frozenset({"report", "tell", "accord", "add"})
_SUFFIXES = ("ingly", "edly", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s")
STEM_LEN = 6
LONG = 6  # between sentences this long, one shared word ("Iran") is no evidence of the same content


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A tiny suffix stripper plus truncation: 'attacked'/'attacks'/'attacking' -> 'attack'."""
    w = word.lower().replace("'", "")
    if w.endswith("s") and word.endswith(("'s", "\u2019s")):
        w = w[:-1]
    if w[:1].isdigit():
        return w
    w = _IRREGULAR.get(w, w)
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            if suf in ("ied", "ies"):
                w += "y"
            break
    return w[:STEM_LEN]


def content_terms(tokens: Iterable[Token]) -> tuple[str, ...]:
    """Stems of the content words (stopwords and attribution words dropped; numbers kept whole)."""
    out = []
    for t in tokens:
        if t.kind == "number":
            out.append(t.norm)
        elif t.norm not in STOPWORDS and len(t.norm) > 1:
            term = stem(t.norm)
            if term not in ATTRIBUTION:
                out.append(term)
    return tuple(out)


@dataclass(frozen=True)
class Unit:
    """One alignable unit (a sentence, or two merged): its term bag with weights."""

    terms: frozenset[str]
    weight: float  # sum of term weights


class Idf:
    """Inverse document frequency over the units of both sides (a unit = a document)."""

    def __init__(self, bags: Sequence[Iterable[str]]):
        df: dict[str, int] = {}
        for bag in bags:
            for term in set(bag):
                df[term] = df.get(term, 0) + 1
        self.n = max(1, len(bags))
        self.df = df
        self._default = math.log(1 + self.n)
        self.weights = {t: math.log(1 + self.n / d) for t, d in df.items()}

    def __call__(self, term: str) -> float:
        return self.weights.get(term, self._default)


def make_unit(terms: Iterable[str], idf: Idf) -> Unit:
    bag = frozenset(terms)
    w = idf.weights
    d = idf._default
    return Unit(bag, sum(w.get(t, d) for t in bag))


def similarity(a: Unit, b: Unit, idf: Idf) -> float:
    """Rarity-weighted Dice overlap of content terms (0..1); 0 for long sentences sharing one term."""
    if not a.terms or not b.terms:
        return 0.0
    common = a.terms & b.terms
    if len(common) < 2 and min(len(a.terms), len(b.terms)) >= LONG:
        return 0.0
    w = idf.weights
    shared = sum(w.get(t, 0.0) for t in common)
    return min(1.0, 2.0 * shared / (a.weight + b.weight))
