"""ComparisonView: the two aligned reading panes, the connector gutter, overview strips, navigation and find.

Layout: ``[map | left text | gutter | right text | map]`` under two pane headers, with a find bar and a legend below.

The view is split by responsibility into mixins: :mod:`reader.ui.view_geometry` (char formats and geometry, a
slice at a time for long texts), :mod:`reader.ui.view_nav` (selection, difference navigation, entities, find) and
:mod:`reader.ui.view_menu` (context menu, tooltips, copy). This module builds the widgets, takes documents and
comparisons, keeps the panes, gutter and maps in step while scrolling, and handles zoom and theme.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette, QShortcut, QTextCharFormat
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from reader.core.model import Comparison, Document, Side
from reader.ui.find_bar import FindBar
from reader.ui.gutter import LinkGutter
from reader.ui.highlight import Formats, SideIndex, link_ids
from reader.ui.overview import OverviewMark, OverviewStrip
from reader.ui.palette import LegendWidget, Theme, resolve_theme
from reader.ui.pane import DEFAULT_POINT_SIZE, PaneHeader, PaneText
from reader.ui.view_geometry import ViewGeometry
from reader.ui.view_menu import ViewMenu, as_side
from reader.ui.view_nav import MAX_FIND_MARKS, READING_LINE, ViewNavigation, ViewSelection

__all__ = ["ComparisonView", "MAX_FIND_MARKS", "MAX_POINT_SIZE", "MIN_POINT_SIZE", "READING_LINE"]

MIN_POINT_SIZE, MAX_POINT_SIZE = 7.0, 32.0


class ComparisonView(ViewGeometry, ViewSelection, ViewNavigation, ViewMenu, QWidget):
    """The central comparison widget of the desktop reader."""

    passageSelected = Signal(str, int)
    linkRequested = Signal(tuple, tuple)
    unlinkRequested = Signal(int)
    fileDropped = Signal(str, str)
    statusMessage = Signal(str)

    def __init__(self, parent: QWidget | None = None, theme: str = "system") -> None:
        super().__init__(parent)
        self._theme_name = theme
        self.theme: Theme = resolve_theme(theme)
        self.formats = Formats(self.theme)
        self.panes = {s: PaneText(s, self) for s in Side}
        self.headers = {s: PaneHeader(self) for s in Side}
        self.overviews = {s: OverviewStrip(self) for s in Side}
        self.gutter = LinkGutter(self)
        self.find_bar = FindBar(self)
        self.legend = LegendWidget(self, self.theme)
        self.comparison: Comparison | None = None
        self.documents: dict[Side, Document | None] = {Side.LEFT: None, Side.RIGHT: None}
        self._index: dict[Side, SideIndex] = {}
        self._init_geometry()
        self._selection: dict[Side, tuple[int, ...]] = {Side.LEFT: (), Side.RIGHT: ()}
        self._active = Side.LEFT
        self._position: tuple[Side, int] | None = None  # where difference navigation stands
        self._entity_key: tuple[str, str] | None = None
        self._entity_step = -1
        self._find_at: tuple[Side, int] | None = None
        self._find_cache: dict[tuple[Side, str], list[tuple[int, int]]] = {}
        self._scroll_lock = False
        self._syncing = False
        self._build_layout()
        self._connect()
        self.set_theme(theme)

    # ------------------------------------------------------------------ construction
    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self.headers[Side.LEFT], 0, 0, 1, 2)
        grid.addWidget(self.headers[Side.RIGHT], 0, 3, 1, 2)
        grid.addWidget(self.overviews[Side.LEFT], 1, 0)
        grid.addWidget(self.panes[Side.LEFT], 1, 1)
        grid.addWidget(self.gutter, 1, 2)
        grid.addWidget(self.panes[Side.RIGHT], 1, 3)
        grid.addWidget(self.overviews[Side.RIGHT], 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(grid, 1)
        outer.addWidget(self.find_bar)
        outer.addWidget(self.legend)
        self.find_bar.hide()
        self.find_shortcut = QShortcut(QKeySequence.Find, self, self.show_find_bar)
        self.find_shortcut.setContext(Qt.WidgetWithChildrenShortcut)

    def _connect(self) -> None:
        for side, pane in self.panes.items():
            pane.segmentClicked.connect(lambda off, ext, s=side: self._on_click(s, off, ext))
            pane.contextMenuAt.connect(lambda pos, off, s=side: self._show_menu(s, pos, off))
            pane.fileDropped.connect(lambda path, s=side: self.fileDropped.emit(s.value, path))
            pane.layoutChanged.connect(self._start_geometry)
            pane.focused.connect(lambda s=side: self.set_active_side(s))
            pane.verticalScrollBar().valueChanged.connect(lambda _v, s=side: self._on_scroll(s))
            pane.verticalScrollBar().rangeChanged.connect(lambda _a, _b, s=side: self._on_scroll(s))
            pane.tooltip_provider = lambda off, s=side: self._tooltip(s, off)
            self.overviews[side].jumpRequested.connect(lambda f, s=side: self._overview_jump(s, f))
            self.overviews[side].markClicked.connect(lambda m, s=side: self._overview_mark(s, m))
        self.gutter.bandClicked.connect(self._on_band_clicked)
        self.find_bar.findRequested.connect(self._on_find_requested)
        self.find_bar.closed.connect(self._on_find_closed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    # ------------------------------------------------------------------ documents and comparison
    def set_documents(self, left: Document, right: Document, displays: dict | None = None) -> None:
        """Show both texts at once, without highlights (a long text is laid out a slice at a time).

        ``displays`` maps a document's ``id()`` to its prepared :class:`reader.ui.display.Display` (the loading
        task makes them off the UI thread); missing ones are made here."""
        self.comparison = None
        self._index = {}
        displays = displays or {}
        for side, document in ((Side.LEFT, left), (Side.RIGHT, right)):
            self.documents[side] = document
            self.panes[side].set_document(document, displays.get(id(document)))
            self.headers[side].set_document(document, display=self.panes[side].display)
        self._reset_state()
        self._start_geometry()  # no comparison: drops bands and marks of the previous one
        if sum(len(d.text) for d in (left, right)) > self.sync_chars:
            self._start_layout()

    def set_comparison(self, comparison: Comparison) -> None:
        """Apply highlights, connectors, margin marks and overview marks of a comparison (a slice at a time
        for long texts: see :meth:`geometry_pending`)."""
        for side in Side:
            shown = self.documents[side]
            if shown is None or shown.text != comparison.side(side).document.text:
                self.set_documents(comparison.left.document, comparison.right.document)
                break
        self.comparison = comparison
        self._index = {s: SideIndex.build(comparison, s) for s in Side}
        self._reset_state()
        self._start_geometry(formats=True)

    def clear_comparison(self) -> None:
        self.comparison = None
        self._index = {}
        self._reset_state()
        self._start_geometry(formats=True, reset=True)

    def _reset_state(self) -> None:
        self._selection = {Side.LEFT: (), Side.RIGHT: ()}
        self._position = None
        self._entity_key, self._entity_step = None, -1
        self._find_at = None
        self._find_cache.clear()
        self.gutter.set_selected(None)
        for pane in self.panes.values():
            for layer in ("entity", "find"):
                pane.set_layer(layer, [], QTextCharFormat())
            pane.set_selected_regions([])

    # ------------------------------------------------------------------ scrolling
    def _on_scroll(self, side: Side) -> None:
        self._sync_views()
        if self._scroll_lock and not self._syncing:
            self._syncing = True
            try:
                self._follow(side)
            finally:
                self._syncing = False

    def _sync_views(self) -> None:
        left, right = self.panes[Side.LEFT], self.panes[Side.RIGHT]
        self.gutter.set_scroll(left.scroll_offset(), right.scroll_offset())
        for side, pane in self.panes.items():
            bar = pane.verticalScrollBar()  # its range follows the (possibly still growing) layout
            height = self._map_height(pane)
            self.overviews[side].set_region(bar.value() / height, (bar.value() + bar.pageStep()) / height)

    def set_scroll_lock(self, on: bool) -> None:
        """Keep the panes in step through the links."""
        self._scroll_lock = bool(on)
        if on:
            self._on_scroll(self._active)

    def scroll_lock(self) -> bool:
        return self._scroll_lock

    def counterpart_y(self, side: Side | str, y: float) -> float:
        """Document y in the other pane matching y in this one, interpolated between linked passages."""
        return self._maps[as_side(side)].counterpart(y)

    def _follow(self, side: Side) -> None:
        pane, other = self.panes[side], self.panes[side.other]
        y = pane.scroll_offset() + pane.viewport().height() * READING_LINE
        target = self.counterpart_y(side, y) - other.viewport().height() * READING_LINE
        bar = other.verticalScrollBar()
        bar.setValue(int(max(bar.minimum(), min(bar.maximum(), target))))

    def _overview_jump(self, side: Side, fraction: float) -> None:
        """A click (or drag) on the map between marks: centre the pane on that point of the document."""
        pane = self.panes[side]
        height = self._map_height(pane)
        bar = pane.verticalScrollBar()
        bar.setValue(int(min(bar.maximum(), max(0.0, fraction * height - pane.viewport().height() / 2))))
        self._active = side

    def _overview_mark(self, side: Side, mark: OverviewMark) -> None:
        """A click on a mark of the map: show that passage from its start, at the reading line."""
        self._active = side
        if mark.y_top is None:
            self._overview_jump(side, (mark.top + mark.bottom) / 2)
            return
        pane = self.panes[side]
        pane.scroll_to_y(mark.y_top, mark.y_bottom, where=READING_LINE)

    # ------------------------------------------------------------------ zoom and theme
    def font_size(self) -> float:
        return self.panes[Side.LEFT].point_size

    def set_font_size(self, pt: float) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(pt)))
        for pane in self.panes.values():
            pane.set_point_size(size)
        self._start_geometry()
        self.statusMessage.emit(f"Text size {size:g} pt")

    def zoom_in(self) -> None:
        self.set_font_size(self.font_size() + 1)

    def zoom_out(self) -> None:
        self.set_font_size(self.font_size() - 1)

    def reset_zoom(self) -> None:
        self.set_font_size(DEFAULT_POINT_SIZE)

    def set_theme(self, name: str) -> None:
        """"light", "dark" or "system" (follows the desktop's colour scheme)."""
        self.theme = resolve_theme(name)
        self._theme_name = name
        self.formats = Formats(self.theme)
        for side in Side:
            self.panes[side].set_formats(self.formats)
            self.headers[side].set_theme(self.theme)
            self.overviews[side].set_theme(self.theme)
        if any(self.documents.values()):
            self._start_geometry(formats=True, reset=True)  # char formats carry the theme's colours
        self.gutter.set_theme(self.theme)
        self.legend.set_theme(self.theme)
        pal = self.palette()
        for role, colour in ((QPalette.Window, self.theme.header_bg), (QPalette.WindowText, self.theme.header_text),
                             (QPalette.Base, self.theme.base), (QPalette.Text, self.theme.text),
                             (QPalette.Button, self.theme.header_bg), (QPalette.ButtonText, self.theme.header_text)):
            pal.setColor(role, QColor(colour))
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self._show_selection()

    def theme_name(self) -> str:
        return self._theme_name

    def _on_system_scheme(self, _scheme) -> None:
        if self._theme_name == "system":
            self.set_theme("system")

    def set_active_side(self, side: Side | str) -> None:
        self._active = as_side(side)

    def link_ids_of(self, side: Side | str, link_index: int) -> tuple[int, ...]:
        return link_ids(self.comparison.links[link_index], as_side(side)) if self.comparison else ()
