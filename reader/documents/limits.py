"""What the loader accepts: bytes on disk, bytes once unpacked (Word packages, PDF streams) and words.

The word limit is what the comparison handles at the speed measured by ``benchmarks/speed.py`` (two articles of
100,000 words in about 20 s); a file past any limit is refused with a message saying which limit and by how much.
"""
from __future__ import annotations

import io
import zipfile

MAX_BYTES = 20 * 1024 * 1024  # the file on disk
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx package once unpacked, all parts together
MAX_PART_BYTES = 64 * 1024 * 1024  # one part of it (word/document.xml is parsed whole)
MAX_PARTS = 10_000
MAX_WORDS = 200_000  # one article
_CHUNK = 1024 * 1024


class TooLarge(ValueError):
    """Past one of the limits above; ``str()`` is the reason shown to the user."""


def size_text(limit: int) -> str:
    mib = limit / (1024 * 1024)
    if mib >= 1:
        return f"{mib:.0f} MB" if mib == int(mib) else f"{mib:.1f} MB"
    return f"{max(1, round(limit / 1024))} KB"


def unpacked_reason(limit: int = MAX_UNPACKED_BYTES) -> str:
    return f"too large when unpacked (more than {size_text(limit)}); it may be a \u201czip bomb\u201d"


def check_zip_package(data: bytes, *, total_limit: int = MAX_UNPACKED_BYTES, part_limit: int = MAX_PART_BYTES) -> None:
    """TooLarge when the ZIP's entries declare, or actually unpack to, more than the limits.

    Declared sizes are checked first (no decompression); then every entry is inflated in 1 MB chunks and counted,
    so a header that lies about its size is caught as well, with never more than a chunk in memory.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_PARTS:
            raise TooLarge(f"too many parts in the package ({len(entries):,}; at most {MAX_PARTS:,})")
        declared = 0
        for info in entries:
            declared += info.file_size
            if info.file_size > part_limit:
                raise TooLarge(unpacked_reason(part_limit))
            if declared > total_limit:
                raise TooLarge(unpacked_reason(total_limit))
        actual = 0
        for info in entries:
            cap = min(part_limit, total_limit - actual)
            size = _inflated_size(archive, info, cap)
            if size is None:
                raise TooLarge(unpacked_reason(part_limit if cap == part_limit else total_limit))
            actual += size


def _inflated_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> int | None:
    """The entry's size once inflated, or None as soon as it passes ``cap``."""
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                return size
            size += len(chunk)
            if size > cap:
                return None
