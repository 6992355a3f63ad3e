"""The sidebar: a summary, entity lists per group (with presence markers and spelling variants) and the facts.

It only shows a :class:`Comparison` and emits what the user asked for; the composition root connects these
signals to the comparison view.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import Comparison, Entity, Group, Presence, Side

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
ROLE = Qt.ItemDataRole.UserRole
EXCERPT_CHARS = 90


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """One line of at most ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


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


class EntityTree(QTreeWidget):
    """All entities in one list: a section per group; per entity its name (variants below), mentions left and
    right, and presence as a symbol plus words."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(["Name", "Left", "Right", "In"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setIndentation(12)
        self.setWordWrap(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        self.headerItem().setToolTip(1, "Mentions in the left source")
        self.headerItem().setToolTip(2, "Mentions in the right source")
        self.headerItem().setToolTip(3, "◆ both sources · ◀ left only · ▶ right only")
        self.sections: dict[Group, QTreeWidgetItem] = {}

    def fill(self, groups: dict[Group, list[Entity]]) -> None:
        self.clear()
        self.sections = {}
        for group, entities in groups.items():
            section = QTreeWidgetItem([f"{GROUP_TITLES[group]} ({len(entities)})"])
            font = QFont(section.font(0))
            font.setBold(True)
            section.setFont(0, font)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(section)
            section.setFirstColumnSpanned(True)
            self.sections[group] = section
            for entity in entities:
                section.addChild(_entity_item(entity))
            section.setExpanded(bool(entities))


def _entity_item(entity: Entity) -> QTreeWidgetItem:
    variants = [v for v in entity.variants if v != entity.name]
    name = entity.name + ("\n   also: " + ", ".join(variants) if variants else "")
    item = QTreeWidgetItem([name, str(len(entity.left)), str(len(entity.right)), PRESENCE_LABELS[entity.presence]])
    item.setData(0, ROLE, entity)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setToolTip(0, _entity_tooltip(entity))
    return item


def _entity_tooltip(entity: Entity) -> str:
    lines = [f"{entity.name} ({entity.label})", f"left: {len(entity.left)} mentions, right: {len(entity.right)}"]
    if entity.value is not None:
        lines.append(f"value: {entity.value.bound} {entity.value.canonical}".replace("exact ", ""))
    lines.append("Click to show it; click again to step through its mentions.")
    return "\n".join(lines)


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
        self.entities.itemClicked.connect(self._on_entity_clicked)
        self.entities.itemActivated.connect(self._on_entity_clicked)
        self.facts = QTreeWidget()
        self.facts.setHeaderHidden(True)
        self.facts.setIndentation(12)
        self.facts.itemClicked.connect(self._on_fact_clicked)
        self.facts.itemActivated.connect(self._on_fact_clicked)
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
        self.facts.clear()
        comparison = self.comparison
        if comparison is None:
            return 0
        total = 0
        for side in (Side.LEFT, Side.RIGHT):
            analysis = comparison.side(side)
            title = analysis.document.title or analysis.document.name
            rows = [(seg_id, analysis.segment_text(seg_id)) for seg_id in comparison.unique(side)]
            rows = [(i, t) for i, t in rows if not needle or needle in t.casefold()]
            marker = "◀" if side is Side.LEFT else "▶"
            group = self._fact_group(f"{marker} Only in the {side.value} source ({len(rows)})")
            group.setToolTip(0, f"Passages only {title} reports")
            for seg_id, text in rows:
                item = QTreeWidgetItem([excerpt(text)])
                item.setToolTip(0, text)
                item.setData(0, ROLE, ("segment", side.value, seg_id))
                group.addChild(item)
            total += len(rows)
        if not one_side:
            shown = [d for d in comparison.discrepancies
                     if not needle or needle in f"{d.left_text} {d.right_text}".casefold()]
            group = self._fact_group(f"≠ Discrepancies ({len(shown)})")
            for disc in shown:
                item = QTreeWidgetItem([f"≠ {disc.kind}: “{excerpt(disc.left_text, 40)}” vs "
                                        f"“{excerpt(disc.right_text, 40)}”"])
                item.setToolTip(0, self._discrepancy_tooltip(disc))
                item.setData(0, ROLE, ("discrepancy", disc))
                group.addChild(item)
            total += len(shown)
        self.facts.expandAll()
        return total

    def _fact_group(self, title: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem([title])
        font = QFont(group.font(0))
        font.setBold(True)
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.facts.addTopLevelItem(group)
        return group

    def _discrepancy_tooltip(self, disc) -> str:
        comparison = self.comparison
        link = comparison.links[disc.link] if 0 <= disc.link < len(comparison.links) else None
        if link is None:
            return f"{disc.left_text} / {disc.right_text}"
        left = " ".join(comparison.left.segment_text(i) for i in link.left)
        right = " ".join(comparison.right.segment_text(i) for i in link.right)
        return f"Left: {left}\n\nRight: {right}"

    # ------------------------------------------------------------------ clicks
    def _on_entity_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entity = item.data(0, ROLE)
        if isinstance(entity, Entity):
            self.activate_entity(entity)

    def activate_entity(self, entity: Entity) -> None:
        """Ask the view to show the entity; the view steps to its next mention on every further request."""
        self.entitySelected.emit(entity)

    def _on_fact_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ROLE)
        if not data:
            return
        if data[0] == "segment":
            self.segmentRequested.emit(data[1], data[2])
        elif data[0] == "discrepancy":
            self.discrepancyRequested.emit(data[1])

    # ------------------------------------------------------------------ helpers for tests / the app
    def entity_items(self, group: Group) -> list[QTreeWidgetItem]:
        section = self.entities.sections.get(group)
        return [section.child(i) for i in range(section.childCount())] if section else []

    def fact_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.facts.topLevelItemCount()):
            group = self.facts.topLevelItem(i)
            items.extend(group.child(j) for j in range(group.childCount()))
        return items


def _entity_matches(entity: Entity, needle: str, one_side: bool) -> bool:
    if one_side and entity.presence is Presence.BOTH:
        return False
    if not needle:
        return True
    return any(needle in name.casefold() for name in (entity.name, *entity.variants))
