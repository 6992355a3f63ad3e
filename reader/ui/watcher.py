"""Watch the two open files and report when one changes on disk (debounced, survives atomic saves)."""
from __future__ import annotations

import os
from typing import Optional

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal


class FileWatcher(QObject):
    """Emits ``changed(paths)`` once, ``delay_ms`` after the last change to any watched file.

    Editors often save by writing a new file and renaming it over the old one; the watcher then loses the
    path, so it is added again as soon as the file exists again.
    """

    changed = Signal(list)

    def __init__(self, delay_ms: int = 400, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_change)
        self._paths: list[str] = []
        self._pending: set[str] = set()
        self._stamps: dict[str, tuple[float, int]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self.paused = False

    def watch(self, paths: list[Optional[str]]) -> None:
        """Watch exactly these files (None entries, e.g. clipboard text, are skipped)."""
        current = self._watcher.files()
        if current:
            self._watcher.removePaths(current)
        self._paths = [os.path.abspath(p) for p in paths if p]
        self._stamps = {p: _stamp(p) for p in self._paths}
        self._pending.clear()
        existing = [p for p in self._paths if os.path.exists(p)]
        if existing:
            self._watcher.addPaths(existing)

    def paths(self) -> list[str]:
        return list(self._paths)

    def _on_change(self, path: str) -> None:
        path = os.path.abspath(path)
        if path not in self._paths:
            return
        self._pending.add(path)
        self._timer.start()

    def _fire(self) -> None:
        for path in self._paths:  # re-add paths dropped by rename-over saves
            if os.path.exists(path) and path not in self._watcher.files():
                self._watcher.addPath(path)
        changed = [p for p in self._pending if os.path.exists(p) and _stamp(p) != self._stamps.get(p)]
        self._pending.clear()
        for path in changed:
            self._stamps[path] = _stamp(path)
        if changed and not self.paused:
            self.changed.emit(sorted(changed))


def _stamp(path: str) -> tuple[float, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (0.0, -1)
    return (info.st_mtime, info.st_size)
