"""One small task runner: background work with progress, cancellation and results on the UI thread.

A task is a plain function ``fn(progress, should_stop) -> result`` that never sees a Qt object. It runs as a
QRunnable; its signals (progress / finished / failed / cancelled) are delivered to the UI thread through queued
connections. Work that uses spaCy goes to a pool with a single thread, so the model is only ever touched by
one thread. Starting a task under a name that is still running cancels the old one; a cancelled task's late
result is dropped. A failure reaches the UI as one message (:func:`reader.ui.failures.failure_message`): the
reason of an expected error, or for a bug the path of the log file its traceback went to; never a traceback on
stderr.
"""
from __future__ import annotations

import gc
import threading
import time
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot

from reader.core.model import Cancelled

TaskFn = Callable[[Callable[[float, str], None], Callable[[], bool]], Any]

NLP_POOL = "nlp"  # one thread: spaCy and everything that may load it
WORK_POOL = "work"  # other background work (PDF export ...)


class CancelToken:
    """Thread-safe flag; calling it answers ``should_stop()``."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        return self._event.is_set()


class TaskSignals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


GC_FREEZE_INTERVAL_S = 0.1


class _FullCollections:
    """While an analysis runs, every full collection of the cyclic garbage collector starts with ``gc.freeze()``.

    Freezing at progress reports alone left stretches without a report (segmenting two 100k-word texts, spaCy
    loading in this process) in which a full collection scanned everything built since the last report: 60-100 ms
    with the interpreter lock held, on whichever thread allocated. Frozen first, the pass finds almost nothing
    to scan; the young generations are still collected as before. Nests: installed once, by count."""

    users = 0
    lock = threading.Lock()

    @staticmethod
    def _before(phase: str, info: dict) -> None:
        if phase == "start" and info.get("generation") == 2:
            gc.freeze()

    @classmethod
    def hold(cls, on: bool) -> None:
        with cls.lock:
            cls.users += 1 if on else -1
            if on and cls.users == 1:
                gc.callbacks.append(cls._before)
            elif not on and cls.users == 0 and cls._before in gc.callbacks:
                gc.callbacks.remove(cls._before)


class _Runnable(QRunnable):
    def __init__(self, fn: TaskFn, signals: TaskSignals, token: CancelToken, freeze_gc: bool = False,
                 doing: str = "") -> None:
        super().__init__()
        self.doing = doing  # the task's name, for the log file
        self.setAutoDelete(True)
        self.fn, self.signals, self.token = fn, signals, token
        self.freeze_gc = freeze_gc
        self._frozen_at = 0.0

    def _freeze(self, force: bool = False) -> None:
        """Keep the cyclic garbage collector from rescanning everything the analysis has built so far.

        Long analyses build millions of live objects; each full collection then scans all of them while
        holding the GIL (200 ms and more on 100k-word articles), which freezes the window. ``gc.freeze()``
        moves the objects alive now out of the collector's view; young garbage is still collected.
        """
        now = time.monotonic()
        if self.freeze_gc and (force or now - self._frozen_at >= GC_FREEZE_INTERVAL_S):
            self._frozen_at = now
            gc.freeze()

    def run(self) -> None:  # worker thread
        if self.token.cancelled:
            self.signals.cancelled.emit()
            return
        self._freeze(force=True)
        if self.freeze_gc:
            _FullCollections.hold(True)
        try:
            result = self.fn(self._progress, self.token)
            self._freeze(force=True)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # reported to the UI as a message, never as a crash or a traceback
            from reader.ui.failures import failure_message

            self.signals.failed.emit(failure_message(exc, self.doing))
        else:
            if self.token.cancelled:
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)
        finally:
            if self.freeze_gc:
                _FullCollections.hold(False)

    def _progress(self, fraction: float, message: str) -> None:
        if self.token.cancelled:
            raise Cancelled()
        self._freeze()
        self.signals.progress.emit(float(fraction), str(message))


class TaskHandle(QObject):
    """One started task: forward its signals (already on the UI thread) to the caller's callbacks."""

    progress = Signal(float, str)
    done = Signal()  # after finished / failed / cancelled

    def __init__(self, name: str, token: CancelToken, parent: QObject) -> None:
        super().__init__(parent)
        self.name, self.token = name, token
        self.state = "running"  # running | finished | failed | cancelled
        self.result: Any = None
        self.error = ""
        self.on_finished: Optional[Callable[[Any], None]] = None
        self.on_failed: Optional[Callable[[str], None]] = None
        self.on_cancelled: Optional[Callable[[], None]] = None

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def running(self) -> bool:
        return self.state == "running"

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        if self.running and not self.token.cancelled:
            self.progress.emit(fraction, message)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        if self.token.cancelled:
            return self._on_cancelled()
        self.state, self.result = "finished", result
        if self.on_finished:
            self.on_finished(result)
        self.done.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.state, self.error = "failed", message
        if self.on_failed:
            self.on_failed(message)
        self.done.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        if not self.running:
            return
        self.state = "cancelled"
        if self.on_cancelled:
            self.on_cancelled()
        self.done.emit()


class TaskRunner(QObject):
    """Starts tasks on the right pool and keeps one running task per name."""

    def __init__(self, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        nlp = QThreadPool(self)
        nlp.setMaxThreadCount(1)
        work = QThreadPool(self)
        work.setMaxThreadCount(2)
        self.pools = {NLP_POOL: nlp, WORK_POOL: work}
        self._running: dict[str, TaskHandle] = {}
        self._signals: dict[TaskHandle, TaskSignals] = {}

    def run(
        self,
        name: str,
        fn: TaskFn,
        *,
        pool: str = NLP_POOL,
        on_finished: Optional[Callable[[Any], None]] = None,
        on_failed: Optional[Callable[[str], None]] = None,
        on_cancelled: Optional[Callable[[], None]] = None,
        on_progress: Optional[Callable[[float, str], None]] = None,
        freeze_gc: bool = False,
    ) -> TaskHandle:
        """Start ``fn`` in the background; a task of the same name still running is cancelled first."""
        self.cancel(name)
        token = CancelToken()
        handle = TaskHandle(name, token, self)
        handle.on_finished, handle.on_failed, handle.on_cancelled = on_finished, on_failed, on_cancelled
        if on_progress:
            handle.progress.connect(on_progress)
        signals = TaskSignals()  # lives on the UI thread; the worker only emits
        queued = Qt.ConnectionType.QueuedConnection
        signals.progress.connect(handle._on_progress, queued)
        signals.finished.connect(handle._on_finished, queued)
        signals.failed.connect(handle._on_failed, queued)
        signals.cancelled.connect(handle._on_cancelled, queued)
        handle.done.connect(lambda h=handle: self._forget(h))
        self._running[name] = handle
        self._signals[handle] = signals
        self.pools[pool].start(_Runnable(fn, signals, token, freeze_gc, name))
        return handle

    def cancel(self, name: str) -> bool:
        handle = self._running.get(name)
        if handle is None or not handle.running:
            return False
        handle.cancel()
        return True

    def is_running(self, name: str) -> bool:
        handle = self._running.get(name)
        return handle is not None and handle.running

    def handle(self, name: str) -> Optional[TaskHandle]:
        return self._running.get(name)

    def cancel_all(self) -> None:
        for handle in list(self._running.values()):
            handle.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every pool is idle (used on shutdown, after ``cancel_all``)."""
        return all(pool.waitForDone(msecs) for pool in self.pools.values())

    def shutdown(self, msecs: int = 30000) -> bool:
        self.cancel_all()
        return self.wait(msecs)

    def _forget(self, handle: TaskHandle) -> None:
        if self._running.get(handle.name) is handle:
            del self._running[handle.name]
        self._signals.pop(handle, None)
