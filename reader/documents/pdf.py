"""PDF: the text layer of every page (pypdf), reflowed into paragraphs. Scanned pages have no text layer."""
from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator

from reader.documents.blocks import Extracted
from reader.documents.text import text_blocks

_GENERIC_TITLE = re.compile(r"^(?:untitled|microsoft word - .*|document\d*|.*\.(?:docx?|pdf|indd|tex))$", re.I)


class PdfProblem(ValueError):
    """The PDF cannot be read: encrypted, damaged, or without text."""


def load_pdf_bytes(data: bytes) -> Extracted:
    """Paragraphs of a PDF's text layer; title from the PDF's metadata or a headline-like first line."""
    import pypdf
    from pypdf.errors import PdfReadError

    with _quiet():
        return _read(pypdf, PdfReadError, data)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs and warns about every repair it makes; the user gets one clear message instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _read(pypdf, PdfReadError, data: bytes) -> Extracted:  # noqa: N803 - the class, passed in lazily
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader)
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta_title = _meta_title(reader)
    except PdfProblem:
        raise
    except _limit_error() as exc:  # a stream that inflates past pypdf's limit (75 MB): a "zip bomb"
        from reader.documents.limits import size_text

        raise PdfProblem(f"the PDF is too large when unpacked (a stream of more than {size_text(75_000_000)})"
                         ) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, ZeroDivisionError) as exc:
        raise PdfProblem(f"the PDF is damaged and cannot be read ({_short(exc)})") from exc
    text = "\n".join(drop_running_lines(pages))
    if not text.strip():
        raise PdfProblem("the PDF has no text layer (scanned pages?): no article text found after extraction")
    blocks, first_line_title = text_blocks(text, pdf=True)
    return Extracted(blocks, meta_title or first_line_title, "")


def _limit_error() -> type[BaseException]:
    try:
        from pypdf.errors import LimitReachedError
    except ImportError:  # older pypdf: no limits to report
        return PdfProblem
    return LimitReachedError


def drop_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running heads and feet: a line among the first or last two of at least half the
    pages (and of two or more), page numbers aside, is the publication's masthead, not the article."""
    if len(pages) < 2:
        return pages
    edges = [_edge_keys(page) for page in pages]
    counts: dict[str, int] = {}
    for keys in edges:
        for key in set(keys.values()):
            counts[key] = counts.get(key, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, count in counts.items() if count >= need and re.search(r"[^\W\d_]", key)}
    if not repeated:
        return pages
    out = []
    for page, keys in zip(pages, edges):
        lines = page.split("\n")
        out.append("\n".join(line for k, line in enumerate(lines) if keys.get(k) not in repeated))
    return out


def _edge_keys(page: str) -> dict[int, str]:
    """Line index -> comparable form (spaces collapsed, digits as #) of the first and last two non-blank lines."""
    filled = [k for k, line in enumerate(page.split("\n")) if line.strip()]
    lines = page.split("\n")
    return {k: re.sub(r"\d+", "#", " ".join(lines[k].split())).casefold() for k in filled[:2] + filled[-2:]}


def _unlock(reader) -> None:
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # pypdf raises DependencyError for AES without a crypto library
        raise PdfProblem("the PDF is encrypted (password-protected)") from exc
    if not opened:
        raise PdfProblem("the PDF is encrypted (password-protected)")


def _meta_title(reader) -> str:
    try:
        title = (reader.metadata or {}).get("/Title") or ""
    except Exception:  # damaged info dictionary: the title is optional
        return ""
    title = " ".join(str(title).split())
    return "" if _GENERIC_TITLE.match(title) or len(title) > 200 else title


def _short(exc: BaseException) -> str:
    message = str(exc).strip() or type(exc).__name__
    return message if len(message) <= 80 else message[:77] + "..."
