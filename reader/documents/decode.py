"""Bytes to text: BOMs, BOM-less UTF-16, strict UTF-8, mostly-UTF-8 line by line, charset-normalizer for the rest.

A file that is UTF-8 apart from a few bad bytes or a pasted Windows-1252 paragraph stays UTF-8: each line that is
not valid UTF-8 is read as Windows-1252 when it has no UTF-8 sequence in it, else with its bad bytes replaced by
U+FFFD, and a notice says how many lines or bytes that concerned. A single-byte code page is only guessed for a
file with no UTF-8 in it at all, so one bad byte never turns the whole article into mojibake.
"""
from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from reader.documents.sniff import looks_like_utf16

_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "iso8859_1")
# a well-formed UTF-8 sequence of two to four bytes (what a legacy single-byte text almost never contains)
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


class DecodeFailure(ValueError):
    """The bytes are not text in any encoding we could find."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    notices: tuple[str, ...] = ()


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """``(text, encoding name, notices)``. ``declared`` is an encoding named by the file itself (HTML meta)."""
    for bom, codec, name in _BOM_CODECS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), name)
            except UnicodeDecodeError as exc:
                raise DecodeFailure(f"not valid {name} text") from exc
    utf16 = looks_like_utf16(data[:8192])  # before UTF-8: ASCII text in UTF-16 is also valid UTF-8, with zeros
    if utf16:
        try:
            return Decoded(data[: len(data) - len(data) % 2].decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    if mostly_utf8(data):
        return _utf8_by_line(data)
    return _guess(data)


def mostly_utf8(data: bytes) -> bool:
    """At least as many well-formed UTF-8 sequences as bytes outside them: UTF-8 with a few faults."""
    sequences = _UTF8_SEQUENCE.findall(data)
    if not sequences:
        return False
    stray = len(_HIGH_BYTE.findall(data)) - sum(len(s) for s in sequences)
    return len(sequences) >= stray


def _utf8_by_line(data: bytes) -> Decoded:
    """Each line strict UTF-8; else Windows-1252 when it has no UTF-8 in it; else UTF-8 with bad bytes replaced."""
    out: list[str] = []
    western_lines = replaced = 0
    for line in data.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if not _UTF8_SEQUENCE.search(line):
            try:
                out.append(line.decode("cp1252"))
                western_lines += 1
                continue
            except UnicodeDecodeError:
                pass
        text = line.decode("utf-8", "surrogateescape")
        bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
        replaced += bad
        out.append(line.decode("utf-8", "replace"))
    notices = []
    if replaced:
        notices.append(f"{_count(replaced, 'byte')} not valid UTF-8 replaced by \ufffd")
    if western_lines:
        notices.append(f"{_count(western_lines, 'line')} not in UTF-8 read as Windows-1252")
    encoding = "utf-8" if not western_lines else "utf-8 + cp1252"
    return Decoded("".join(out), encoding, tuple(notices))


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}" + ("" if n == 1 else "s")


def _guess(data: bytes) -> Decoded:
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise DecodeFailure("no text encoding fits")
    best = matches[0]
    for match in matches:
        tie = match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.02
        if tie and any(name in _WESTERN for name in [match.encoding, *match.could_be_from_charset]):
            return _western(data)
    return Decoded(str(best), codecs.lookup(best.encoding).name)


def _western(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "iso8859-1")
