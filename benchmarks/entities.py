"""Entities and discrepancies on real news pairs (and hand-made pairs), and what the entity stage costs.

    .venv/bin/python benchmarks/entities.py [--data DIR] [--gold DIR] [--list] [--speed] [--runs 3]

``--data`` (or env ``PARALLEL_READER_NEWS_DATA``) is the built news dev set: ``news-dev.jsonl`` and
``pairs/<id>/a.txt, b.txt``. ``--gold`` holds ``discrepancies/*.json`` and ``gold/*.json`` (default
``../shared/bench/news``). The hand-made pairs in ``tests/fixtures/discrepancies`` and the seed pair always run.

Per pair it prints: entries (name entities and figures), entries per group, split groups it can detect (two
name entries whose names are variants of each other: one's words inside the other's, an acronym, a shared
surname), entries that are probably not entities (found only in the headline, or a word the text also uses in
lower case), discrepancies scored against the gold (a flag is right when both its spans lie in a gold pair of
sentences), both with the app's own links and with the gold links, and the seconds of the entity stage.
``--list`` also prints every entry and every flag. ``--speed`` measures the entity stage against a bare spaCy
pass (see :func:`speed`).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.core.align import align_with_near  # noqa: E402
from reader.core.figure_links import join_disagreeing  # noqa: E402
from reader.core.encoder import SentenceEncoder  # noqa: E402
from reader.core.compare import assemble  # noqa: E402
from reader.core.entities import extract_entities  # noqa: E402
from reader.core.entity_names import name_key, variant_pair  # noqa: E402
from reader.core.model import Group, Link, LinkKind, Options, SegmentKind  # noqa: E402
from reader.core.nlp import NlpEngine  # noqa: E402
from reader.core.segment import segment  # noqa: E402
from reader.documents import load_document  # noqa: E402

DEFAULT_GOLD = ROOT.parent / "shared" / "bench" / "news"
FIXTURES = ROOT / "tests" / "fixtures" / "discrepancies"
SEEDS = (ROOT / "seeds" / "the-world-iran-missile-attack.txt", ROOT / "seeds" / "reuters-iran-missile-attack.txt")
LONG = ROOT.parent / "shared" / "bench" / "long"


@dataclass
class Case:
    """One pair: its files, gold sentence spans per side, gold linked sentence pairs, gold discrepancies."""

    name: str
    left: Path
    right: Path
    left_spans: list  # gold sentence k -> (start, end) in the loaded left text
    right_spans: list
    gold_links: list  # [(k_left, k_right)]
    gold_flags: list  # [(k_left, k_right, what)]
    headline: bool = True


# ------------------------------------------------------------------------------------------ data
def sentence_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Where each gold sentence lies in the text the app loaded (whitespace-insensitive, in order)."""
    spans, pos = [], 0
    for sentence in sentences:
        words = sentence.split()
        pattern = r"\s+".join(re.escape(w) for w in words)
        m = re.compile(pattern).search(text, pos) if words else None
        if m is None:
            spans.append((pos, pos))
            continue
        spans.append(m.span())
        pos = m.end()
    return spans


def news_cases(data: Path, gold: Path) -> list[Case]:
    cases = []
    for line in (data / "news-dev.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        pid = row["id"]
        folder = data / "pairs" / pid
        left, right = load_document(folder / "a.txt"), load_document(folder / "b.txt")
        links = json.loads((gold / "gold" / f"{pid}.json").read_text())["possible"]
        flags_file = gold / "discrepancies" / f"{pid}.json"
        flags = json.loads(flags_file.read_text())["discrepancies"] if flags_file.exists() else []
        cases.append(Case(pid, folder / "a.txt", folder / "b.txt",
                          sentence_spans(left.text, row["a_sentences"]),
                          sentence_spans(right.text, row["b_sentences"]),
                          [tuple(p) for p in links], [(f["a"], f["b"], f.get("what", "")) for f in flags]))
    return cases


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)]


def fixture_cases(folder: Path = FIXTURES) -> list[Case]:
    """Hand-made pairs: paragraph k of the left reports the same fact as paragraph k of the right (and the pairs
    gold.json lists under "links"); gold.json lists the true disagreements as paragraph indices."""
    cases = []
    for pair in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        left, right = load_document(pair / "left.txt"), load_document(pair / "right.txt")
        ls, rs = paragraph_spans(left.text), paragraph_spans(right.text)
        spec = json.loads((pair / "gold.json").read_text(encoding="utf-8"))
        extra = [tuple(link) for link in spec.get("links", ())]  # same-fact pairs besides paragraph k with k
        cases.append(Case(f"fixture/{pair.name}", pair / "left.txt", pair / "right.txt", ls, rs,
                          [(k, k) for k in range(min(len(ls), len(rs)))] + extra,
                          [(d["left"], d["right"], d["about"]) for d in spec["discrepancies"]]))
    return cases


# ------------------------------------------------------------------------------------------ scoring
def segments_in(analysis, span: tuple[int, int]) -> tuple[int, ...]:
    s, e = span
    return tuple(seg.id for seg in analysis.segments
                 if seg.kind is not SegmentKind.BOILERPLATE and seg.start < e and s < seg.end)


def gold_links(case: Case, la, ra) -> list[Link]:
    links, seen = [], set()
    for i, j in case.gold_links:
        if i >= len(case.left_spans) or j >= len(case.right_spans):
            continue
        left, right = segments_in(la, case.left_spans[i]), segments_in(ra, case.right_spans[j])
        if left and right and (left, right) not in seen:
            seen.add((left, right))
            links.append(Link(left, right, 1.0, LinkKind.PARAPHRASE))
    return links


def _inside(span, gold_span) -> bool:
    return gold_span[0] <= span[0] and span[1] <= gold_span[1]


def score_flags(case: Case, discrepancies) -> tuple[int, int, int, list]:
    """(right flags, all flags, gold found, per-flag verdicts)."""
    found = set()
    verdicts = []
    right = 0
    for d in discrepancies:
        hit = [g for g, (i, j, _) in enumerate(case.gold_flags)
               if _inside(d.left, case.left_spans[i]) and _inside(d.right, case.right_spans[j])]
        found.update(hit)
        right += bool(hit)
        verdicts.append((d, bool(hit)))
    return right, len(discrepancies), len(found), verdicts


# ------------------------------------------------------------------------------------------ entries
def split_groups(entities) -> list[tuple[str, str]]:
    names = [e for e in entities if e.group is not Group.FIGURES]
    out = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if variant_pair(a, b):
                out.append((a.name, b.name))
    return out


def suspicious(entities, la, ra) -> list[str]:
    """Name entries probably not entities: only ever in a headline, or a word the texts use in lower case."""
    out = []
    heads = {id(la): _headline(la), id(ra): _headline(ra)}
    lower = set(re.findall(r"\b[a-z]+\b", la.document.text + " " + ra.document.text))
    for e in entities:
        if e.group is Group.FIGURES:
            continue
        where = [(la, m) for m in e.left] + [(ra, m) for m in e.right]
        if all(heads[id(a)][0] <= m.start < heads[id(a)][1] for a, m in where):
            out.append(f"{e.name} (headline only)")
        elif " " not in e.name and e.name.lower() in lower:
            out.append(f"{e.name} (common word)")
    return out


def _headline(analysis) -> tuple[int, int]:
    seg = analysis.segments[0] if analysis.segments else None
    return (seg.start, seg.end) if seg else (0, 0)


# ------------------------------------------------------------------------------------------ run
_ENCODER = SentenceEncoder()  # the app's links need the app's sentence encoder


def run_case(case: Case, nlp: NlpEngine, show: bool) -> dict:
    la, ra = segment(load_document(case.left)), segment(load_document(case.right))
    links, near = align_with_near(la, ra, Options(), encoder=_ENCODER)
    t0 = time.perf_counter()
    entities = extract_entities(la, ra, nlp)
    seconds = time.perf_counter() - t0
    app = assemble(la, ra, join_disagreeing(la, ra, links, near, entities), entities, Options())  # as Comparer
    gold = assemble(la, ra, gold_links(case, la, ra), entities, Options())
    a_right, a_all, a_found, a_verdicts = score_flags(case, app.discrepancies)
    g_right, g_all, g_found, g_verdicts = score_flags(case, gold.discrepancies)
    groups: dict = {}
    for e in entities:
        groups[e.group.value] = groups.get(e.group.value, 0) + 1
    splits, odd = split_groups(entities), suspicious(entities, la, ra)
    per_group = " ".join(f"{g[:4]} {groups.get(g.value, 0)}" for g in Group)
    print(f"{case.name:28} entries {len(entities):3} ({per_group})  splits {len(splits)}  odd {len(odd)}  "
          f"flags app {a_right}/{a_all} gold-links {g_right}/{g_all}  found {a_found}|{g_found}/"
          f"{len(case.gold_flags)}  entities {seconds:.2f} s")
    if show:
        for a, b in splits:
            print(f"    split? {a!r} / {b!r}")
        for o in odd:
            print(f"    odd: {o}")
        for label, verdicts in (("app", a_verdicts), ("gold", g_verdicts)):
            for d, ok in verdicts:
                print(f"    {label} flag {'OK ' if ok else 'BAD'} {d.about or d.kind}: {d.left_text!r} vs "
                      f"{d.right_text!r}")
    return dict(entries=len(entities), splits=len(splits), odd=len(odd), seconds=seconds,
                app=(a_right, a_all, a_found), gold=(g_right, g_all, g_found), n_gold=len(case.gold_flags),
                news=not case.name.startswith(("fixture/", "seed")))


def _pr(rows, key) -> str:
    right = sum(r[key][0] for r in rows)
    flags = sum(r[key][1] for r in rows)
    found = sum(r[key][2] for r in rows)
    n_gold = sum(r["n_gold"] for r in rows)
    p = right / flags if flags else 1.0
    r = found / n_gold if n_gold else 1.0
    return f"precision {p:.2f} ({right}/{flags})  recall {r:.2f} ({found}/{n_gold})"


def totals(rows: list[dict], title: str) -> None:
    if not rows:
        return
    print(f"== {title}: {len(rows)} pairs, {sum(r['entries'] for r in rows)} entries, "
          f"{sum(r['splits'] for r in rows)} detectable split groups, {sum(r['odd'] for r in rows)} odd entries, "
          f"entity stage {sum(r['seconds'] for r in rows):.1f} s")
    print(f"   discrepancies with app links:  {_pr(rows, 'app')}")
    print(f"   discrepancies with gold links: {_pr(rows, 'gold')}")


# ------------------------------------------------------------------------------------------ speed
def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def speed(nlp: NlpEngine, runs: int) -> None:
    """The entity stage on the 2 x 100k pair against a bare ``nlp.pipe`` over the same paragraphs, and the seed
    ``compare`` command against a bare import + model load, in this one run (medians)."""
    import subprocess

    py = sys.executable
    bare = [py, "-c", "import spacy; from reader.core.nlp import NlpEngine; NlpEngine().load()"]
    full = [py, "-m", "reader", "compare", "--json", *map(str, SEEDS)]
    t_bare = _median_time(lambda: subprocess.run(bare, check=True, cwd=ROOT), runs)
    t_full = _median_time(lambda: subprocess.run(full, check=True, cwd=ROOT, stdout=subprocess.DEVNULL), runs)
    print(f"seed compare {t_full:.2f} s vs bare spaCy import + model load {t_bare:.2f} s: "
          f"ratio {t_full / t_bare:.2f} (target <= 2.0; median of {runs})")
    if not (LONG / "left-100k.txt").exists():
        print(f"{LONG}: no 100k pair, skipping the long measurement")
        return
    la = segment(load_document(LONG / "left-100k.txt"))
    ra = segment(load_document(LONG / "right-100k.txt"))
    model = nlp.load()
    texts = [a.document.text[p.start:p.end] for a in (la, ra) for p in a.document.paragraphs]

    def bare_pass() -> None:
        for _ in model.pipe(texts, batch_size=64):
            pass

    ratios, stage, base = [], [], []
    for _ in range(runs):
        b = _median_time(bare_pass, 1)
        s = _median_time(lambda: extract_entities(la, ra, nlp), 1)
        base.append(b)
        stage.append(s)
        ratios.append(s / b)
    print(f"2 x 100k: entity stage {statistics.median(stage):.1f} s vs bare spaCy NER pass "
          f"{statistics.median(base):.1f} s: ratio {statistics.median(ratios):.2f} (target <= 1.1; median of {runs}; "
          f"the stage used {len(nlp.worker_pids())} worker processes, started in the first run)")


def one_word_paragraphs(count: int = 100_000) -> None:
    """Issue 9: 100,000 one-word paragraphs. Times :func:`complete_names` (a name search over every paragraph),
    which used to be one regex alternation of every name over every chunk (quadratic)."""
    import random

    from reader.core.entities import complete_names
    from reader.core.model import Document, Mention, Paragraph, Side

    rng = random.Random(1)
    words = [rng.choice(("Alpha", "Bravo", "Charlie", "delta", "Echo")) + str(i % 5000) for i in range(count)]
    text = "\n\n".join(words)
    paragraphs, pos = [], 0
    for word in words:
        paragraphs.append(Paragraph(pos, pos + len(word)))
        pos += len(word) + 2
    analysis = segment(Document(None, "words", text, "txt", tuple(paragraphs)))
    mentions = {Side.LEFT: [Mention(p.start, p.end, text[p.start:p.end], "PERSON") for p in paragraphs[:20_000:2]],
                Side.RIGHT: []}
    t0 = time.perf_counter()
    found = complete_names({Side.LEFT: analysis, Side.RIGHT: analysis}, mentions)
    print(f"{count:,} one-word paragraphs, 10,000 names: complete_names {time.perf_counter() - t0:.1f} s "
          f"({sum(map(len, found.values())):,} mentions)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=os.environ.get("PARALLEL_READER_NEWS_DATA"))
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--list", action="store_true", help="print every suspect split, odd entry and flag")
    ap.add_argument("--only", help="run only the pairs whose name contains this")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--model", help="spaCy model package to use (default: the app's choice)")
    args = ap.parse_args()
    nlp = NlpEngine([args.model] if args.model else None)
    t0 = time.perf_counter()
    nlp.load()
    print(f"model {nlp.describe()} loaded in {time.perf_counter() - t0:.1f} s")
    cases = []
    if args.data is None or not (Path(args.data) / "news-dev.jsonl").exists():
        print(f"news dev set not found ({args.data or 'no --data / PARALLEL_READER_NEWS_DATA'}): build it with "
              f"python3 {DEFAULT_GOLD}/build.py --mirror <BASIL git dir> --out DIR, then pass --data DIR")
    else:
        cases = news_cases(Path(args.data), args.gold)
    seed = Case("seed", SEEDS[0], SEEDS[1], [], [], [], [])
    fixtures = fixture_cases()
    selected = [c for c in cases + [seed] + fixtures if not args.only or args.only in c.name]
    rows = [run_case(c, nlp, args.list) for c in selected]
    totals([r for r, c in zip(rows, selected) if r["news"]], "news dev")
    totals([r for r, c in zip(rows, selected) if c.name.startswith("fixture/")], "hand-made pairs")
    totals([r for r, c in zip(rows, selected) if c.name != "seed"], "news dev + hand-made")
    if args.speed:
        one_word_paragraphs()
        speed(nlp, args.runs)


if __name__ == "__main__":
    main()
