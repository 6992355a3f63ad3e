"""The one exception the loaders raise: a file name plus a plain-words reason."""
from __future__ import annotations

import os
from typing import Union

PathLike = Union[str, "os.PathLike[str]"]


class DocumentError(Exception):
    """A file could not be turned into an article. ``str()`` is ``"<path>: <reason>"``."""

    def __init__(self, path: PathLike | None, reason: str) -> None:
        self.path = os.fspath(path) if path is not None else ""
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self):  # keep pickling (worker processes) working with two arguments
        return (type(self), (self.path, self.reason))
