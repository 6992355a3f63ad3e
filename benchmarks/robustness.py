"""Hostile input and faults (issue 9): every case through ``compare``, ``export`` and the window, with a timeout.

    .venv/bin/python benchmarks/robustness.py              # about 3-5 minutes on the 2-core machine
    .venv/bin/python benchmarks/robustness.py --big        # adds the 1 GiB zip bomb, a 19 MB / 2.8 M-word text,
                                                           # 100,000 one-word paragraphs, the 1 MB line in the window
    .venv/bin/python benchmarks/robustness.py --only utf16 --no-window

The corpus (``benchmarks/hostile_corpus.py``) is generated into a temporary folder. Each input file is compared
with the seed's right side by ``parallel-reader compare``, exported by ``parallel-reader export`` and opened in
the window (``parallel-reader --screenshot``, offscreen). A run passes when it does what the README promises:
"ok" cases exit 0 (without a traceback); "refused" cases exit 2 on the command line (1 for the window's
screenshot mode) with one line naming the file, never a traceback, a hang or a replaced special file. Prints a
table (case, channel, exit code, last message, seconds, peak memory of the process) and the number of failures.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_corpus import SEED_LEFT, SEED_RIGHT, Case, export_cases, input_cases, settings_cases  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Result:
    case: str
    channel: str
    code: int | None  # None: timed out
    message: str
    seconds: float
    peak_mib: float
    failure: str  # "" when the behaviour is the promised one


def run(cmd: list[str], env: dict, timeout: float) -> tuple[int | None, str, float, float]:
    """Exit code (None on timeout), stderr, seconds and peak memory of one child process.

    The peak is the child's VmHWM, polled every 20 ms (ru_maxrss would include this process's own memory, which
    a forked child keeps across exec).
    """
    with tempfile.TemporaryFile() as err, open(os.devnull, "wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err, start_new_session=True)
        peak = 0.0
        while child.poll() is None and time.perf_counter() - started < timeout:
            peak = max(peak, _hwm_mib(child.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        code = child.poll()
        if code is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return code, text, seconds, peak


def _hwm_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def judge(case: Case, channel: str, code: int | None, stderr: str, shown: Path) -> str:
    """"" when the behaviour is the promised one, else what went wrong."""
    if code is None:
        return "timed out"
    if "Traceback" in stderr:
        return "traceback"
    if case.expect == "ok":
        return "" if code == 0 else f"expected success, got {code}"
    want = (1, 2) if channel == "window" else (2,)  # the window: 2 when argparse finds no file, 1 when it opened
    if code not in want:
        return f"expected refusal ({' or '.join(map(str, want))}), got {code}"
    lines = [line for line in stderr.strip().splitlines() if "note:" not in line]
    if channel != "window" and (len(lines) != 1 or str(shown) not in lines[0]):
        return "not one line naming the file"
    if case.output is not None and case.name in ("export-to-fifo", "export-to-device"):
        mode = os.stat(case.output).st_mode
        if stat.S_ISREG(mode):
            return "special file replaced by a regular file"
    return ""


def channels(case: Case, window: bool, results: Path) -> list[tuple[str, list[str], Path]]:
    """(channel, command, the file the message must name); outputs go to ``results``, never next to the input."""
    py = [sys.executable, "-m", "reader"]
    pair = [str(case.path), str(SEED_RIGHT)]
    pdf, png = results / f"{case.name}.pdf", results / f"{case.name}.png"
    if case.output is not None:  # an export-target case
        return [("export", py + ["export", str(SEED_LEFT), str(SEED_RIGHT), "-o", str(case.output), *case.args],
                 case.output)]
    if "PARALLEL_READER_CONFIG_DIR" in case.env:  # a settings case: only the window reads settings
        return [("window", py + ["--screenshot", str(png), str(SEED_LEFT), str(SEED_RIGHT)], case.path)]
    out = [("compare", py + ["compare", "--json", *pair], case.path),
           ("export", py + ["export", *pair, "-o", str(pdf)], case.path)]
    if window and case.window:
        out.append(("window", py + ["--screenshot", str(png), *pair], case.path))
    return out


def run_case(case: Case, window: bool, timeout: float, base_env: dict, results_dir: Path) -> list[Result]:
    results = []
    env = dict(base_env, **case.env)
    for channel, cmd, shown in channels(case, window, results_dir):
        code, stderr, seconds, peak = run(cmd, env, timeout)
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        ours = [line for line in lines if line.startswith("parallel-reader") or line.startswith("Wrote ")]
        message = (ours or ([] if code == 0 else lines) or [""])[-1]  # not Qt's chatter after a success
        failure = judge(case, channel, code, stderr, shown)
        results.append(Result(case.name, channel, code, message, seconds, peak, failure))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", action="store_true", help="add the slow, huge cases")
    parser.add_argument("--no-window", action="store_true", help="only the command line")
    parser.add_argument("--only", default="", help="cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per run (default %(default)s)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time (default %(default)s)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="parallel-reader-hostile-"))
    try:
        started = time.perf_counter()
        cases = input_cases(folder / "in", args.big) if _mk(folder / "in") else []
        cases += export_cases(_mk(folder / "out"))
        if not args.no_window:
            cases += settings_cases(_mk(folder / "settings"))
        cases = [c for c in cases if args.only in c.name]
        results_dir = _mk(folder / "results")
        print(f"corpus of {len(cases)} cases written to {folder} in {time.perf_counter() - started:.1f} s",
              flush=True)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   PARALLEL_READER_CONFIG_DIR=str(_mk(folder / "config")))
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            batches = list(pool.map(lambda c: run_case(c, not args.no_window, args.timeout, env, results_dir),
                                    cases))
        results = [r for batch in batches for r in batch]
        _print_table(results)
        failures = [r for r in results if r.failure]
        print(f"\n{len(results)} runs of {len(cases)} cases in {time.perf_counter() - started:.0f} s; "
              f"{len(failures)} failure(s)")
        for r in failures:
            print(f"  FAIL {r.case} / {r.channel}: {r.failure} ({r.message[:100]})")
        return 1 if failures else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _mk(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _print_table(results: list[Result]) -> None:
    print(f"\n{'case':<28} {'channel':<8} {'exit':>4} {'s':>6} {'MiB':>6}  {'result':<6} message")
    for r in results:
        code = "T/O" if r.code is None else str(r.code)
        message = r.message.replace(str(Path(tempfile.gettempdir())), "$TMP")
        if len(message) > 110:
            message = message[:107] + "..."
        verdict = "FAIL" if r.failure else "pass"
        print(f"{r.case:<28} {r.channel:<8} {code:>4} {r.seconds:6.1f} {r.peak_mib:6.0f}  {verdict:<6} {message}")


if __name__ == "__main__":
    sys.exit(main())
