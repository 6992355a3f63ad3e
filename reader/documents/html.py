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


_WHOLE = re.compile(r"<(script|style|template|noscript|svg)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]{0,4000}>")
_KEEP = {"html", "head", "title", "meta", "body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "nav", "menu"}
_BLOCK = {"div", "section", "article", "main", "header", "footer", "aside", "table", "tr", "td", "th", "ul", "ol",
          "li", "blockquote", "pre", "figure", "figcaption", "form", "dl", "dt", "dd", "center", "address"}
_EMPTY_BREAKS = re.compile(r"<p>(?:\s*<p>)+")
_NAVIGATION = "//nav | //menu | //*[@role='navigation']"


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
    """Article paragraphs of an HTML page and its title (page metadata, else the first <h1>).

    Navigation (<nav>, <menu>, role="navigation") is dropped before extraction, a page nested deeper than the
    HTML parser allows is flattened first, and a page whose only text is link text (a menu) has no article.
    """
    import trafilatura
    from lxml import etree

    page, link_words = prepare_page(page)
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
    if only_links(blocks, link_words):
        raise NoArticle("the page has only menus and links: no article text found after extraction")
    headline = _headline(body)
    if headline:  # the article's own <h1> is its headline
        return blocks, headline
    title = clean_line(root.get("title") or "") or _first_h1(page)
    if title and not any(clean_line(b.text).casefold() == title.casefold() for b in blocks[:3]):
        blocks = (Block(title, heading=True), *blocks)
    return blocks, title


def prepare_page(page: str) -> tuple[str, set[str]]:
    """The page ready for extraction (navigation dropped, flattened if too deep) and the words of its links."""
    import lxml.html
    from lxml import etree

    def parse(text: str):
        parser = lxml.html.HTMLParser(remove_comments=True, encoding="utf-8")  # already decoded: no <meta> guess
        try:
            tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
        except (etree.ParserError, ValueError):
            return None, False
        return tree, any("Excessive depth" in e.message for e in parser.error_log)

    tree, too_deep = parse(page)
    if too_deep:  # libxml2 stops at 256 levels and drops the rest: keep the text, lose the nesting
        page = flatten(page)
        tree, _ = parse(page)
    if tree is None:
        return page, set()
    links = {w.casefold() for a in tree.iter("a") for w in a.text_content().split()}
    navigation = tree.xpath(_NAVIGATION)
    if not navigation and not too_deep:
        return page, links
    for element in navigation:
        element.drop_tree()
    return lxml.html.tostring(tree, encoding="unicode", doctype="<!DOCTYPE html>"), links


def flatten(page: str) -> str:
    """The page with scripts and comments removed and every tag but headings, paragraphs and navigation gone
    (block tags become paragraph breaks), so no nesting is left for the parser to choke on."""
    def replace(match: re.Match) -> str:
        name = match.group(2).lower()
        if name in _KEEP:
            return match.group(0)
        if name in _BLOCK:
            return "\n" if match.group(1) else "\n<p>"
        return ""

    return _EMPTY_BREAKS.sub("\n<p>", _ANY_TAG.sub(replace, _WHOLE.sub(" ", page)))


def only_links(blocks: tuple[Block, ...], link_words: set[str]) -> bool:
    """True when the text (headings aside) is nothing but words the page shows as links: a menu, not an article."""
    words = [w.casefold() for b in blocks if not b.heading for w in b.text.split()]
    return bool(link_words) and all(w in link_words for w in words)


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
