"""The app icon: hand-drawn SVGs and every PNG size a desktop asks for, at the right pixel size and not blank."""
from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_image = _load("check_image")


def _png_header(path: Path) -> tuple[int, int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


@pytest.mark.parametrize("size", SIZES)
def test_every_size_is_a_png_of_that_size(size):
    path = ICONS / "png" / f"parallel-reader-{size}.png"
    assert path.is_file(), "run: make icons"
    width, height, colour = _png_header(path)
    assert (width, height) == (size, size)
    assert colour == 6, "RGBA, so the rounded corners are transparent"
    _, _, colours = check_image.inspect(path)
    assert colours >= 6, f"{path.name} has only {colours} colours"


def test_the_scalable_icons_are_square_svgs():
    for name in ("parallel-reader.svg", "parallel-reader-16.svg", "parallel-reader-24.svg"):
        root = ET.parse(ICONS / name).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        _, _, width, height = (float(v) for v in root.get("viewBox").split())
        assert width == height


def test_the_icon_uses_the_blue_and_orange_accents():
    """A 64 px render has both source colours (blue left, orange right), not just the tile and paper."""
    def rgba(px: bytes) -> tuple[int, ...]:
        return tuple(px)

    path = ICONS / "png" / "parallel-reader-64.png"
    data = path.read_bytes()
    idat = b"".join(body for kind, body in check_image._chunks(data) if kind == b"IDAT")
    rows = check_image._unfilter(zlib.decompress(idat), 64, 64, 4)
    left = [rgba(row[x * 4:x * 4 + 4]) for row in rows for x in range(8, 28)]
    right = [rgba(row[x * 4:x * 4 + 4]) for row in rows for x in range(36, 56)]
    assert any(b > 200 and r < 90 and a == 255 for r, g, b, a in left), "no blue on the left page"
    assert any(r > 220 and b < 80 and a == 255 for r, g, b, a in right), "no orange on the right page"


def test_check_image_rejects_a_blank_screenshot(tmp_path):
    width, height = 900, 600
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    png = b"\x89PNG\r\n\x1a\n"
    for kind, body in ((b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
                       (b"IDAT", zlib.compress(raw)), (b"IEND", b"")):
        png += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    blank = tmp_path / "blank.png"
    blank.write_bytes(png)
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_image.py"), str(blank)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "looks blank" in result.stderr
