"""Time-sliced work on the UI thread: long jobs written as generators, run a slice (~10 ms) at a time.

A job yields whenever it may pause. :class:`SliceRunner` resumes its jobs from a 1 ms QTimer until the
slice's time is spent, then gives the event loop back, so painting, input and the analysis's progress signals are
never held up for long, whatever the document length. ``finish()`` runs a job to its end at once (a user action
that needs its result, or small documents where slicing buys nothing).
"""
from __future__ import annotations

import time
from typing import Generator, Iterator

from PySide6.QtCore import QObject, Qt, QTimer, Signal

SLICE_S = 0.010  # aim of one slice; Qt's own work between slices stays well under the 100 ms budget
PAUSE_MS = 1  # between slices: other due timers (and the event loop) always get their turn

Job = Generator[None, None, None]


def exhaust(gen: Iterator):
    """Run a generator to its end; returns its return value."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            return stop.value


class SliceRunner(QObject):
    """Named generator jobs resumed in turn on a 1 ms QTimer; starting a job replaces one of the same name."""

    finished = Signal(str)  # job name

    def __init__(self, parent: QObject | None = None, slice_s: float = SLICE_S) -> None:
        super().__init__(parent)
        self.slice_s = slice_s
        self._jobs: dict[str, Job] = {}
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._run_slice)
        self.longest_slice_s = 0.0  # benchmarks read it

    def start(self, name: str, job: Job) -> None:
        self._jobs.pop(name, None)
        self._jobs[name] = job
        self._timer.start()

    def cancel(self, name: str | None = None) -> None:
        if name is None:
            self._jobs.clear()
        else:
            self._jobs.pop(name, None)
        if not self._jobs:
            self._timer.stop()

    def busy(self, name: str | None = None) -> bool:
        return bool(self._jobs) if name is None else name in self._jobs

    def finish(self, name: str) -> None:
        """Run one job to its end now (no-op when it is not running)."""
        job = self._jobs.get(name)
        if job is None:
            return
        try:
            exhaust(job)
        finally:
            if self._jobs.get(name) is job:
                self._done(name)

    def _done(self, name: str) -> None:
        self._jobs.pop(name, None)
        if not self._jobs:
            self._timer.stop()
        self.finished.emit(name)

    def _run_slice(self) -> None:
        start = time.perf_counter()
        deadline = start + self.slice_s
        for name in list(self._jobs):
            job = self._jobs.get(name)
            while job is not None and time.perf_counter() < deadline:
                try:
                    next(job)
                except StopIteration:
                    if self._jobs.get(name) is job:
                        self._done(name)
                    break
            if time.perf_counter() >= deadline:
                break
        self.longest_slice_s = max(self.longest_slice_s, time.perf_counter() - start)

