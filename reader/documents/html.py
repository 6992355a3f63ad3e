"""Saved web pages: the article (headline, paragraphs) kept by trafilatura; menus, ads, comments dropped.

Nothing in the page is executed or fetched: trafilatura only parses the markup it is given.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from reader.documents.blocks import Block, Extracted, clean_line
from reader.documents.decode import decode_bytes

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


class NoArticle(ValueError):
    """trafilatura found no article text in the page."""


def declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:8192])
    return found.group(1).decode("ascii", "replace") if found else None


def load_html_bytes(data: bytes) -> Extracted:
    text, encoding, notices = decode_bytes(data, declared_charset(data))
    blocks, title = html_blocks(text)
    return Extracted(blocks, title, encoding, notices)


def load_mhtml_bytes(data: bytes) -> Extracted:
    """A page saved as one file (.mhtml, "Web page, single file"): its HTML part, nothing else."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or declared_charset(payload)
            text, encoding, notices = decode_bytes(payload, charset)
            blocks, title = html_blocks(text)
            return Extracted(blocks, title, encoding, notices)
    raise NoArticle("the saved page (MHTML) has no HTML part: no article text found after extraction")


def html_blocks(page: str) -> tuple[tuple[Block, ...], str]:
    """Article paragraphs of an HTML page and its title (page metadata, else the first <h1>)."""
    import trafilatura
    from lxml import etree

    options = dict(
        output_format="xml", include_comments=False, include_images=False, include_links=False,
        include_formatting=False, include_tables=True, with_metadata=True, deduplicate=False,
    )
    xml = trafilatura.extract(page, **options) or trafilatura.extract(page, favor_recall=True, **options)
    if not xml:
        raise NoArticle("no article text found after extraction")
    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    main = root.find("main")
    body = main if main is not None else root
    blocks = tuple(b for b in _walk(body) if clean_line(b.text))
    headline = _headline(body)
    if headline:  # the article's own <h1> is its headline
        return blocks, headline
    title = clean_line(root.get("title") or "") or _first_h1(page)
    if title and not any(clean_line(b.text).casefold() == title.casefold() for b in blocks[:3]):
        blocks = (Block(title, heading=True), *blocks)
    return blocks, title


def _headline(body) -> str:
    """The text of an <h1> among the first two extracted elements."""
    for child in list(body)[:2]:
        if child.tag == "head" and child.get("rend") == "h1":
            return clean_line(_text(child))
    return ""


def _walk(element) -> Iterator[Block]:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "head":
            yield Block(_text(child), heading=True)
        elif tag in ("p", "quote", "code", "item", "cell"):
            yield Block(_text(child))
        elif tag == "row":
            cells = [_text(cell) for cell in child]
            yield Block(" | ".join(c for c in cells if c.strip()))
        elif tag in ("list", "table", "div", "main", "section"):
            yield from _walk(child)
        elif tag not in ("comments", "graphic", "ref") and _text(child).strip():
            yield Block(_text(child))


def _text(element) -> str:
    """All text inside an element; line breaks (<lb/>) become spaces, inline elements add none."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(" ")
        elif isinstance(child.tag, str):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _first_h1(page: str) -> str:
    found = _H1.search(page)
    if not found:
        return ""
    import html as html_lib

    return clean_line(html_lib.unescape(_TAG.sub(" ", found.group(1))))
