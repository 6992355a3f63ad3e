"""The readable plain-text report of ``parallel-reader compare --text``."""
from __future__ import annotations

import textwrap
from collections import defaultdict

from reader import APP_NAME, __version__
from reader.core.model import Analysis, Comparison, Entity, Group, Presence, Side

WIDTH = 100


def render_text(comparison: Comparison) -> str:
    parts = [
        _header(comparison),
        _summary(comparison),
        _discrepancies(comparison),
        _unique(comparison, Side.LEFT),
        _unique(comparison, Side.RIGHT),
        _links(comparison),
        _entities(comparison),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _header(c: Comparison) -> str:
    lines = [f"{APP_NAME} {__version__} — comparison"]
    for label, side in (("Left ", c.left), ("Right", c.right)):
        doc = side.document
        lines.append(f"{label}: {doc.title} ({doc.name}, {doc.word_count} words)")
    lines.append(f"Settings: match threshold {c.options.threshold:.2f} (least probability of the same fact); "
                 "not counted as differences: " + "; ".join(c.options.normalisations))
    if c.linker:
        lines.append(f"Linked by: {c.linker}")
    return "\n".join(lines)


def _summary(c: Comparison) -> str:
    lines = [_title("Summary")]
    for label, s in (("Left ", c.summary_left), ("Right", c.summary_right)):
        lines.append(f"  {label}: {s.matched_share:.0%} matched, {_count(s.unique_passages, 'passage')} only here, "
                     f"{_count(s.unique_entities, 'entity', 'entities')} only here, "
                     f"{_count(s.discrepancies, 'discrepancy', 'discrepancies')}")
    lines.append(f"  Links: {len(c.links)}")
    return "\n".join(lines)


def _excerpt(analysis: Analysis, ids, limit: int = 0) -> str:
    text = " ".join(analysis.segment_text(i) for i in ids)
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _discrepancies(c: Comparison) -> str:
    lines = [_title(f"Figures that disagree ({len(c.discrepancies)})")]
    if not c.discrepancies:
        lines.append("  none found in linked passages")
    for d in c.discrepancies:
        link = c.links[d.link]
        lines.append(f"  {d.about or d.kind}: left says “{d.left_text}”, right says “{d.right_text}”")
        lines.append(_wrap("L: " + _excerpt(c.left, link.left), "    "))
        lines.append(_wrap("R: " + _excerpt(c.right, link.right), "    "))
    return "\n".join(lines)


def _unique(c: Comparison, side: Side) -> str:
    analysis, ids = c.side(side), c.unique(side)
    lines = [_title(f"Only in the {side.value} source — {analysis.document.title} ({len(ids)})")]
    prefix = "L" if side is Side.LEFT else "R"
    for seg_id in ids:
        lines.append(_wrap(f"{prefix}{seg_id}: {analysis.segment_text(seg_id)}", "  "))
    return "\n".join(lines)


def _links(c: Comparison) -> str:
    lines = [_title(f"Linked passages ({len(c.links)})")]
    for link in c.links:
        left_ids = ",".join(f"L{i}" for i in link.left)
        right_ids = ",".join(f"R{j}" for j in link.right)
        manual = ", manual" if link.manual else ""
        lines.append(f"  {left_ids} ↔ {right_ids}  [{link.kind.value} p={link.score:.2f}{manual}]")
        lines.append(_wrap("L: " + _excerpt(c.left, link.left, 240), "    "))
        lines.append(_wrap("R: " + _excerpt(c.right, link.right, 240), "    "))
        changes = [_change(c, d) for d in link.differences][:8]
        if changes:
            lines.append(_wrap("differs: " + "; ".join(changes), "    "))
    return "\n".join(lines)


def _change(c: Comparison, diff) -> str:
    left = c.left.document.text[diff.left[0] : diff.left[1]]
    right = c.right.document.text[diff.right[0] : diff.right[1]]
    if diff.op == "delete":
        return f"−“{left}”"
    if diff.op == "insert":
        return f"+“{right}”"
    return f"“{left}” → “{right}”"


def _entities(c: Comparison) -> str:
    lines = [_title(f"People, places, organisations, groups and figures ({len(c.entities)})")]
    by_presence: dict[Presence, dict[Group, list[Entity]]] = defaultdict(lambda: defaultdict(list))
    for entity in c.entities:
        by_presence[entity.presence][entity.group].append(entity)
    for presence, heading in ((Presence.BOTH, "In both"), (Presence.LEFT, "Only left"),
                              (Presence.RIGHT, "Only right")):
        groups = by_presence.get(presence, {})
        lines.append(f"  {heading}:")
        for group in Group:
            names = [_entity_name(e) for e in groups.get(group, [])]
            if names:
                lines.append(_wrap(f"{group.value.capitalize()}: " + "; ".join(names), "    "))
    return "\n".join(lines)


def _entity_name(entity: Entity) -> str:
    others = [v for v in entity.variants if v != entity.name]
    counts = f" ×{len(entity.left)}/{len(entity.right)}"
    return entity.name + (f" (also “{'”, “'.join(others)}”)" if others else "") + counts


def _count(n: int, singular: str, plural: str = "") -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _title(text: str) -> str:
    return f"{text}\n" + "─" * min(WIDTH, len(text))
