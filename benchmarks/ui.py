"""Desktop app responsiveness: time to first paint, time to a complete comparison, longest event-loop block.

    .venv/bin/python benchmarks/ui.py            # seed pair (cold start, in a child process) + long pair
    .venv/bin/python benchmarks/ui.py --seed     # only the seed pair
    .venv/bin/python benchmarks/ui.py --long     # only /work/shared/bench/long/*-100k.txt

    .venv/bin/python benchmarks/ui.py --long --runs 3               # three fresh processes, medians
    .venv/bin/python benchmarks/ui.py --long --breakdown            # what ran during the longest blocks
    .venv/bin/python benchmarks/ui.py --files --runs 3              # hostile files: open, compare, export
    .venv/bin/python benchmarks/ui.py --files --breakdown           # ... and what ran during each phase's longest block

Targets: first paint <= 1.0 s from process start; from the first paint until the result is shown completely, no
event-loop block > 100 ms. A QTimer ticks every 10 ms from the first paint on; the largest gap between ticks is
the longest block. Two phases are reported: the analysis (first paint -> result arrives) and showing the result
(result arrives -> the view and sidebar have finished their sliced work). ``--breakdown`` traces the UI-side
functions and every event delivered, and names what ran during the longest gap of each phase (the tracing itself
adds a little overhead). Runs offscreen; settings go to a temp folder. Other processes busy on the same CPUs
lengthen the gaps: run it on an idle machine.
"""
from __future__ import annotations

import time

START = time.perf_counter()  # before any import: process start as seen by the user (minus interpreter boot)

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
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
        self.phase = "analysis"
        self.gaps: dict[str, list[float]] = {}
        self.worst: dict[str, tuple] = {}  # phase -> (gap ms, seconds since start, stage, tick before, tick after)
        self.stage = ""

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self.last) * 1000
        self.gaps.setdefault(self.phase, []).append(gap)
        if gap > self.worst.get(self.phase, (0.0,))[0]:
            self.worst[self.phase] = (round(gap, 1), round(now - START, 3), self.stage, self.last, now)
        self.last = now

    def summary(self, phase: str) -> dict:
        gaps = sorted(self.gaps.get(phase, []))
        worst = self.worst.get(phase, (0.0, 0.0, "", 0.0, 0.0))
        if not gaps:
            return {"ticks": 0, "max_ms": 0.0, "p99_ms": 0.0, "worst": worst[:3]}
        return {"ticks": len(gaps), "max_ms": round(gaps[-1], 1),
                "p99_ms": round(gaps[max(0, int(len(gaps) * 0.99) - 1)], 1), "worst": worst[:3]}


class Tracer:
    """--breakdown: named spans of UI-side functions, and the time each delivered event took (approximately:
    from its event-filter call to the next one)."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float, str]] = []
        self.events: list[tuple[float, str]] = []

    def wrap(self, obj, name: str, label: str) -> None:
        original = getattr(obj, name)

        def traced(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.spans.append((t0, time.perf_counter(), label))

        setattr(obj, name, traced)

    def filter(self):
        from PySide6.QtCore import QObject

        tracer = self

        class EventLog(QObject):
            def eventFilter(self, obj, event):  # noqa: N802
                tracer.events.append((time.perf_counter(), f"{type(obj).__name__}:{event.type().name}"))
                return False

        return EventLog()

    def during(self, t0: float, t1: float) -> dict:
        spans: dict[str, float] = {}
        for a, b, label in self.spans:
            if b > t0 and a < t1:
                spans[label] = spans.get(label, 0.0) + (min(b, t1) - max(a, t0)) * 1000
        events: list[tuple[float, str]] = []
        inside = [e for e in self.events if t0 <= e[0] <= t1]
        for (ta, name), (tb, _n) in zip(inside, inside[1:] + [(t1, "")]):
            events.append((round((tb - ta) * 1000, 1), name))
        top = sorted(spans.items(), key=lambda kv: -kv[1])[:6]
        return {"functions_ms": [(label, round(ms, 1)) for label, ms in top],
                "longest_events_ms": sorted(events, reverse=True)[:4]}


TRACED = (  # (module path, attribute path, label) of UI-side work traced by --breakdown
    ("reader.ui.view", "ComparisonView.set_documents", "view.set_documents"),
    ("reader.ui.view", "ComparisonView.set_comparison", "view.set_comparison"),
    ("reader.ui.view", "ComparisonView._start_geometry", "view._start_geometry"),
    ("reader.ui.view", "ComparisonView._publish", "view._publish (bands, regions, marks)"),
    ("reader.ui.view", "ComparisonView._sync_views", "view._sync_views"),
    ("reader.ui.slices", "SliceRunner._run_slice", "sliced formats + geometry"),
    ("reader.ui.pane", "PaneText.paintEvent", "pane.paintEvent"),
    ("reader.ui.pane", "PaneText.set_document", "pane.set_document"),
    ("reader.ui.gutter", "LinkGutter.paintEvent", "gutter.paintEvent"),
    ("reader.ui.sidebar", "Sidebar.set_comparison", "sidebar.set_comparison"),
    ("reader.ui.main_window", "MainWindow.set_progress", "window.set_progress"),
)


def install_tracing(tracer: Tracer) -> None:
    import importlib

    for module, path, label in TRACED:
        owner_name, _, attr = path.rpartition(".")
        owner = getattr(importlib.import_module(module), owner_name)
        if hasattr(owner, attr):
            tracer.wrap(owner, attr, label)


def run_pair(left: str, right: str, timeout_s: float, breakdown: bool = False) -> dict:
    """Start the app on a pair inside this process and measure; returns the figures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PARALLEL_READER_CONFIG_DIR", tempfile.mkdtemp(prefix="pr-bench-"))
    from PySide6.QtCore import QEvent, QObject, QTimer

    from reader.app import ReaderApp, create_qapplication
    from reader.core.model import Side

    tracer = Tracer() if breakdown else None
    if tracer is not None:
        install_tracing(tracer)
    app = create_qapplication([sys.argv[0]])
    figures: dict = {"imports_s": round(time.perf_counter() - START, 3)}
    reader = ReaderApp()
    reader.window.resize(1400, 860)
    meter = GapMeter()

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and "first_paint_s" not in figures:
                figures["first_paint_s"] = round(time.perf_counter() - START, 3)
                figures["spacy_imported_at_first_paint"] = "spacy" in sys.modules
                QTimer.singleShot(0, meter.start)  # from the first paint on, the analysis runs alone
            return False

    watch = PaintWatch()
    reader.view.panes[Side.LEFT].viewport().installEventFilter(watch)
    if tracer is not None:
        event_log = tracer.filter()
        app.installEventFilter(event_log)
    t_set: dict = {}

    def settled() -> bool:
        pending = getattr(reader.view, "geometry_pending", lambda: False)() or \
            getattr(reader.sidebar, "fill_pending", lambda: False)()
        return not pending

    def wait_until_settled() -> None:
        if settled():
            figures["result_settled_s"] = round(time.perf_counter() - START, 3)
            figures["settle_after_result_ms"] = round((time.perf_counter() - t_set["t"]) * 1000, 1)
            QTimer.singleShot(300, app.quit)  # a few more ticks: nothing may block after the last slice either
        else:
            QTimer.singleShot(5, wait_until_settled)

    original = reader.set_comparison

    def timed_set(comparison):  # showing a finished comparison: its synchronous part, then the sliced rest
        meter.phase = "showing"
        t_set["t"] = t = time.perf_counter()
        figures["comparison_complete_s"] = round(t - START, 3)
        original(comparison)
        t_set["s"] = time.perf_counter() - t
        figures["links"] = len(comparison.links)
        QTimer.singleShot(0, wait_until_settled)

    reader.set_comparison = timed_set  # type: ignore[method-assign]
    reader.window.progress.valueChanged.connect(
        lambda v: setattr(meter, "stage", f"{v / 10:.0f}% {reader.window.stage_label.text()}"))
    reader.comparisonFailed.connect(lambda m: (figures.setdefault("error", m), app.quit()))
    reader.window.show()  # as reader.app.run: show, then open (the first paint comes from the event loop)
    t_open = time.perf_counter()
    reader.open_pair(left, right)
    figures["load_and_show_text_s"] = round(time.perf_counter() - t_open, 3)
    QTimer.singleShot(int(timeout_s * 1000), app.quit)
    app.exec()
    meter.timer.stop()
    figures["analysis_gaps"] = meter.summary("analysis")
    figures["showing_gaps"] = meter.summary("showing")
    if "s" in t_set:
        figures["show_result_on_ui_thread_ms"] = round(t_set["s"] * 1000, 1)
    slices = getattr(reader.view, "_slices", None)
    if slices is not None:
        figures["longest_view_slice_ms"] = round(slices.longest_slice_s * 1000, 1)
    if tracer is not None:
        figures["breakdown"] = {phase: tracer.during(*meter.worst[phase][3:5]) for phase in meter.worst}
    reader.runner.shutdown(10_000)
    figures["words"] = [d.word_count for d in (reader.docs["left"], reader.docs["right"]) if d]
    return figures


def child(kind: str, breakdown: bool) -> int:
    if kind.startswith("file:"):  # --files: one case, its file opened next to the Reuters seed
        from reader.paths import seed_pair
        from ui_files import run_case

        result = run_case(kind[5:], str(seed_pair()[1]), GapMeter, Tracer() if breakdown else None, install_tracing)
        print("RESULT " + json.dumps(result))
        return 0
    if kind == "seed":
        from reader.paths import seed_pair

        left, right = (str(p) for p in seed_pair())
        result = run_pair(left, right, 120, breakdown)
    else:
        result = run_pair(str(LONG / "left-100k.txt"), str(LONG / "right-100k.txt"), 900, breakdown)
    print("RESULT " + json.dumps(result))
    return 0


def measure(kind: str, breakdown: bool = False) -> dict:
    """Run one measurement in a fresh process (cold imports, as a user starting the app)."""
    command = [sys.executable, __file__, "--child", kind] + (["--breakdown"] if breakdown else [])
    done = subprocess.run(command, capture_output=True, text=True, timeout=1200,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), cwd=ROOT)
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"benchmark child failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(line[7:])


def _worst(gaps: dict) -> str:
    worst = gaps.get("worst") or (0, "", "")
    return f"{gaps.get('max_ms', 0):.1f} ms (at {worst[1]} s, {worst[2] or '-'}; p99 {gaps.get('p99_ms', 0):.1f} ms)"


def report(title: str, figures: dict) -> None:
    print(f"\n{title}")
    rows = [
        ("words left / right", " / ".join(str(w) for w in figures.get("words", []))),
        ("imports (Qt + app, no spaCy)", f"{figures.get('imports_s', 0):.3f} s"),
        ("load files + show texts", f"{figures.get('load_and_show_text_s', 0):.3f} s"),
        ("first paint (target <= 1.0 s)", f"{figures.get('first_paint_s', float('nan')):.3f} s"),
        ("spaCy imported by first paint", str(figures.get("spacy_imported_at_first_paint"))),
        ("comparison complete", f"{figures.get('comparison_complete_s', float('nan')):.3f} s"),
        ("longest block, first paint -> result (target <= 100 ms)", _worst(figures.get("analysis_gaps", {}))),
        ("longest block, showing the result (target <= 100 ms)", _worst(figures.get("showing_gaps", {}))),
        ("set_comparison, synchronous part", f"{figures.get('show_result_on_ui_thread_ms', 0):.1f} ms"),
        ("result shown completely after", f"{figures.get('settle_after_result_ms', float('nan')):.0f} ms"),
        ("longest slice of the view's sliced work", f"{figures.get('longest_view_slice_ms', 0):.1f} ms"),
        ("linked passages", str(figures.get("links"))),
    ]
    if "error" in figures:
        rows.append(("ERROR", figures["error"]))
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    from ui_files import print_breakdown

    for phase, found in figures.get("breakdown", {}).items():
        print_breakdown(f"breakdown of the longest block ({phase})", found)


KEYS = (("first paint s", "first_paint_s"), ("block first paint -> result ms", ("analysis_gaps", "max_ms")),
        ("block showing result ms", ("showing_gaps", "max_ms")),
        ("set_comparison sync ms", "show_result_on_ui_thread_ms"), ("result shown after ms", "settle_after_result_ms"))


def report_medians(title: str, runs: list[dict]) -> None:
    print(f"\n{title}: medians of {len(runs)} runs")
    for label, key in KEYS:
        values = [r.get(key[0], {}).get(key[1]) if isinstance(key, tuple) else r.get(key) for r in runs]
        values = [v for v in values if v is not None]
        if values:
            print(f"  {label:<32} {statistics.median(values):9.3f}   (runs: {', '.join(f'{v:g}' for v in values)})")


def files(runs: int, breakdown: bool = False) -> int:
    """--files: each case in ``runs`` fresh processes; prints medians; exit 1 when a figure is over target."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ui_files import case_files, report as report_files

    folder = Path(tempfile.mkdtemp(prefix="pr-bench-files-"))
    over = 0
    for title, path in case_files(folder, LONG).items():
        over += report_files(title + " + Reuters seed", [measure(f"file:{path}", breakdown) for _ in range(runs)])
    print(f"\n{over} figure(s) over target")
    return 1 if over else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--seed", action="store_true", help="only the seed pair")
    parser.add_argument("--long", action="store_true", help="only the long pair")
    parser.add_argument("--runs", type=int, default=1, help="fresh processes per pair (medians reported)")
    parser.add_argument("--breakdown", action="store_true", help="name what ran during the longest blocks")
    parser.add_argument("--files", action="store_true",
                        help="hostile files (1 MB line without spaces, 100k words): open, compare, export")
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.breakdown)
    if args.files:
        return files(args.runs, args.breakdown)
    both = not (args.seed or args.long)
    pairs = []
    if args.seed or both:
        pairs.append(("Seed pair (cold start, offscreen)", "seed"))
    if args.long or both:
        if (LONG / "left-100k.txt").exists():
            pairs.append(("Long pair (*-100k.txt)", "long"))
        else:
            print(f"\nLong pair skipped: {LONG}/left-100k.txt not found")
    for title, kind in pairs:
        runs = []
        for n in range(args.runs):
            runs.append(measure(kind, args.breakdown))
            report(title + (f", run {n + 1}" if args.runs > 1 else ""), runs[-1])
        if args.runs > 1:
            report_medians(title, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
