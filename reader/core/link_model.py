"""The learned link decision: two stacked logistic regressions over the pair features, shipped as a small JSON file.

The first stage reads a pair's own evidence; the second adds what the first says about the pairs around it
(:data:`reader.core.link_features.CONTEXT`). ``link_model.json`` is written by ``benchmarks/train_linker.py``
(scikit-learn, a development extra only) from the labelled news and fable pairs, with the cross-validated figures it
reached. It holds two such decisions: over the lexical features alone, and with the sentence encoder's similarities
too; the linker uses the one whose features it has. The output is a calibrated probability that a careful reader
would link the two sentences as the same fact (0.5: as likely as not).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from reader.core.link_features import CONTEXT, LEXICAL, SEMANTIC, context_rows

MODEL_FILE = "link_model.json"


@dataclass(frozen=True)
class LinkModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, rows: np.ndarray) -> np.ndarray:
        if rows.shape[1] != len(self.features):
            raise ValueError(f"the link model expects {len(self.features)} features, got {rows.shape[1]}")
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict) -> "LinkModel":
        return cls(tuple(data["features"]), np.asarray(data["mean"], float), np.asarray(data["scale"], float),
                   np.asarray(data["coef"], float), float(data["intercept"]))


def mirror(features: tuple[str, ...]) -> np.ndarray:
    """Column order that swaps every "_left" feature with its "_right" twin (the two articles exchanged)."""
    index = {name: k for k, name in enumerate(features)}
    twin = {"_left": "_right", "_right": "_left"}
    order = []
    for name in features:
        suffix = next((s for s in twin if name.endswith(s)), None)
        order.append(index[name[: -len(suffix)] + twin[suffix]] if suffix else index[name])
    return np.asarray(order)


@dataclass(frozen=True)
class StackedModel:
    """Both stages read each pair from both sides (left/right features exchanged) and average, so that which
    article is on the left never changes a link."""

    first: LinkModel
    second: LinkModel
    # Two sentences quoting two different named people are two statements, whatever words they share: such a pair
    # gets at most the share of such pairs that careful readers linked in the labelled data.
    quotes_of_others: float = 1.0

    def probability(self, pairs: list[tuple[int, int]], rows: np.ndarray,
                    certain: frozenset[tuple[int, int]] = frozenset()) -> np.ndarray:
        """Probabilities of ``pairs`` (all the candidates of one article pair, with their feature ``rows``);
        ``certain`` pairs (identical sentences) count as 1.0 for their neighbours."""
        if not pairs:
            return np.zeros(0)
        first = _both_ways(self.first, rows)
        if certain:
            first = np.array([1.0 if p in certain else x for p, x in zip(pairs, first)])
        out = np.minimum(_both_ways(self.second, np.hstack([rows, context_rows(pairs, first)])), 0.9999)
        others = rows[:, self.first.features.index("quotes_of_others")] == 1
        return np.where(others, np.minimum(out, self.quotes_of_others), out)

    def to_json(self) -> dict:
        return {"first": self.first.to_json(), "second": self.second.to_json(),
                "quotes_of_others": self.quotes_of_others}

    @classmethod
    def from_json(cls, data: dict) -> "StackedModel":
        return cls(LinkModel.from_json(data["first"]), LinkModel.from_json(data["second"]),
                   float(data.get("quotes_of_others", 1.0)))


def _both_ways(model: LinkModel, rows: np.ndarray) -> np.ndarray:
    return (model.probability(rows) + model.probability(rows[:, mirror(model.features)])) / 2


def expected_features(semantic: bool, stage: int = 1) -> tuple[str, ...]:
    own = LEXICAL + (SEMANTIC if semantic else ())
    return own if stage == 1 else own + CONTEXT


@lru_cache(maxsize=2)
def load_model(semantic: bool) -> StackedModel:
    """The shipped decision for the lexical or the lexical + semantic feature set."""
    text = resources.files("reader.core").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    model = StackedModel.from_json(json.loads(text)["semantic" if semantic else "lexical"])
    if (model.first.features != expected_features(semantic, 1)
            or model.second.features != expected_features(semantic, 2)):
        raise RuntimeError(f"{MODEL_FILE} was trained on other features; run benchmarks/train_linker.py again")
    return model
