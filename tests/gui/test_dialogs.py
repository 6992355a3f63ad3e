"""Preferences, Help and About show what a user needs: what the threshold changes, every shortcut, the version."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from reader import APP_NAME, __version__
from reader.ui.dialogs import (
    THRESHOLD_HELP,
    AboutDialog,
    DialogFactory,
    HelpDialog,
    Preferences,
    PreferencesDialog,
    about_text,
)
from reader.ui.main_window import ACTIONS


def test_preferences_round_trip_the_values(qtbot):
    dialog = PreferencesDialog(Preferences(threshold=0.65, theme="dark", font_size=14, page_size="Letter"))
    qtbot.addWidget(dialog)
    assert dialog.values() == Preferences(threshold=0.65, theme="dark", font_size=14, page_size="Letter")
    dialog.threshold.setValue(0.4)
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.font_size.setValue(9)
    dialog.page_size.setCurrentIndex(dialog.page_size.findData("A4"))
    assert dialog.values() == Preferences(threshold=0.4, theme="light", font_size=9, page_size="A4")


def test_preferences_explain_what_the_threshold_changes(qtbot):
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    assert dialog.threshold_help.text() == THRESHOLD_HELP
    assert "probability" in THRESHOLD_HELP and "same fact" in THRESHOLD_HELP and "one source" in THRESHOLD_HELP


def test_help_lists_every_shortcut_of_the_menus(qtbot):
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    listed = " ".join(dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()))
    for name, (_text, keys, _tip) in ACTIONS.items():
        for key in keys:
            if key != "Ctrl++":
                assert key in listed, f"{name} shortcut {key} missing from Help"
    assert dialog.legend is not None and dialog.legend.isVisibleTo(dialog)


def test_about_names_the_app_and_version(qtbot):
    assert APP_NAME in about_text() and __version__ in about_text()
    box = AboutDialog()
    qtbot.addWidget(box)
    assert __version__ in box.text()


def test_error_messages_do_not_block(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    factory = DialogFactory(parent)
    factory.error("Cannot open file", "Could not open “x.txt”.")  # returns at once (window-modal, open())
    boxes = parent.findChildren(QMessageBox)
    assert len(boxes) == 1 and "x.txt" in boxes[0].text()
    boxes[0].accept()
