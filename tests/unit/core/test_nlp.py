"""The spaCy engine: loaded once, lazily, only what entity recognition needs; a clear message without a model."""
from __future__ import annotations

import threading
import time

import pytest

from reader.core.nlp import ModelMissing, NlpEngine


@pytest.fixture(scope="module")
def engine() -> NlpEngine:
    return NlpEngine()


def test_not_loaded_until_first_use():
    engine = NlpEngine()
    assert not engine.loaded
    assert engine.available() is not None


def test_loads_an_english_model_with_only_the_entity_recogniser(engine):
    engine.load()
    assert engine.model_name.startswith("en_core_web_sm")
    assert engine.version.startswith("3.")
    assert "ner" in engine.components
    assert not {"parser", "tagger", "lemmatizer", "attribute_ruler"} & set(engine.components)
    assert engine.describe() == f"{engine.model_name} {engine.version}"


def test_finds_entities_with_offsets(engine):
    text = "French President Emmanuel Macron called Hassan Rouhani on Tuesday."
    (found,) = list(engine.entities([text]))
    spans = {text[s:e]: label for s, e, label in found}
    assert spans.get("Emmanuel Macron") == "PERSON"
    assert spans.get("Hassan Rouhani") == "PERSON"
    assert spans.get("Tuesday") == "DATE"


def test_one_result_per_text_in_order_across_batches():
    engine = NlpEngine(batch_size=3)
    texts = [f"Sentence {i} mentions Canada." if i % 2 else "Nothing here." for i in range(8)]
    results = list(engine.entities(texts))
    assert len(results) == len(texts)
    for text, found in zip(texts, results):
        assert ("Canada" in text) == any(text[s:e] == "Canada" for s, e, _ in found)


def test_load_is_shared_between_threads():
    engine = NlpEngine()
    loaded = []
    threads = [threading.Thread(target=lambda: loaded.append(engine.load())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loaded) == 4 and all(nlp is loaded[0] for nlp in loaded)


def test_missing_model_names_the_package_to_install():
    engine = NlpEngine(packages=("no_such_spacy_model_xyz",))
    assert engine.available() is None
    with pytest.raises(ModelMissing) as info:
        list(engine.entities(["Iran"]))
    message = str(info.value)
    assert "pip install" in message and "en-core-web-sm" in message


def test_worker_processes_find_the_same_entities(seed_paths):
    texts = [line for path in seed_paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    local = list(NlpEngine(processes=1).entities(texts))
    engine = NlpEngine(processes=2, parallel_min_chars=0, batch_size=8)
    try:
        engine.warm_up()
        assert list(engine.entities(texts)) == local
    finally:
        engine.close()


def test_a_closed_engine_starts_no_workers_and_still_finds_entities():
    engine = NlpEngine(processes=2, parallel_min_chars=0)
    engine.close()
    engine.prepare(10**9)  # e.g. a cancelled comparison's entity thread, after the window closed the engine
    assert engine.worker_pids() == []
    assert [label for _, _, label in next(engine.entities(["Angela Merkel visited Paris."]))] == ["PERSON", "GPE"]


def test_worker_processes_end_when_the_app_process_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from reader.core.nlp import NlpEngine\n"
        "engine = NlpEngine(processes=2, parallel_min_chars=0)\n"
        "engine.prepare(10**9)\n"
        "print(*engine.worker_pids(), flush=True)\n"
        "sys.stdin.read()\n"  # alive until killed
    )
    app = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in app.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    finally:
        app.send_signal(signal.SIGKILL)  # no clean-up code runs in the app's process
        app.wait()
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pids if _alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "worker processes outlived the app's process"


def _alive(pid: int) -> bool:
    """Running (a zombie that has exited but not been reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
