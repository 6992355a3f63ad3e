"""Geometry of a reading pane's text: document y of lines and spans, per-line rects, scrolling by y.

A mixin of :class:`reader.ui.pane.PaneText` (a QTextEdit). Every lookup forces Qt's layout only up to the block
it reads, so walking a long document in order (:meth:`iter_spans_y`) lays it out bit by bit, a slice at a time.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, QSizeF

from reader.ui.slices import exhaust

LINE_HEIGHT = 140  # percent
SPANS_PER_STEP = 24  # spans measured between two yields of iter_spans_y
LAYOUT_STEP_S = 0.004  # aim of one forced layout step of iter_layout
LAYOUT_STEP_CHARS = (1_000, 2_000, 30_000)  # smallest, first, largest step (a costly stretch may follow a cheap one)


class LayoutHold(QObject):
    """Event filter on a QTextDocumentLayout: while held, Qt's own background layout timer is paused.

    Qt lays a long document out lazily on a 10 ms timer whose steps double up to 200,000 characters (40+ ms each,
    and both panes' steps can fall in the same turn of the event loop). While the view drives the layout itself
    in small slices it holds Qt's timer; once the layout is complete Qt stops that timer anyway. The layout's
    other timer (0 ms, "size changed", stops itself once delivered) is let through on its second firing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.holds = 0
        self._seen: dict[int, float] = {}

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if self.holds <= 0 or event.type() != QEvent.Type.Timer:
            return False
        now, timer = time.monotonic(), event.timerId()
        last = self._seen.get(timer)
        self._seen[timer] = now
        return last is None or now - last > 0.003  # firing again at once: the 0 ms timer


class PaneGeometry:
    """Span geometry in document coordinates (the pane scrolls; y values do not change with scrolling)."""

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
        line = block.layout().lineForTextPosition(max(0, min(pos - block.position(), block.length() - 1)))
        if not line.isValid():
            return rect.top(), rect.bottom()
        top = rect.top() + line.y()
        return top, top + line.height()

    def span_y(self, start: int, end: int) -> tuple[float, float]:
        top = self.line_span(start)[0]
        bottom = self.line_span(max(start, end - 1))[1]
        return top, bottom

    def span_rects(self, start: int, end: int, clip: tuple[float, float] | None = None) -> tuple[QRectF, ...]:
        """One rect per line of a char span, padded to fill the gap between lines (document coordinates);
        with ``clip`` (a y-range), only the lines of the blocks meeting it (a long passage on screen)."""
        qdoc = self.document()
        qs, qe = self.omap.to_qt(start), self.omap.to_qt(end)
        block = qdoc.findBlock(qs)
        rects: list[QRectF] = []
        layout_of = qdoc.documentLayout()
        while block.isValid() and block.position() < qe:
            rect = layout_of.blockBoundingRect(block)
            if clip is not None and (rect.bottom() < clip[0] or rect.top() > clip[1]):
                if rect.top() > clip[1]:
                    break
                block = block.next()
                continue
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

    def spans_y(self, spans: list[tuple[int, int]]) -> list[tuple[float, float]]:
        """Document y-ranges of many char spans at once (see :meth:`iter_spans_y`)."""
        return exhaust(self.iter_spans_y(spans))

    def iter_spans_y(self, spans: list[tuple[int, int]], out: list | None = None):
        """Document y-ranges of char spans sorted by start: one walk over the blocks, yielding every few spans.

        Each block is laid out when the walk reaches it (``blockBoundingRect``), so a long document's layout is
        done a slice at a time. Spans out of order are found by search. Returns (and fills) ``out``."""
        qdoc = self.document()
        layout_of = qdoc.documentLayout()
        to_qt = self.omap.to_qt
        out = [] if out is None else out
        block = qdoc.begin()
        top = layout_of.blockBoundingRect(block).top()
        base, end_pos, layout = block.position(), block.position() + block.length(), block.layout()
        for n, (start, end) in enumerate(spans):
            pair = []
            for pos in (to_qt(start), to_qt(max(start, end - 1))):
                if pos < base or pos >= end_pos:
                    if pos < base:  # spans out of order: search instead of walking
                        block = qdoc.findBlock(pos)
                    while pos >= block.position() + block.length() and block.next().isValid():
                        block = block.next()
                    top = layout_of.blockBoundingRect(block).top()  # lays the document out up to here
                    base, end_pos, layout = block.position(), block.position() + block.length(), block.layout()
                line = layout.lineForTextPosition(max(0, pos - base))
                pair.append((top + line.y(), top + line.y() + line.height()) if line.isValid() else (top, top))
            out.append((pair[0][0], pair[1][1]))
            if n % SPANS_PER_STEP == SPANS_PER_STEP - 1:
                yield
        return out

    def hold_layout(self, on: bool) -> None:
        """Pause (or resume) Qt's background layout while a sliced job lays the text out (nests)."""
        hold, layout_of = self._layout_hold, self.document().documentLayout()
        hold.holds = max(0, hold.holds + (1 if on else -1))
        if on and hold.holds == 1:
            layout_of.installEventFilter(hold)
        elif not on and hold.holds == 0:
            layout_of.removeEventFilter(hold)
            layout_of.documentSizeChanged.emit(QSizeF())  # scroll range, as Qt would

    def iter_layout(self):
        """Lay the whole text out in steps of a few milliseconds, yielding after each (few calls into Qt, so the
        analysis thread's hold on the GIL costs little); the scroll range follows after every step."""
        qdoc = self.document()
        layout_of = qdoc.documentLayout()
        low, step, high = LAYOUT_STEP_CHARS
        pos, end = 0, qdoc.characterCount() - 1
        while pos < end:
            pos = min(end, pos + step)
            started = time.perf_counter()
            layout_of.blockBoundingRect(qdoc.findBlock(pos))  # lays the document out up to this block
            spent = max(1e-4, time.perf_counter() - started)
            step = int(min(high, max(low, step * LAYOUT_STEP_S / spent)))
            layout_of.documentSizeChanged.emit(QSizeF())  # the pane reads the laid-out size: scroll range
            yield

    def offset_at(self, pos: QPoint) -> int:
        return self.omap.from_qt(self.cursorForPosition(pos).position())

    def first_visible_offset(self) -> int:
        return self.offset_at(QPoint(int(self.text_left()) + 1, 1))

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
        if value > bar.maximum():  # Qt updates the range after a lazy layout step only from the event loop
            self.sync_scroll_range()
        bar.setValue(int(max(bar.minimum(), min(bar.maximum(), value))))

    def sync_scroll_range(self) -> None:
        """Complete the layout and let the pane set its scroll range now (Qt would on its next event-loop turn)."""
        layout_of = self.document().documentLayout()
        layout_of.documentSizeChanged.emit(layout_of.documentSize())

    def is_y_visible(self, top: float, bottom: float) -> bool:
        value = self.scroll_offset()
        return bottom > value and top < value + self.viewport().height()
