"""The sentence encoder, with the real installed model: meaning over shared words, unit vectors, nothing fetched,
and a model file that is not the expected one refused with a reason."""
from __future__ import annotations

import shutil
import socket
import threading

import numpy as np
import pytest

from reader.core.encoder import (
    MAX_TOKENS, MODEL, EncoderUnavailable, ModelSpec, SentenceEncoder, build_tokenizer, default_vocab_path,
    find_model_file,
)
from reader.core.model import Cancelled

BUDGET = "The town council approved next year's budget on Tuesday after a four-hour debate."
# The same fact in other words (a reworded sentence); note that a paraphrase sharing almost no words with its
# original can score below a same-topic sentence that reuses the words: the encoder alone does not settle that.
BUDGET_PARAPHRASE = "After a four-hour debate on Tuesday, the council passed the town's budget for next year."
# Same topic, people and vocabulary, a different fact.
BUDGET_TOPICAL = "The town council's budget chief resigned on Tuesday over a dispute about the debate's rules."
# (sentence, same fact in other words, same topic but a different fact)
CASES = [
    (BUDGET, BUDGET_PARAPHRASE, BUDGET_TOPICAL),
    ("As she boarded the plane to Denver on Friday, the governor said she felt deeply sorry for the miners' families.",
     "On Friday the governor said she is 'deeply sorry' for the families of the miners.",
     "The governor flew to Denver on Friday to meet the mining company's board about safety rules."),
    ("Firefighters pulled two children from a burning house on Elm Street late on Friday.",
     "Late Friday, fire crews rescued a pair of kids from a house fire on Elm Street.",
     "Firefighters on Elm Street asked on Friday for a larger budget for new trucks."),
    ("The senator accused the mayor of hiding the cost of the new stadium from voters.",
     "According to the senator, the mayor kept voters in the dark about how much the stadium would cost.",
     "The senator and the mayor both attended the opening of the new stadium, which voters approved."),
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    enc = SentenceEncoder()
    assert enc.load(), enc.reason
    return enc


def cosine(encoder: SentenceEncoder, a: str, b: str) -> float:
    va, vb = encoder.encode([a, b])
    return float(va @ vb)


def test_constructor_is_cheap_and_loads_lazily():
    enc = SentenceEncoder()
    assert not enc.loaded and enc.reason == ""
    assert enc.available()
    assert enc.loaded and enc.reason == "" and enc.load_seconds > 0
    assert "MiniLM" in enc.describe()


@pytest.mark.parametrize("sentence, paraphrase, topical", CASES, ids=["budget", "governor", "fire", "stadium"])
def test_same_fact_in_other_words_scores_above_same_topic_different_fact(encoder, sentence, paraphrase, topical):
    assert cosine(encoder, sentence, paraphrase) > cosine(encoder, sentence, topical) + 0.1


def test_rows_are_unit_length_float32_in_the_order_given(encoder):
    sentences = [BUDGET, "Short.", BUDGET_TOPICAL + " " + BUDGET_PARAPHRASE, BUDGET_PARAPHRASE]
    vectors = encoder.encode(sentences)
    assert vectors.shape == (4, MODEL.dimension) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for row, sentence in enumerate(sentences):  # batching by length must not reorder or mix rows
        alone = encoder.encode([sentence])[0]
        assert float(alone @ vectors[row]) > 0.99


def test_empty_list_and_empty_strings(encoder):
    empty = encoder.encode([])
    assert empty.shape == (0, MODEL.dimension) and empty.dtype == np.float32
    vectors = encoder.encode(["", "   ", BUDGET])
    assert vectors.shape == (3, MODEL.dimension)
    assert np.isfinite(vectors).all()
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_long_sentence_counts_only_its_first_max_tokens_pieces(encoder):
    tokenizer = build_tokenizer(default_vocab_path())
    long = " ".join(["the committee reviewed the harbour safety report"] * 40)  # ~280 word pieces
    assert len(tokenizer.encode(long).ids) == MAX_TOKENS
    a, b = encoder.encode([long, long + " and then a storm destroyed every boat in the harbour"])
    assert float(a @ b) > 0.9999


def test_tokenizer_is_bert_uncased_wordpiece():
    tokenizer = build_tokenizer(default_vocab_path())
    assert tokenizer.encode("Hello, World!").tokens == ["[CLS]", "hello", ",", "world", "!", "[SEP]"]
    assert tokenizer.encode("Unaffordable").tokens[1:-1] == ["una", "##ff", "##ord", "##able"]


def test_progress_reaches_the_end_and_stop_cancels(encoder):
    seen = []
    encoder.encode([BUDGET] * 40, progress=lambda fraction, message: seen.append(fraction))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        encoder.encode([BUDGET] * 40, should_stop=lambda: True)


def test_a_tampered_model_file_is_refused(tmp_path):
    original = find_model_file()
    assert original is not None
    copy = tmp_path / "model.onnx"
    shutil.copyfile(original, copy)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit in a weight
    copy.write_bytes(bytes(data))
    enc = SentenceEncoder(model_path=copy)
    assert not enc.available()
    assert str(copy) in enc.reason and "SHA-256" in enc.reason and "not the expected one" in enc.reason
    assert "pip install" in enc.reason
    with pytest.raises(EncoderUnavailable, match="not the expected one"):
        enc.encode([BUDGET])
    assert SentenceEncoder(model_path=original).available()  # the untouched file still loads


def test_a_tampered_vocabulary_is_refused(tmp_path):
    vocab = tmp_path / "vocab.txt"
    vocab.write_text(default_vocab_path().read_text(encoding="utf-8").replace("\nworld\n", "\nwerld\n"),
                     encoding="utf-8")
    enc = SentenceEncoder(vocab_path=vocab)
    assert not enc.available()
    assert str(vocab) in enc.reason and "vocabulary" in enc.reason


def test_missing_model_says_what_to_install(tmp_path):
    spec = ModelSpec(**{**MODEL.__dict__, "module": "no_such_encoder_model_package", "distribution": "no-such-pkg"})
    enc = SentenceEncoder(spec=spec)
    assert not enc.available()
    assert "not installed" in enc.reason and "pip install no-such-pkg" in enc.reason
    with pytest.raises(EncoderUnavailable):
        enc.encode(["anything"])
    gone = SentenceEncoder(model_path=tmp_path / "gone.onnx")
    assert not gone.available() and "gone.onnx" in gone.reason and "cannot be read" in gone.reason


def test_nothing_is_fetched_while_loading_and_encoding(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    enc = SentenceEncoder()
    assert enc.available(), enc.reason
    assert enc.encode([BUDGET, BUDGET_PARAPHRASE]).shape == (2, MODEL.dimension)


def test_concurrent_loads_build_one_session(monkeypatch):
    import onnxruntime

    real, built = onnxruntime.InferenceSession, []

    def counting(*args, **kwargs):  # the real constructor, counted
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(onnxruntime, "InferenceSession", counting)
    enc = SentenceEncoder()
    barrier = threading.Barrier(4)
    loaded, vectors = [], []

    def worker():
        barrier.wait()
        loaded.append(enc.load())
        vectors.append(enc.encode([BUDGET])[0])

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loaded == [True] * 4 and len(built) == 1
    assert all(float(v @ vectors[0]) > 0.9999 for v in vectors)
