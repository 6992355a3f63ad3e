"""The window starts on every damaged settings file of issue 9 (each used to crash every start)."""
from __future__ import annotations

import pytest

from reader.app import ReaderApp
from reader.settings import MAX_RECENT, Settings
from tests.dialog_doubles import RecordingDialogs
from tests.unit.test_settings_damaged import DAMAGED


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_window_starts_with_defaults(qtbot, tmp_path, name):
    (tmp_path / "settings.json").write_text(DAMAGED[name], encoding="utf-8")
    reader = ReaderApp(Settings(tmp_path), dialogs=RecordingDialogs())
    qtbot.addWidget(reader.window)
    reader.window.show()
    sizes = reader.window.splitter.sizes()
    assert len(sizes) == 2 and all(0 < s < 100_000 for s in sizes)
    assert (tmp_path / "settings.json.bad").exists()
    reader.shutdown()
    assert Settings(tmp_path).load_error == ""  # what the window saved reads back cleanly


def test_recent_pairs_menu_shows_at_most_the_cap(qtbot, tmp_path):
    import json

    pairs = [[f"/news/left-{i}.txt", f"/news/right-{i}.txt"] for i in range(100_000)]
    (tmp_path / "settings.json").write_text(json.dumps({"recent_pairs": pairs}))
    reader = ReaderApp(Settings(tmp_path), dialogs=RecordingDialogs())
    qtbot.addWidget(reader.window)
    entries = [a for a in reader.window.recent_menu.actions() if "left-" in a.text()]
    assert len(entries) == MAX_RECENT
    assert "left-0.txt" in entries[0].text()
    reader.shutdown()
