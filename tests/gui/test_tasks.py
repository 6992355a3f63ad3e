"""The task runner: background work reports progress and results on the UI thread, and can be cancelled."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from reader.core.model import Cancelled
from reader.ui.tasks import NLP_POOL, WORK_POOL, TaskRunner


def _sum_squares(n: int):
    def work(progress, should_stop):
        total = 0
        for i in range(n):
            if should_stop():
                raise Cancelled()
            total += i * i
            if i % (n // 4) == 0:
                progress(i / n, f"step {i}")
        return total
    return work


def test_result_progress_and_callbacks_arrive_on_the_ui_thread(qtbot):
    runner = TaskRunner()
    seen = {"progress": [], "threads": set()}
    ui_thread = QApplication.instance().thread()

    def on_progress(fraction, message):
        seen["progress"].append((fraction, message))
        seen["threads"].add(QThread.currentThread() is ui_thread)

    def on_finished(result):
        seen["result"] = result
        seen["threads"].add(QThread.currentThread() is ui_thread)

    handle = runner.run("sum", _sum_squares(40_000), on_progress=on_progress, on_finished=on_finished)
    qtbot.waitUntil(lambda: "result" in seen, timeout=10_000)
    assert seen["result"] == sum(i * i for i in range(40_000))
    assert seen["threads"] == {True}
    assert [f for f, _ in seen["progress"]] == sorted(f for f, _ in seen["progress"])
    assert seen["progress"][0][1] == "step 0"
    assert handle.state == "finished"


def test_work_runs_off_the_ui_thread(qtbot):
    runner = TaskRunner()
    threads = []
    runner.run("who", lambda p, s: threads.append(threading.current_thread()) or 1)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads[0] is not threading.main_thread()


def test_an_expected_failure_is_its_message_and_no_traceback(qtbot, capfd):
    from reader.documents.errors import DocumentError

    runner = TaskRunner()
    errors = []

    def broken(progress, should_stop):
        raise DocumentError("left.txt", "the file is empty")

    handle = runner.run("bad", broken, on_failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == ["the file is empty"]
    assert handle.state == "failed"
    assert capfd.readouterr().err == ""


def test_an_unexpected_failure_goes_to_the_log_file_named_in_the_message(qtbot, capfd, tmp_path, monkeypatch):
    monkeypatch.setenv("PARALLEL_READER_LOG_DIR", str(tmp_path / "state"))
    runner = TaskRunner()
    errors = []

    def buggy(progress, should_stop):
        return {}["no such key"]

    runner.run("export", buggy, on_failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    log = tmp_path / "state" / "parallel-reader.log"
    assert str(log) in errors[0] and "KeyError" in errors[0]
    assert "Traceback" in log.read_text() and "no such key" in log.read_text()
    assert "Traceback" not in capfd.readouterr().err


def test_a_new_task_with_the_same_name_cancels_the_running_one(qtbot):
    runner = TaskRunner()
    started = threading.Event()
    outcome = {}

    def slow(progress, should_stop):
        started.set()
        for _ in range(500):
            if should_stop():
                raise Cancelled()
            time.sleep(0.01)
        return "old"

    first = runner.run("compare", slow, on_finished=lambda r: outcome.setdefault("old", r),
                       on_cancelled=lambda: outcome.setdefault("old", "cancelled"))
    assert started.wait(5)
    second = runner.run("compare", lambda p, s: "new", on_finished=lambda r: outcome.setdefault("new", r))
    qtbot.waitUntil(lambda: "new" in outcome and "old" in outcome, timeout=10_000)
    assert outcome == {"old": "cancelled", "new": "new"}
    assert first.state == "cancelled" and second.state == "finished"


def test_cancel_stops_work_through_progress_too(qtbot):
    runner = TaskRunner()
    cancelled = []

    def reports_only(progress, should_stop):
        for i in range(1000):
            progress(i / 1000, "working")  # raises Cancelled once the token is set
            time.sleep(0.005)
        return "finished anyway"

    handle = runner.run("p", reports_only, on_cancelled=lambda: cancelled.append(True),
                        on_finished=lambda r: cancelled.append(r))
    qtbot.wait(50)
    assert runner.cancel("p")
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert cancelled == [True] and handle.state == "cancelled"


def test_nlp_pool_runs_one_task_at_a_time(qtbot):
    runner = TaskRunner()
    assert runner.pools[NLP_POOL].maxThreadCount() == 1
    active, peak, done = [0], [0], []
    lock = threading.Lock()

    def job(progress, should_stop):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return threading.get_ident()

    for i in range(4):
        runner.run(f"job{i}", job, pool=NLP_POOL, on_finished=done.append)
    qtbot.waitUntil(lambda: len(done) == 4, timeout=10_000)
    assert peak[0] == 1
    assert len(set(done)) == 1  # spaCy always sees the same thread


def test_work_pool_runs_beside_the_nlp_pool(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    done = []
    runner.run("nlp", lambda p, s: gate.wait(5) and "nlp", pool=NLP_POOL, on_finished=done.append)
    runner.run("export", lambda p, s: gate.set() or "export", pool=WORK_POOL, on_finished=done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)
    assert sorted(done) == ["export", "nlp"]
    assert runner.shutdown(5000)


def test_an_analysis_freezes_what_a_full_collection_would_scan_and_only_while_it_runs(qtbot):
    import gc

    def cycle_collected() -> bool:
        a = []
        a.append(a)  # garbage only the cyclic collector frees
        del a
        return gc.collect() >= 1  # 0 too while another thread collects (an analysis left running by a test)

    def work(progress, should_stop):
        frozen = gc.get_freeze_count()
        kept = [[i] for i in range(20_000)]  # built since the runner froze: not frozen yet
        for _ in range(200):
            gc.collect()
            if gc.get_freeze_count() - frozen >= len(kept):
                return True
            time.sleep(0.01)
        return False

    runner = TaskRunner()
    outcomes = {}
    for name, fn in (("ok", work), ("failed", lambda p, s: 1 / 0)):
        runner.run(name, fn, freeze_gc=True, on_finished=lambda r, n=name: outcomes.setdefault(n, r),
                   on_failed=lambda m, n=name: outcomes.setdefault(n, m))
        qtbot.waitUntil(lambda n=name: n in outcomes, timeout=10_000)
        runner.wait(5000)
    try:
        assert outcomes["ok"] is True  # a full collection froze the analysis's objects instead of scanning them
        qtbot.waitUntil(cycle_collected, timeout=30_000)  # afterwards cyclic garbage is collected again
    finally:
        gc.unfreeze()
