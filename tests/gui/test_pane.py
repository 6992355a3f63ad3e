"""A reading pane: readable prose layout, read-only but selectable and copyable, geometry of spans."""
from __future__ import annotations

from PySide6.QtGui import QFontInfo, QGuiApplication, QTextCursor

from reader.core.model import Side
from reader.ui.pane import LINE_HEIGHT, MAX_LINE_CHARS, PaneText
from viewdata import documents


def make_pane(qtbot, width=700, height=600) -> PaneText:
    pane = PaneText(Side.LEFT)
    qtbot.addWidget(pane)
    pane.resize(width, height)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_document(documents()[1])
    return pane


def test_prose_layout(qtbot):
    pane = make_pane(qtbot)
    font = pane.document().defaultFont()
    assert QFontInfo(font).family().startswith("DejaVu Serif")
    assert 11 <= font.pointSizeF() <= 12
    block = pane.document().findBlock(200)
    assert block.blockFormat().lineHeight() == LINE_HEIGHT
    assert block.blockFormat().bottomMargin() > 0
    # headings bold, boilerplate dimmed
    right = documents()[1]
    heading = next(p for p in right.paragraphs if p.heading)
    cursor = QTextCursor(pane.document())
    cursor.setPosition(heading.start + 1)
    assert cursor.charFormat().fontWeight() >= 600
    mark = right.marks[0]
    cursor.setPosition(mark.start + 1)
    assert cursor.charFormat().fontItalic()


def test_line_length_stays_comfortable_in_a_wide_pane(qtbot):
    pane = make_pane(qtbot, width=1800)
    text_width = pane.document().documentLayout().blockBoundingRect(pane.document().findBlock(200)).width()
    from PySide6.QtGui import QFontMetricsF
    chars = text_width / QFontMetricsF(pane.reading_font()).averageCharWidth()
    assert chars <= MAX_LINE_CHARS + 2
    assert pane.text_left() > 200  # the column is centred


def test_read_only_but_selectable_and_copyable(qtbot):
    pane = make_pane(qtbot)
    assert pane.isReadOnly()
    pane.selectAll()
    pane.copy()
    assert QGuiApplication.clipboard().text().split() == documents()[1].text.split()


def test_span_geometry(qtbot):
    pane = make_pane(qtbot, height=300)
    text = documents()[1].text
    spans = [(i, i + 20) for i in range(0, len(text) - 20, 400)]
    ys = pane.spans_y(spans)
    assert ys == [pane.span_y(*s) for s in spans]  # the one-walk version agrees with the searching one
    assert pane.spans_y(spans[::-1]) == ys[::-1]  # out of order still right
    assert all(a[0] <= b[0] for a, b in zip(ys, ys[1:]))
    start = text.index("Esper declined")
    rects = pane.span_rects(start, start + 200)
    assert len(rects) >= 2  # wraps over lines
    assert rects[0].top() < rects[-1].top()
    pane.scroll_to_y(*pane.span_y(start, start + 200))
    assert pane.is_y_visible(*pane.span_y(start, start + 200))
    assert pane.offset_at(pane.cursorRect(cursor_at(pane, start + 5)).center()) in range(start + 4, start + 7)


def cursor_at(pane: PaneText, offset: int) -> QTextCursor:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane.omap.to_qt(offset))
    return cursor


def _letters(count: int, seed: int = 3) -> str:
    import random

    rng = random.Random(seed)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(count))


def test_a_megabyte_without_a_space_is_wrapped_and_its_offsets_still_point_at_its_text(qtbot, artifacts_dir):
    from reader.documents import document_from_text
    from reader.ui.display import BLOCK_CHARS
    from reader.ui.pane import PaneHeader

    run = _letters(1 << 20)
    tail = "The missiles hit two bases before dawn."
    document = document_from_text(f"{run}\n\n{tail}\n", title="Unbroken")
    pane = make_pane(qtbot)
    pane.set_document(document)
    qdoc = pane.document()
    longest = max(qdoc.findBlockByNumber(i).length() for i in range(qdoc.blockCount()))
    assert longest <= BLOCK_CHARS * 1.2  # laid out a block of a few thousand chars at a time, not 1 MB at once
    pane.sync_scroll_range()
    assert pane.verticalScrollBar().maximum() > 100_000  # wrapped over many lines, not one endless line
    first = qdoc.begin().layout().lineAt(0)
    assert 20 <= first.textLength() <= MAX_LINE_CHARS * 2  # a full line of letters, inside the pane
    # Offsets into the article still find its characters: the tail sentence, and a stretch deep in the run.
    start = document.text.index(tail)
    cursor = pane.textCursor()
    cursor.setPosition(pane.omap.to_qt(start))
    cursor.setPosition(pane.omap.to_qt(start + len(tail)), QTextCursor.KeepAnchor)
    pane.setTextCursor(cursor)
    assert pane.selected_text() == tail
    cursor.setPosition(pane.omap.to_qt(500_000))
    cursor.setPosition(pane.omap.to_qt(500_100), QTextCursor.KeepAnchor)
    pane.setTextCursor(cursor)
    pane.copy()
    assert QGuiApplication.clipboard().text() == run[500_000:500_100]  # copied without the invisible breaks
    assert pane.span_rects(start, start + len(tail))
    header = PaneHeader()
    qtbot.addWidget(header)
    header.set_document(document, display=pane.display)
    assert "1,048,576 characters without a space" in header.detail.text()
    shots = artifacts_dir / "ui"
    shots.mkdir(parents=True, exist_ok=True)
    pane.grab().save(str(shots / "pane-unbroken-megabyte.png"))
