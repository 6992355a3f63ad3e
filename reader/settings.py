"""User settings: every key and default declared here, stored as JSON in the platformdirs config folder.

The file is written atomically (temp file + ``os.replace``). A missing or corrupt file, or a value of the wrong
type, falls back to the default: settings never crash the app. Tests point ``PARALLEL_READER_CONFIG_DIR`` (or
the ``folder`` argument) at a temporary folder so the real configuration is never touched.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Optional

from reader import APP_SLUG

ENV_CONFIG_DIR = "PARALLEL_READER_CONFIG_DIR"
FILE_NAME = "settings.json"
MAX_RECENT = 10
THEMES = ("system", "light", "dark")
PAGE_SIZES = ("A4", "Letter")
FONT_MIN, FONT_MAX = 7, 32

DEFAULTS: dict[str, Any] = {
    "window_geometry": "",  # base64 of QMainWindow.saveGeometry()
    "window_state": "",  # base64 of QMainWindow.saveState()
    "splitter_sizes": [],  # [view, sidebar] in pixels
    "theme": "system",  # "system" | "light" | "dark"
    "font_size": 11.5,  # points (the view's default), changed by zoom in / out
    "scroll_lock": True,
    "recent_pairs": [],  # [[left_path, right_path], ...] newest first, at most MAX_RECENT
    "threshold": 0.5,  # minimum link score kept
    "page_size": "A4",  # "A4" | "Letter"
    "manual_links": {},  # pair key -> [{"action": "link"|"unlink", "left": [ids], "right": [ids]}, ...]
    "last_export_dir": "",
}


def config_dir() -> Path:
    """The folder holding settings.json: $PARALLEL_READER_CONFIG_DIR, else the platform's user config folder."""
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_SLUG, appauthor=False))


def pair_key(left_path: str, left_sha: str, right_path: str, right_sha: str) -> str:
    """Key for per-pair data: both files' absolute paths and their SHA-256 (edited files lose their links)."""
    left = os.path.abspath(left_path)
    right = os.path.abspath(right_path)
    return f"{left}#{left_sha}|{right}#{right_sha}"


def _valid(key: str, value: Any) -> bool:
    default = DEFAULTS[key]
    if key == "theme":
        return value in THEMES
    if key == "page_size":
        return value in PAGE_SIZES
    if key == "font_size":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and FONT_MIN <= value <= FONT_MAX
    if key == "threshold":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0.0 <= value <= 1.0
    if key == "splitter_sizes":
        return isinstance(value, list) and all(isinstance(v, int) and v >= 0 for v in value)
    if key == "recent_pairs":
        return isinstance(value, list) and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in value
        )
    return isinstance(value, type(default))


class Settings:
    """Typed access to the settings file. Every ``set`` saves at once (the file is small)."""

    def __init__(self, folder: Optional[Path | str] = None, *, autosave: bool = True) -> None:
        self.folder = Path(folder) if folder is not None else config_dir()
        self.path = self.folder / FILE_NAME
        self.autosave = autosave
        self.load_error = ""  # why the stored file was ignored, if it was
        self._values: dict[str, Any] = {}
        self.load()

    # ------------------------------------------------------------------ storage
    def load(self) -> None:
        self._values = {}
        self.load_error = ""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.load_error = f"{self.path}: {exc}"
            return
        if not isinstance(raw, dict):
            self.load_error = f"{self.path}: not a JSON object"
            return
        for key, value in raw.items():
            if key in DEFAULTS and _valid(key, value):
                self._values[key] = value

    def save(self) -> None:
        """Write atomically; a failure to write (read-only disk) is not fatal."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(self._values, handle, indent=2, ensure_ascii=False)
                os.replace(tmp, self.path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        except OSError:
            pass

    # ------------------------------------------------------------------ values
    def get(self, key: str) -> Any:
        if key not in DEFAULTS:
            raise KeyError(key)
        value = self._values.get(key, DEFAULTS[key])
        return json.loads(json.dumps(value)) if isinstance(value, (list, dict)) else value

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        if not _valid(key, value):
            raise ValueError(f"invalid value for setting {key!r}: {value!r}")
        self._values[key] = value
        if self.autosave:
            self.save()

    def reset(self) -> None:
        self._values = {}
        if self.autosave:
            self.save()

    # ------------------------------------------------------------------ recent pairs
    def recent_pairs(self) -> list[tuple[str, str]]:
        return [(left, right) for left, right in self.get("recent_pairs")]

    def add_recent_pair(self, left: str, right: str) -> None:
        pair = [os.path.abspath(left), os.path.abspath(right)]
        pairs = [p for p in self.get("recent_pairs") if p != pair]
        self.set("recent_pairs", ([pair] + pairs)[:MAX_RECENT])

    def clear_recent_pairs(self) -> None:
        self.set("recent_pairs", [])

    # ------------------------------------------------------------------ manual links
    def link_edits(self, key: str) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
        """Manual link / unlink edits remembered for the pair ``key``, in the order they were made."""
        out = []
        for item in self.get("manual_links").get(key, []):
            try:
                action, left, right = item["action"], item["left"], item["right"]
                if action in ("link", "unlink"):
                    out.append((action, tuple(int(i) for i in left), tuple(int(i) for i in right)))
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def set_link_edits(self, key: str, edits: Iterable[tuple[str, Iterable[int], Iterable[int]]]) -> None:
        everything = self.get("manual_links")
        entry = [{"action": a, "left": list(left), "right": list(right)} for a, left, right in edits]
        if entry:
            everything[key] = entry
        else:
            everything.pop(key, None)
        self.set("manual_links", everything)
