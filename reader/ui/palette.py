"""Colours of the comparison view: light and dark themes, colour-blind safe (blue/orange/purple, never red/green).

Every highlight has a second cue besides colour (margin bar, underline style, bold), and :class:`LegendWidget`
explains each one with a swatch drawn in the same style as the text.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSizePolicy, QWidget

from reader.core.model import LinkKind


@dataclass(frozen=True)
class Theme:
    """All colours the view paints with (hex strings, so the theme is plain data)."""

    name: str
    base: str  # text background
    text: str
    dim_text: str  # boilerplate
    header_bg: str
    header_text: str
    gutter_bg: str
    identical: str  # linked-passage shades, of increasing strength
    near: str
    paraphrase: str
    band_identical: str  # connector fills in the gutter, by link kind
    band_near: str
    band_paraphrase: str
    band_edge: str  # connector outline
    unique: str  # passage only in this source (background)
    unique_mark: str  # margin bar / overview mark for unique passages
    diff_line: str  # underline of word differences inside linked passages
    discrepancy: str  # text + wavy underline of conflicting figures
    detail_line: str  # dotted underline of details only this source gives
    selected: str  # selected passage outline/shade, text selection
    selected_text: str  # text on the text-selection colour
    flash: str  # brief flash after a jump
    entity: str  # entity mentions
    find: str  # find matches
    viewport: str  # overview: visible region

    def link_colour(self, kind: LinkKind | str) -> QColor:
        value = LinkKind(kind)
        return QColor({LinkKind.IDENTICAL: self.identical, LinkKind.NEAR: self.near}.get(value, self.paraphrase))

    def band_colour(self, kind: LinkKind | str) -> QColor:
        value = LinkKind(kind)
        return QColor({LinkKind.IDENTICAL: self.band_identical, LinkKind.NEAR: self.band_near}.get(
            value, self.band_paraphrase))

    def qcolor(self, attr: str, alpha: int | None = None) -> QColor:
        colour = QColor(getattr(self, attr))
        if alpha is not None:
            colour.setAlpha(alpha)
        return colour


# Okabe–Ito derived: blue family for links, orange for "only here", reddish purple for discrepancies.
LIGHT = Theme(
    name="light",
    base="#fdfcf9",
    text="#23262b",
    dim_text="#8b8f96",
    header_bg="#f1efe9",
    header_text="#3a3d42",
    gutter_bg="#f4f2ed",
    identical="#eaf1f9",
    near="#dce8f5",
    paraphrase="#cbdcf0",
    band_identical="#d9e6f4",
    band_near="#c6d9ef",
    band_paraphrase="#b2cbe8",
    band_edge="#5a8cc4",
    unique="#fde3c2",
    unique_mark="#e08a00",
    diff_line="#4f86c6",
    discrepancy="#a3367a",
    detail_line="#c76b00",
    selected="#0072b2",
    selected_text="#ffffff",
    flash="#ffd24d",
    entity="#c9b5e8",
    find="#f6e27a",
    viewport="#5b6470",
)

DARK = Theme(
    name="dark",
    base="#1e2024",
    text="#e4e5e8",
    dim_text="#7b8089",
    header_bg="#26292e",
    header_text="#c9cbd0",
    gutter_bg="#232529",
    identical="#242f3c",
    near="#293b52",
    paraphrase="#304866",
    band_identical="#2f4560",
    band_near="#36557a",
    band_paraphrase="#3e6494",
    band_edge="#7fb2e8",
    unique="#4d3617",
    unique_mark="#f0a030",
    diff_line="#8cc4ff",
    discrepancy="#f08cc8",
    detail_line="#f0a030",
    selected="#56b4e9",
    selected_text="#10141a",
    flash="#8a6d00",
    entity="#4f3c73",
    find="#6b5d10",
    viewport="#a8b0bc",
)


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme (Qt 6.5+), else judged from the window colour."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    return QGuiApplication.palette().window().color().lightness() < 128


def resolve_theme(name: str) -> Theme:
    """"light", "dark" or "system" (follows the desktop) -> Theme."""
    if name == "dark":
        return DARK
    if name == "light":
        return LIGHT
    if name != "system":
        raise ValueError(f"unknown theme {name!r}; use light, dark or system")
    return DARK if system_is_dark() else LIGHT


# ---------------------------------------------------------------------------------------------- legend
LEGEND_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("identical", "Same wording", "linked passage, same words"),
    ("near", "Near", "linked passage, a few words differ"),
    ("paraphrase", "Paraphrase", "linked passage, reworded"),
    ("unique", "Only here", "passage only this source reports (orange bar in the margin)"),
    ("diff", "Changed words", "words that differ inside a near match (underlined)"),
    ("detail", "Detail only here", "a word, name or figure in a linked passage the other source never mentions "
     "(dotted orange underline)"),
    ("discrepancy", "Discrepancy", "a figure or name the other source gives differently (bold, wavy underline)"),
    ("dim", "Boilerplate", "captions, credits, links and appeals (grey, not compared)"),
)


class _Swatch(QWidget):
    """A small sample drawn in the same style the text uses for one legend item."""

    def __init__(self, key: str, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.theme = theme
        self.setFixedSize(QSize(30, 16))

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        t, r = self.theme, QRectF(0.5, 0.5, self.width() - 1, self.height() - 1)
        p.setPen(Qt.NoPen)
        fill = {"identical": t.identical, "near": t.near, "paraphrase": t.paraphrase, "unique": t.unique}
        p.setBrush(QColor(fill.get(self.key, t.base)))
        p.drawRoundedRect(r, 3, 3)
        if self.key == "unique":
            p.fillRect(QRectF(0, 0, 3, self.height()), QColor(t.unique_mark))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        colour = {"discrepancy": t.discrepancy, "dim": t.dim_text}.get(self.key, t.text)
        font.setBold(self.key == "discrepancy")
        font.setItalic(self.key == "dim")
        p.setFont(font)
        p.setPen(QColor(colour))
        p.drawText(r, Qt.AlignCenter, "Aa")
        if self.key in ("diff", "discrepancy", "detail"):
            colour = {"diff": t.diff_line, "discrepancy": t.discrepancy, "detail": t.detail_line}[self.key]
            pen = QPen(QColor(colour), 1.2)
            if self.key != "diff":
                pen.setStyle(Qt.DotLine)
            p.setPen(pen)
            p.drawLine(6, self.height() - 2, self.width() - 6, self.height() - 2)
        p.end()


class FlowLayout(QLayout):
    """Items left to right, wrapping onto further rows when the width runs out (height follows the width)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12, row_spacing: int = 2) -> None:
        super().__init__(parent)
        self._items = []
        self._spacing, self._row_spacing = spacing, row_spacing

    def addItem(self, item) -> None:  # noqa: N802 (Qt name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        left, top, right, bottom = self.getContentsMargins()
        width = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:  # noqa: N802
        left, top, right, bottom = self.getContentsMargins()
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size + QSize(left + right, top + bottom)

    def _arrange(self, rect: QRect, move: bool) -> int:
        left, top, right, bottom = self.getContentsMargins()
        x0, x_max = rect.x() + left, rect.right() - right
        x, y, row_height = x0, rect.y() + top, 0
        for item in self._items:
            hint = item.sizeHint()
            if x > x0 and x + hint.width() > x_max + 1:  # wrap
                x, y, row_height = x0, y + row_height + self._row_spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height + bottom - rect.y()


class LegendWidget(QWidget):
    """Swatches explaining every colour and mark of the comparison view; they wrap onto a second row (or more)
    when the window is narrow, so the legend never sets the window's minimum width."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT) -> None:
        super().__init__(parent)
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(8, 3, 8, 3)
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._swatches: list[_Swatch] = []
        self.set_theme(theme)

    def cells(self) -> list[QWidget]:
        return [self._layout.itemAt(i).widget() for i in range(self._layout.count())]

    def set_theme(self, theme: Theme) -> None:
        if not self._swatches:
            for key, label, tip in LEGEND_ITEMS:
                cell = QWidget(self)
                row = QHBoxLayout(cell)
                row.setContentsMargins(0, 0, 0, 0)
                row.setSpacing(4)
                swatch = _Swatch(key, theme, cell)
                self._swatches.append(swatch)
                row.addWidget(swatch)
                row.addWidget(QLabel(label, cell))
                cell.setToolTip(tip)
                self._layout.addWidget(cell)
        for swatch in self._swatches:
            swatch.theme = theme
            swatch.update()
