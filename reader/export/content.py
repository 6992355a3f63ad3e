"""What the report says (Qt-free): header, settings, summary, legend, side-by-side rows and the appendix."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from typing import Optional

import reader
from reader.core.model import Analysis, Comparison, Discrepancy, Entity, Group, Presence, Side
from reader.export.blocks import (BOLD, ITALIC, MONO, MUTED, Cell, Heading, PageBreak, Para, Report, Rich, Spacer,
                                  Table, TableRow, rich)
from reader.export.rows import (DETAIL, DIFF, DISCREPANCY, Row, StyleSpan, build_rows, gutter_text, map_span,
                                passage_text)
from reader.export.hashing import document_sha256
from reader.softbreak import describe, find_breaks

ROW_WIDTHS = (0.45, 0.10, 0.45)
_GROUP_TITLES = {Group.PEOPLE: "People", Group.PLACES: "Places", Group.ORGANISATIONS: "Organisations",
                 Group.GROUPS: "Groups (nationalities, religions, political groups)", Group.FIGURES: "Figures"}
_PRESENCE = {Presence.BOTH: "both", Presence.LEFT: "only left", Presence.RIGHT: "only right"}


def build_report(comparison: Comparison, when: Optional[datetime] = None) -> Report:
    """All blocks of the evidence report for ``comparison``, exported at ``when`` (default: now, UTC)."""
    when = when or datetime.now(timezone.utc)
    stamp = when.strftime("%Y-%m-%d %H:%M %Z").strip()
    left, right = _title(comparison.left), _title(comparison.right)
    blocks = [Heading("Parallel Reader \u2014 comparison report", 0)]
    blocks += _sources(comparison, stamp)
    blocks += _settings(comparison)
    blocks += _summary(comparison)
    blocks += _legend()
    blocks += [PageBreak(), Heading("Side by side", 1), _intro(), _comparison_table(comparison, left, right)]
    blocks += [PageBreak(), Heading("Appendix A \u2014 Discrepancies", 1)] + _discrepancies(comparison)
    blocks += [Heading("Appendix B \u2014 Entities", 1)] + _entities(comparison)
    return Report(
        blocks=tuple(blocks),
        running_left=f"Left: {_clip(left, 34)}  \u2194  Right: {_clip(right, 34)}",
        running_right=f"Parallel Reader {reader.__version__} \u00b7 {stamp}",
        footer=f"Match threshold {comparison.options.threshold:.2f} \u00b7 colours: blue = linked, "
               "orange = only in one source",
        meta={"title": f"Comparison: {left} / {right}", "creator": f"Parallel Reader {reader.__version__}"},
    )


def _title(analysis: Analysis) -> str:
    doc = analysis.document
    return doc.title or doc.name


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


# ---------------------------------------------------------------------------------------------- header
def _sources(comparison: Comparison, stamp: str) -> list:
    header = TableRow((Cell(Rich("")), Cell(rich(("Left source", "b"))), Cell(rich(("Right source", "b")))),
                      rule_below=True)
    docs = comparison.left.document, comparison.right.document
    fields = [
        ("Title", [rich((_title(a), BOLD)) for a in (comparison.left, comparison.right)]),
        ("File", [Rich(d.path or f"(not a file: {d.format})") for d in docs]),
        ("SHA-256", [rich((document_sha256(d) or "(text not read from a file)", MONO)) for d in docs]),
        ("Words", [Rich(f"{d.word_count:,}") for d in docs]),
        ("Format", [Rich(d.format + (f", {d.encoding}" if d.encoding else "")) for d in docs]),
    ]
    notices = [describe(find_breaks(d.text)) for d in docs]
    if any(notices):  # a 1 MB line of letters: say why it breaks anywhere
        fields.append(("Note", [Rich(n[:1].upper() + n[1:] + "." if n else "") for n in notices]))
    rows = [TableRow((Cell(rich((name, BOLD)), size="small"), Cell(a, size="small"), Cell(b, size="small")))
            for name, (a, b) in fields]
    made = Para(rich(("Exported ", MUTED), (stamp, BOLD), (f" by Parallel Reader {reader.__version__}.", MUTED)))
    return [made, Table((0.14, 0.43, 0.43), rows, header=header, gap_mm=0.3)]


def _settings(comparison: Comparison) -> list:
    options = comparison.options
    text = [Para(rich(("Match threshold: ", BOLD), f"{options.threshold:.2f}",
                      (" \u2014 the least probability that a careful reader would link two passages as the same fact"
                       " (0.50: as likely as not); a passage with no link this sure is shown as \u201conly in one"
                       " source\u201d, unless both give a different figure for one event (then it joins a link"
                       " with its own, lower probability). The percentage beside each link is that probability.",
                       MUTED)))]
    if comparison.linker:
        text.append(Para(rich(("Linked by: ", BOLD), comparison.linker)))
    norms = "; ".join(options.normalisations) if options.normalisations else "none"
    text.append(Para(rich(("Normalisations applied when comparing: ", BOLD), norms,
                          (". Differences of these kinds alone do not make passages differ; "
                           "a passage shown as identical may still differ in them.", MUTED))))
    text.append(Para(rich(("Boilerplate ", BOLD), "(captions, \u201cRelated:\u201d links, appeals, bylines) is shown "
                          "dimmed and is not compared.")))
    return [Heading("Settings used", 1)] + text


def _summary(comparison: Comparison) -> list:
    sl, sr = comparison.summary_left, comparison.summary_right
    kinds = Counter(link.kind.value for link in comparison.links)
    header = TableRow((Cell(Rich("")), Cell(rich(("Left", BOLD)), align="right"),
                       Cell(rich(("Right", BOLD)), align="right")), rule_below=True)
    facts = [
        ("Share of the text matched in the other source", f"{sl.matched_share:.0%}", f"{sr.matched_share:.0%}"),
        ("Passages only in this source", f"{sl.unique_passages:,}", f"{sr.unique_passages:,}"),
        ("Entities only in this source", f"{sl.unique_entities:,}", f"{sr.unique_entities:,}"),
        ("Discrepancies (same fact, different figure or name)", f"{sl.discrepancies:,}", f"{sr.discrepancies:,}"),
        ("Words counted in the comparison", f"{sl.words:,}", f"{sr.words:,}"),
    ]
    rows = [TableRow((Cell(Rich(a)), Cell(Rich(b), align="right"), Cell(Rich(c), align="right"))) for a, b, c in facts]
    linked = (f"{len(comparison.links):,} linked groups: {kinds.get('identical', 0):,} identical, "
              f"{kinds.get('near', 0):,} near, {kinds.get('paraphrase', 0):,} paraphrase. ")
    found = (f"{len(comparison.discrepancies):,} discrepancies, listed in Appendix A."
             if comparison.discrepancies else "No discrepancies.")
    return [Heading("Summary", 1), Table((0.6, 0.2, 0.2), rows, header=header, gap_mm=0.3),
            Spacer(1.5), Para(rich(linked, (found, BOLD if comparison.discrepancies else "")))]


def _legend() -> list:
    def row(kind: str, sample: Rich, meaning: str) -> TableRow:
        return TableRow((Cell(sample, kind=kind), Cell(Rich(meaning), size="small")))

    def sample(text: str, style: str) -> Rich:
        return Rich(f"Tehran fired {text} missiles", (StyleSpan(13, 13 + len(text), style),))

    rows = [
        row("identical", Rich("= identical: same words (after normalising)"),
            "Lightest blue, \u201c=\u201d in the middle column. Linked passages that read the same."),
        row("near", Rich("\u2248 near: a few words differ"),
            "Medium blue, \u201c\u2248\u201d. Same sentence with small changes; the probability of the same fact is shown."),
        row("paraphrase", Rich("~ paraphrase: same content, other words"),
            "Darker blue, \u201c~\u201d. The same information reworded."),
        row("only-left", Rich("\u25c0 only left / only right \u25b6"),
            "Orange with a dark bar, \u25c0 or \u25b6 in the middle column, nothing on the other side: a passage "
            "the other source does not have."),
        row(None, sample("more than a dozen", DIFF),
            "Bold, blue underline: words that differ between two identical or near passages (not marked in "
            "paraphrases, where most words differ)."),
        row(None, sample("two", DISCREPANCY),
            "Bold purple with a wavy underline, and \u201c\u2260 D1\u201d in the middle column: a "
            "discrepancy (a figure or name the other source gives differently), listed with both texts in "
            "Appendix A."),
        row(None, sample("ballistic", DETAIL),
            "Dotted underline: a name or figure inside a linked passage that the other source never mentions."),
        row("heading", rich(("\u00a7 Headline", BOLD)),
            "A headline the other source does not match; headlines are not counted as passages."),
        row("boilerplate", Rich("\u00b7 boilerplate (caption, link, appeal)"),
            "Grey italic on pale grey: captions, credits, links and appeals, not compared."),
    ]
    return [Heading("How to read this report", 1), Table((0.42, 0.58), rows, gap_mm=0.6)]


# ---------------------------------------------------------------------------------------------- rows
def _intro() -> Para:
    return Para(rich(("Rows follow the left source\u2019s reading order. Passages only the right source has "
                      "stand after the row of the nearest preceding linked right passage.", MUTED)), size="small")


def _comparison_table(comparison: Comparison, left: str, right: str) -> Table:
    header = TableRow((Cell(rich((f"LEFT \u00b7 {left}", BOLD))), Cell(Rich("match"), size="small", align="center"),
                       Cell(rich((f"RIGHT \u00b7 {right}", BOLD)))), rule_below=True)
    return Table(ROW_WIDTHS, _LazyRows(comparison), header=header)


def row_cells(row: Row) -> TableRow:
    """Three cells for one row: left passage | kind, score and discrepancy tags | right passage."""
    side_kind = row.kind if row.kind in ("identical", "near", "paraphrase", "boilerplate", "heading") else None

    def cell(passage, side: Side) -> Cell:
        if passage is None:
            return Cell(Rich(""))
        kind = side_kind or ("only-left" if side is Side.LEFT else "only-right")
        return Cell(Rich(passage.text, passage.spans), kind=kind)

    label = gutter_text(row)
    gutter = Cell(Rich(label, _discrepancy_tags(label)), size="small", align="center",
                  kind=row.kind if row.kind in ("identical", "near", "paraphrase") else None)
    return TableRow((cell(row.left, Side.LEFT), gutter, cell(row.right, Side.RIGHT)))


def _discrepancy_tags(label: str) -> tuple[StyleSpan, ...]:
    """The "≠ Dn" lines of a middle-column label, styled like the discrepancies they point to."""
    spans, offset = [], 0
    for line in label.split("\u2028"):
        if line.startswith("\u2260 D"):
            spans.append(StyleSpan(offset, offset + len(line), DISCREPANCY))
        offset += len(line) + 1
    return tuple(spans)


class _LazyRows:
    """The comparison rows, turned into table rows one at a time (keeps memory flat on long documents)."""

    def __init__(self, comparison: Comparison) -> None:
        self._rows = build_rows(comparison)

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self):
        return (row_cells(row) for row in self._rows)


# ---------------------------------------------------------------------------------------------- appendix
def _discrepancies(comparison: Comparison) -> list:
    if not comparison.discrepancies:
        return [Para(Rich("No discrepancies found: no linked passages give different figures, dates, times or "
                          "names for the same fact."))]
    header = TableRow((Cell(rich(("#", BOLD))), Cell(rich(("Left text", BOLD))), Cell(rich(("Right text", BOLD)))),
                      rule_below=True)
    rows = [_discrepancy_row(comparison, number, disc)
            for number, disc in enumerate(comparison.discrepancies, start=1)]
    return [Table((0.1, 0.45, 0.45), rows, header=header)]


def _discrepancy_row(comparison: Comparison, number: int, disc: Discrepancy) -> TableRow:
    link = comparison.links[disc.link] if 0 <= disc.link < len(comparison.links) else None

    def context(side: Side) -> Rich:
        analysis = comparison.side(side)
        if link is None:
            return rich((disc.left_text if side is Side.LEFT else disc.right_text, DISCREPANCY))
        text, pieces = passage_text(analysis, link.left if side is Side.LEFT else link.right)
        start, end = disc.left if side is Side.LEFT else disc.right
        spans = tuple(StyleSpan(s, e, DISCREPANCY) for s, e in map_span(pieces, start, end))
        quoted = disc.left_text if side is Side.LEFT else disc.right_text
        head = f"\u201c{quoted}\u201d \u2014 "
        return Rich(head + text, (StyleSpan(0, len(head), BOLD),) + tuple(
            StyleSpan(s.start + len(head), s.end + len(head), s.style) for s in spans))

    label = rich((f"\u2260 D{number}", BOLD), "\u2028" + (disc.about or disc.kind))
    return TableRow((Cell(label, size="small"), Cell(context(Side.LEFT), size="small"),
                     Cell(context(Side.RIGHT), size="small")))


def _entities(comparison: Comparison) -> list:
    if not comparison.entities:
        return [Para(Rich("No people, places, organisations, groups or figures were found."))]
    blocks: list = [Para(rich(("Mentions are counted in each source. Entities only one source names are marked "
                               "\u201conly left\u201d / \u201conly right\u201d in orange.", MUTED)), size="small")]
    for group in Group:
        members = sorted((e for e in comparison.entities if e.group is group),
                         key=lambda e: (-(len(e.left) + len(e.right)), e.name.lower()))
        if members:
            blocks += [Heading(f"{_GROUP_TITLES[group]} ({len(members)})", 2), _entity_table(members)]
    return blocks


def _entity_table(entities: list[Entity]) -> Table:
    header = TableRow(tuple(Cell(rich((t, BOLD)), size="small", align=a) for t, a in (
        ("Name", "left"), ("Found in", "left"), ("Left", "right"), ("Right", "right"), ("Also written as", "left"))),
        rule_below=True)
    rows = []
    for entity in entities:
        presence = entity.presence
        kind = None if presence is Presence.BOTH else ("only-left" if presence is Presence.LEFT else "only-right")
        variants = ", ".join(v for v in entity.variants if v != entity.name)
        name = entity.name + (f" ({entity.value.canonical})" if entity.value is not None
                              and entity.value.canonical.lower() not in entity.name.lower() else "")
        rows.append(TableRow((
            Cell(Rich(name), size="small"), Cell(Rich(_PRESENCE[presence]), size="small", kind=kind),
            Cell(Rich(str(len(entity.left))), size="small", align="right"),
            Cell(Rich(str(len(entity.right))), size="small", align="right"),
            Cell(rich((variants, ITALIC)), size="small"))))
    return Table((0.3, 0.14, 0.08, 0.08, 0.4), rows, header=header, gap_mm=0.2)
