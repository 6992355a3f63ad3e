"""Bytes to text: BOMs, strict UTF-8 fast path, charset-normalizer for the rest (cp1252 preferred on ties)."""
from __future__ import annotations

import codecs

from reader.documents.sniff import looks_like_utf16

_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_WESTERN = ("cp1252", "latin_1", "iso8859_15", "iso8859_1")


class DecodeFailure(ValueError):
    """The bytes are not text in any encoding we could find."""


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding name)``. ``declared`` is an encoding named by the file itself (HTML meta)."""
    for bom, codec, name in _BOM_CODECS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as exc:
                raise DecodeFailure(f"not valid {name} text") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = looks_like_utf16(data[:8192])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    return _guess(data)


def _guess(data: bytes) -> tuple[str, str]:
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise DecodeFailure("no text encoding fits")
    best = matches[0]
    for match in matches:
        tie = match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.02
        if tie and any(name in _WESTERN for name in [match.encoding, *match.could_be_from_charset]):
            return _western(data)
    return str(best), codecs.lookup(best.encoding).name


def _western(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "iso8859-1"
