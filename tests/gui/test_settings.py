"""Settings survive restarts, and a broken settings file never stops the app from starting."""
from __future__ import annotations

import json

import pytest

from reader.settings import DEFAULTS, ENV_CONFIG_DIR, MAX_RECENT, Settings, config_dir, pair_key


def test_values_persist_between_instances(tmp_path):
    first = Settings(tmp_path)
    first.set("theme", "dark")
    first.set("font_size", 14)
    first.set("splitter_sizes", [900, 300])
    first.set("page_size", "Letter")
    again = Settings(tmp_path)
    assert (again.get("theme"), again.get("font_size"), again.get("splitter_sizes"), again.get("page_size")) == \
        ("dark", 14, [900, 300], "Letter")


def test_missing_file_gives_defaults(tmp_path):
    settings = Settings(tmp_path / "not-yet")
    assert all(settings.get(key) == value for key, value in DEFAULTS.items())
    assert settings.load_error == ""


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", "\x00\xff garbage", ""])
def test_corrupt_file_falls_back_to_defaults(tmp_path, content):
    (tmp_path / "settings.json").write_text(content, encoding="latin-1")
    settings = Settings(tmp_path)
    assert settings.get("theme") == DEFAULTS["theme"]
    assert settings.get("recent_pairs") == []
    settings.set("theme", "light")  # and it can be written again
    assert json.loads((tmp_path / "settings.json").read_text())["theme"] == "light"


def test_wrong_types_in_file_are_ignored_one_by_one(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps(
        {"theme": "purple", "font_size": "big", "threshold": 7, "page_size": "A4", "recent_pairs": "x",
         "unknown_key": 1}))
    settings = Settings(tmp_path)
    assert settings.get("theme") == "system"
    assert settings.get("font_size") == DEFAULTS["font_size"]
    assert settings.get("threshold") == DEFAULTS["threshold"]
    assert settings.get("recent_pairs") == []
    with pytest.raises(ValueError):
        settings.set("theme", "purple")


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    settings = Settings(tmp_path)
    for size in range(8, 20):
        settings.set("font_size", size)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    assert json.loads((tmp_path / "settings.json").read_text())["font_size"] == 19


def test_recent_pairs_newest_first_without_duplicates_and_capped(tmp_path):
    settings = Settings(tmp_path)
    for i in range(MAX_RECENT + 3):
        settings.add_recent_pair(str(tmp_path / f"l{i}.txt"), str(tmp_path / f"r{i}.txt"))
    settings.add_recent_pair(str(tmp_path / "l5.txt"), str(tmp_path / "r5.txt"))
    pairs = Settings(tmp_path).recent_pairs()
    assert len(pairs) == MAX_RECENT
    assert pairs[0] == (str(tmp_path / "l5.txt"), str(tmp_path / "r5.txt"))
    assert len(set(pairs)) == len(pairs)
    assert (str(tmp_path / "l0.txt"), str(tmp_path / "r0.txt")) not in pairs


def test_link_edits_are_kept_per_pair_of_files(tmp_path):
    settings = Settings(tmp_path)
    key = pair_key("a.txt", "aaa", "b.txt", "bbb")
    other = pair_key("a.txt", "changed", "b.txt", "bbb")
    settings.set_link_edits(key, [("link", (1, 2), (3,)), ("unlink", (4,), (5,))])
    again = Settings(tmp_path)
    assert again.link_edits(key) == [("link", (1, 2), (3,)), ("unlink", (4,), (5,))]
    assert again.link_edits(other) == []  # an edited file does not inherit the old links
    again.set_link_edits(key, [])
    assert Settings(tmp_path).get("manual_links") == {}


def test_env_var_redirects_the_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_CONFIG_DIR, str(tmp_path / "cfg"))
    assert config_dir() == tmp_path / "cfg"
    Settings().set("theme", "dark")
    assert (tmp_path / "cfg" / "settings.json").exists()
