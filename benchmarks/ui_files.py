"""``benchmarks/ui.py --files``: the window opening, comparing and exporting hostile but accepted files.

Each case opens a file next to the Reuters seed in a fresh process (offscreen) and measures the longest
event-loop block (a 10 ms QTimer; the largest gap between two ticks) in four phases:

- open: from the open call until the texts are shown and laid out (files are read on a worker thread);
- analysis: until the comparison arrives;
- showing: until the view and sidebar finished their sliced work;
- export: File > Export PDF, until the PDF is written (on a worker thread).

Peak memory is the child's maximum resident set. Cases: a 1 MB line of random letters without a space, and a
100k-word text (``left-100k.txt`` of the long benchmark pair, when present). Targets: every block <= 100 ms,
memory <= 1.5 GB.
"""
from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

PHASES = ("open", "analysis", "showing", "export")
TARGET_MS = 100.0


def case_files(folder: Path, long_dir: Path) -> dict[str, Path]:
    """The cases that exist: name -> file opened on the left (made here when generated)."""
    rng = random.Random(2020)
    unbroken = folder / "unbroken-1mb.txt"
    if not unbroken.exists():
        unbroken.write_text("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(1 << 20)) + "\n")
    cases = {"1 MB line without spaces": unbroken}
    if (long_dir / "left-100k.txt").exists():
        cases["100k-word text"] = long_dir / "left-100k.txt"
    return cases


def run_case(left: str, right: str, meter_cls, tracer=None, install_tracing=None, timeout_s: float = 600) -> dict:
    """In this process: open (left, right) in the app, wait for the comparison, export it; the figures. With a
    ``tracer`` (``benchmarks/ui.py --breakdown``), also what ran during each phase's longest block."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PARALLEL_READER_CONFIG_DIR", tempfile.mkdtemp(prefix="pr-bench-"))
    from PySide6.QtCore import QTimer

    from reader.app import ReaderApp, create_qapplication

    if tracer is not None:
        install_tracing(tracer)
    app = create_qapplication([sys.argv[0]])
    if tracer is not None:
        event_log = tracer.filter()
        app.installEventFilter(event_log)
    reader = ReaderApp()
    reader.window.resize(1400, 860)
    reader.window.show()
    settle = time.perf_counter() + 1.0  # the window's first show and paint are start-up, measured by ui.py itself
    while time.perf_counter() < settle:
        app.processEvents()
    meter = meter_cls()
    meter.phase = "open"
    times: dict[str, float] = {}
    out = str(Path(tempfile.mkdtemp(prefix="pr-bench-")) / "report.pdf")

    def shown() -> bool:
        return reader.docs["left"] is not None and not reader.view._slices.busy()

    def settled() -> bool:
        pending = getattr(reader.sidebar, "fill_pending", lambda: False)
        return not (reader.view.geometry_pending() or pending())

    def poll() -> None:
        try:
            step()
        except Exception as exc:  # a broken benchmark says so instead of waiting for the timeout
            times["error"] = f"benchmark: {exc!r}"
            app.quit()

    def step() -> None:
        now = time.perf_counter()
        if meter.phase == "open" and shown():
            times["open"], meter.phase = now, "analysis"
        elif meter.phase == "showing" and settled():
            times["showing"], meter.phase = now, "export"
            handle = reader.export_pdf(out)
            handle.done.connect(lambda: (times.setdefault("export", time.perf_counter()),
                                         QTimer.singleShot(300, app.quit)))
            return
        if meter.phase != "export":
            QTimer.singleShot(5, poll)

    def compared(_comparison) -> None:
        times["analysis"], meter.phase = time.perf_counter(), "showing"

    reader.comparisonReady.connect(compared)
    reader.comparisonFailed.connect(lambda m: (times.setdefault("error", m), app.quit()))
    reader.openFailed.connect(lambda m: (times.setdefault("error", m), app.quit()))
    start = time.perf_counter()
    meter.start()
    reader.open_pair(left, right)
    QTimer.singleShot(0, poll)
    QTimer.singleShot(int(timeout_s * 1000), app.quit)
    app.exec()
    meter.timer.stop()
    reader.runner.shutdown(30_000)
    figures = {phase: meter.summary(phase)["max_ms"] for phase in PHASES}
    previous = start
    for phase in PHASES:
        if phase in times:
            figures[f"{phase}_s"] = round(times[phase] - previous, 2)
            previous = times[phase]
    if tracer is not None:
        figures["breakdown"] = {phase: tracer.during(*meter.worst[phase][3:5]) for phase in meter.worst}
    figures["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["pdf_bytes"] = os.path.getsize(out) if os.path.exists(out) else 0
    if "error" in times:
        figures["error"] = times["error"]
    return figures


def report(title: str, runs: list[dict]) -> int:
    """Print the medians (and each run); returns the number of figures over target."""
    import statistics

    print(f"\n{title}: medians of {len(runs)} runs (each a fresh process)")
    over = 0
    for phase in PHASES:
        values = [r.get(phase, 0.0) for r in runs]
        secs = [r[f"{phase}_s"] for r in runs if f"{phase}_s" in r]
        median = statistics.median(values)
        over += median > TARGET_MS
        took = f"; phase took {statistics.median(secs):.2f} s" if secs else "; phase not reached"
        print(f"  longest block while {phase:<9} {median:7.1f} ms (target <= {TARGET_MS:.0f}){took}   "
              f"(runs: {', '.join(f'{v:g}' for v in values)})")
    peak = statistics.median(r["peak_mib"] for r in runs)
    over += peak > 1536
    print(f"  peak memory                {peak:7.0f} MiB (target <= 1536)   "
          f"(runs: {', '.join(str(r['peak_mib']) for r in runs)})")
    print(f"  PDF written                {statistics.median(r['pdf_bytes'] for r in runs) / 1e6:7.1f} MB")
    for n, r in enumerate(runs, 1):
        for phase, found in r.get("breakdown", {}).items():
            print_breakdown(f"run {n}, longest block while {phase} ({r.get(phase, 0):g} ms)", found)
    for r in runs:
        if "error" in r:
            print(f"  ERROR: {r['error']}")
            over += 1
    return over


def print_breakdown(heading: str, found: dict) -> None:
    """What ran during one longest block (``--breakdown``): traced functions, then the longest events."""
    print(f"  {heading}:")
    for label, ms in found["functions_ms"]:
        print(f"    {ms:7.1f} ms  {label}")
    for ms, event in found["longest_events_ms"]:
        print(f"    {ms:7.1f} ms  event {event}")
