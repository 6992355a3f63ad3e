"""What the window says when background work fails: expected errors as plain messages, unexpected ones logged.

Expected errors (a file that cannot be read, a PDF that cannot be written, a full disk, a missing model) carry a
reason meant for the user: the message is that reason, and nothing goes to stderr. Anything else is a bug: its
traceback is appended to a log file in the platform's state folder (``~/.local/state/parallel-reader/log/
parallel-reader.log`` on Linux; ``PARALLEL_READER_LOG_DIR`` overrides it) and the message names that file.
"""
from __future__ import annotations

import os
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from reader import APP_SLUG, __version__

LOG_NAME = f"{APP_SLUG}.log"
LOG_LIMIT = 1_000_000  # bytes; a longer log starts again (the previous one is kept as .log.1)


def log_dir() -> Path:
    override = os.environ.get("PARALLEL_READER_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_SLUG, appauthor=False))


def expected_errors() -> tuple[type[BaseException], ...]:
    """Errors with a reason meant for the user (imported lazily: each module stays optional)."""
    from reader.documents.errors import DocumentError

    found: list[type[BaseException]] = [DocumentError, OSError, MemoryError]
    try:
        from reader.export.pdf import ExportError

        found.append(ExportError)
    except ImportError:  # pragma: no cover - export is part of every installation
        pass
    try:
        from reader.core.nlp import ModelMissing

        found.append(ModelMissing)
    except ImportError:  # pragma: no cover
        pass
    return tuple(found)


def failure_message(exc: BaseException, doing: str = "") -> str:
    """One message for a failed task: the reason for an expected error; for a bug, where its details went."""
    if isinstance(exc, expected_errors()):
        if isinstance(exc, MemoryError):
            return "There was not enough memory to finish."
        reason = getattr(exc, "reason", None)
        if isinstance(exc, OSError) and not reason:
            where = f" ({exc.filename})" if exc.filename else ""
            reason = f"{exc.strerror or exc}{where}"
        return str(reason or exc) or exc.__class__.__name__
    path = write_log(exc, doing)
    summary = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
    where = f"The details were written to {path}" if path else "The details could not be written to a log file"
    return f"An unexpected error occurred ({summary[:300]}). {where}; please include them when reporting it."


def write_log(exc: BaseException, doing: str = "") -> Optional[Path]:
    """Append the traceback of ``exc`` to the log file; returns its path (None if it cannot be written)."""
    folder = log_dir()
    path = folder / LOG_NAME
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    entry = f"--- {stamp} · {APP_SLUG} {__version__}{' · ' + doing if doing else ''}\n{text}\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(entry)
    except OSError:
        return None
    return path
