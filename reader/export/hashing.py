"""SHA-256 of a source file, for the report header (Qt-free)."""
from __future__ import annotations

import hashlib
import os

from reader.core.model import Document


def file_sha256(path: str, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def document_sha256(document: Document) -> str:
    """The document's recorded hash; computed from its file when the loader left it empty; "" for pasted text."""
    if document.sha256:
        return document.sha256
    if document.path and os.path.isfile(document.path):
        try:
            return file_sha256(document.path)
        except OSError:
            return ""
    return ""
