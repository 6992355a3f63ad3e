"""Article loaders: plain text, Markdown, saved web pages, PDF and Word files become a ``Document``.

Heavy libraries (trafilatura, pypdf, python-docx, charset-normalizer) are imported only when a file needs them.
"""
from __future__ import annotations

from reader.documents.errors import DocumentError
from reader.documents.limits import MAX_BYTES, MAX_UNPACKED_BYTES, MAX_WORDS
from reader.documents.loader import DEFAULT_MAX_BYTES, document_from_text, load_document

# suffixes for an "Open" dialog; the loaders decide by content, so other names work too
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".mhtml", ".mht", ".pdf", ".docx")

__all__ = ["DEFAULT_MAX_BYTES", "MAX_BYTES", "MAX_UNPACKED_BYTES", "MAX_WORDS", "SUFFIXES", "DocumentError",
           "document_from_text", "load_document"]
