"""Helpers for tests that drive the whole app: files are read in the background, so tests wait for that."""
from __future__ import annotations


def opened(qtbot, handle, timeout: int = 20_000) -> bool:
    """Wait for a loading task (``ReaderApp.open_pair`` / ``open_side`` / ``reload`` / ``paste_as``) to end; True
    when every source was read and shown."""
    assert handle is not None
    qtbot.waitUntil(lambda: not handle.running, timeout=timeout)
    return handle.state == "finished" and handle.result.ok
