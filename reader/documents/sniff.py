"""Decide a file's format from its bytes (and its suffix) and recognise binary files."""
from __future__ import annotations

import io
import re
import zipfile

# (magic bytes, offset, human name) of common binary files that are not articles
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"WEBP", 8, "WebP image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"\x00\x00\x01\x00", 0, "icon image"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\x7fELF", 0, "program"),
    (b"\xca\xfe\xba\xbe", 0, "program"),
    (b"\xcf\xfa\xed\xfe", 0, "program"),
    (b"\x00asm", 0, "WebAssembly program"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"ID3", 0, "MP3 audio"),
    (b"OggS", 0, "Ogg audio/video"),
    (b"fLaC", 0, "FLAC audio"),
    (b"ftyp", 4, "MP4 video"),
    (b"\x1aE\xdf\xa3", 0, "Matroska video"),
    (b"RIFF", 0, "RIFF media file"),
    (b"wOFF", 0, "web font"),
    (b"wOF2", 0, "web font"),
)
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: old .doc/.xls, encrypted .docx
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:head|body|article|main|div|p|h1|h2|meta|title|script|style)[\s>]", re.I)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MHTML_SUFFIXES = {".mht", ".mhtml"}
_MHTML = re.compile(rb"^MIME-Version:.*?Content-Type:\s*multipart/related", re.I | re.S)
_ANY_TAG = re.compile(rb"<[A-Za-z!/][^>]{0,200}>")


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def zip_kind(data: bytes) -> str | None:
    """"docx" for a Word package, "zip" for any other ZIP, None when the bytes are no ZIP at all."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "broken-zip"
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names and "META-INF/container.xml" in names:
        return "epub"
    return "zip"


def office_legacy(data: bytes) -> str | None:
    """"encrypted" (password-protected Office file), "legacy" (.doc and friends) or None."""
    if not data.startswith(_CFB):
        return None
    return "encrypted" if _ENCRYPTION_INFO in data else "legacy"


def binary_kind(data: bytes) -> str | None:
    """A name like "PNG image" when the bytes are a known binary format, "" for unknown binary, None for text."""
    head = data[:64]
    for magic, offset, name in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return name
    if head.startswith(_BOMS) or head.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return None
    sample = data[:8192]
    if b"\x00" in sample and not looks_like_utf16(sample):
        return ""
    return None


def looks_like_utf16(sample: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the bytes look like BOM-less UTF-16 text (zeros in every other byte)."""
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_like_mhtml(data: bytes) -> bool:
    """A web page saved as a single MIME file (Chrome's "Web page, single file")."""
    head = data[:4096]
    start = head.find(b"MIME-Version:")
    return 0 <= start < 1024 and bool(_MHTML.match(head[start:]))


def has_tags(data: bytes) -> bool:
    return bool(_ANY_TAG.search(data[:65536]))


def looks_like_html(data: bytes) -> bool:
    """A whole HTML page: starts with a doctype/<html>, or carries several page-structure tags."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    stripped = head.lstrip()
    return stripped.startswith(b"<") and len(_HTML_TAGS.findall(head)) >= 2
