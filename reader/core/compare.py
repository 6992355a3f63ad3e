"""The comparison pipeline: segment both documents, align, find entities, derive the facts.

``Comparer`` runs the whole thing once; ``relink``/``apply_edits`` recompute only the facts after a user links or
unlinks passages by hand, so the (slow) NLP stage never reruns for a manual edit.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Optional, Sequence

from reader.core.model import (
    Analysis,
    Cancelled,
    Comparison,
    Document,
    Entity,
    Link,
    Options,
    ProgressFn,
    SegmentKind,
    StopFn,
)

# Share of the progress bar each stage takes (measured on the seed pair and the 100k pair: NER dominates).
_STAGES = (("Segmenting", 0.05), ("Aligning passages", 0.30), ("Finding people, places and figures", 0.60),
           ("Collecting facts", 0.05))


@dataclass(frozen=True)
class Edit:
    """A manual change to the links, remembered per pair of files: link these segments, or unlink them."""

    action: str  # "link" | "unlink"
    left: tuple[int, ...]
    right: tuple[int, ...]


class _Progress:
    """Maps each stage's own 0..1 progress onto its slice of the overall bar."""

    def __init__(self, progress: Optional[ProgressFn], should_stop: Optional[StopFn]) -> None:
        self._progress = progress
        self._should_stop = should_stop
        self._base = 0.0
        self._shown = 0.0  # the bar never moves back, whatever a stage reports

    def stage(self, index: int) -> tuple[ProgressFn, StopFn]:
        self._base = sum(weight for _, weight in _STAGES[:index])
        name, weight = _STAGES[index]
        self.check()

        def report(fraction: float, message: str = "") -> None:
            overall = min(1.0, self._base + weight * max(0.0, min(1.0, fraction)))
            self._shown = max(self._shown, overall)
            if self._progress is not None:
                self._progress(self._shown, message or name)

        report(0.0, name)
        return report, self.stopped

    def stopped(self) -> bool:
        return bool(self._should_stop and self._should_stop())

    def check(self) -> None:
        if self.stopped():
            raise Cancelled()


_OWN_ENCODER = object()


class Comparer:
    """Turns two documents into a :class:`Comparison`. Holds the NLP engine and the sentence encoder (one each per
    application). Without an ``encoder`` argument the comparer makes its own (loaded on first use); ``None`` links
    passages on word evidence alone."""

    def __init__(self, nlp, encoder=_OWN_ENCODER) -> None:
        if encoder is _OWN_ENCODER:
            from reader.core.encoder import SentenceEncoder

            encoder = SentenceEncoder()
        self.nlp = nlp
        self.encoder = encoder

    def compare(
        self,
        left: Document,
        right: Document,
        options: Options = Options(),
        progress: Optional[ProgressFn] = None,
        should_stop: Optional[StopFn] = None,
        edits: Sequence[Edit] = (),
    ) -> Comparison:
        from reader.core.align import align_with_near
        from reader.core.entities import extract_entities
        from reader.core.figure_links import join_disagreeing
        from reader.core.segment import segment

        steps = _Progress(progress, should_stop)
        steps.stage(0)
        chars = len(left.text) + len(right.text)
        long = _in_workers(self.nlp, chars)  # long texts: worker processes find entities while this thread links
        preload = None if long else _load_in_background(self.nlp)  # spaCy loads while the passages are linked
        left_a, right_a = segment(left), segment(right)
        early = _Background(lambda report, stop: _entities_in_workers(self.nlp, chars, left_a, right_a, report, stop),
                            steps.stopped) if long else None
        try:
            report, stop = steps.stage(1)
            links, near = align_with_near(left_a, right_a, options, report, stop, self.encoder)
            report, stop = steps.stage(2)
            if early is not None:
                entities = early.result(report)
            else:
                if preload is not None:
                    preload.join()
                entities = extract_entities(left_a, right_a, self.nlp, report, stop)
        finally:
            if early is not None:
                early.abandon()  # stopped or failed while linking: the entity thread stops at its next check
        report, stop = steps.stage(3)
        edited = frozenset((side, i) for e in edits for side, ids in (("left", e.left), ("right", e.right))
                           for i in ids)
        links = _apply_edits(left_a, right_a, links, edits)
        links = join_disagreeing(left_a, right_a, links, near, entities, edited, stop)
        comparison = assemble(left_a, right_a, links, entities, options, linked_by(left_a, right_a, self.encoder))
        report(1.0, "Done")
        return comparison


def _in_workers(nlp, chars: int) -> bool:
    return bool(getattr(nlp, "uses_workers", lambda chars: False)(chars))


def _entities_in_workers(nlp, chars: int, left: Analysis, right: Analysis, report: ProgressFn, stop: StopFn):
    from reader.core.entities import extract_entities

    nlp.prepare(chars, stop)
    if stop():
        raise Cancelled()
    return extract_entities(left, right, nlp, report, stop)


class _Background:
    """The entity stage on a thread of its own while the passages are linked (its work is in worker processes,
    so the two do not compete for the interpreter); ``result`` waits for it, showing its progress; ``abandon``
    makes it stop at its next check when the comparison ends early."""

    def __init__(self, work, stopped: StopFn) -> None:
        self._fraction = 0.0
        self._value = self._error = None
        self._abandoned = threading.Event()

        def stop() -> bool:
            return self._abandoned.is_set() or stopped()

        self._thread = threading.Thread(target=self._run, args=(work, stop), name="entities", daemon=True)
        self._thread.start()

    def _run(self, work, stopped: StopFn) -> None:
        def report(fraction: float, message: str = "") -> None:
            self._fraction = fraction

        try:
            self._value = work(report, stopped)
        except BaseException as exc:  # noqa: BLE001 - raised again on the caller's thread
            self._error = _without_tracebacks(exc)

    def abandon(self) -> None:
        self._abandoned.set()

    def result(self, report: ProgressFn):
        while self._thread.is_alive():
            report(self._fraction)
            self._thread.join(0.1)
        error, self._error = self._error, None  # raised here it gets this frame in its traceback: keep no reference
        if error is not None:
            try:
                raise error
            finally:
                error = None
        return self._value


def _without_tracebacks(exc: BaseException) -> BaseException:
    """``exc`` and the exceptions chained to it without their tracebacks: a traceback holds the entity thread's
    frames, which hold the thread's state, which holds the exception: a reference cycle that the app's frozen
    garbage collector would never free (an analysis' worth of memory per cancelled comparison)."""
    seen = set()
    current: Optional[BaseException] = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return exc


def _load_in_background(nlp) -> Optional[threading.Thread]:
    """Start loading the NLP model on a thread of its own (errors surface later, where the model is used)."""
    if getattr(nlp, "loaded", True) or not hasattr(nlp, "load"):
        return None

    def load() -> None:
        try:
            nlp.load()
        except Exception:  # noqa: BLE001 - the entity stage loads again and reports the error properly
            pass

    thread = threading.Thread(target=load, name="nlp-preload", daemon=True)
    thread.start()
    return thread


def linked_by(left: Analysis, right: Analysis, encoder) -> str:
    """How the passages were linked, in words for the reports."""
    from reader.core.align import ENCODER_MAX_SENTENCES, encoder_used

    sentences = sum(1 for a in (left, right) for s in a.segments if s.kind is SegmentKind.SENTENCE)
    base = "learned decision over shared words, names, figures and quotes"
    if encoder_used(encoder, sentences):
        return f"{base}, and sentence meaning ({encoder.describe()})"
    if encoder is not None and encoder.available() and sentences > ENCODER_MAX_SENTENCES:
        return (f"{base} (sentence meaning is used for texts up to {ENCODER_MAX_SENTENCES:,} sentences together; "
                f"these have {sentences:,})")
    reason = getattr(encoder, "reason", "") if encoder is not None else "no sentence encoder"
    return f"{base} (without sentence meaning: {reason or 'the sentence encoder is unavailable'})"


def assemble(left: Analysis, right: Analysis, links: Sequence[Link], entities: Sequence[Entity],
             options: Options, linker: str = "") -> Comparison:
    from reader.core.facts import build_facts

    ordered = tuple(sorted(links, key=lambda link: (min(link.left), min(link.right))))
    facts = build_facts(left, right, ordered, entities)
    return Comparison(
        left=left,
        right=right,
        links=ordered,
        unique_left=tuple(facts.unique_left),
        unique_right=tuple(facts.unique_right),
        unique_details=tuple(facts.unique_details),
        entities=tuple(entities),
        discrepancies=tuple(facts.discrepancies),
        summary_left=facts.summary_left,
        summary_right=facts.summary_right,
        options=options,
        linker=linker,
    )


def relink(comparison: Comparison, links: Sequence[Link]) -> Comparison:
    """The same comparison with other links: facts and summaries recomputed, entities kept."""
    return assemble(comparison.left, comparison.right, links, comparison.entities, comparison.options,
                    comparison.linker)


def apply_edits(comparison: Comparison, edits: Sequence[Edit]) -> Comparison:
    """Replay manual link/unlink edits (in order) on a comparison."""
    links = _apply_edits(comparison.left, comparison.right, comparison.links, edits)
    return relink(comparison, links)


def _apply_edits(left: Analysis, right: Analysis, links: Sequence[Link], edits: Sequence[Edit]) -> tuple[Link, ...]:
    from reader.core.align import make_link

    current = list(links)
    for edit in edits:
        if not _valid(left, right, edit):
            continue  # the files changed since the edit was made: its segments no longer exist
        touched = set(edit.left), set(edit.right)
        current = [link for link in current
                   if not (touched[0] & set(link.left) or touched[1] & set(link.right))]
        if edit.action == "link":
            current.append(make_link(left, right, edit.left, edit.right, manual=True))
    return tuple(current)


def _valid(left: Analysis, right: Analysis, edit: Edit) -> bool:
    return (edit.action in ("link", "unlink") and bool(edit.left) and bool(edit.right)
            and all(0 <= i < len(left.segments) for i in edit.left)
            and all(0 <= j < len(right.segments) for j in edit.right))
