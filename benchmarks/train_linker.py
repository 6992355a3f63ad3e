"""Train the link decision (reader/core/link_model.json) and print its cross-validated figures.

    .venv/bin/pip install -e '.[train]'          # scikit-learn: a development extra, never needed at run time
    .venv/bin/python benchmarks/train_linker.py --news DIR [--bench ../shared/bench] [--write]

DIR is the folder written by ../shared/bench/news/build.py (it holds news-dev.jsonl). Labelled data: the 24 news
pairs (a pair either careful reading linked = 1, every other candidate = 0: the probability learned is that of a
careful reader linking the pair) and the 50 Aesop fables. Two stacked logistic regressions: the first over each
pair's own features, the second adds the first's verdicts on the neighbouring pairs (see reader.core.link_model). Figures are cross-validated by pair: every article pair is scored by a model that never saw it (news in
6 folds, fables in 5, each fold trained on the other folds of both sets). ``--write`` refits on everything and writes
the model file with those figures inside. ``--repeats N`` also cross-validates over N other fold assignments (the
pairs shuffled with seeds 0..N-1) and prints each and their mean and range: with 24 news pairs, which pairs share a
fold moves F1 by about a point.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.linkdata import load_docs, score_docs  # noqa: E402
from reader.core.link_features import LEXICAL, context_rows  # noqa: E402
from reader.core.link_model import (  # noqa: E402
    MODEL_FILE, LinkModel, StackedModel, _both_ways, expected_features, mirror,
)

C = 1.0  # inverse regularisation strength of the logistic regression
# Each fable pair's weight in the fit (the 50 fables have ~1,700 candidate pairs against the news set's ~8,000).
# Weights 2 to 6 raised the fables' figures and lowered the news figures: news decides.
AESOP_WEIGHT = 1.0


def _logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, features: tuple[str, ...]) -> LinkModel:
    from sklearn.linear_model import LogisticRegression

    # either article may be on the left
    x, y, w = np.vstack([x, x[:, mirror(features)]]), np.concatenate([y, y]), np.concatenate([w, w])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=C, max_iter=3000).fit((x - mean) / scale, y, sample_weight=w)
    return LinkModel(features, mean, scale, clf.coef_[0], float(clf.intercept_[0]))


def fit(docs: list, semantic: bool) -> StackedModel:
    x = np.vstack([d.rows(semantic) for d in docs])
    y = np.concatenate([d.labels(semantic) for d in docs])
    w = np.concatenate([np.full(len(d.pairs_for(semantic)), AESOP_WEIGHT if d.corpus == "aesop" else 1.0)
                        for d in docs])
    first = _logistic(x, y, w, expected_features(semantic, 1))
    stacked = []
    for d in docs:
        pairs = d.pairs_for(semantic)
        p1 = _both_ways(first, d.rows(semantic))
        p1 = np.array([1.0 if p in d.certain else v for p, v in zip(pairs, p1)])
        stacked.append(np.hstack([d.rows(semantic), context_rows(pairs, p1)]))
    others = x[:, LEXICAL.index("quotes_of_others")] == 1
    rate = float(y[others].mean()) if others.any() else 1.0
    return StackedModel(first, _logistic(np.vstack(stacked), y, w, expected_features(semantic, 2)), rate)


def folds(docs: list, k: int) -> list[list]:
    return [docs[f::k] for f in range(k)]


def cross_validate(news: list, fables: list, semantic: bool) -> dict[str, dict]:
    """Every doc scored by a model trained without it."""
    for part, k in ((news, 6), (fables, 5)):
        others = fables if part is news else news
        for held in folds(part, k):
            ids = {id(d) for d in held}
            model = fit([d for d in part if id(d) not in ids] + others, semantic)
            for d in held:
                d.predict(model, semantic)
    return {"news": score_docs(news), "aesop": score_docs(fables)}


def repeated(news: list, fables: list, semantic: bool, repeats: int) -> None:
    """Cross-validated figures over ``repeats`` shuffled fold assignments, each and their mean and range."""
    runs: dict[str, list[dict]] = {"news": [], "aesop": []}
    for seed in range(repeats):
        rng = random.Random(seed)
        shuffled_news, shuffled_fables = news[:], fables[:]
        rng.shuffle(shuffled_news)
        rng.shuffle(shuffled_fables)
        for corpus, r in cross_validate(shuffled_news, shuffled_fables, semantic).items():
            runs[corpus].append(r)
            print(f"  folds shuffled (seed {seed}) {corpus:5s}: pair P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f}")
    for corpus, rs in runs.items():
        f1 = [r["f1"] for r in rs]
        p = [r["p"] for r in rs]
        print(f"  {corpus:5s} over {repeats} fold assignments: F1 mean {statistics.mean(f1):.3f} "
              f"(range {min(f1):.3f}-{max(f1):.3f}), P mean {statistics.mean(p):.3f} (range {min(p):.3f}-{max(p):.3f})")


def sentence_encoder():
    """The app's sentence encoder, or None (then only the lexical decision is trained)."""
    try:
        from reader.core.encoder import SentenceEncoder
    except ImportError:
        return None
    encoder = SentenceEncoder()
    return encoder if encoder.load() else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=Path, required=True)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--repeats", type=int, default=0, help="also cross-validate over N shuffled fold assignments")
    a = ap.parse_args()
    encoder = sentence_encoder()
    news = load_docs(a.news / "news-dev.jsonl", "news", encoder)
    fables = load_docs(a.bench / "alignment-dev.jsonl", "aesop", encoder)
    out: dict = {"trained_on": "24 news pairs (BASIL, sure links) + 50 Aesop fables (GNAT)", "cv": {}}
    for semantic in (False, True):
        if semantic and not all(d.meaning is not None for d in news + fables):
            print("no sentence encoder: the semantic model is not trained")
            continue
        name = "semantic" if semantic else "lexical"
        res = cross_validate(news, fables, semantic)
        out["cv"][name] = res
        for corpus, r in res.items():
            print(f"{name:8s} {corpus:5s} cross-validated: pair P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f}  "
                  f"unaligned F1 {r['uf1']:.3f}")
        if a.repeats:
            repeated(news, fables, semantic, a.repeats)
        out[name] = fit(news + fables, semantic).to_json()
    if a.write:
        path = ROOT / "reader" / "core" / MODEL_FILE
        path.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
