"""User settings: every key and default declared here, stored as JSON in the platformdirs config folder.

The file is written atomically (temp file + ``os.replace``). Every value read is checked by type and range; an
invalid one falls back to its default, and a damaged file (not JSON, nested too deep, too large, invalid values)
is kept aside as ``settings.json.bad``: settings never crash the app. Tests point ``PARALLEL_READER_CONFIG_DIR`` (or
the ``folder`` argument) at a temporary folder so the real configuration is never touched.
"""
from __future__ import annotations

import json
import math
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

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


_BASE64 = re.compile(r"[A-Za-z0-9+/=]*")
MAX_FILE_BYTES = 16 * 1024 * 1024  # a bigger settings file is damaged (ours stay far below)
MAX_BASE64 = 64 * 1024  # saved window geometry / state
MAX_PIXELS = 100_000  # splitter sizes
MAX_PATH = 4096
MAX_LINKED_PAIRS = 200  # pairs with remembered manual links (the most recently edited are kept)
MAX_EDITS = 5000  # manual link edits per pair
MAX_IDS = 64  # segments on one side of one edit
MAX_SEGMENT_ID = 10_000_000


def _number(value: Any, low: float, high: float) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            and low <= value <= high)


def _path(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_PATH and "\x00" not in value


def _ids(value: Any) -> bool:
    return (isinstance(value, list) and 0 < len(value) <= MAX_IDS
            and all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i <= MAX_SEGMENT_ID for i in value))


def _edit(item: Any) -> bool:
    return (isinstance(item, dict) and item.get("action") in ("link", "unlink") and _ids(item.get("left"))
            and _ids(item.get("right")))


def _manual_links(value: Any) -> bool:
    return isinstance(value, dict) and len(value) <= MAX_LINKED_PAIRS and all(
        isinstance(key, str) and len(key) <= 3 * MAX_PATH and isinstance(edits, list)
        and 0 < len(edits) <= MAX_EDITS and all(_edit(e) for e in edits) for key, edits in value.items())


_VALIDATORS: dict[str, Callable[[Any], bool]] = {
    "window_geometry": lambda v: isinstance(v, str) and len(v) <= MAX_BASE64 and bool(_BASE64.fullmatch(v)),
    "window_state": lambda v: isinstance(v, str) and len(v) <= MAX_BASE64 and bool(_BASE64.fullmatch(v)),
    "splitter_sizes": lambda v: isinstance(v, list) and len(v) <= 4 and all(
        isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= MAX_PIXELS for x in v),
    "theme": lambda v: isinstance(v, str) and v in THEMES,
    "font_size": lambda v: _number(v, FONT_MIN, FONT_MAX),
    "scroll_lock": lambda v: isinstance(v, bool),
    "recent_pairs": lambda v: isinstance(v, list) and len(v) <= MAX_RECENT and all(
        isinstance(p, list) and len(p) == 2 and all(_path(s) for s in p) for p in v),
    "threshold": lambda v: _number(v, 0.0, 1.0),
    "page_size": lambda v: isinstance(v, str) and v in PAGE_SIZES,
    "manual_links": _manual_links,
    "last_export_dir": _path,
}


def _valid(key: str, value: Any) -> bool:
    return _VALIDATORS[key](value)


def _salvage(key: str, value: Any) -> Any:
    """The usable part of a stored value that is too long: the newest recent pairs, the latest manual links."""
    if key == "recent_pairs" and isinstance(value, list):
        good = [p for p in value[: 10 * MAX_RECENT] if _valid(key, [p])]
        return good[:MAX_RECENT]
    if key == "manual_links" and isinstance(value, dict):
        items = list(value.items())[-10 * MAX_LINKED_PAIRS:]
        good = [(k, v) for k, v in items if _valid(key, {k: v})]
        return dict(good[-MAX_LINKED_PAIRS:])
    return None


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
        """Read the file; a value that is invalid falls back to its default, a damaged file is kept aside."""
        self._values = {}
        self.load_error = ""
        try:
            raw = self._read()
        except FileNotFoundError:
            return
        except OSError as exc:  # unreadable (permissions, a folder): leave it where it is
            self.load_error = f"{self.path}: {exc.strerror or exc}"
            return
        except (ValueError, RecursionError, MemoryError) as exc:  # not JSON, nested too deep, too large
            self._set_aside(f"{type(exc).__name__}: {str(exc)[:200]}")
            return
        if not isinstance(raw, dict):
            self._set_aside("not a JSON object")
            return
        rejected = []
        for key, value in raw.items():
            if key not in DEFAULTS:
                continue  # a newer version's setting: ignored, not an error
            if not _valid(key, value):
                value = _salvage(key, value)
                if value is None or not _valid(key, value):
                    rejected.append(key)
                    continue
                rejected.append(key + " (shortened)")
            self._values[key] = value
        if rejected:
            self._set_aside("invalid " + ", ".join(rejected))
            if self.autosave:
                self.save()

    def _read(self) -> Any:
        with open(self.path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        return json.loads(data.decode("utf-8"))

    def _set_aside(self, why: str) -> None:
        """Keep the damaged file as settings.json.bad (for the user to inspect) and say why it was not used."""
        bad = self.path.with_name(FILE_NAME + ".bad")
        try:
            os.replace(self.path, bad)
            self.load_error = f"{self.path}: {why}; the file was kept as {bad.name} and defaults are used"
        except OSError:
            self.load_error = f"{self.path}: {why}; defaults are used"

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
        everything.pop(key, None)
        if entry:
            everything[key] = entry[-MAX_EDITS:]  # the most recently edited pair last
        self.set("manual_links", _salvage("manual_links", everything))
