"""Real documents and comparisons for the comparison-view tests (the full engine, computed once per session)."""
from __future__ import annotations

import functools
from pathlib import Path

from reader.core.model import Comparison, Document
from reader.documents import load_document
from reader.paths import seed_pair

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ui"
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts" / "ui"


@functools.lru_cache(maxsize=None)
def documents(name: str = "seed") -> tuple[Document, Document]:
    """"seed": the bundled pair; "fire": a small pair with two figures that disagree and a reordered passage."""
    if name == "seed":
        left, right = seed_pair()
    else:
        left, right = FIXTURES / f"{name}-left.txt", FIXTURES / f"{name}-right.txt"
    return load_document(left), load_document(right)


@functools.lru_cache(maxsize=None)
def comparison(name: str = "seed") -> Comparison:
    from reader.core.compare import Comparer

    return Comparer(_nlp()).compare(*documents(name))


@functools.lru_cache(maxsize=None)
def _nlp():
    from reader.core.nlp import NlpEngine

    return NlpEngine()


def screenshot(widget, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    widget.grab().save(str(path))
    return path
