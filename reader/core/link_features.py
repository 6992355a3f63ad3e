"""Evidence that two sentences report the same fact: one feature row per candidate sentence pair.

A pair is described by what it shares (rarity-weighted content words, names, figures, quoted words, meaning from an
optional sentence encoder) and, just as important on news where every sentence shares the story's vocabulary, by
how it ranks among each sentence's other partners (margins to the best and second-best partner). The decision over
these rows is learned (see :mod:`reader.core.link_model`); nothing here is tuned by hand.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from reader.core.align_features import Idf, Unit, content_terms, make_unit, similarity
from reader.core.normalize import Token

QUOTES = "\"\u201c\u201d\u00ab\u00bb"
# Words that attribute a statement to whoever is named next to them ("Pelosi said", "said Ms. Hale", "told").
SAYING = frozenset("said says say told tells wrote writes tweeted tweets stated states added adds according "
                   "announced announces declared insisted argued warned explained claimed".split())
SPEAKER_WINDOW = 4  # tokens on either side of the attribution word where the speaker's name stands
RANK_CAP = 3  # ranks beyond this tell nothing more

LEXICAL = (
    "overlap", "containment", "shared_terms", "rare_shared", "margin_left", "margin_right", "rank_left",
    "rank_right", "names_shared", "names_missing", "figures_shared", "figures_clash", "quotes_shared",
    "length_ratio", "token_set", "overlap_x_margin", "headline_one", "headline_both", "headline_x_containment",
    "speaker_same", "speaker_clash", "quotes_of_others", "plain_containment", "plain_shared",
)
SEMANTIC = ("cosine", "cosine_margin_left", "cosine_margin_right", "cosine_rank_left", "cosine_rank_right",
            "cosine_x_overlap", "headline_x_cosine", "cosine_z_left", "cosine_z_right", "tokens_f", "tokens_min",
            "tokens_margin_left", "tokens_margin_right")
# Second stage: what the first-stage probabilities say around a pair (facts told in a run of sentences on both
# sides support each other, in whatever place the run stands in each article).
CONTEXT = ("first_logit", "diagonal_support", "adjacent_support", "first_margin_left", "first_margin_right",
           "diagonal_x_first")


@dataclass(frozen=True)
class Meaning:
    """What the sentence encoder says of both sides: sentence vectors' cosines (left x right) and, per sentence,
    unit word-piece vectors with their ids."""

    cosine: np.ndarray
    left_tokens: Sequence[np.ndarray]
    right_tokens: Sequence[np.ndarray]
    left_ids: Sequence[Sequence[int]]
    right_ids: Sequence[Sequence[int]]

    def token_scores(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], tuple[float, float]]:
        """Token-level matching (BERTScore with rarity weights): for each pair, the weighted share of each side's
        word pieces that find a close partner on the other side, as (F1, the smaller share)."""
        df: dict[int, int] = {}
        for ids in list(self.left_ids) + list(self.right_ids):
            for t in set(ids):
                df[t] = df.get(t, 0) + 1
        n = len(self.left_ids) + len(self.right_ids)
        weight = {t: math.log((n + 1) / (d + 1)) for t, d in df.items()}
        lw = [np.array([weight[t] for t in ids], dtype=np.float32) for ids in self.left_ids]
        rw = [np.array([weight[t] for t in ids], dtype=np.float32) for ids in self.right_ids]
        out = {}
        for i, j in pairs:
            a, b = self.left_tokens[i], self.right_tokens[j]
            if not len(a) or not len(b) or lw[i].sum() <= 0 or rw[j].sum() <= 0:
                out[(i, j)] = (0.0, 0.0)
                continue
            sim = a.astype(np.float32) @ b.astype(np.float32).T
            recall = float((sim.max(axis=1) * lw[i]).sum() / lw[i].sum())
            precision = float((sim.max(axis=0) * rw[j]).sum() / rw[j].sum())
            out[(i, j)] = (2 * recall * precision / max(1e-9, recall + precision), min(recall, precision))
        return out


@dataclass(frozen=True)
class SentenceInfo:
    """What the features need of one sentence, computed once."""

    unit: Unit
    names: frozenset[str]  # content stems of capitalised words not opening the sentence
    figures: frozenset[str]  # normalised numbers
    quoted: frozenset[str]  # content stems inside quotation marks
    speakers: frozenset[str]  # name stems next to an attribution word ("Pelosi" in "Pelosi said")
    norm_text: str  # normalised words joined by spaces
    words: int
    headline: bool = False  # the article's headline (it sums up several sentences of the other's lead)


def sentence_infos(texts: Sequence[str], tokens: Sequence[Sequence[Token]], bases: Sequence[int], idf: Idf,
                   terms: Sequence[Sequence[str]], headline: bool = False) -> list[SentenceInfo]:
    """``bases[k]``: the offset of ``texts[k]`` in the coordinates of ``tokens[k]``; ``headline``: the first
    text is the article's headline."""
    return [_info(*row, idf, headline and k == 0) for k, row in enumerate(zip(texts, tokens, bases, terms))]


def _info(text: str, toks: Sequence[Token], base: int, bag: Sequence[str], idf: Idf,
          headline: bool) -> SentenceInfo:
    names, figures, quoted = set(), set(), set()
    inside = _quoted_spans(text)
    for k, t in enumerate(toks):
        if t.kind == "number":
            figures.add(t.norm)
            continue
        terms = content_terms([t])
        if not terms:
            continue
        if k > 0 and t.text[:1].isupper():
            names.add(terms[0])

        if any(a <= t.start - base < b for a, b in inside):
            quoted.add(terms[0])
    return SentenceInfo(make_unit(bag, idf), frozenset(names), frozenset(figures), frozenset(quoted),
                        _speakers(toks, base, inside), " ".join(t.norm for t in toks), len(toks), headline)


def _speakers(toks: Sequence[Token], base: int, inside: list[tuple[int, int]]) -> frozenset[str]:
    """Stems of capitalised words (outside quotes) near an attribution word: who the sentence quotes."""
    out = set()
    for k, t in enumerate(toks):
        if t.norm not in SAYING or any(a <= t.start - base < b for a, b in inside):
            continue
        for n in toks[max(0, k - SPEAKER_WINDOW): k + SPEAKER_WINDOW + 1]:
            if n.text[:1].isupper() and n.kind != "number" and not any(a <= n.start - base < b for a, b in inside):
                out.update(content_terms([n]))
    return frozenset(out)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between pairs of double quotation marks."""
    marks = [k for k, ch in enumerate(text) if ch in QUOTES]
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


def _ranks_and_margins(values: dict[tuple[int, int], float], side: int) -> tuple[dict, dict]:
    """For each pair: its rank among the partners of its side-``side`` sentence, and its margin to the best
    other partner (positive when it is the best, by how much)."""
    by_sentence: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for pair, v in values.items():
        by_sentence.setdefault(pair[side], []).append((v, pair))
    rank, margin = {}, {}
    for items in by_sentence.values():
        items.sort(reverse=True)
        best, second = items[0][0], items[1][0] if len(items) > 1 else 0.0
        for r, (v, pair) in enumerate(items):
            rank[pair] = min(r, RANK_CAP) / RANK_CAP
            margin[pair] = v - (second if r == 0 else best)
    return rank, margin


def feature_rows(pairs: Sequence[tuple[int, int]], left: Sequence[SentenceInfo], right: Sequence[SentenceInfo],
                 idf: Idf, meaning: Optional[Meaning] = None) -> np.ndarray:
    """One row per pair: the LEXICAL features, then the SEMANTIC ones when the encoder's ``meaning`` is given."""
    cosine = meaning.cosine if meaning is not None else None
    pairs = list(pairs)
    sims = {p: similarity(left[p[0]].unit, right[p[1]].unit, idf) for p in pairs}
    rank_l, margin_l = _ranks_and_margins(sims, 0)
    rank_r, margin_r = _ranks_and_margins(sims, 1)
    if cosine is not None:
        cos = {p: float(cosine[p[0], p[1]]) for p in pairs}
        # how far a pair stands above its sentence's usual similarity to the other article (the story's topic)
        z_left = (cosine - cosine.mean(axis=1, keepdims=True)) / (cosine.std(axis=1, keepdims=True) + 1e-6)
        z_right = (cosine - cosine.mean(axis=0, keepdims=True)) / (cosine.std(axis=0, keepdims=True) + 1e-6)
        tokens = meaning.token_scores(pairs)
        _, tmargin_l = _ranks_and_margins({p: v[0] for p, v in tokens.items()}, 0)
        _, tmargin_r = _ranks_and_margins({p: v[0] for p, v in tokens.items()}, 1)
        crank_l, cmargin_l = _ranks_and_margins(cos, 0)
        crank_r, cmargin_r = _ranks_and_margins(cos, 1)
    top = math.log(1 + idf.n)
    token_set = _token_set_ratios(pairs, left, right)
    rows = []
    for p, fuzzy in zip(pairs, token_set):
        a, b = left[p[0]], right[p[1]]
        s = sims[p]
        common = a.unit.terms & b.unit.terms
        shared_w = sum(idf(t) for t in common)
        containment = shared_w / max(1e-9, min(a.unit.weight, b.unit.weight))
        one_headline = float(a.headline != b.headline)
        row = [
            s,
            containment,
            math.log1p(len(common)),
            max((idf(t) for t in common), default=0.0) / top,
            margin_l[p], margin_r[p], rank_l[p], rank_r[p],
            math.log1p(len(a.names & b.names)),
            _missing_share(a.names, b.names),
            math.log1p(len(a.figures & b.figures)),
            float(bool(a.figures) and bool(b.figures) and not (a.figures & b.figures)),
            math.log1p(len(a.quoted & b.quoted)),
            min(a.words, b.words) / max(1, a.words, b.words),
            fuzzy,
            s * max(0.0, min(margin_l[p], margin_r[p])),
            one_headline, float(a.headline and b.headline), one_headline * containment,
            float(bool(a.speakers & b.speakers)),
            float(bool(a.speakers) and bool(b.speakers) and not (a.speakers & b.speakers)),
            # both quote someone, not the same person, and not the same words: two statements, whatever else they
            # share (the same words given to two people is one quote with a disputed speaker)
            float(bool(a.quoted) and bool(b.quoted) and bool(a.speakers) and bool(b.speakers)
                  and not (a.speakers & b.speakers) and not _same_quote(a.quoted, b.quoted)),
            # the same without names and titles: what is said of them ("arrived" vs "said ... expect")
            *_plain_overlap(a, b, common, idf),
        ]
        if cosine is not None:
            c = cos[p]
            row += [c, cmargin_l[p], cmargin_r[p], crank_l[p], crank_r[p], c * s, one_headline * c,
                    float(z_left[p]), float(z_right[p]), tokens[p][0], tokens[p][1], tmargin_l[p], tmargin_r[p]]
        rows.append(row)
    width = len(LEXICAL) + (len(SEMANTIC) if cosine is not None else 0)
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), width)


def _token_set_ratios(pairs: Sequence[tuple[int, int]], left: Sequence[SentenceInfo],
                      right: Sequence[SentenceInfo]) -> list[float]:
    """``fuzz.token_set_ratio`` of each pair's normalised texts, in 0..1: the same values as one call per pair, but
    in one call that lets go of the interpreter lock while it works (a single call on a megabyte-long sentence
    holds it for tens of milliseconds, during which a window's thread in the same process cannot run)."""
    scores = process.cpdist([left[i].norm_text for i, _ in pairs], [right[j].norm_text for _, j in pairs],
                            scorer=fuzz.token_set_ratio, dtype=np.float64, workers=1)
    return [float(x) / 100.0 for x in scores]


def _plain_overlap(a: SentenceInfo, b: SentenceInfo, common: frozenset[str], idf: Idf) -> tuple[float, float]:
    """Containment and count of the shared words that are not names (capitalised words inside the sentence)."""
    names = a.names | b.names
    plain = [t for t in common if t not in names]
    small = min(sum(idf(t) for t in a.unit.terms if t not in names),
                sum(idf(t) for t in b.unit.terms if t not in names))
    return sum(idf(t) for t in plain) / max(1e-9, small), math.log1p(len(plain))


def _same_quote(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both quotes mostly the same words (at least 80 % of the longer quote's, and three or more)."""
    shared = len(a & b)
    return shared >= 3 and shared >= 0.8 * max(len(a), len(b))


def _missing_share(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the names of the sentence with fewer names that the other does not have."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small - big) / len(small)


def context_rows(pairs: Sequence[tuple[int, int]], first: Sequence[float]) -> np.ndarray:
    """The CONTEXT features of each pair from the first-stage probabilities of all candidate pairs."""
    prob = dict(zip(pairs, (float(x) for x in first)))
    _, margin_l = _ranks_and_margins(prob, 0)
    _, margin_r = _ranks_and_margins(prob, 1)
    rows = []
    for (i, j), x in prob.items():
        diag = max(prob.get((i - 1, j - 1), 0.0), prob.get((i + 1, j + 1), 0.0))
        adj = max(prob.get((i, j - 1), 0.0), prob.get((i, j + 1), 0.0), prob.get((i - 1, j), 0.0),
                  prob.get((i + 1, j), 0.0))
        clipped = min(max(x, 1e-6), 1 - 1e-6)
        rows.append([math.log(clipped / (1 - clipped)), diag, adj, margin_l[(i, j)], margin_r[(i, j)], diag * x])
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(CONTEXT))
