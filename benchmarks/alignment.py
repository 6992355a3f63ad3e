"""Alignment quality and speed.

    .venv/bin/python benchmarks/alignment.py [--bench DIR] [--skip-speed]

Prints: pair / unaligned-sentence P, R, F1 on the labelled Aesop dev set (scored by the benchmark's own
score.py); verse-level P/R/F1 on the 10k-word KJV/ASV pair (paragraph k left = paragraph k right); and the
seconds taken to segment and to align the ~100k-word pair (median of 3 runs).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.align import align, align_sentences  # noqa: E402
from reader.core.model import Document, Options, Paragraph  # noqa: E402
from reader.core.segment import segment  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench"


def load_scorer(bench: Path):
    spec = importlib.util.spec_from_file_location("bench_score", bench / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dev_set(bench: Path, out: Path | None = None) -> dict:
    scorer = load_scorer(bench)
    gold = scorer.load_jsonl(bench / "alignment-dev.jsonl")
    pred = {d["id"]: [list(p) for p in align_sentences(d["a_sentences"], d["b_sentences"])] for d in gold}
    if out:
        with open(out, "w", encoding="utf-8") as f:
            for k, v in pred.items():
                f.write(json.dumps({"id": k, "pred": v}) + "\n")
    res = scorer.score(gold, pred)
    print(scorer.format_result(res, "Aesop dev (shipped model, trained on these fables too: NOT cross-validated; "
                                    "benchmarks/train_linker.py prints the cross-validated figure)"))
    return res


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def verse_level(bench: Path, size: str = "10k") -> tuple[float, float, float]:
    """Each paragraph (verse, chapter or book heading) aligned as one unit; gold: paragraph k = paragraph k."""
    left = paragraphs((bench / "long" / f"left-{size}.txt").read_text(encoding="utf-8"))
    right = paragraphs((bench / "long" / f"right-{size}.txt").read_text(encoding="utf-8"))
    gold = {(k, k) for k in range(min(len(left), len(right)))}
    pred = set(align_sentences(left, right))
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"[KJV/ASV {size}] {len(left)} x {len(right)} paragraphs: verse pairs P {100*p:6.2f}  R {100*r:6.2f}"
          f"  F1 {100*f:6.2f}")
    return p, r, f


def document(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    paras = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        paras.append(Paragraph(m.start(), m.end()))
    return Document(str(path), path.stem, text, "txt", tuple(paras))


def speed(bench: Path, runs: int = 3) -> tuple[float, float]:
    ldoc = document(bench / "long" / "left-100k.txt")
    rdoc = document(bench / "long" / "right-100k.txt")
    seg_t, al_t, cpu_t = [], [], []
    n_links = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        la, ra = segment(ldoc), segment(rdoc)
        t1 = time.perf_counter()
        c1 = time.process_time()
        links = align(la, ra, Options())
        cpu_t.append(time.process_time() - c1)
        t2 = time.perf_counter()
        seg_t.append(t1 - t0)
        al_t.append(t2 - t1)
        n_links = len(links)
    s, a, c = statistics.median(seg_t), statistics.median(al_t), statistics.median(cpu_t)
    print(f"[KJV/ASV 100k] {ldoc.word_count}+{rdoc.word_count} words, {len(la.segments)}+{len(ra.segments)} "
          f"segments, {n_links} links: segment {s:.2f} s, align {a:.2f} s wall / {c:.2f} s CPU "
          f"(median of {runs}; wall time grows when other processes share the 2 cores)")
    return s, a


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--pred-out", type=Path, help="also write the dev-set predictions (JSONL) here")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()
    if not (args.bench / "alignment-dev.jsonl").exists():
        sys.exit(f"{args.bench}: no alignment-dev.jsonl (pass --bench DIR)")
    dev_set(args.bench, args.pred_out)
    verse_level(args.bench, "10k")
    verse_level(args.bench, "100k")
    if not args.skip_speed:
        speed(args.bench)


if __name__ == "__main__":
    main()
