"""A light, lazily read item model for the sidebar's lists: sections (a bold title each) holding rows.

Filling it costs one Python list per section, whatever the number of rows; the tree view asks for the text of
the rows it shows only. (A QTreeWidget builds one item object per entity, several calls into Qt each: for the
thousands of entities of two long articles that held up the window for a sizeable part of a second.)
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


@dataclass
class Row:
    texts: tuple[str, ...]
    tooltip: Tip = ""
    payload: Any = None


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
        if index.internalPointer() is ROOT:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        owner, column = index.internalPointer(), index.column()
        if owner is ROOT:
            section = self.sections[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return section.title if column == 0 else None
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole:
                return section.tooltip or None
            return None
        row = owner.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column] if column < len(row.texts) else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.tooltip() if callable(row.tooltip) else row.tooltip
        if role == ROLE and column == 0:
            return row.payload
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        self.section_model.set_sections(sections)
        root = QModelIndex()
        for row in range(len(sections)):
            self.setFirstColumnSpanned(row, root, True)
        self.expandAll()  # one layout pass for all sections

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
