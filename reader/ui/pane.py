"""One reading pane: a read-only rich-text view of an article laid out as prose, plus its header.

The pane knows nothing about links; the view feeds it formats, margin marks and transient highlights
(selection, flash, entity mentions, find matches) and listens to its signals.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QMimeData, QPoint, QSize, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QPainter, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QToolTip, QVBoxLayout, QWidget

from reader.core.model import Document, Side
from reader.ui.display import Display, prepare_display, soft_block
from reader.ui.highlight import Formats, OffsetMap, apply_structure
from reader.ui.palette import LIGHT, Theme
from reader.ui.pane_geometry import LINE_HEIGHT, LayoutHold, PaneGeometry
from reader.ui.pane_paint import MarginMark, PaneLayers, Region

__all__ = ["DEFAULT_POINT_SIZE", "LINE_HEIGHT", "MAX_LINE_CHARS", "MarginMark", "PaneHeader", "PaneText", "Region",
           "span_format"]

READING_FONT = "DejaVu Serif"
DEFAULT_POINT_SIZE = 11.5
MAX_LINE_CHARS = 74  # comfortable measure; wider panes get wider margins
MIN_MARGIN = 26  # leaves room for the margin marks
LAYOUT_SETTLE_MS = 120  # a resize (or zoom) is taken as done when nothing changed for this long


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" when narrow, so a long title never holds the window wide
    (``text()`` stays whole; the header's tooltip gives it too)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.ElideRight, rect.width())
        painter.drawText(rect, int(self.alignment() | Qt.AlignVCenter), text)
        painter.end()


class PaneHeader(QFrame):
    """Source title above a pane, with file name and word count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.setSpacing(1)
        self.title = ElidedLabel("No document", self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() + 1)
        self.title.setFont(font)
        self.detail = ElidedLabel("Drop a file here or use File ▸ Open", self)
        self.notice = ""  # what the display did to the text's layout (long runs without spaces), or ""
        for label in (self.title, self.detail):
            label.setTextFormat(Qt.PlainText)
            lay.addWidget(label)

    def set_document(self, document: Document, source_label: str = "", display: Display | None = None) -> None:
        """Title, file name, word count and, when the display changed the layout of the text, a notice."""
        self.title.setText(source_label or document.title or document.name)
        words = display.words if display is not None else document.word_count
        notice = display.notice if display is not None else ""
        self.detail.setText(f"{document.name} · {words:,} word{'' if words == 1 else 's'}"
                            + (f" · {notice}" if notice else ""))
        self.notice = notice
        self.setToolTip((document.path or document.name) + (f"\n{notice[:1].upper()}{notice[1:]}." if notice else ""))

    def set_theme(self, theme: Theme) -> None:
        self.setStyleSheet(
            f"QFrame#paneHeader {{ background: {theme.header_bg}; border: none; }}"
            f"QFrame#paneHeader QLabel {{ color: {theme.header_text}; background: transparent; }}"
        )


class PaneText(PaneLayers, PaneGeometry, QTextEdit):
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
        self.display = prepare_display(Document(None, "", "", "clipboard", ()))
        self.theme = LIGHT
        self.formats = Formats(LIGHT)
        self.point_size = DEFAULT_POINT_SIZE
        self.tooltip_provider = None  # callable(offset) -> str
        self.formatted = False  # comparison char formats applied (a reset is needed before new ones)
        self.wants_geometry = False  # the view shows a comparison and needs layoutChanged
        self._init_layers()
        self._press: QPoint | None = None
        self._flash = QVariantAnimation(self, startValue=1.0, endValue=0.0, duration=900)
        self._flash.valueChanged.connect(self._flash_step)
        self._layout_timer = QTimer(self, singleShot=True, interval=LAYOUT_SETTLE_MS)
        self._layout_timer.timeout.connect(self._maybe_layout_changed)
        self._geometry_key: tuple = ()
        self._layout_hold = LayoutHold(self)
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
        if self._layout_hold.holds:
            qdoc.documentLayout().installEventFilter(self._layout_hold)
        self._update_margins()

    def geometry_key(self) -> tuple:
        """What the layout depends on (never forces the layout: for a long text that would take long)."""
        return self.viewport().width(), self.point_size, id(self.document())

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

    def set_document(self, document: Document, display: Display | None = None) -> None:
        """Show an article at once, without comparison highlights. ``display`` (see :mod:`reader.ui.display`)
        is built here when not given; the loading task builds it off the UI thread."""
        display = display if display is not None else prepare_display(document)
        self.document_model = document
        self.display = display
        self.formatted = False
        self.omap = display.omap
        qdoc = QTextDocument(self)
        qdoc.setUndoRedoEnabled(False)
        qdoc.setDefaultFont(self.reading_font())
        qdoc.setDocumentMargin(0)
        self._apply_margins(qdoc)  # before the text: the document is laid out once
        # The width too: without one Qt lays every paragraph out as one unwrapped line first (seconds for 1 MB).
        qdoc.setTextWidth(max(1, self.viewport().width()))
        qdoc.setPlainText(display.text)
        self._format_blocks(qdoc)
        apply_structure(qdoc, document, self.omap, self.formats)
        self._init_layers()
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
        cont = QTextBlockFormat(para)  # a long paragraph cut into several blocks: no gap at the cuts
        cont.setBottomMargin(0)
        cursor = QTextCursor(qdoc)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.Document)
        cursor.setBlockFormat(para)
        # Only a few blocks need their own format: the display has no empty line between paragraphs.
        for positions, fmt in ((self.display.soft_ends, cont), (self.display.blank_starts, blank)):
            for pos in sorted(positions):
                cursor.setPosition(min(pos, qdoc.characterCount() - 1))
                cursor.setBlockFormat(fmt)
        cursor.endEditBlock()

    def selected_text(self) -> str:
        """The selected part of the article, as in the file (without the display's inserted breaks)."""
        cursor = self.textCursor()
        if self.document_model is None or not cursor.hasSelection():
            return ""
        start, end = self.omap.from_qt(cursor.selectionStart()), self.omap.from_qt(cursor.selectionEnd())
        return self.document_model.text[start:end]

    def createMimeDataFromSelection(self):  # noqa: N802 (Qt name): Copy gives the article's own characters
        mime = QMimeData()
        mime.setText(self.selected_text())
        return mime

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
        self._layout_timer.start()

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
