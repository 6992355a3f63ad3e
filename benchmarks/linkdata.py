"""Labelled sentence-pair data for training and scoring the linker (news dev set and Aesop fables).

Each document is one article pair: its candidate pairs with feature rows (the linker's own code computes them),
labels from the gold links, and after ``predict`` the pairs the linker keeps. Scores follow the benchmarks'
conventions: precision against the possible links, recall against the sure ones (Aesop: one gold set for both).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import numpy as np

from reader.core.align import read_meaning
from reader.core.link_features import Meaning
from reader.core.link_model import StackedModel
from reader.core.linker import candidate_rows, group_pairs
from reader.core.normalize import tokenize

THRESHOLD = 0.5


class Doc:
    def __init__(self, row: dict, corpus: str, meaning: Optional[Meaning]):
        self.id, self.corpus = row["id"], corpus
        self.a, self.b = row["a_sentences"], row["b_sentences"]
        self.sure = {tuple(p) for p in row["gold"]}
        self.possible = {tuple(p) for p in row.get("possible", ())} | self.sure
        self.meaning = meaning
        lt, rt = [tokenize(s) for s in self.a], [tokenize(s) for s in self.b]
        zeros_l, zeros_r = [0] * len(self.a), [0] * len(self.b)
        heads = (corpus == "news", corpus == "news")  # news: sentence 0 of each side is the headline
        self.headlines = heads
        self.pairs, self._lex, self.same = candidate_rows(self.a, self.b, lt, rt, zeros_l, zeros_r, None, None, heads)
        self._sem = None
        if meaning is not None:
            pairs, self._sem, _ = candidate_rows(self.a, self.b, lt, rt, zeros_l, zeros_r, meaning, None, heads)
            self.sem_pairs = pairs
        self.certain = frozenset(self.same)
        self.pred: set[tuple[int, int]] = set()

    def pairs_for(self, semantic: bool) -> list[tuple[int, int]]:
        return self.sem_pairs if semantic else self.pairs

    def rows(self, semantic: bool) -> np.ndarray:
        return self._sem if semantic else self._lex

    def labels(self, semantic: bool) -> np.ndarray:
        """1 where at least one careful reading linked the pair: what precision is measured against."""
        return np.array([1 if p in self.possible else 0 for p in self.pairs_for(semantic)], dtype=int)

    def predict(self, model: StackedModel, semantic: bool, threshold: float = THRESHOLD) -> None:
        pairs = self.pairs_for(semantic)
        probs = {p: float(x) for p, x in zip(pairs, model.probability(pairs, self.rows(semantic), self.certain))}
        probs.update({p: 1.0 for p in self.same})
        self.pred = {(i, j) for g in group_pairs(probs, threshold) for i, j, _ in g.pairs}


def load_docs(path: Path, corpus: str, encoder=None) -> list[Doc]:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    docs = []
    for row in rows:
        meaning = read_meaning(encoder, row["a_sentences"], row["b_sentences"]) if encoder is not None else None
        docs.append(Doc(row, corpus, meaning))
    return docs


def score_docs(docs: list[Doc]) -> dict:
    n_pred = tp_p = n_sure = tp_s = 0
    u_tp = u_fp = u_fn = 0
    for d in docs:
        n_pred += len(d.pred)
        tp_p += len(d.pred & d.possible)
        n_sure += len(d.sure)
        tp_s += len(d.pred & d.sure)
        for side, n in ((0, len(d.a)), (1, len(d.b))):
            g_un = set(range(n)) - {p[side] for p in d.sure}
            g_maybe = set(range(n)) - {p[side] for p in d.possible}
            p_un = set(range(n)) - {p[side] for p in d.pred}
            u_tp += len(p_un & g_un)
            u_fp += len(p_un - g_un)
            u_fn += len(g_maybe - p_un)
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_s / n_sure if n_sure else 1.0
    up = u_tp / (u_tp + u_fp) if u_tp + u_fp else 1.0
    ur = u_tp / (u_tp + u_fn) if u_tp + u_fn else 1.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "uf1": 2 * up * ur / (up + ur) if up + ur else 0.0, "predicted": n_pred, "sure": n_sure}
