"""Pages from report blocks, drawn with QPainter on any paged device (QPdfWriter, QPrinter).

Text is laid out with QTextLayout (wrapping, selectable text, ligatures switched off so "fi" copies as "fi").
Table rows that do not fit split between lines and continue on the next page, so no text is ever lost; every page
gets a running header with both titles and a "Page N of M" footer (a first pass counts the pages).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen, QTextCharFormat,
                           QTextLayout, QTextOption)

from reader.core.model import Cancelled, ProgressFn, StopFn
from reader.export import style as st
from reader.export.blocks import BOLD, ITALIC, MONO, MUTED, Cell, Heading, PageBreak, Para, Report, Spacer, Table
from reader.export.rows import DETAIL, DIFF, DISCREPANCY
from reader.softbreak import ZWSP, find_breaks, qt_offset, with_breaks

_SIZES = {"body": st.BODY_PT, "small": st.SMALL_PT}
_HEADING_PT = {0: st.TITLE_PT, 1: st.H2_PT, 2: st.BODY_PT + 1.0}
_PAD_X, _PAD_Y, _BAR_MM = 1.6, 1.1, 1.3


def make_font(points: float, *, bold: bool = False, italic: bool = False, mono: bool = False) -> QFont:
    """A font without ligatures (text extracted from the PDF must read "fired", not "ﬁred")."""
    return QFont(_font(points, bold, italic, mono))


@lru_cache(maxsize=64)
def _font(points: float, bold: bool, italic: bool, mono: bool) -> QFont:
    # Cached: besides being cheaper, PySide6 6.12's QFont.setFeature over-releases None on every call.
    font = QFont()
    font.setFamilies(list(st.MONO_FAMILIES if mono else st.FONT_FAMILIES))
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setItalic(italic)
    font.setKerning(True)
    for tag in ("liga", "clig", "dlig", "hlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _span_format(name: str, mono_font: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if name in (BOLD, DIFF, DISCREPANCY):
        fmt.setFontWeight(QFont.Weight.Bold)
    if name == ITALIC:
        fmt.setFontItalic(True)
    if name == MONO:
        fmt.setFontFamilies(mono_font.families())
    if name == MUTED:
        fmt.setForeground(QColor(st.MUTED))
    if name == DIFF:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(st.DIFF_LINE))
    if name == DETAIL:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(st.DETAIL_LINE))
    if name == DISCREPANCY:
        fmt.setForeground(QColor(st.DISCREPANCY))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(st.DISCREPANCY))
    return fmt


@dataclass
class _CellBox:
    layout: QTextLayout
    x: float
    width: float
    cell: Cell
    next_line: int = 0

    @property
    def done(self) -> bool:
        return self.next_line >= self.layout.lineCount()


class PageWriter:
    """Lays out and (when ``draw``) paints a :class:`Report` on ``device``; counts pages either way."""

    def __init__(self, device: QPagedPaintDevice, painter: Optional[QPainter], report: Report,
                 total_pages: int = 0) -> None:
        self.device, self.painter, self.report = device, painter, report
        self.total = total_pages
        self.dpi = device.logicalDpiY()
        rect = device.pageLayout().paintRectPixels(device.resolution()) if hasattr(device, "resolution") else None
        width = rect.width() if rect is not None else device.width()
        height = rect.height() if rect is not None else device.height()
        self.width, self.height = float(width), float(height)
        self.top = self.mm(9.0)  # below the running header
        self.bottom = self.height - self.mm(7.0)  # above the footer
        self.page = 0
        self.y = self.top
        self.mono = make_font(st.BODY_PT, mono=True)
        self._formats = {name: _span_format(name, self.mono)
                         for name in (BOLD, ITALIC, MONO, MUTED, DIFF, DETAIL, DISCREPANCY)}
        self._table_header: Optional[tuple[Table, list[float]]] = None

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    # ------------------------------------------------------------------------------------------ pages
    def start_page(self) -> None:
        if self.page and self.painter is not None:
            self.device.newPage()
        self.page += 1
        self.y = self.top
        if self.painter is not None:
            self._decorate()
        if self._table_header is not None:
            table, xs = self._table_header
            self._table_row(table.header, table, xs, repeat=True)

    def _decorate(self) -> None:
        p = self.painter
        small = make_font(st.SMALL_PT)
        p.setFont(small)
        p.setPen(QColor(st.MUTED))
        line_h = self.mm(4.0)
        metrics = QFontMetricsF(small, self.device)
        right = self.report.running_right
        right_w = min(metrics.horizontalAdvance(right) + self.mm(1), self.width * 0.4)
        left = metrics.elidedText(self.report.running_left, Qt.ElideRight, self.width - right_w - self.mm(6))
        p.drawText(QRectF(0, 0, self.width - right_w, line_h), Qt.AlignLeft | Qt.AlignVCenter, left)
        p.drawText(QRectF(self.width - right_w, 0, right_w, line_h), Qt.AlignRight | Qt.AlignVCenter, right)
        p.setPen(QPen(QColor(st.RULE), self.mm(0.2)))
        p.drawLine(QPointF(0, self.mm(5.0)), QPointF(self.width, self.mm(5.0)))
        foot_y = self.height - self.mm(4.0)
        p.drawLine(QPointF(0, foot_y - self.mm(1.0)), QPointF(self.width, foot_y - self.mm(1.0)))
        p.setPen(QColor(st.MUTED))
        p.drawText(QRectF(0, foot_y, self.width * 0.8, line_h), Qt.AlignLeft | Qt.AlignVCenter, self.report.footer)
        total = f" of {self.total}" if self.total else ""
        p.drawText(QRectF(self.width * 0.6, foot_y, self.width * 0.4, line_h), Qt.AlignRight | Qt.AlignVCenter,
                   f"Page {self.page}{total}")

    def run(self, progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None,
            span: tuple[float, float] = (0.0, 1.0)) -> int:
        """Place every block; returns the number of pages."""
        self.start_page()
        blocks = self.report.blocks
        for index, block in enumerate(blocks):
            if should_stop is not None and should_stop():
                raise Cancelled()
            if isinstance(block, Table):
                tick = _ticker(progress, span, index, len(blocks), should_stop)
                self._table(block, tick)
            elif isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Para):
                self._para(block)
            elif isinstance(block, Spacer):
                self.y += self.mm(block.mm)
            elif isinstance(block, PageBreak) and self.y > self.top + 1:
                self.start_page()
            if progress is not None:
                progress(span[0] + (span[1] - span[0]) * (index + 1) / len(blocks), "Writing pages")
        return self.page

    # ------------------------------------------------------------------------------------------ text
    def layout(self, cell: Cell, width: float):
        """The cell's lines: one QTextLayout, or for a very long text several (see :class:`_Pieces`)."""
        cstyle = st.CELL_STYLES.get(cell.kind) if cell.kind else None
        font = make_font(_SIZES.get(cell.size, st.BODY_PT), bold=cell.bold,
                         italic=bool(cstyle and cstyle.italic))
        text, place = _breakable(cell.content.text)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setAlignment({"center": Qt.AlignHCenter, "right": Qt.AlignRight}.get(cell.align, Qt.AlignLeft))
        ranges = []
        if cstyle is not None and cstyle.text != st.TEXT:
            ranges.append((0, len(text), _colour_format(cstyle.text)))
        for span in cell.content.spans:
            fmt = self._formats.get(span.style)
            if fmt is not None and span.end > span.start:
                ranges.append((place(span.start), place(span.end), fmt))
        layouts, y = [], 0.0
        for start, end in _pieces(text):
            lay = QTextLayout(text[start:end], font, self.device)
            lay.setTextOption(option)
            inside = [_range(max(a, start) - start, min(b, end) - max(a, start), fmt)
                      for a, b, fmt in ranges if a < end and b > start]
            if inside:
                lay.setFormats(inside)
            y = _lay_out(lay, width, y)
            layouts.append(lay)
        return layouts[0] if len(layouts) == 1 else _Pieces(layouts)

    def _heading(self, block: Heading) -> None:
        size = _HEADING_PT.get(block.level, st.BODY_PT)
        lay = QTextLayout(block.text, make_font(size, bold=True), self.device)
        lay.beginLayout()
        line = lay.createLine()
        line.setLineWidth(self.width)
        lay.endLayout()
        before = self.mm(0 if block.level == 0 else 3.0) if self.y > self.top + 1 else 0.0
        if self.y + before + line.height() + self.mm(22) > self.bottom:  # keep a heading with what follows
            self.start_page()
            before = 0.0
        self.y += before
        if self.painter is not None:
            self.painter.setPen(QColor(st.TEXT))
            lay.draw(self.painter, QPointF(0, self.y))
        self.y += line.height() + self.mm(1.2 if block.level else 2.0)

    def _para(self, block: Para) -> None:
        table = Table((1.0,), (), gap_mm=0)
        box = _CellBox(self.layout(Cell(block.content, size=block.size), self.width), 0.0, self.width,
                       Cell(block.content))
        self._flow([box], table, pad=(0.0, 0.0))
        self.y += self.mm(block.space_after_mm)

    # ------------------------------------------------------------------------------------------ tables
    def _table(self, table: Table, tick: Callable[[int, int], None]) -> None:
        xs, acc = [], 0.0
        for fraction in table.widths:
            xs.append(acc)
            acc += fraction * self.width
        xs.append(self.width)
        if table.header is not None:
            self._table_header = (table, xs)
            self._table_row(table.header, table, xs, repeat=True)
        count = len(table.rows)
        for index, row in enumerate(table.rows):
            self._table_row(row, table, xs)
            tick(index, count)
        self._table_header = None

    def _table_row(self, row, table: Table, xs: list[float], repeat: bool = False) -> None:
        pad_x, pad_y = self.mm(_PAD_X), self.mm(_PAD_Y)
        boxes = []
        for i, cell in enumerate(row.cells):
            x, width = xs[i], xs[i + 1] - xs[i]
            cstyle = st.CELL_STYLES.get(cell.kind) if cell.kind else None
            bar = self.mm(_BAR_MM) if cstyle is not None and cstyle.bar else 0.0
            boxes.append(_CellBox(self.layout(cell, width - 2 * pad_x - bar), x, width, cell))
        header, self._table_header = self._table_header, (None if repeat else self._table_header)
        try:
            self._flow(boxes, table, pad=(pad_x, pad_y), rule_below=row.rule_below)
        finally:
            self._table_header = header
        self.y += self.mm(table.gap_mm)

    def _flow(self, boxes: list[_CellBox], table: Table, pad: tuple[float, float], rule_below: bool = False) -> None:
        """Draw the boxes side by side from ``self.y``; split between lines onto new pages when needed."""
        pad_x, pad_y = pad
        full = max(_height(b.layout, 0) for b in boxes) + 2 * pad_y
        room = self.bottom - self.y
        if full > room and full <= (self.bottom - self.top) * 0.3 and self.y > self.top + 1:
            self.start_page()
        continued = False
        while True:
            room = self.bottom - self.y - 2 * pad_y
            takes = [_fit(b, room) for b in boxes]
            if not any(takes) and not all(b.done for b in boxes):
                if self.y <= self.top + self._header_height() + 1:  # a single line taller than a page: force it
                    takes = [min(1, b.layout.lineCount() - b.next_line) for b in boxes]
                else:
                    self.start_page()
                    continue
            slice_h = max(_slice_height(b, n) for b, n in zip(boxes, takes)) + 2 * pad_y
            if self.painter is not None:
                self._paint_slice(boxes, takes, slice_h, pad_x, pad_y, rule_below)
                if continued:
                    self._mark_continued(boxes, takes, pad_y)
            for box, n in zip(boxes, takes):
                box.next_line += n
            self.y += slice_h
            if all(b.done for b in boxes):
                return
            self.start_page()
            continued = True

    def _mark_continued(self, boxes: list[_CellBox], takes: list[int], pad_y: float) -> None:
        """On the pages a split row continues on, say so in its first empty narrow cell (the middle column)."""
        for box, n in zip(boxes, takes):
            if n == 0 and box.width < self.width * 0.3:
                self.painter.setFont(make_font(st.SMALL_PT, italic=True))
                self.painter.setPen(QColor(st.MUTED))
                self.painter.drawText(QRectF(box.x, self.y + pad_y, box.width, self.mm(4)), Qt.AlignHCenter,
                                      "(continued)")
                return

    def _header_height(self) -> float:
        return 0.0 if self._table_header is None else self.mm(6)

    def _paint_slice(self, boxes, takes, slice_h, pad_x, pad_y, rule_below) -> None:
        p = self.painter
        for box, n in zip(boxes, takes):
            cstyle = st.CELL_STYLES.get(box.cell.kind) if box.cell.kind else None
            if cstyle is not None and cstyle.fill:
                p.fillRect(QRectF(box.x + self.mm(0.4), self.y, box.width - self.mm(0.8), slice_h),
                           QColor(cstyle.fill))
            if cstyle is not None and cstyle.bar:
                p.fillRect(QRectF(box.x + self.mm(0.4), self.y, self.mm(_BAR_MM), slice_h), QColor(cstyle.bar))
            p.setPen(QColor(st.TEXT))
            if n:
                first = box.layout.lineAt(box.next_line)
                offset_y = self.y + pad_y - first.y()
                indent = self.mm(_BAR_MM) if cstyle is not None and cstyle.bar else 0.0
                for i in range(box.next_line, box.next_line + n):
                    box.layout.lineAt(i).draw(p, QPointF(box.x + pad_x + indent, offset_y))
        if rule_below:
            p.setPen(QPen(QColor(st.RULE), self.mm(0.25)))
            p.drawLine(QPointF(0, self.y + slice_h), QPointF(self.width, self.y + slice_h))


PIECE_CHARS = 3_000  # a longer cell text is laid out in pieces: no single Qt call holds the GIL for long


def _pieces(text: str) -> list[tuple[int, int]]:
    """Cut points every ~PIECE_CHARS, at a space or an inserted break (a piece starts a new line)."""
    cuts, start = [], 0
    while len(text) - start > PIECE_CHARS:
        target = start + PIECE_CHARS
        cut = max(text.rfind(" ", start + PIECE_CHARS // 2, target), text.rfind(ZWSP, start + PIECE_CHARS // 2,
                                                                                   target))
        cut = cut + 1 if cut > start else target
        cuts.append((start, cut))
        start = cut
    cuts.append((start, len(text)))
    return cuts


def _lay_out(lay: QTextLayout, width: float, y: float) -> float:
    """Lines of ``width`` from ``y`` down; returns the y below the last."""
    lay.beginLayout()
    while True:
        line = lay.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, y))
        y += line.height()
    lay.endLayout()
    return y


class _Pieces:
    """Several QTextLayouts read as one: line ``i`` of all their lines (their y positions already continue)."""

    def __init__(self, layouts: list[QTextLayout]) -> None:
        self.layouts = layouts
        self._starts, total = [], 0
        for lay in layouts:
            self._starts.append(total)
            total += lay.lineCount()
        self._count = total

    def lineCount(self) -> int:  # noqa: N802 (QTextLayout's name)
        return self._count

    def lineAt(self, index: int):  # noqa: N802
        k = bisect_right(self._starts, index) - 1
        return self.layouts[k].lineAt(index - self._starts[k])


def _breakable(text: str) -> tuple[str, Callable[[int], int]]:
    """The text with a zero-width break opportunity every few chars of long runs without a space (Qt's line
    breaking looks ahead to the next opportunity for every line: minutes for a 1 MB run), and the offset map."""
    inserts = find_breaks(text).inserts
    if not inserts:
        return text, lambda offset: offset
    return with_breaks(text, inserts), lambda offset: qt_offset(inserts, offset)


def _range(start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    fr = QTextLayout.FormatRange()
    fr.start, fr.length, fr.format = start, length, fmt
    return fr


def _colour_format(colour: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    return fmt


def _height(layout: QTextLayout, first: int) -> float:
    count = layout.lineCount()
    if first >= count:
        return 0.0
    last = layout.lineAt(count - 1)
    return last.y() + last.height() - layout.lineAt(first).y()


def _fit(box: _CellBox, room: float) -> int:
    """How many of the box's remaining lines fit in ``room``."""
    count = box.layout.lineCount()
    if box.next_line >= count:
        return 0
    top = box.layout.lineAt(box.next_line).y()
    n = 0
    while box.next_line + n < count:
        line = box.layout.lineAt(box.next_line + n)
        if line.y() + line.height() - top > room:
            break
        n += 1
    return n


def _slice_height(box: _CellBox, n: int) -> float:
    if n == 0:
        return 0.0
    first = box.layout.lineAt(box.next_line)
    last = box.layout.lineAt(box.next_line + n - 1)
    return last.y() + last.height() - first.y()


def _ticker(progress, span, index, total_blocks, should_stop) -> Callable[[int, int], None]:
    def tick(row: int, rows: int) -> None:
        if row % 50:
            return
        if should_stop is not None and should_stop():
            raise Cancelled()
        if progress is not None and rows:
            part = (span[1] - span[0]) / total_blocks
            progress(span[0] + part * (index + row / rows), "Writing pages")
    return tick
