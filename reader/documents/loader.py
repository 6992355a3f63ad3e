"""``load_document`` and ``document_from_text``: read, sniff, extract, assemble; every failure a DocumentError."""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from reader.core.model import Document
from reader.documents import sniff
from reader.documents.blocks import Extracted, assemble, clean_line
from reader.documents.decode import DecodeFailure, decode_bytes
from reader.documents.errors import DocumentError, PathLike
from reader.documents.limits import MAX_BYTES, MAX_WORDS, size_text

DEFAULT_MAX_BYTES = MAX_BYTES
NO_TEXT = "no article text found after extraction"
_WORD = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")


def load_document(path: PathLike, *, max_bytes: int = MAX_BYTES, max_words: int = MAX_WORDS) -> Document:
    """Read one article file (.txt, .md, .html, .pdf, .docx; the content decides) into a Document.

    Refused (DocumentError): more than ``max_bytes`` on disk, a package too large when unpacked, more than
    ``max_words`` words of article text, or no article text at all.
    """
    name = os.fspath(path)
    data = read_file(Path(name), name, max_bytes)
    fmt = detect_format(data, Path(name).suffix.lower(), name)
    extracted = _extract(fmt, data, name, max_words)
    blocks = extracted.blocks
    check_article(name, [block.text for block in blocks], max_words)
    import hashlib

    from reader.documents.text import title_from_filename

    title = extracted.title or title_from_filename(name)
    fmt = "html" if fmt == "mhtml" else fmt
    return assemble(blocks, path=name, title=title, fmt=fmt, sha256=hashlib.sha256(data).hexdigest(),
                    encoding=extracted.encoding, notices=extracted.notices)


def document_from_text(text: str, *, title: str = "", source: str = "clipboard",
                       max_words: int = MAX_WORDS) -> Document:
    """An article from text already in memory (pasted); a whole HTML page is reduced to its article."""
    if not text or not clean_line(text):
        raise DocumentError(source, "the text is empty")
    if sniff.looks_like_html(text[:4096].encode("utf-8", "replace")):
        from reader.documents.html import NoArticle, html_blocks

        try:
            blocks, found_title = html_blocks(text)
        except NoArticle as exc:
            raise DocumentError(source, str(exc)) from exc
    else:
        from reader.documents.text import text_blocks

        check_words(source, text, max_words)  # before paragraphs are built: a huge paste is refused at once
        blocks, found_title = text_blocks(text)
    check_article(source, [block.text for block in blocks], max_words)
    return assemble(blocks, path=None, title=title or found_title or _first_words(blocks[0].text), fmt=source)


def check_article(name: str, texts: list[str], max_words: int) -> None:
    """DocumentError unless the extracted paragraphs hold some words (letters or digits) and not too many."""
    if not any(_ALNUM.search(text) for text in texts):
        what = "only punctuation and symbols: " if any(clean_line(text) for text in texts) else ""
        raise DocumentError(name, what + NO_TEXT)
    words = sum(count_words(text, max_words + 1) for text in texts)
    if words > max_words:
        check_words(name, "\n".join(texts), max_words)


def count_words(text: str, stop_after: int | None = None) -> int:
    """Whitespace-separated words, counted without building a list (stops early past ``stop_after``)."""
    count = 0
    for count, _ in enumerate(_WORD.finditer(text), 1):
        if stop_after is not None and count >= stop_after:
            break
    return count


def check_words(name: str, text: str, max_words: int) -> None:
    if count_words(text, max_words + 1) > max_words:
        raise DocumentError(name, f"is too long to compare: {count_words(text):,} words, at most {max_words:,} "
                                  "(split it into parts)")


def _unreadable(name: str, exc: OSError) -> DocumentError:
    """The plain-words reason an OS error gives for not reading a file."""
    if isinstance(exc, FileNotFoundError):
        return DocumentError(name, "file not found")
    if isinstance(exc, PermissionError):
        return DocumentError(name, "cannot be read: permission denied")
    if isinstance(exc, IsADirectoryError):
        return DocumentError(name, "is a folder, not a file")
    return DocumentError(name, f"cannot be read ({exc.strerror or exc})")


def read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """The file's bytes, or a DocumentError saying in plain words why they cannot be had."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(name, "is not a regular file (device, pipe or socket)")
    if info.st_size > max_bytes:
        raise DocumentError(name, f"is larger than {size_text(max_bytes)}")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if len(data) > max_bytes:
        raise DocumentError(name, f"is larger than {size_text(max_bytes)}")
    if not data:
        raise DocumentError(name, "the file is empty")
    return data


def detect_format(data: bytes, suffix: str, name: str) -> str:
    """"txt", "markdown", "html", "mhtml", "pdf" or "docx", from the content first and the suffix second."""
    if sniff.is_pdf(data):
        return "pdf"
    kind = sniff.zip_kind(data)
    if kind == "docx":
        return "docx"
    if kind is not None:
        raise DocumentError(name, _zip_reason(kind, suffix))
    legacy = sniff.office_legacy(data)
    if legacy == "encrypted":
        raise DocumentError(name, "the Word document is encrypted (password-protected)")
    if legacy:
        raise DocumentError(name, "is an old Office file (.doc/.xls/.ppt); save it as .docx and open that")
    binary = sniff.binary_kind(data)
    if binary is not None:
        raise DocumentError(name, _binary_reason(binary, suffix))
    if sniff.looks_like_mhtml(data):
        return "mhtml"
    if sniff.looks_like_html(data) or (suffix in sniff.HTML_SUFFIXES and sniff.has_tags(data)):
        return "html"
    if suffix in sniff.MARKDOWN_SUFFIXES:
        return "markdown"
    return "txt"


def _zip_reason(kind: str, suffix: str) -> str:
    if kind == "broken-zip":
        what = "the Word document" if suffix == ".docx" else "the ZIP archive"
        return f"{what} is damaged (its ZIP package cannot be opened)"
    if suffix == ".docx":
        return "the Word document is damaged (it has no word/document.xml)"
    if kind == "epub":
        return "looks like an e-book (EPUB), which is not supported"
    return "looks like a binary file (ZIP archive), not text"


def _binary_reason(kind: str, suffix: str) -> str:
    if suffix == ".pdf":
        return "the PDF is damaged (it has no PDF header)"
    if suffix == ".docx":
        return "the Word document is damaged (it is not a ZIP package)"
    return f"looks like a binary file ({kind}), not text" if kind else "looks like a binary file, not text"


def _extract(fmt: str, data: bytes, name: str, max_words: int) -> Extracted:
    if fmt == "pdf":
        from reader.documents.pdf import PdfProblem, load_pdf_bytes

        try:
            return load_pdf_bytes(data)
        except PdfProblem as exc:
            raise DocumentError(name, str(exc)) from None
    if fmt == "docx":
        from reader.documents.word import DocxProblem, load_docx_bytes

        _check_package(data, name)
        try:
            return load_docx_bytes(data)
        except DocxProblem as exc:
            raise DocumentError(name, str(exc)) from None
    if fmt in ("html", "mhtml"):
        from reader.documents.html import NoArticle, load_html_bytes, load_mhtml_bytes

        try:
            return load_html_bytes(data) if fmt == "html" else load_mhtml_bytes(data)
        except NoArticle as exc:
            raise DocumentError(name, str(exc)) from None
        except DecodeFailure:
            raise DocumentError(name, "looks like a binary file, not text") from None
    return _extract_text(fmt, data, name, max_words)


def _check_package(data: bytes, name: str) -> None:
    """Refuse a Word package that is too large once unpacked, before python-docx inflates it."""
    import zipfile
    import zlib

    from reader.documents.limits import TooLarge, check_zip_package

    try:
        check_zip_package(data)
    except TooLarge as exc:
        raise DocumentError(name, f"the Word document is {exc}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        raise DocumentError(name, f"the Word document is damaged and cannot be read ({type(exc).__name__})") from None


def _extract_text(fmt: str, data: bytes, name: str, max_words: int) -> Extracted:
    try:
        text, encoding, notices = decode_bytes(data)
    except DecodeFailure:
        raise DocumentError(name, "looks like a binary file, not text") from None
    if _control_share(text) > 0.01:
        raise DocumentError(name, "looks like a binary file, not text")
    if not text.strip():
        raise DocumentError(name, "the file contains only blank space: " + NO_TEXT)
    check_words(name, text, max_words)  # before paragraphs are built: a huge file is refused at once
    if fmt == "markdown":
        from reader.documents.markdown import markdown_blocks

        blocks, title = markdown_blocks(text)
    else:
        from reader.documents.text import text_blocks

        blocks, title = text_blocks(text)
    return Extracted(blocks, title, encoding, notices)


def _control_share(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\x0c") or 0x7F <= ord(ch) < 0xA0)
    return controls / max(1, len(sample))


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("\u2026" if len(words) > count else "")
