"""Damaged settings files: every value is checked, a damaged file is kept aside, the next start is clean."""
from __future__ import annotations

import json

import pytest

from reader.settings import DEFAULTS, MAX_RECENT, Settings


def _deep_links(depth: int) -> str:
    return '{"manual_links": {"k": ' + '{"a": ' * depth + "1" + "}" * depth + "}}"


# The damaged files from issue 9, as a user's disk might hold them.
DAMAGED = {
    "geometry-not-ascii": '{"window_geometry": "\\u00e9"}',
    "splitter-overflow": '{"splitter_sizes": [99999999999, 1]}',
    "nested-brackets": "[" * 100_000,
    "deep-manual-links": _deep_links(50_000),
}


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_damaged_file_gives_defaults_and_is_kept_aside(tmp_path, name):
    (tmp_path / "settings.json").write_text(DAMAGED[name], encoding="utf-8")
    settings = Settings(tmp_path)
    assert all(settings.get(key) == value for key, value in DEFAULTS.items())
    assert "settings.json.bad" in settings.load_error
    assert (tmp_path / "settings.json.bad").read_text(encoding="utf-8") == DAMAGED[name]
    again = Settings(tmp_path)  # the next start does not meet the damage again
    assert again.load_error == ""
    again.set("theme", "dark")
    assert Settings(tmp_path).get("theme") == "dark"


def test_good_values_survive_next_to_a_bad_one(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps(
        {"theme": "dark", "splitter_sizes": [10**11, 1], "font_size": float("nan"), "threshold": 0.7,
         "scroll_lock": "yes", "last_export_dir": "a\x00b", "window_state": "AAAA"}))
    settings = Settings(tmp_path)
    assert settings.get("theme") == "dark" and settings.get("threshold") == 0.7
    assert settings.get("window_state") == "AAAA"
    for key in ("splitter_sizes", "font_size", "scroll_lock", "last_export_dir"):
        assert settings.get(key) == DEFAULTS[key], key
    assert (tmp_path / "settings.json.bad").exists()
    stored = json.loads((tmp_path / "settings.json").read_text())
    assert stored == {"theme": "dark", "threshold": 0.7, "window_state": "AAAA"}


def test_hundred_thousand_recent_pairs_read_as_the_newest_few(tmp_path):
    pairs = [[f"/news/left-{i}.txt", f"/news/right-{i}.txt"] for i in range(100_000)]
    (tmp_path / "settings.json").write_text(json.dumps({"recent_pairs": pairs}))
    settings = Settings(tmp_path)
    assert settings.recent_pairs() == [(left, right) for left, right in pairs[:MAX_RECENT]]
    assert len(json.loads((tmp_path / "settings.json").read_text())["recent_pairs"]) == MAX_RECENT


def test_manual_links_keep_the_latest_pairs_and_well_formed_edits(tmp_path):
    links = {f"pair-{i}": [{"action": "link", "left": [i], "right": [i + 1]}] for i in range(1000)}
    links["broken"] = [{"action": "link", "left": "not a list", "right": [1]}]
    (tmp_path / "settings.json").write_text(json.dumps({"manual_links": links}))
    settings = Settings(tmp_path)
    kept = settings.get("manual_links")
    assert "broken" not in kept and "pair-999" in kept and "pair-0" not in kept
    assert settings.link_edits("pair-999") == [("link", (999,), (1000,))]
