"""A light, lazily read item model for the sidebar's lists: sections (a bold title each) holding rows.

Filling it costs one Python list per section, whatever the number of rows; the tree view asks for the text of
the rows it shows only. (A QTreeWidget builds one item object per entity, several calls into Qt each: for the
thousands of entities of two long articles that held up the window for a sizeable part of a second.) Laying the
rows out still calls into Python a few times per row (~10 us a row): :meth:`SectionTree.fill` leaves that to the
view's own delayed layout, on a later turn of the event loop for the list shown, and for a list on a hidden tab
only once that tab is opened.
:class:`RowRef` and :class:`SectionTree` offer the few item calls tests and the app use (``text(column)``,
``data(column, role)``, ``toolTip(column)``, ``scrollToItem``, ``visualItemRect``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Union

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeView, QWidget

ROLE = Qt.ItemDataRole.UserRole
Tip = Union[str, Callable[[], str]]
Texts = Union[tuple[str, ...], Callable[[], tuple[str, ...]]]
# Read once: an enum member looked up in data() costs more than the rest of the call.
DISPLAY, FONT, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
SECTION_FLAGS = Qt.ItemFlag.ItemIsEnabled
# Rows never have children: the view then does not ask each row for its children while it lays the list out.
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


@dataclass
class Row:
    texts: Texts  # one per column, or a function giving them (made when the row is shown, not for every row)
    tooltip: Tip = ""
    payload: Any = None

    def text(self, column: int) -> Optional[str]:
        texts = self.texts() if callable(self.texts) else self.texts
        return texts[column] if column < len(texts) else None


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)
    tooltip: str = ""


class _Root:
    """internalPointer of section indexes (rows point at their Section)."""


ROOT = _Root()


class SectionModel(QAbstractItemModel):
    """Sections of rows, read by the view on demand."""

    def __init__(self, headers: tuple[str, ...], header_tips: tuple[str, ...] = (),
                 right_aligned: tuple[int, ...] = (), parent=None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.header_tips = header_tips
        self.right_aligned = frozenset(right_aligned)
        self.sections: list[Section] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_sections(self, sections: list[Section]) -> None:
        self.beginResetModel()
        self.sections = sections
        self.endResetModel()

    # ------------------------------------------------------------------ QAbstractItemModel
    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            ok = 0 <= row < len(self.sections)
            return self.createIndex(row, column, ROOT) if ok else QModelIndex()
        section = self.sections[parent.row()]
        return self.createIndex(row, column, section) if 0 <= row < len(section.rows) else QModelIndex()

    def parent(self, index=QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        owner = index.internalPointer()
        if owner is ROOT:
            return QModelIndex()
        return self.createIndex(self.sections.index(owner), 0, ROOT)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self.sections)
        if parent.internalPointer() is ROOT and parent.column() == 0:
            return len(self.sections[parent.row()].rows)
        return 0

    def columnCount(self, _parent=QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.headers)

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return SECTION_FLAGS if index.internalPointer() is ROOT else ROW_FLAGS

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        owner, column = index.internalPointer(), index.column()
        if owner is ROOT:
            section = self.sections[index.row()]
            if role == DISPLAY:
                return section.title if column == 0 else None
            if role == FONT:
                return self._bold
            if role == TOOLTIP:
                return section.tooltip or None
            return None
        row = owner.rows[index.row()]
        if role == DISPLAY:
            return row.text(column)
        if role == TOOLTIP and column == 0:
            return row.tooltip() if callable(row.tooltip) else row.tooltip
        if role == ROLE and column == 0:
            return row.payload
        if role == ALIGNMENT and column in self.right_aligned:
            return RIGHT_ALIGNED
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.header_tips):
            return self.header_tips[section] or None
        return None


class RowRef:
    """One row (or section title) of a :class:`SectionModel`, read like a tree widget item."""

    def __init__(self, model: SectionModel, index: QModelIndex) -> None:
        self.model = model
        self.index = QPersistentModelIndex(index)

    def _at(self, column: int) -> QModelIndex:
        return self.model.index(self.index.row(), column, self.index.parent())

    def text(self, column: int = 0) -> str:
        return self.model.data(self._at(column), Qt.ItemDataRole.DisplayRole) or ""

    def data(self, column: int, role: int) -> Any:
        return self.model.data(self._at(column), role)

    def toolTip(self, column: int = 0) -> str:  # noqa: N802 (reads like QTreeWidgetItem)
        return self.model.data(self._at(column), Qt.ItemDataRole.ToolTipRole) or ""

    def childCount(self) -> int:  # noqa: N802
        return self.model.rowCount(QModelIndex(self.index))


class SectionTree(QTreeView):
    """A tree view of a :class:`SectionModel`: section titles span the row and start expanded."""

    def __init__(self, model: SectionModel, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.section_model = model
        self.setModel(model)
        self.setIndentation(12)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setUniformRowHeights(False)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)

    def fill(self, sections: list[Section]) -> None:
        """Show these sections, expanded. The view lays the rows out later, in one pass: on the event loop's next
        turn (when shown; a hidden tab's list when the tab is opened) or when something needs a row's place."""
        model = self.section_model
        model.set_sections(sections)
        if model.columnCount() > 1:  # titles across all columns (with any, the view looks each row up once more)
            for row in range(len(sections)):
                self.setFirstColumnSpanned(row, QModelIndex(), True)  # lays out the section titles only
        self.scheduleDelayedItemsLayout()  # expanding now only records which sections are open
        for row in range(len(sections)):
            self.expand(model.index(row, 0))

    def section_ref(self, row: int) -> RowRef:
        return RowRef(self.section_model, self.section_model.index(row, 0))

    def row_refs(self, section_row: int) -> list[RowRef]:
        parent = self.section_model.index(section_row, 0)
        model = self.section_model
        return [RowRef(model, model.index(r, 0, parent)) for r in range(model.rowCount(parent))]

    def scrollToItem(self, ref: RowRef) -> None:  # noqa: N802 (as QTreeWidget)
        self.scrollTo(QModelIndex(ref.index))

    def visualItemRect(self, ref: RowRef):  # noqa: N802 (as QTreeWidget)
        return self.visualRect(QModelIndex(ref.index))
