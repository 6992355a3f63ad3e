"""Comparison view speed on the 100k-word pair: set_documents, set_comparison, and per-frame paint while scrolling.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_view.py [--synthetic] [--frames 200]

Uses the real engine (reader.core.compare) unless --synthetic (one link per paragraph, every 7th paragraph only on
one side, a discrepancy every 50 paragraphs). Targets: first paint <= 1 s; a scrolling frame <= 16 ms; every slice of the view's sliced work well under 100 ms.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BENCH = Path("/work/shared/bench/long")


def synthetic(left, right):
    from reader.core.model import Comparison, Discrepancy, Link, LinkKind, SideSummary
    from reader.core.segment import segment

    la, ra = segment(left), segment(right)
    by_para_l, by_para_r = _by_paragraph(la), _by_paragraph(ra)
    links, unique_l, unique_r, discs = [], [], [], []
    kinds = (LinkKind.IDENTICAL, LinkKind.NEAR, LinkKind.PARAPHRASE)
    for n, (lp, rp) in enumerate(zip(sorted(by_para_l), sorted(by_para_r))):
        lids, rids = tuple(by_para_l[lp]), tuple(by_para_r[rp])
        if n % 7 == 3:
            unique_l += lids
            unique_r += rids
            continue
        links.append(Link(lids, rids, 0.9 - 0.1 * (n % 3), kinds[n % 3]))
        if n % 50 == 10:
            ls, rs = la.segments[lids[0]], ra.segments[rids[0]]
            discs.append(Discrepancy("number", (ls.start, ls.start + 3), (rs.start, rs.start + 3), "a", "b",
                                     len(links) - 1))
    summary = SideSummary(0, 0.0, 0, 0, 0)
    return Comparison(la, ra, tuple(links), tuple(unique_l), tuple(unique_r), (), (), tuple(discs), summary,
                      summary)


def _by_paragraph(analysis):
    groups: dict[int, list[int]] = {}
    for seg in analysis.segments:
        if seg.kind.value == "sentence":
            groups.setdefault(seg.paragraph, []).append(seg.id)
    return groups


def timed(label, fn, results):
    start = time.perf_counter()
    value = fn()
    results[label] = time.perf_counter() - start
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", action="store_true", help="skip the engine; one link per paragraph")
    parser.add_argument("--frames", type=int, default=200)
    parser.add_argument("--left", default=str(BENCH / "left-100k.txt"))
    parser.add_argument("--right", default=str(BENCH / "right-100k.txt"))
    args = parser.parse_args(argv)

    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from reader.core.model import Side
    from reader.documents import load_document
    from reader.ui.view import ComparisonView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    left, right = load_document(args.left), load_document(args.right)
    print(f"documents: {left.word_count:,} + {right.word_count:,} words")
    results: dict[str, float] = {}
    if args.synthetic:
        comparison = timed("synthetic comparison", lambda: synthetic(left, right), results)
    else:
        from reader.core.compare import Comparer
        from reader.core.nlp import NlpEngine

        comparison = timed("engine compare", lambda: Comparer(NlpEngine()).compare(left, right), results)
    print(f"comparison: {len(comparison.links):,} links, {len(comparison.unique_left):,}"
          f" + {len(comparison.unique_right):,} unique segments, {len(comparison.discrepancies):,} discrepancies")

    view = ComparisonView(theme="light")
    view.resize(1400, 900)
    view.show()
    app.processEvents()

    def first_paint():
        view.set_documents(left, right)
        view.repaint()
        app.processEvents()

    def highlights():
        view.set_comparison(comparison)
        view.repaint()
        app.processEvents()

    def settle():  # long texts: formats and geometry follow a slice at a time
        while view.geometry_pending():
            app.processEvents()
        view.repaint()

    timed("set_documents + first paint", first_paint, results)
    while view.geometry_pending():  # the sliced layout of freshly shown long texts
        app.processEvents()
    timed("set_comparison + paint", highlights, results)
    timed("  then sliced formats + geometry", settle, results)
    results["  longest slice"] = view._slices.longest_slice_s
    gutter, lpane, rpane = view.gutter, view.panes[Side.LEFT], view.panes[Side.RIGHT]
    lbar, rbar = lpane.verticalScrollBar(), rpane.verticalScrollBar()
    gutter_image = QImage(gutter.size(), QImage.Format_ARGB32_Premultiplied)
    view_image = QImage(view.size(), QImage.Format_ARGB32_Premultiplied)
    gutter_times, frame_times, counts = [], [], []
    for i in range(args.frames):
        lbar.setValue(int(lbar.maximum() * i / args.frames))
        rbar.setValue(int(rbar.maximum() * i / args.frames))
        app.processEvents()
        start = time.perf_counter()
        gutter.render(gutter_image)  # the gutter's paintEvent alone
        gutter_times.append(time.perf_counter() - start)
        counts.append(gutter.last_painted)
        start = time.perf_counter()
        view.render(view_image)  # everything: both panes (text + shading + marks), gutter, maps, headers
        frame_times.append(time.perf_counter() - start)
    timed("resize relayout + geometry", lambda: (view.resize(1200, 900), app.processEvents(),
                                                  view._rebuild_geometry()), results)
    timed("zoom in (relayout + geometry)", view.zoom_in, results)
    for label, seconds in results.items():
        print(f"{label:34s} {seconds * 1000:9.1f} ms")
    print(f"{'gutter paint, median':34s} {statistics.median(gutter_times) * 1000:9.2f} ms"
          f"  (max {max(gutter_times) * 1000:.2f} ms, {statistics.median(counts):.0f} bands drawn of"
          f" {len(view.gutter.bands()):,})")
    print(f"{'whole view repaint':34s} {statistics.median(frame_times) * 1000:9.2f} ms median"
          f"  (p95 {sorted(frame_times)[int(len(frame_times) * 0.95)] * 1000:.2f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
