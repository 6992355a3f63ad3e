"""Render the app icon's PNG sizes from the hand-drawn SVGs in resources/icons/.

    python packaging/icons.py     # writes resources/icons/png/parallel-reader-<N>.png for every size

16 px comes from parallel-reader-16.svg (pixel-fitted; also drawn at 2x for 32 px), 24 px from
parallel-reader-24.svg, the rest from parallel-reader.svg. rsvg-convert (Debian librsvg2-bin) is used when
installed, else Qt's QSvgRenderer (PySide6 QtSvg).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PNG_DIR = ICONS / "png"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SOURCES = {16: "parallel-reader-16.svg", 24: "parallel-reader-24.svg", 32: "parallel-reader-16.svg"}
MASTER = "parallel-reader.svg"


def source_for(size: int) -> Path:
    return ICONS / SOURCES.get(size, MASTER)


def png_path(size: int) -> Path:
    return PNG_DIR / f"parallel-reader-{size}.png"


def _render_rsvg(svg: Path, size: int, out: Path) -> None:
    subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), "-o", str(out), str(svg)], check=True)


def _render_qt(svg: Path, size: int, out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"{out}: could not write the PNG")


def render_all() -> list[Path]:
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    render = _render_rsvg if shutil.which("rsvg-convert") else _render_qt
    written = []
    for size in SIZES:
        out = png_path(size)
        fd, tmp = tempfile.mkstemp(dir=PNG_DIR, prefix=f".{out.name}.", suffix=".png")
        os.close(fd)
        try:
            render(source_for(size), size, Path(tmp))
            os.chmod(tmp, 0o644)
            os.replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(out)
    return written


def main() -> int:
    for path in render_all():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
