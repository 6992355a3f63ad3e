"""Colours, cues and sizes of the exported report (Qt-free).

The colours mirror the screen palette (``reader/ui/palette.py``) so a printed report looks like the window:
a colour-blind-safe blue/orange scheme whose shades also differ in lightness, so they stay apart in greyscale.
Every colour also has a second, non-colour cue (a symbol in the middle column, a bar, bold, underline, italics).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

FONT_FAMILIES = ("DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica")
MONO_FAMILIES = ("DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Courier New", "Courier")
BODY_PT = 8.5
SMALL_PT = 7.0
TITLE_PT = 16.0
H2_PT = 11.5
TEXT = "#1A1A1A"
MUTED = "#5F6368"
RULE = "#9AA0A6"


@dataclass(frozen=True)
class CellStyle:
    """How a passage cell of one kind is drawn: fill, an optional bar on its outer edge, text colour, italics."""

    fill: Optional[str]
    bar: Optional[str] = None
    text: str = TEXT
    italic: bool = False
    symbol: str = ""
    label: str = ""


# Mirrors reader/ui/palette.py LIGHT (which imports QtWidgets, so the values are copied here, not imported):
# linked passages use the screen's three blues (greyscale lightness 93 / 87 / 78 %); only-in-one-source passages
# use the screen's orange hue, printed stronger (lightness 68 %, screen fill #fde2bd would read as "identical" in
# greyscale) with the screen's dark-orange margin bar; boilerplate uses the screen's dim grey text, in italics.
SCREEN_UNIQUE = "#fde2bd"
CELL_STYLES: dict[str, CellStyle] = {
    "identical": CellStyle("#e6eef8", symbol="=", label="identical"),
    "near": CellStyle("#cfe0f3", symbol="\u2248", label="near"),
    "paraphrase": CellStyle("#afcbec", symbol="~", label="paraphrase"),
    "only-left": CellStyle("#F9A04F", bar="#9A4A00", symbol="\u25c0", label="only left"),
    "only-right": CellStyle("#F9A04F", bar="#9A4A00", symbol="\u25b6", label="only right"),
    "heading": CellStyle(None, symbol="\u00a7", label="heading"),
    "boilerplate": CellStyle("#f4f2ed", text="#6f737a", italic=True, symbol="\u00b7", label="boilerplate"),
}

# Inline cues inside passages (span styles), as on screen.
DIFF_LINE = "#1f5fa8"  # word differences: bold + solid underline
DISCREPANCY = "#a3367a"  # discrepancies: bold reddish-purple text + wavy underline (+ "\u2260 Dn" in the middle)
DETAIL_LINE = "#c76b00"  # details only one source gives (inside linked passages): dotted dark-orange underline


def symbol_for(kind: str) -> str:
    return CELL_STYLES[kind].symbol


def luminance(hex_colour: str) -> float:
    """Relative lightness 0..1 of a colour as a greyscale printer would render it (Rec. 709 weights)."""
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
