"""Nothing is fetched at run time: a whole comparison (spaCy, the sentence encoder, the link model) runs with every
network connection refused."""
from __future__ import annotations

import socket
from pathlib import Path

from reader.core.compare import Comparer
from reader.core.encoder import SentenceEncoder
from reader.core.nlp import NlpEngine
from reader.documents import load_document

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def test_a_comparison_makes_no_network_connection(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during a comparison")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    left = load_document(SEEDS / "the-world-iran-missile-attack.txt")
    right = load_document(SEEDS / "reuters-iran-missile-attack.txt")
    comparison = Comparer(NlpEngine(), SentenceEncoder()).compare(left, right)
    assert attempts == []
    assert "sentence meaning" in comparison.linker and "without" not in comparison.linker
    assert comparison.links and comparison.entities
