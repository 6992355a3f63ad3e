"""The versioned JSON form of a comparison (schema ``parallel-reader/comparison/1``, see docs/json-schema.md)."""
from __future__ import annotations

from typing import Any

from reader import __version__
from reader.core.model import Analysis, Comparison, Entity, FigureValue, Link, SideSummary

SCHEMA = "parallel-reader/comparison/1"


def to_json_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generator": f"Parallel Reader {__version__}",
        "options": {
            "threshold": comparison.options.threshold,
            "normalisations": list(comparison.options.normalisations),
            "linker": comparison.linker,
        },
        "left": _side(comparison.left),
        "right": _side(comparison.right),
        "links": [_link(link, comparison) for link in comparison.links],
        "unique": {"left": list(comparison.unique_left), "right": list(comparison.unique_right)},
        "unique_details": [
            {"side": d.side.value, "start": d.start, "end": d.end, "text": d.text, "kind": d.kind, "link": d.link}
            for d in comparison.unique_details
        ],
        "entities": [_entity(entity) for entity in comparison.entities],
        "discrepancies": [
            {"kind": d.kind, "left": list(d.left), "right": list(d.right), "left_text": d.left_text,
             "right_text": d.right_text, "link": d.link, "about": d.about}
            for d in comparison.discrepancies
        ],
        "summary": {"left": _summary(comparison.summary_left), "right": _summary(comparison.summary_right)},
    }


def _side(analysis: Analysis) -> dict[str, Any]:
    doc = analysis.document
    return {
        "path": doc.path,
        "title": doc.title,
        "format": doc.format,
        "sha256": doc.sha256,
        "words": doc.word_count,
        "notices": list(doc.notices),
        "text": doc.text,
        "paragraphs": [{"start": p.start, "end": p.end, "heading": p.heading} for p in doc.paragraphs],
        "boilerplate": [{"start": m.start, "end": m.end, "reason": m.reason} for m in doc.marks],
        "segments": [
            {"id": s.id, "start": s.start, "end": s.end, "paragraph": s.paragraph, "kind": s.kind.value}
            for s in analysis.segments
        ],
    }


def _link(link: Link, comparison: Comparison) -> dict[str, Any]:
    return {
        "left": list(link.left),
        "right": list(link.right),
        "score": round(link.score, 4),
        "kind": link.kind.value,
        "manual": link.manual,
        "pairs": [{"left": i, "right": j, "probability": round(p, 4)} for i, j, p in link.pairs],
        "differences": [
            {
                "op": d.op,
                "left": list(d.left),
                "right": list(d.right),
                "left_text": comparison.left.document.text[d.left[0] : d.left[1]],
                "right_text": comparison.right.document.text[d.right[0] : d.right[1]],
            }
            for d in link.differences
        ],
    }


def _entity(entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": entity.name,
        "group": entity.group.value,
        "label": entity.label,
        "variants": list(entity.variants),
        "presence": entity.presence.value,
        "left": [[m.start, m.end] for m in entity.left],
        "right": [[m.start, m.end] for m in entity.right],
    }
    if entity.value is not None:
        out["value"] = _value(entity.value)
    return out


def _value(value: FigureValue) -> dict[str, Any]:
    return {"kind": value.kind, "canonical": value.canonical, "value": value.value, "bound": value.bound,
            "unit": value.unit}


def _summary(summary: SideSummary) -> dict[str, Any]:
    return {
        "words": summary.words,
        "matched_share": round(summary.matched_share, 4),
        "unique_passages": summary.unique_passages,
        "unique_entities": summary.unique_entities,
        "discrepancies": summary.discrepancies,
    }
