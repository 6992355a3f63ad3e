"""The pipeline on the seed pair, and manual edits recomputing the facts without rerunning NLP."""
from __future__ import annotations

import pytest

from reader.core.compare import Comparer, Edit, apply_edits
from reader.core.model import Cancelled, Options
from reader.core.nlp import NlpEngine
from reader.documents import load_document


@pytest.fixture(scope="module")
def nlp() -> NlpEngine:
    return NlpEngine()


@pytest.fixture(scope="module")
def seed(seed_paths, nlp):
    left, right = (load_document(p) for p in seed_paths)
    return Comparer(nlp).compare(left, right)


def _find(analysis, needle: str) -> int:
    return next(s.id for s in analysis.segments if needle in analysis.segment_text(s.id))


def test_progress_rises_to_one_and_names_the_stages(seed_paths, nlp):
    seen: list[tuple[float, str]] = []
    left, right = (load_document(p) for p in seed_paths)
    Comparer(nlp).compare(left, right, progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    assert any("Align" in m for _, m in seen) and any("people" in m for _, m in seen)


def test_a_stop_request_cancels(seed_paths, nlp):
    left, right = (load_document(p) for p in seed_paths)
    with pytest.raises(Cancelled):
        Comparer(nlp).compare(left, right, should_stop=lambda: True)


def test_manual_link_turns_a_unique_passage_into_a_linked_one(seed):
    pelosi = _find(seed.right, "Pelosi")
    macron = _find(seed.left, "Macron")
    assert pelosi in seed.unique_right and macron in seed.unique_left
    edited = apply_edits(seed, [Edit("link", (macron,), (pelosi,))])
    assert pelosi not in edited.unique_right and macron not in edited.unique_left
    manual = [link for link in edited.links if link.manual]
    assert [(link.left, link.right) for link in manual] == [((macron,), (pelosi,))]
    assert edited.summary_right.unique_passages == seed.summary_right.unique_passages - 1
    assert edited.entities is seed.entities  # NLP results reused, not recomputed


def test_unlink_makes_both_passages_unique_again(seed):
    link = seed.links[0]
    edited = apply_edits(seed, [Edit("unlink", link.left, link.right)])
    assert len(edited.links) == len(seed.links) - 1
    assert set(link.left) <= set(edited.unique_left) | _not_sentences(edited.left)
    assert set(link.right) <= set(edited.unique_right) | _not_sentences(edited.right)


def test_edits_for_segments_that_no_longer_exist_are_ignored(seed):
    edited = apply_edits(seed, [Edit("link", (10_000,), (0,))])
    assert edited.links == seed.links


def test_threshold_is_reported_and_changes_what_links(seed_paths, nlp):
    left, right = (load_document(p) for p in seed_paths)
    strict = Comparer(nlp).compare(left, right, Options(threshold=0.95))
    assert strict.options.threshold == 0.95
    assert len(strict.links) < len(Comparer(nlp).compare(left, right).links)


def _not_sentences(analysis) -> set[int]:
    """Boilerplate and headings: never counted as passages only one source reports."""
    return {s.id for s in analysis.segments if s.kind.value != "sentence"}


def test_long_texts_find_entities_in_workers_while_linking_with_the_same_result(seed_paths, seed):
    """Texts over the engine's size limit go to worker processes, overlapped with the linking: same comparison."""
    engine = NlpEngine(processes=2, parallel_min_chars=0)  # the seed pair counts as "long" here
    seen: list[float] = []
    try:
        left, right = (load_document(p) for p in seed_paths)
        parallel = Comparer(engine).compare(left, right, progress=lambda f, m: seen.append(f))
        assert len(engine.worker_pids()) == 2
    finally:
        engine.close(wait=True)
    assert parallel.entities == seed.entities
    assert parallel.links == seed.links and parallel.discrepancies == seed.discrepancies
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)


def test_a_stop_request_cancels_the_overlapped_entity_stage(seed_paths):
    engine = NlpEngine(processes=2, parallel_min_chars=0)
    calls = []

    def stop() -> bool:  # stop once the linking has started: the entity thread is running by then
        calls.append(1)
        return len(calls) > 3

    try:
        left, right = (load_document(p) for p in seed_paths)
        with pytest.raises(Cancelled):
            Comparer(engine).compare(left, right, should_stop=stop)
    finally:
        engine.close(wait=True)


def test_a_failed_entity_stage_is_reported_and_leaves_nothing_alive_under_a_frozen_collector(seed_paths):
    """The window freezes the cyclic garbage collector during an analysis: an entity stage that failed on its own
    thread is raised on the caller's thread, and no reference cycle keeps the analysed texts alive."""
    import gc
    import weakref

    from reader.core import segment as segment_module

    class BrokenWorkersEngine:  # sends everything to workers, which fail at once
        loaded = True

        def uses_workers(self, chars):
            return True

        def prepare(self, chars, should_stop=None):
            pass

        def entities(self, texts):
            raise RuntimeError("the entity workers failed")

    made, real = [], segment_module.segment

    def recording(document):
        analysis = real(document)
        made.append(weakref.ref(analysis))
        return analysis

    left, right = (load_document(p) for p in seed_paths)
    segment_module.segment = recording
    try:
        with pytest.raises(RuntimeError, match="entity workers failed"):
            Comparer(BrokenWorkersEngine(), encoder=None).compare(left, right, progress=lambda f, m: gc.freeze())
        gc.collect()
        assert made and not [r for r in made if r() is not None]
    finally:
        segment_module.segment = real
        gc.unfreeze()
