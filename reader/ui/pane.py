"""One reading pane: a read-only rich-text view of an article laid out as prose, plus its header.

The pane knows nothing about links; the view feeds it formats, margin marks and transient highlights
(selection, flash, entity mentions, find matches) and listens to its signals.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen, QTextBlockFormat, QTextCharFormat, QTextCursor,
    QTextDocument, QTextFormat,
)
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QToolTip, QVBoxLayout, QWidget

from reader.core.model import Document, Side
from reader.ui.highlight import Formats, OffsetMap, apply_structure, display_text
from reader.ui.palette import LIGHT, Theme

READING_FONT = "DejaVu Serif"
DEFAULT_POINT_SIZE = 11.5
LINE_HEIGHT = 140  # percent
MAX_LINE_CHARS = 74  # comfortable measure; wider panes get wider margins
MIN_MARGIN = 26  # leaves room for the margin marks


@dataclass(frozen=True)
class MarginMark:
    """A bar or glyph in the pane's left margin: the second cue besides colour."""

    top: float  # document y
    bottom: float
    kind: str  # "unique" | "discrepancy" | "selected"


@dataclass(frozen=True)
class Region:
    """A shaded passage painted behind the text (document y-range and char span); its per-line rects are
    computed when it first scrolls into view and cached until the layout changes."""

    top: float
    bottom: float
    start: int
    end: int
    kind: str  # "identical" | "near" | "paraphrase" | "unique" | "selected" | "flash"


class PaneHeader(QFrame):
    """Source title above a pane, with file name and word count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.setSpacing(1)
        self.title = QLabel("No document", self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title.setFont(font)
        self.detail = QLabel("Drop a file here or use File ▸ Open", self)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        for label in (self.title, self.detail):
            label.setTextFormat(Qt.PlainText)
            lay.addWidget(label)

    def set_document(self, document: Document, source_label: str = "") -> None:
        self.title.setText(source_label or document.title or document.name)
        self.detail.setText(f"{document.name} · {document.word_count:,} words")
        self.setToolTip(document.path or document.name)

    def set_theme(self, theme: Theme) -> None:
        self.setStyleSheet(
            f"QFrame#paneHeader {{ background: {theme.header_bg}; border: none; }}"
            f"QFrame#paneHeader QLabel {{ color: {theme.header_text}; background: transparent; }}"
        )


class PaneText(QTextEdit):
    """The article text: soft-wrapped serif prose, read-only, selectable; reports clicks, drops and menus."""

    segmentClicked = Signal(int, bool)  # char offset (Python str), extend selection (Ctrl held)
    contextMenuAt = Signal(QPoint, int)  # global position, char offset (-1 if none)
    fileDropped = Signal(str)
    layoutChanged = Signal()  # geometry of the text changed (resize, zoom, new document)
    focused = Signal()

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.document_model: Document | None = None
        self.omap = OffsetMap("")
        self.theme = LIGHT
        self.formats = Formats(LIGHT)
        self.point_size = DEFAULT_POINT_SIZE
        self.tooltip_provider = None  # callable(offset) -> str
        self.formatted = False  # comparison char formats applied (a reset is needed before new ones)
        self.wants_geometry = False  # the view shows a comparison and needs layoutChanged
        self._marks: list[MarginMark] = []
        self._mark_tops: list[float] = []
        self._mark_span = 0.0
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._regions: list[Region] = []
        self._rect_cache: dict[tuple[int, int], tuple[QRectF, ...]] = {}
        self._region_tops: list[float] = []
        self._region_span = 0.0
        self._selected_regions: list[Region] = []
        self._selected_paths: list[QPainterPath] = []
        self._flash_regions: list[Region] = []
        self._flash_alpha = 0.0
        self._press: QPoint | None = None
        self._flash = QVariantAnimation(self, startValue=1.0, endValue=0.0, duration=900)
        self._flash.valueChanged.connect(self._flash_step)
        self._layout_timer = QTimer(self, singleShot=True, interval=120)
        self._layout_timer.timeout.connect(self._maybe_layout_changed)
        self._geometry_key: tuple = ()
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setFrameShape(QFrame.NoFrame)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # read-only QTextEdit turns drops off; files may still be dropped
        self.setLineWrapMode(QTextEdit.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # the overview strip is the scrollbar
        self._install_document(QTextDocument(self))

    # ------------------------------------------------------------------ document
    def _install_document(self, qdoc: QTextDocument) -> None:
        qdoc.setUndoRedoEnabled(False)
        qdoc.setDefaultFont(self.reading_font())
        qdoc.setDocumentMargin(0)
        old = getattr(self, "_qdoc", None)
        self.setDocument(qdoc)
        self.setCursorWidth(0)  # read-only: no blinking caret
        self._qdoc = qdoc
        if old is not None and old is not qdoc and shiboken6.isValid(old):
            old.deleteLater()
        qdoc.documentLayout().documentSizeChanged.connect(lambda _s: self._layout_timer.start())
        self._update_margins()

    def geometry_key(self) -> tuple:
        size = self.document().documentLayout().documentSize()
        return (self.viewport().width(), self.point_size, size.width(), size.height(), id(self.document()))

    def mark_geometry_current(self) -> None:
        """The view computed geometry from the current layout: no layoutChanged until it changes again."""
        self._geometry_key = self.geometry_key()

    def _maybe_layout_changed(self) -> None:
        if not self.wants_geometry:  # no comparison shown: let Qt finish the layout lazily
            return
        if self.geometry_key() != self._geometry_key:
            self.layoutChanged.emit()

    def reading_font(self) -> QFont:
        font = QFont(READING_FONT)
        font.setStyleHint(QFont.Serif)
        font.setPointSizeF(self.point_size)
        return font

    def set_document(self, document: Document) -> None:
        """Show an article at once, without comparison highlights."""
        self.document_model = document
        self.formatted = False
        text = display_text(document.text)
        self.omap = OffsetMap(text)
        qdoc = QTextDocument(self)
        qdoc.setUndoRedoEnabled(False)
        qdoc.setDefaultFont(self.reading_font())
        qdoc.setDocumentMargin(0)
        self._apply_margins(qdoc)  # before the text: the document is laid out once
        qdoc.setPlainText(text)
        self._format_blocks(qdoc)
        apply_structure(qdoc, document, self.omap, self.formats)
        self._marks, self._mark_tops = [], []
        self._layers.clear()
        self.set_regions([])
        self._selected_regions, self._flash_regions = [], []
        self._install_document(qdoc)
        self.setExtraSelections([])
        self.verticalScrollBar().setValue(0)

    def _format_blocks(self, qdoc: QTextDocument) -> None:
        """Line height ~1.4 and paragraph spacing; blank lines collapse to a thin gap."""
        para = QTextBlockFormat()
        para.setLineHeight(LINE_HEIGHT, QTextBlockFormat.ProportionalHeight.value)
        para.setBottomMargin(round(self.point_size * 0.8))
        blank = QTextBlockFormat()
        blank.setLineHeight(1, QTextBlockFormat.FixedHeight.value)
        cursor = QTextCursor(qdoc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.Document)
        cursor.setBlockFormat(para)
        block = qdoc.begin()
        while block.isValid():
            if block.length() <= 1:
                cursor.setPosition(block.position())
                cursor.setBlockFormat(blank)
            block = block.next()
        cursor.endEditBlock()

    def set_formats(self, formats: Formats) -> None:
        self.theme = formats.theme
        self.formats = formats
        pal = self.palette()
        pal.setColor(QPalette.Base, QColor(self.theme.base))
        pal.setColor(QPalette.Text, QColor(self.theme.text))
        pal.setColor(QPalette.Highlight, QColor(self.theme.selected))
        pal.setColor(QPalette.HighlightedText, QColor(self.theme.selected_text))
        self.setPalette(pal)
        self.viewport().setPalette(pal)
        self.viewport().update()

    def set_point_size(self, size: float) -> None:
        self.point_size = size
        qdoc = self.document()
        qdoc.setDefaultFont(self.reading_font())
        self._format_blocks(qdoc)
        self._update_margins()

    # ------------------------------------------------------------------ geometry
    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_margins()
        self._layout_timer.start()

    def _update_margins(self) -> None:
        self._apply_margins(self.document())

    def _apply_margins(self, qdoc: QTextDocument) -> None:
        width = self.viewport().width()
        measure = QFontMetricsF(self.reading_font()).averageCharWidth() * MAX_LINE_CHARS
        side = max(MIN_MARGIN, (width - measure) / 2)
        root = qdoc.rootFrame()
        fmt = root.frameFormat()
        if fmt.hasProperty(QTextFormat.FrameLeftMargin) and abs(fmt.leftMargin() - side) < 1:
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(MIN_MARGIN * 0.7)
        fmt.setBottomMargin(MIN_MARGIN * 3)
        root.setFrameFormat(fmt)

    def text_left(self) -> float:
        return self.document().rootFrame().frameFormat().leftMargin()

    def line_span(self, offset: int) -> tuple[float, float]:
        """Document y of the top and bottom of the line holding a char offset."""
        qdoc = self.document()
        pos = self.omap.to_qt(offset)
        block = qdoc.findBlock(pos)
        if not block.isValid():
            block = qdoc.lastBlock()
        rect = qdoc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(max(0, min(pos - block.position(), block.length() - 1)))
        if not line.isValid():
            return rect.top(), rect.bottom()
        top = rect.top() + line.y()
        return top, top + line.height()

    def span_y(self, start: int, end: int) -> tuple[float, float]:
        top = self.line_span(start)[0]
        bottom = self.line_span(max(start, end - 1))[1]
        return top, bottom

    def span_rects(self, start: int, end: int) -> tuple[QRectF, ...]:
        """One rect per line of a char span, padded to fill the gap between lines (document coordinates)."""
        qdoc = self.document()
        qs, qe = self.omap.to_qt(start), self.omap.to_qt(end)
        block = qdoc.findBlock(qs)
        rects: list[QRectF] = []
        layout_of = qdoc.documentLayout()
        while block.isValid() and block.position() < qe:
            rect = layout_of.blockBoundingRect(block)
            layout, base = block.layout(), block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                ls = base + line.textStart()
                le = ls + line.textLength()
                if le <= qs or ls >= qe:
                    continue
                x0 = line.cursorToX(qs - base)[0] if qs > ls else line.x()
                x1 = line.cursorToX(qe - base)[0] if qe < le else line.x() + line.naturalTextWidth()
                pad = line.height() * (LINE_HEIGHT / 100 - 1) / 2
                rects.append(QRectF(rect.left() + x0 - 3, rect.top() + line.y() - pad, x1 - x0 + 6,
                                    line.height() + 2 * pad))
            block = block.next()
        return tuple(rects)

    def region(self, start: int, end: int, kind: str) -> Region | None:
        if end <= start:
            return None
        top, bottom = self.span_y(start, end)
        return Region(top, bottom, start, end, kind)

    def spans_y(self, spans: list[tuple[int, int]]) -> list[tuple[float, float]]:
        """Document y-ranges of many char spans (sorted by start: one walk over the blocks, no searches).

        Forces the full layout once, then reads each block's layout position directly."""
        qdoc = self.document()
        qdoc.documentLayout().documentSize()  # completes the layout
        to_qt = self.omap.to_qt
        block = qdoc.begin()
        base, end_pos = block.position(), block.position() + block.length()
        layout, top = block.layout(), block.layout().position().y()
        out: list[tuple[float, float]] = []
        for start, end in spans:
            pair = []
            for pos in (to_qt(start), to_qt(max(start, end - 1))):
                if pos < base:  # spans out of order: search instead of walking
                    block = qdoc.findBlock(pos)
                    base, end_pos = block.position(), block.position() + block.length()
                    layout, top = block.layout(), block.layout().position().y()
                while pos >= end_pos and block.next().isValid():
                    block = block.next()
                    base, end_pos = block.position(), block.position() + block.length()
                    layout = block.layout()
                    top = layout.position().y()
                line = layout.lineForTextPosition(max(0, pos - base))
                pair.append((top + line.y(), top + line.y() + line.height()) if line.isValid() else (top, top))
            out.append((pair[0][0], pair[1][1]))
        return out

    def rects_of(self, region: Region) -> tuple[QRectF, ...]:
        key = (region.start, region.end)
        rects = self._rect_cache.get(key)
        if rects is None:
            rects = self._rect_cache[key] = self.span_rects(region.start, region.end)
        return rects

    def region_kind_at(self, offset: int) -> str | None:
        """Kind of the shaded passage covering a char offset (None if unshaded)."""
        return next((r.kind for r in self._regions if r.start <= offset < r.end), None)

    def offset_at(self, pos: QPoint) -> int:
        return self.omap.from_qt(self.cursorForPosition(pos).position())

    def scroll_offset(self) -> int:
        return self.verticalScrollBar().value()

    def scroll_to_y(self, top: float, bottom: float, where: float = 0.3) -> None:
        """Scroll so document y-range [top, bottom] sits near ``where`` of the viewport height."""
        height = self.viewport().height()
        if bottom - top > height * (1 - where):
            value = top - 24
        else:
            value = top - height * where
        bar = self.verticalScrollBar()
        bar.setValue(int(max(bar.minimum(), min(bar.maximum(), value))))

    def is_y_visible(self, top: float, bottom: float) -> bool:
        value = self.scroll_offset()
        return bottom > value and top < value + self.viewport().height()

    # ------------------------------------------------------------------ margin marks
    def set_marks(self, marks: list[MarginMark]) -> None:
        self._marks = sorted(marks, key=lambda m: m.top)
        self._mark_tops = [m.top for m in self._marks]
        self._mark_span = max((m.bottom - m.top for m in self._marks), default=0.0)
        self.viewport().update()

    def set_regions(self, regions: list[Region]) -> None:
        """The shaded passages (links and "only here"), sorted once; painting looks up the visible ones."""
        self._rect_cache.clear()
        self._regions = sorted(regions, key=lambda r: r.top)
        self._region_tops = [r.top for r in self._regions]
        self._region_span = max((r.bottom - r.top for r in self._regions), default=0.0)
        self.viewport().update()

    def regions(self) -> list[Region]:
        return list(self._regions)

    def set_selected_regions(self, regions: list[Region]) -> None:
        """Outline the selected passage: the line rects united into one shape."""
        self._selected_regions = regions
        self._selected_paths = []
        for region in regions:
            path = QPainterPath()
            for rect in self.span_rects(region.start, region.end):
                piece = QPainterPath()
                piece.addRoundedRect(rect.adjusted(-1, 0, 1, 0), 4, 4)
                path = path.united(piece)
            self._selected_paths.append(path)
        self.viewport().update()

    def selected_regions(self) -> list[Region]:
        return list(self._selected_regions)

    def paintEvent(self, event) -> None:  # noqa: N802
        value = self.scroll_offset()
        height = self.viewport().height()
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.Antialiasing)
        painter.translate(0, -value)
        lo = bisect_left(self._region_tops, value - self._region_span)
        hi = bisect_right(self._region_tops, value + height)
        painter.setPen(Qt.NoPen)
        for region in self._regions[lo:hi]:
            self._paint_region(painter, region, self.theme_colour(region.kind))
        if self._selected_paths:
            tint = QColor(self.theme.selected)
            tint.setAlpha(28)
            painter.setBrush(tint)
            painter.setPen(QPen(QColor(self.theme.selected), 1.3))
            for path in self._selected_paths:
                painter.drawPath(path)
            painter.setPen(Qt.NoPen)
        if self._flash_regions and self._flash_alpha > 0.01:
            colour = QColor(self.theme.flash)
            colour.setAlphaF(0.8 * self._flash_alpha)
            for region in self._flash_regions:
                self._paint_region(painter, region, colour)
        painter.end()
        super().paintEvent(event)
        self._paint_marks(value, height)

    def theme_colour(self, kind: str) -> QColor:
        t = self.theme
        return QColor({"identical": t.identical, "near": t.near, "paraphrase": t.paraphrase,
                       "unique": t.unique}.get(kind, t.base))

    def _paint_region(self, painter: QPainter, region: Region, fill: QColor) -> None:
        painter.setBrush(fill)
        for rect in self.rects_of(region):
            painter.drawRoundedRect(rect, 3, 3)

    def _paint_marks(self, value: int, height: int) -> None:
        if not self._marks:
            return
        lo = bisect_left(self._mark_tops, value - self._mark_span)
        hi = bisect_right(self._mark_tops, value + height)
        if lo >= hi:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.Antialiasing)
        x = self.text_left() - 14
        for mark in self._marks[lo:hi]:
            self._paint_mark(painter, mark, x, value)
        painter.end()

    def _paint_mark(self, painter: QPainter, mark: MarginMark, x: float, value: int) -> None:
        top, bottom = mark.top - value, mark.bottom - value
        t = self.theme
        painter.setPen(Qt.NoPen)
        if mark.kind == "unique":
            painter.setBrush(QColor(t.unique_mark))
            painter.drawRoundedRect(QRectF(x, top + 2, 4, bottom - top - 4), 2, 2)
        elif mark.kind == "selected":
            painter.setBrush(QColor(t.selected))
            painter.drawRoundedRect(QRectF(x + 6.5, top + 2, 3, bottom - top - 4), 1.5, 1.5)
        elif mark.kind == "discrepancy":
            mid = (top + bottom) / 2
            painter.setBrush(QColor(t.discrepancy))
            painter.drawPolygon([QPointF(x - 5, mid - 4.5), QPointF(x - 0.5, mid), QPointF(x - 5, mid + 4.5),
                                 QPointF(x - 9.5, mid)])

    # ------------------------------------------------------------------ transient highlights
    def set_layer(self, name: str, spans: list[tuple[int, int]], fmt: QTextCharFormat) -> None:
        """Replace one layer of ExtraSelections (selection, entity mentions, find matches, flash)."""
        selections = []
        for start, end in spans:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.omap.to_qt(start))
            cursor.setPosition(self.omap.to_qt(end), QTextCursor.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self._layers[name] = selections
        order = ("entity", "find")
        self.setExtraSelections([s for key in order for s in self._layers.get(key, [])])

    def flash(self, spans: list[tuple[int, int]]) -> None:
        """Briefly light up spans after a jump, fading out."""
        self._flash.stop()
        regions = [self.region(start, end, "flash") for start, end in spans]
        self._flash_regions = [r for r in regions if r is not None]
        self._flash.start()

    def _flash_step(self, value: float) -> None:
        self._flash_alpha = float(value)
        self.viewport().update()

    # ------------------------------------------------------------------ events
    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focused.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press = event.position().toPoint() if event.button() == Qt.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if self._press is None or event.button() != Qt.LeftButton:
            return
        moved = (pos - self._press).manhattanLength() > 4
        self._press = None
        if moved or self.textCursor().hasSelection():
            return
        extend = bool(event.modifiers() & Qt.ControlModifier)
        self.segmentClicked.emit(self.offset_at(pos), extend)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        self.contextMenuAt.emit(event.globalPos(), self.offset_at(event.pos()))

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.ToolTip and self.tooltip_provider is not None:
            text = self.tooltip_provider(self.offset_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.fileDropped.emit(urls[0].toLocalFile())
        else:
            event.ignore()



def span_format(colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    return fmt
