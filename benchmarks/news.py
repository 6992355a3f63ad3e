"""How well the linker finds "both sources report this" on real news: the 24-pair dev set, cross-validated.

    .venv/bin/pip install -e '.[train]'   # scikit-learn, to refit the decision without each held-out pair
    .venv/bin/python benchmarks/news.py --news DIR [--threshold 0.5] [--no-compare]

DIR: the folder written by ``python3 ../shared/bench/news/build.py --mirror <BASIL git dir> --out DIR`` (it holds
news-dev.jsonl and pairs/<id>/a.txt, b.txt); also read from $PARALLEL_READER_NEWS_DATA. Builds nothing.

1. ``align_sentences`` on every pair's gold sentence lists, each pair linked by a decision trained without it
   (news in 6 folds, each fold's model also trained on all Aesop fables); scored by ../shared/bench/news/score.py:
   pair precision (against links either careful reading made), recall (against links both made), F1 and
   unaligned-sentence F1. Without scikit-learn the shipped model is used and the figures are marked NOT
   cross-validated (it was trained on these pairs).
2. The whole ``compare`` (load, segment, link, entities, facts) on each pair's two files: seconds per pair.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.linkdata import load_docs  # noqa: E402
from reader.core.align import align_sentences  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"


def news_dir(given: Path | None) -> Path:
    folder = given or Path(os.environ.get("PARALLEL_READER_NEWS_DATA", SHARED / "news" / "data"))
    if not (folder / "news-dev.jsonl").is_file():
        sys.exit(f"no news dev set in {folder}: build it with  python3 {SHARED / 'news' / 'build.py'} "
                 "--mirror <launchnlp/BASIL git dir> --out <folder>  and pass --news <folder>")
    return folder


def fold_models(news_rows: list[dict], encoder) -> dict[str, object] | None:
    """For each news pair id, a decision trained without its fold (None when scikit-learn is missing)."""
    if importlib.util.find_spec("sklearn") is None:
        return None
    from benchmarks.train_linker import fit, folds

    news = load_docs_rows(news_rows, "news", encoder)
    fables = load_docs(SHARED / "alignment-dev.jsonl", "aesop", encoder)
    semantic = encoder is not None
    models = {}
    for held in folds(news, 6):
        ids = {d.id for d in held}
        model = fit([d for d in news if d.id not in ids] + fables, semantic)
        models.update({d.id: model for d in held})
    return models


def load_docs_rows(rows: list[dict], corpus: str, encoder) -> list:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    try:
        return load_docs(Path(f.name), corpus, encoder)
    finally:
        os.unlink(f.name)


def link_scores(folder: Path, threshold: float, encoder) -> None:
    rows = [json.loads(line) for line in open(folder / "news-dev.jsonl", encoding="utf-8")]
    models = fold_models(rows, encoder)
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with open(pred, "w", encoding="utf-8") as f:
            for r in rows:
                model = models[r["id"]] if models else None
                pairs = align_sentences(r["a_sentences"], r["b_sentences"], threshold, encoder, model, (True, True))
                f.write(json.dumps({"id": r["id"], "pred": [list(p) for p in pairs]}) + "\n")
        scorer = _scorer()
        sys.argv = ["score.py", str(folder / "news-dev.jsonl"), str(pred), "--json"]
        from contextlib import redirect_stdout
        from io import StringIO

        out = StringIO()
        with redirect_stdout(out):
            scorer.main()
    res = json.loads(out.getvalue())
    how = "cross-validated by pair" if models else "NOT cross-validated (shipped model, trained on these pairs)"
    meaning = "with sentence encoder" if encoder is not None else "words only"
    print(f"news links ({how}; {meaning}; threshold {threshold}): pair P {res['pair_precision']:.3f} "
          f"R {res['pair_recall']:.3f} F1 {res['pair_f1']:.3f}; unaligned F1 {res['unaligned_f1']:.3f} "
          f"({res['predicted']} predicted, {res['sure']} sure)")


def _scorer():
    spec = importlib.util.spec_from_file_location("news_score", SHARED / "news" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def compare_seconds(folder: Path, encoder) -> None:
    from reader.core.compare import Comparer
    from reader.core.nlp import NlpEngine
    from reader.documents import load_document

    comparer = Comparer(NlpEngine(), encoder)
    pairs = sorted(p for p in (folder / "pairs").iterdir() if p.is_dir())
    comparer.compare(load_document(pairs[0] / "a.txt"), load_document(pairs[0] / "b.txt"))  # warm: models loaded
    seconds, links, only = [], 0, 0
    for pair in pairs:
        started = time.perf_counter()
        c = comparer.compare(load_document(pair / "a.txt"), load_document(pair / "b.txt"))
        seconds.append(time.perf_counter() - started)
        links += len(c.links)
        only += len(c.unique_left) + len(c.unique_right)
    print(f"compare on {len(pairs)} pairs (models loaded once): median {statistics.median(seconds):.2f} s per pair, "
          f"max {max(seconds):.2f} s; {links} link groups, {only} sentences only in one source")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--news", type=Path, default=None)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--words-only", action="store_true", help="without the sentence encoder")
    ap.add_argument("--no-compare", action="store_true")
    a = ap.parse_args()
    folder = news_dir(a.news)
    encoder = None
    if not a.words_only:
        from reader.core.encoder import SentenceEncoder

        encoder = SentenceEncoder()
        if not encoder.load():
            print(f"sentence encoder unavailable: {encoder.reason}")
            encoder = None
    link_scores(folder, a.threshold, encoder)
    if not a.no_compare:
        compare_seconds(folder, encoder)


if __name__ == "__main__":
    main()
