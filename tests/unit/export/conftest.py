"""The seed pair compared once with the real engine (spaCy model included), shared by the export tests."""
from __future__ import annotations

import pytest

from reader.core.compare import Comparer
from reader.core.model import Comparison, Options
from reader.core.nlp import NlpEngine
from reader.documents import load_document


@pytest.fixture(scope="session")
def seed_comparison(seed_paths) -> Comparison:
    left, right = seed_paths
    return Comparer(NlpEngine()).compare(load_document(left), load_document(right), Options())
