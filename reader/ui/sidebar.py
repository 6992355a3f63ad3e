"""The sidebar: a summary, entity lists per group (with presence markers and spelling variants) and the facts.

It only shows a :class:`Comparison` and emits what the user asked for; the composition root connects these
signals to the comparison view.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from reader.core.model import Comparison, Entity, Group, Presence, Side
from reader.ui.sidebar_model import ROLE, Row, RowRef, Section, SectionModel, SectionTree

GROUP_TITLES = {
    Group.PEOPLE: "People",
    Group.PLACES: "Places",
    Group.ORGANISATIONS: "Organisations",
    Group.GROUPS: "Groups",
    Group.FIGURES: "Figures",
}
# A symbol and a word, so presence never depends on colour alone.
PRESENCE_LABELS = {
    Presence.BOTH: "◆ both",
    Presence.LEFT: "◀ left only",
    Presence.RIGHT: "▶ right only",
}
EXCERPT_CHARS = 90
TOOLTIP_CHARS = 1_500  # a tooltip shows at most this much of a passage (Qt lays a tooltip out at once)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of at most ``limit`` characters (only the start of a long text is looked at)."""
    line = " ".join(text[: limit * 4 + 8].split())
    return line if len(line) <= limit and len(text) <= limit * 4 + 8 else line[: limit - 1].rstrip() + "…"


def tooltip_text(text: str, limit: int = TOOLTIP_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def percent(share: float) -> str:
    """A share as a whole percentage that never rounds a difference away ("99.7%" is ">99%", not "100%")."""
    if 0.995 <= share < 1.0:
        return ">99%"
    if 0.0 < share < 0.005:
        return "<1%"
    return f"{share:.0%}"


def summary_text(comparison: Comparison) -> str:
    """The headline: how much of each source is matched, what only one reports, how many figures disagree."""
    rows = []
    for side, marker in ((Side.LEFT, "◀"), (Side.RIGHT, "▶")):
        summary = comparison.summary(side)
        title = comparison.side(side).document.title or comparison.side(side).document.name
        plural = "s" if summary.unique_passages != 1 else ""
        rows.append(
            f"<tr><td>{marker}&nbsp;</td><td><b>{_escape(excerpt(title, 44))}</b><br>"
            f"{percent(summary.matched_share)} matched · <b>{summary.unique_passages}</b> passage{plural} only here"
            "</td></tr>"
        )
    count = len(comparison.discrepancies)
    return (f"<table cellspacing='0' cellpadding='1'>{''.join(rows)}</table>"
            f"≠ <b>{count}</b> discrepanc{'ies' if count != 1 else 'y'} in figures or names")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class EntityTree(SectionTree):
    """All entities in one list: a section per group; per entity its name (variants below), mentions left and
    right, and presence as a symbol plus words. Rows are read lazily from a :class:`SectionModel`."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        model = SectionModel(("Name", "Left", "Right", "In"),
                             ("", "Mentions in the left source", "Mentions in the right source",
                              "◆ both sources · ◀ left only · ▶ right only"), right_aligned=(1, 2))
        super().__init__(model, parent)
        self.setRootIsDecorated(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        count = max(metrics.horizontalAdvance("Right"), metrics.horizontalAdvance("9999")) + 14
        widths = (count, count, max(metrics.horizontalAdvance(label) for label in PRESENCE_LABELS.values()) + 12)
        for column, width in zip((1, 2, 3), widths):  # fixed: sizing to contents would read every row
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.sections: dict[Group, RowRef] = {}

    def fill(self, groups: dict[Group, list[Entity]]) -> None:
        super().fill([Section(f"{GROUP_TITLES[group]} ({len(entities)})", [_entity_row(e) for e in entities])
                      for group, entities in groups.items()])
        self.sections = {group: self.section_ref(row) for row, group in enumerate(groups)}


def _entity_row(entity: Entity) -> Row:
    variants = [v for v in entity.variants if v != entity.name]
    name = entity.name + ("\n   also: " + ", ".join(variants) if variants else "")
    texts = (name, str(len(entity.left)), str(len(entity.right)), PRESENCE_LABELS[entity.presence])
    return Row(texts, lambda: _entity_tooltip(entity), entity)


def _entity_tooltip(entity: Entity) -> str:
    lines = [f"{entity.name} ({entity.label})", f"left: {len(entity.left)} mentions, right: {len(entity.right)}"]
    if entity.value is not None:
        lines.append(f"value: {entity.value.bound} {entity.value.canonical}".replace("exact ", ""))
    lines.append("Click to show it; click again to step through its mentions.")
    return "\n".join(lines)


class FactTree(SectionTree):
    """Passages only one source reports, and the discrepancies, one line each (full text as tooltip)."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(SectionModel(("Fact",)), parent)
        self.setHeaderHidden(True)


class Sidebar(QWidget):
    """Summary on top, a search box and presence filter, then one tab per entity group and the facts."""

    entitySelected = Signal(object)  # Entity: mark its mentions, step to the next one
    segmentRequested = Signal(str, int)  # side, segment id: an only-in-one-source passage
    discrepancyRequested = Signal(object)  # Discrepancy

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.comparison: Optional[Comparison] = None
        self.summary = QLabel("Analysing…")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setObjectName("summary")
        self.search = QLineEdit(placeholderText="Filter entities and facts")
        self.search.setClearButtonEnabled(True)
        self.only_one = QCheckBox("Only in one source")
        self.only_one.setToolTip("Show only entities and facts that one source reports and the other does not")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.entities = EntityTree()
        self.entities.clicked.connect(self._on_entity_clicked)
        self.entities.activated.connect(self._on_entity_clicked)
        self.facts = FactTree()
        self.facts.clicked.connect(self._on_fact_clicked)
        self.facts.activated.connect(self._on_fact_clicked)
        self.tabs.addTab(self.facts, "Facts")
        self.tabs.addTab(self.entities, "Entities")
        self._layout()
        self.search.textChanged.connect(self._refill)
        self.only_one.toggled.connect(self._refill)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.only_one)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.summary)
        box.addLayout(filters)
        box.addWidget(self.tabs, 1)
        self.setMinimumWidth(240)

    # ------------------------------------------------------------------ content
    def set_comparison(self, comparison: Optional[Comparison]) -> None:
        self.comparison = comparison
        self.summary.setText(summary_text(comparison) if comparison else "Analysing…")
        self._refill()

    def clear(self, message: str = "Analysing…") -> None:
        self.set_comparison(None)
        self.summary.setText(message)

    def _refill(self) -> None:
        self.setUpdatesEnabled(False)
        try:
            self._fill()
        finally:
            self.setUpdatesEnabled(True)

    def _fill(self) -> None:
        needle = self.search.text().strip().casefold()
        one_side = self.only_one.isChecked()
        entities = self.comparison.entities if self.comparison else ()
        groups: dict[Group, list[Entity]] = {}
        for group in GROUP_TITLES:
            shown = [e for e in entities if e.group is group and _entity_matches(e, needle, one_side)]
            shown.sort(key=lambda e: (-(len(e.left) + len(e.right)), e.name.casefold()))
            groups[group] = shown
        self.entities.fill(groups)
        total = sum(len(v) for v in groups.values())
        self.tabs.setTabText(self.tabs.indexOf(self.entities), f"Entities ({total})")
        count = self._fill_facts(needle, one_side)
        self.tabs.setTabText(self.tabs.indexOf(self.facts), f"Facts ({count})")

    def _fill_facts(self, needle: str, one_side: bool) -> int:
        comparison = self.comparison
        if comparison is None:
            self.facts.fill([])
            return 0
        sections = []
        for side in (Side.LEFT, Side.RIGHT):
            analysis = comparison.side(side)
            title = analysis.document.title or analysis.document.name
            ids = comparison.unique(side)
            if needle:
                ids = [i for i in ids if needle in analysis.segment_text(i).casefold()]
            marker = "◀" if side is Side.LEFT else "▶"
            sections.append(Section(f"{marker} Only in the {side.value} source ({len(ids)})",
                                    [_passage_row(analysis, side, i) for i in ids], f"Passages only {title} reports"))
        if not one_side:
            shown = [d for d in comparison.discrepancies
                     if not needle or needle in f"{d.left_text} {d.right_text}".casefold()]
            rows = [Row((f"≠ {d.about or d.kind}: “{excerpt(d.left_text, 40)}” vs “{excerpt(d.right_text, 40)}”",),
                        lambda d=d: self._discrepancy_tooltip(d), ("discrepancy", d)) for d in shown]
            sections.append(Section(f"≠ Discrepancies ({len(shown)})", rows))
        self.facts.fill(sections)
        return sum(len(section.rows) for section in sections)

    def _discrepancy_tooltip(self, disc) -> str:
        comparison = self.comparison
        link = comparison.links[disc.link] if 0 <= disc.link < len(comparison.links) else None
        if link is None:
            return f"{disc.left_text} / {disc.right_text}"
        left = " ".join(comparison.left.segment_text(i) for i in link.left)
        right = " ".join(comparison.right.segment_text(i) for i in link.right)
        return f"Left: {tooltip_text(left)}\n\nRight: {tooltip_text(right)}"

    # ------------------------------------------------------------------ clicks
    def _on_entity_clicked(self, index: QModelIndex) -> None:
        entity = index.siblingAtColumn(0).data(ROLE)
        if isinstance(entity, Entity):
            self.activate_entity(entity)

    def activate_entity(self, entity: Entity) -> None:
        """Ask the view to show the entity; the view steps to its next mention on every further request."""
        self.entitySelected.emit(entity)

    def _on_fact_clicked(self, index: QModelIndex) -> None:
        data = index.siblingAtColumn(0).data(ROLE)
        if not data:
            return
        if data[0] == "segment":
            self.segmentRequested.emit(data[1], data[2])
        elif data[0] == "discrepancy":
            self.discrepancyRequested.emit(data[1])

    # ------------------------------------------------------------------ helpers for tests / the app
    def entity_items(self, group: Group) -> list[RowRef]:
        """The rows of one group's section (``text(column)``, ``data(0, ROLE)`` is the Entity)."""
        groups = list(self.entities.sections)
        return self.entities.row_refs(groups.index(group)) if group in groups else []

    def fact_items(self) -> list[RowRef]:
        return [ref for row in range(self.facts.section_model.rowCount()) for ref in self.facts.row_refs(row)]


def _passage_row(analysis, side: Side, seg_id: int) -> Row:
    """A passage only one source reports: its excerpt and tooltip are made when the row is shown."""
    return Row(lambda: (excerpt(analysis.segment_text(seg_id)),), lambda: tooltip_text(analysis.segment_text(seg_id)),
               ("segment", side.value, seg_id))


def _entity_matches(entity: Entity, needle: str, one_side: bool) -> bool:
    if one_side and entity.presence is Presence.BOTH:
        return False
    if not needle:
        return True
    return any(needle in name.casefold() for name in (entity.name, *entity.variants))
