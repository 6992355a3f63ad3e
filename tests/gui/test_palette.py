"""Palette: light and dark themes, colour-blind-safe hues, readable contrast, a legend entry for every mark."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from reader.ui.palette import DARK, LEGEND_ITEMS, LIGHT, LegendWidget, resolve_theme


def contrast(a: str, b: str) -> float:
    def lum(name: str) -> float:
        c = QColor(name)
        chans = [v / 255 for v in (c.red(), c.green(), c.blue())]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_text_is_readable_on_every_shade(theme):
    for shade in (theme.base, theme.identical, theme.near, theme.paraphrase, theme.unique):
        assert contrast(theme.text, shade) >= 7.0  # WCAG AAA for body text
    assert contrast(theme.discrepancy, theme.base) >= 4.5
    assert 2.5 <= contrast(theme.dim_text, theme.base) < contrast(theme.text, theme.base)
    assert contrast(theme.selected_text, theme.selected) >= 4.5  # selected text stays legible


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_hues_are_blue_orange_purple_not_red_green(theme):
    def hue(name: str) -> int:
        return QColor(name).hslHue()
    for shade in (theme.identical, theme.near, theme.paraphrase):
        assert 195 <= hue(shade) <= 225  # blue
    assert 25 <= hue(theme.unique_mark) <= 45  # orange
    assert 300 <= hue(theme.discrepancy) <= 340  # reddish purple, distinct from both
    # link shades grow stronger from identical to paraphrase
    strength = [QColor(s).hslSaturation() * (255 - QColor(s).lightness()) for s in
                (theme.identical, theme.near, theme.paraphrase)] if theme is LIGHT else \
        [QColor(s).lightness() for s in (theme.identical, theme.near, theme.paraphrase)]
    assert strength == sorted(strength)


def test_resolve_theme(qapp):
    assert resolve_theme("light") is LIGHT and resolve_theme("dark") is DARK
    assert resolve_theme("system") in (LIGHT, DARK)
    with pytest.raises(ValueError):
        resolve_theme("sepia")


def test_legend_lists_every_mark(qtbot):
    legend = LegendWidget(theme=DARK)
    qtbot.addWidget(legend)
    labels = [w.text() for w in legend.findChildren(QLabel)]
    assert labels == [label for _key, label, _tip in LEGEND_ITEMS]
    assert {"Only here", "Discrepancy", "Boilerplate"} <= set(labels)
    legend.set_theme(LIGHT)
    assert [w.text() for w in legend.findChildren(QLabel)] == labels  # rebuilt in place, no duplicates


def test_legend_wraps_in_a_narrow_window_and_keeps_every_label_readable(qtbot):
    legend = LegendWidget(theme=LIGHT)
    qtbot.addWidget(legend)
    wide = legend.sizeHint().width()
    assert legend.minimumSizeHint().width() < 300  # never what holds the window wide
    one_row = legend.heightForWidth(wide + 20)
    assert legend.heightForWidth(wide // 2) > one_row  # two rows (or more) instead of clipping
    for width in (wide + 20, 640, 420):
        legend.resize(width, legend.heightForWidth(width))
        legend.show()
        qtbot.waitExposed(legend)
        for cell in legend.cells():
            assert legend.rect().contains(cell.geometry()), (width, cell.geometry())
            label = cell.findChild(QLabel)
            assert label.width() >= label.sizeHint().width()  # the label's text is not cut off
