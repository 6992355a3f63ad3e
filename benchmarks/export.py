"""PDF export speed and memory.

Seed pair: median of several exports once the comparison exists (target <= 1 s).
2 x 100k pair (/work/shared/bench/long): one export's time and the process's peak RSS (targets <= 30 s, <= 1 GB).

    .venv/bin/python benchmarks/export.py [--runs 5] [--skip-long] [--long-dir DIR] [--keep long.pdf]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.core.compare import Comparer
from reader.core.model import Options
from reader.core.nlp import NlpEngine
from reader.documents import load_document
from reader.export.pdf import ensure_gui_application, export_pdf
from reader.paths import seed_pair

LONG_DIR = Path("/work/shared/bench/long")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_export(comparison, out: Path) -> float:
    start = time.perf_counter()
    export_pdf(comparison, out)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-long", action="store_true")
    parser.add_argument("--long-dir", type=Path, default=LONG_DIR)
    parser.add_argument("--keep", type=Path, help="also save the 2x100k report here, to look at")
    args = parser.parse_args(argv)
    ensure_gui_application()
    comparer = Comparer(NlpEngine())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.pdf"
        left, right = seed_pair()
        seed = comparer.compare(load_document(left), load_document(right), Options())
        times = [timed_export(seed, out) for _ in range(args.runs)]
        print(f"seed pair: median {statistics.median(times):.3f} s over {args.runs} runs "
              f"(min {min(times):.3f}, max {max(times):.3f}); {out.stat().st_size / 1024:.0f} KiB, target <= 1 s")
        long_left, long_right = args.long_dir / "left-100k.txt", args.long_dir / "right-100k.txt"
        if args.skip_long or not long_left.exists():
            print("2x100k pair: skipped")
            return 0
        start = time.perf_counter()
        big = comparer.compare(load_document(long_left), load_document(long_right), Options())
        compare_s = time.perf_counter() - start
        before = peak_rss_mb()
        seconds = timed_export(big, out)
        print(f"2x100k pair: comparison {compare_s:.1f} s (not counted); export {seconds:.2f} s, "
              f"{out.stat().st_size / 1e6:.1f} MB PDF; peak RSS {peak_rss_mb():.0f} MB "
              f"(before export {before:.0f} MB); targets <= 30 s, <= 1024 MB")
        if args.keep:
            args.keep.write_bytes(out.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
