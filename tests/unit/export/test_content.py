"""The report's words: sources with hashes, settings, summary figures, legend, appendix."""
from __future__ import annotations

from datetime import datetime, timezone

from reader.core.model import Comparison
from reader.export.blocks import Heading, Para, Table
from reader.export.content import build_report
from reader.export.style import CELL_STYLES, luminance


def _all_text(report) -> str:
    out = []
    for block in report.blocks:
        if isinstance(block, Heading):
            out.append(block.text)
        elif isinstance(block, Para):
            out.append(block.content.text)
        elif isinstance(block, Table):
            rows = ([block.header] if block.header else []) + list(block.rows)
            out += [cell.content.text for row in rows for cell in row.cells]
    return "\n".join(out)


def test_header_names_both_files_hashes_time_and_settings(seed_comparison: Comparison):
    when = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
    text = _all_text(build_report(seed_comparison, when))
    for doc in (seed_comparison.left.document, seed_comparison.right.document):
        assert doc.sha256 and doc.sha256 in text
        assert doc.name in text
        assert f"{doc.word_count:,}" in text
    assert "2026-01-02 03:04" in text
    assert f"{seed_comparison.options.threshold:.2f}" in text
    for normalisation in seed_comparison.options.normalisations:
        assert normalisation in text


def test_summary_and_appendix_list_the_facts(seed_comparison: Comparison):
    text = _all_text(build_report(seed_comparison))
    sl = seed_comparison.summary_left
    assert f"{sl.matched_share:.0%}" in text
    assert "Appendix A" in text and "Appendix B" in text
    for entity in seed_comparison.entities:
        assert entity.name in text


def test_shades_stay_apart_in_greyscale():
    shades = [luminance(CELL_STYLES[k].fill) for k in ("identical", "near", "paraphrase", "only-left")]
    assert all(a - b >= 0.05 for a, b in zip(shades, shades[1:]))
    assert all(CELL_STYLES[k].symbol for k in CELL_STYLES)  # a non-colour cue for every kind
