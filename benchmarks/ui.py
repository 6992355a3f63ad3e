"""Desktop app responsiveness: time to first paint, time to a complete comparison, longest event-loop block.

    .venv/bin/python benchmarks/ui.py            # seed pair (cold start, in a child process) + long pair
    .venv/bin/python benchmarks/ui.py --seed     # only the seed pair
    .venv/bin/python benchmarks/ui.py --long     # only /work/shared/bench/long/*-100k.txt

Targets: first paint <= 1.0 s from process start; while the analysis runs, no event-loop block > 100 ms (a QTimer
ticks every 10 ms from the first paint until the result arrives, and the largest gap between ticks is reported;
showing the finished result is timed separately). Runs offscreen; settings go to a temp folder. Other processes
busy on the same CPUs lengthen the gaps: run it on an idle machine.
"""
from __future__ import annotations

import time

START = time.perf_counter()  # before any import: process start as seen by the user (minus interpreter boot)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LONG = Path(os.environ.get("PARALLEL_READER_LONG_DIR", "/work/shared/bench/long"))
TICK_MS = 10


class GapMeter:
    """A 10 ms QTimer; the longest interval between two ticks is the longest the event loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = None
        self.gaps: list[float] = []
        self.worst = (0.0, 0.0, "")  # (gap ms, seconds since start, stage shown then)
        self.stage = ""

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000
        self.gaps.append(gap)
        if gap > self.worst[0]:
            self.worst = (round(gap, 1), round(now - START, 3), self.stage)
        self.last = now

    def stop(self) -> dict:
        self.timer.stop()
        gaps = sorted(self.gaps)
        if not gaps:
            return {"ticks": 0, "max_ms": 0.0, "p99_ms": 0.0, "worst": self.worst}
        return {"ticks": len(gaps), "max_ms": round(gaps[-1], 1), "p99_ms": round(gaps[int(len(gaps) * 0.99) - 1], 1),
                "worst": self.worst}


def run_pair(left: str, right: str, timeout_s: float) -> dict:
    """Start the app on a pair inside this process and measure; returns the figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PARALLEL_READER_CONFIG_DIR", tempfile.mkdtemp(prefix="pr-bench-"))
    from PySide6.QtCore import QEvent, QObject, QTimer

    from reader.app import ReaderApp, create_qapplication
    from reader.core.model import Side

    app = create_qapplication([sys.argv[0]])
    figures: dict = {"imports_s": round(time.perf_counter() - START, 3)}
    reader = ReaderApp()
    reader.window.resize(1400, 860)

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and "first_paint_s" not in figures:
                figures["first_paint_s"] = round(time.perf_counter() - START, 3)
                figures["spacy_imported_at_first_paint"] = "spacy" in sys.modules
                QTimer.singleShot(0, meter.start)  # from the first paint on, the analysis runs alone
            return False

    watch = PaintWatch()
    reader.view.panes[Side.LEFT].viewport().installEventFilter(watch)
    meter = GapMeter()
    done: dict = {}

    def on_ready(comparison) -> None:
        figures["analysis_gaps"] = meter.stop()
        figures["comparison_complete_s"] = round(time.perf_counter() - START, 3)
        figures["links"] = len(comparison.links)
        done["t"] = time.perf_counter()
        QTimer.singleShot(300, app.quit)

    t_set = {}
    original = reader.set_comparison

    def timed_set(comparison):  # the UI work of showing a finished comparison, measured separately
        t = time.perf_counter()
        original(comparison)
        t_set["s"] = time.perf_counter() - t

    reader.set_comparison = timed_set  # type: ignore[method-assign]
    reader.comparisonReady.connect(on_ready)
    reader.window.progress.valueChanged.connect(
        lambda v: setattr(meter, "stage", f"{v / 10:.0f}% {reader.window.stage_label.text()}"))
    reader.comparisonFailed.connect(lambda m: (figures.setdefault("error", m), app.quit()))
    reader.window.show()  # as reader.app.run: show, then open (the first paint comes from the event loop)
    t_open = time.perf_counter()
    reader.open_pair(left, right)
    figures["load_and_show_text_s"] = round(time.perf_counter() - t_open, 3)
    QTimer.singleShot(int(timeout_s * 1000), app.quit)
    app.exec()
    if "s" in t_set:
        figures["show_result_on_ui_thread_ms"] = round(t_set["s"] * 1000, 1)
        # the meter stopped inside set_comparison's signal, so the gaps above cover only the background analysis
    reader.runner.shutdown(10_000)
    figures["words"] = [d.word_count for d in (reader.docs["left"], reader.docs["right"]) if d]
    return figures


def child(kind: str) -> int:
    if kind == "seed":
        from reader.paths import seed_pair

        left, right = (str(p) for p in seed_pair())
        result = run_pair(left, right, 120)
    else:
        result = run_pair(str(LONG / "left-100k.txt"), str(LONG / "right-100k.txt"), 900)
    print("RESULT " + json.dumps(result))
    return 0


def measure(kind: str) -> dict:
    """Run one measurement in a fresh process (cold imports, as a user starting the app)."""
    done = subprocess.run([sys.executable, __file__, "--child", kind], capture_output=True, text=True, timeout=1200,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), cwd=ROOT)
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"benchmark child failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(line[7:])


def report(title: str, figures: dict) -> None:
    print(f"\n{title}")
    gaps = figures.get("analysis_gaps", {})
    rows = [
        ("words left / right", " / ".join(str(w) for w in figures.get("words", []))),
        ("imports (Qt + app, no spaCy)", f"{figures.get('imports_s', 0):.3f} s"),
        ("load files + show texts", f"{figures.get('load_and_show_text_s', 0):.3f} s"),
        ("first paint (target <= 1.0 s)", f"{figures.get('first_paint_s', float('nan')):.3f} s"),
        ("spaCy imported by first paint", str(figures.get("spacy_imported_at_first_paint"))),
        ("comparison complete", f"{figures.get('comparison_complete_s', float('nan')):.3f} s"),
        ("longest event-loop block during analysis (target <= 100 ms)", f"{gaps.get('max_ms', 0):.1f} ms"),
        ("  ... at (s since start, stage)", f"{gaps.get('worst', ['', '', ''])[1]} s, {gaps.get('worst', ['', '', ''])[2]}"),
        ("99th percentile tick gap", f"{gaps.get('p99_ms', 0):.1f} ms ({gaps.get('ticks', 0)} ticks)"),
        ("showing the result (UI thread, once)", f"{figures.get('show_result_on_ui_thread_ms', 0):.1f} ms"),
        ("linked passages", str(figures.get("links"))),
    ]
    if "error" in figures:
        rows.append(("ERROR", figures["error"]))
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=("seed", "long"), help=argparse.SUPPRESS)
    parser.add_argument("--seed", action="store_true", help="only the seed pair")
    parser.add_argument("--long", action="store_true", help="only the long pair")
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    both = not (args.seed or args.long)
    if args.seed or both:
        report("Seed pair (cold start, offscreen)", measure("seed"))
    if args.long or both:
        if (LONG / "left-100k.txt").exists():
            report("Long pair (*-100k.txt)", measure("long"))
        else:
            print(f"\nLong pair skipped: {LONG}/left-100k.txt not found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
