"""Check that a screenshot is a real picture of the window: a PNG of plausible size that is not blank.

    python packaging/check_image.py FILE.png [--min-width 800 --min-height 500]

Reads the PNG with the standard library only (zlib), so it works inside the frozen app's smoke test too.
"""
from __future__ import annotations

import argparse
import struct
import sys
import zlib
from pathlib import Path

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _chunks(data: bytes):
    pos = len(_SIGNATURE)
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + length]
        pos += 12 + length


def _unfilter(raw: bytes, width: int, height: int, bpp: int) -> list[bytes]:
    stride = width * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return rows


def inspect(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct colours in a sample of rows) of an 8-bit non-interlaced PNG."""
    data = path.read_bytes()
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG file")
    header, idat = None, b""
    for kind, body in _chunks(data):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if header is None:
        raise ValueError("no PNG header")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace or colour not in _CHANNELS:
        return width, height, -1  # unusual format: size only
    bpp = _CHANNELS[colour]
    rows = _unfilter(zlib.decompress(idat), width, height, bpp)
    colours = set()
    for row in rows[:: max(1, height // 40)]:
        for x in range(0, width * bpp, bpp * max(1, width // 200)):
            colours.add(row[x:x + bpp])
    return width, height, len(colours)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", type=Path)
    parser.add_argument("--min-width", type=int, default=800)
    parser.add_argument("--min-height", type=int, default=500)
    parser.add_argument("--min-colours", type=int, default=12)
    args = parser.parse_args(argv)
    try:
        width, height, colours = inspect(args.png)
    except (OSError, ValueError, zlib.error, struct.error) as error:
        print(f"{args.png}: {error}", file=sys.stderr)
        return 1
    print(f"  {args.png}: {width}x{height}, {colours} distinct colours sampled, {args.png.stat().st_size} bytes")
    if width < args.min_width or height < args.min_height:
        print(f"{args.png}: {width}x{height} is smaller than {args.min_width}x{args.min_height}", file=sys.stderr)
        return 1
    if 0 <= colours < args.min_colours:
        print(f"{args.png}: only {colours} colours: the window looks blank", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
