"""Reading articles for the window, off the UI thread: files (or pasted text) to Documents with their display.

:func:`load_sources` is the task function the app runs through :class:`reader.ui.tasks.TaskRunner`: it never
touches a Qt object, reports progress per source, stops when asked between sources, and never raises for a bad
source: each failure becomes a message naming the file and the reason (bugs also go to the log file).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

from reader.core.model import Cancelled, Document, ProgressFn, StopFn
from reader.ui.display import Display, prepare_display
from reader.ui.failures import expected_errors, failure_message


@dataclass(frozen=True)
class FileSource:
    path: str


@dataclass(frozen=True)
class TextSource:
    text: str
    title: str


Source = Union[FileSource, TextSource]


@dataclass
class Loaded:
    """What a load task returns: per side the document and its display, or the message for its failure."""

    docs: dict[str, Document] = field(default_factory=dict)
    displays: dict[int, Display] = field(default_factory=dict)  # id(document) -> display
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def open_error_text(path: str, error: BaseException) -> str:
    """The message for a file that could not be opened: names the file and says why, in plain words."""
    if isinstance(error, expected_errors()):
        reason = getattr(error, "reason", None) or failure_message(error)
    else:
        reason = failure_message(error, f"opening {path}")
    reason = reason[:1].upper() + reason[1:]
    name = os.path.basename(path) or path
    return (f"Could not open “{name}”.\n\n{reason}\n\nFile: {os.path.abspath(path)}\n\n"
            "The other pane and the current comparison are unchanged.")


def source_label(source: Source) -> str:
    return os.path.basename(source.path) if isinstance(source, FileSource) else source.title


def read_source(source: Source) -> Document:
    """The article of one source (loaders imported lazily: they pull in HTML/PDF libraries)."""
    if isinstance(source, FileSource):
        from reader.documents import load_document

        return load_document(source.path)
    from reader.documents import document_from_text

    return document_from_text(source.text, title=source.title, source="clipboard")


def load_sources(sources: dict[str, Source], progress: ProgressFn, should_stop: StopFn,
                 read: Optional[Callable[[Source], Document]] = None) -> Loaded:
    """Read every source and prepare its display; a bad one is a message in ``errors``, never an exception."""
    read = read or read_source
    loaded = Loaded()
    count = max(1, len(sources))
    for index, (side, source) in enumerate(sources.items()):
        if should_stop():
            raise Cancelled()
        progress(index / count, f"Opening {source_label(source)}…")
        try:
            document = read(source)
            display = prepare_display(document)
        except Exception as exc:  # DocumentError, OSError, or anything a loader missed: a message
            if isinstance(source, FileSource):
                loaded.errors[side] = open_error_text(source.path, exc)
            else:
                loaded.errors[side] = f"The clipboard text could not be used.\n\n{failure_message(exc, 'pasting')}"
            continue
        loaded.docs[side] = document
        loaded.displays[id(document)] = display
    if should_stop():
        raise Cancelled()
    progress(1.0, "Opened")
    return loaded
