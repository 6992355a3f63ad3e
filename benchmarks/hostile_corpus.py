"""The hostile corpus of issue 9, written into a folder: odd, damaged, huge and special input files, export
targets and damaged settings files. Used by ``benchmarks/robustness.py``; every file is made here, from the seed
pair or from text written for this script (no article text is copied anywhere).
"""
from __future__ import annotations

import io
import json
import os
import random
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "fixtures"))
from bombs import docx_with_padding, flate_page_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_LEFT = ROOT / "seeds" / "the-world-iran-missile-attack.txt"
SEED_RIGHT = ROOT / "seeds" / "reuters-iran-missile-attack.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
SENTENCES = (
    "The harbour authority closed the northern pier on Tuesday after engineers found a crack in its supports.",
    "Fishing boats were told to use the southern quay until repairs are finished, a spokesman said.",
    "Repairs could take three months and cost about two million euros, according to the city council.",
)
MIB = 1024 * 1024


@dataclass
class Case:
    """One input file (compared with the seed's right side) and what must happen: "ok" or "refused"."""

    name: str
    path: Path
    expect: str  # "ok" | "refused"
    window: bool = True  # also opened in the window (--screenshot)
    env: dict = field(default_factory=dict)  # e.g. a damaged settings folder
    args: tuple = ()  # extra command-line arguments (export: --force)
    output: Path | None = None  # export target, when the case is about the target


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _docx_bomb(path: Path, padding: int) -> Path:
    return docx_with_padding(path, padding)


def _pdf_flate(content: bytes) -> bytes:
    return flate_page_pdf(content)


def _html(body: str, title: str = "Pier closed") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def _article_html() -> str:
    return "<article><h1>Pier closed</h1>" + "".join(f"<p>{s}</p>" for s in SENTENCES) + "</article>"


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def input_cases(folder: Path, big: bool) -> list[Case]:
    """Input files: the ones the attack found handled well, then the twelve defects' files."""
    seed = SEED_LEFT.read_text(encoding="utf-8")
    raw = seed.encode("utf-8")
    f = folder
    cases = [
        Case("missing", f / "missing.txt", "refused"),
        Case("folder", _mkdir(f / "a-folder.txt"), "refused"),
        Case("empty", _write(f / "empty.txt", b""), "refused"),
        Case("blank", _write(f / "blank.txt", " \n\t\n  \n"), "refused"),
        Case("png-as-txt", _write(f / "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16), "refused"),
        Case("binary", _write(f / "data.txt", random.Random(9).randbytes(65536)),
             "refused"),
        Case("device", Path("/dev/zero"), "refused"),
        Case("fifo", _fifo(f / "pipe.txt"), "refused"),
        Case("symlink-loop", _loop(f / "loop.txt"), "refused"),
        Case("oversize-21MB", _sparse(f / "huge.txt", 21 * MIB), "refused"),
        Case("encrypted-pdf", FIXTURES / "encrypted.pdf", "refused"),
        Case("scanned-pdf", FIXTURES / "scanned.pdf", "refused"),
        Case("damaged-pdf", FIXTURES / "corrupt.pdf", "refused"),
        Case("damaged-docx", FIXTURES / "corrupt.docx", "refused"),
        Case("old-doc", _write(f / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096), "refused"),
        Case("plain-zip", _write(f / "notes.zip", _zip({"a.txt": b"hello"})), "refused"),
        Case("epub", _write(f / "book.epub", _zip({"mimetype": b"application/epub+zip",
                                                   "META-INF/container.xml": b"<container/>"})), "refused"),
        # the defects of issue 9
        Case("zip-bomb-docx", _docx_bomb(f / "bomb.docx", (1024 if big else 256) * MIB), "refused"),
        Case("pdf-stream-bomb", _write(f / "bomb.pdf", _pdf_flate(b"BT /F1 12 Tf 72 720 Td (Pier) Tj ET\n"
                                                                  + b" " * 100 * MIB)), "refused"),
        Case("utf16le-no-bom", _write(f / "utf16le.txt", seed.encode("utf-16-le")), "ok"),
        Case("utf16be-no-bom", _write(f / "utf16be.txt", seed.encode("utf-16-be")), "ok"),
        Case("one-bad-byte", _write(f / "bad-byte.txt", raw[:900] + b"\xff" + raw[900:]), "ok"),
        Case("cp1252-paragraph", _write(f / "mixed.txt", raw + b"\n\nThe caf\xe9 owner said: \x93It\x92s over.\x94\n"),
             "ok"),
        Case("nav-only-html", _write(f / "menu.html", _html('<nav><a href="/">Home</a> <a href="/n">News</a> '
                                                            '<a href="/s">Sport</a></nav>', "Menu only")), "refused"),
        Case("punctuation-only", _write(f / "dots.txt", "... !!! ??? --- ***\n\n\u2026 \u2014 ; : , .\n"), "refused"),
        Case("html-300-deep", _write(f / "deep300.html", _html("<div>" * 300 + _article_html() + "</div>" * 300)),
             "ok"),
        Case("html-50000-deep", _write(f / "deep50k.html", _html("<div>" * 50000 + _article_html() +
                                                                 "</div>" * 50000)), "ok"),
        Case("over-word-limit", _words(f / "long.txt", 210_000), "refused"),
        Case("long-line-1MB", _write(f / "letters.txt", "".join(random.Random(2).choices(
            "abcdefghijklmnopqrstuvwxyz", k=MIB))), "ok", window=big),
    ]
    if big:
        cases.append(Case("19MB-2.8M-words", _words(f / "huge-words.txt", 2_800_000), "refused"))
        cases.append(Case("100k-one-word-paragraphs", _write(f / "paras.txt", "\n\n".join(
            f"Word{i}" for i in range(100_000))), "ok", window=False))
    return cases


def export_cases(folder: Path) -> list[Case]:
    """Export targets (the seed pair is exported): special files and read-only files are never replaced."""
    fifo = folder / "pipe.pdf"
    os.mkfifo(fifo)
    read_only = _write(folder / "kept.pdf", b"a report the user keeps")
    read_only.chmod(0o444)
    forced = _write(folder / "forced.pdf", b"an old report")
    forced.chmod(0o444)
    cases = [
        Case("export-to-fifo", SEED_LEFT, "refused", window=False, output=fifo),
        Case("export-read-only", SEED_LEFT, "refused", window=False, output=read_only),
        Case("export-read-only-forced", SEED_LEFT, "ok", window=False, output=forced, args=("--force",)),
        Case("export-into-folder", SEED_LEFT, "refused", window=False, output=_mkdir(folder / "out")),
        Case("export-missing-folder", SEED_LEFT, "refused", window=False, output=folder / "nope" / "r.pdf"),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # a device node of our own (same as /dev/null)
        node = folder / "device.pdf"
        os.mknod(node, 0o666 | 0o020000, os.makedev(1, 3))
        cases.append(Case("export-to-device", SEED_LEFT, "refused", window=False, output=node))
    return cases


def settings_cases(folder: Path) -> list[Case]:
    """Damaged settings files: the window must start on each (the seed pair opened)."""
    deep_links = '{"manual_links": {"k": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}}"
    files = {
        "settings-geometry-not-ascii": '{"window_geometry": "\\u00e9"}',
        "settings-splitter-overflow": '{"splitter_sizes": [99999999999, 1]}',
        "settings-nested-brackets": "[" * 100_000,
        "settings-deep-manual-links": deep_links,
        "settings-100k-recent-pairs": json.dumps({"recent_pairs": [[f"/n/l{i}.txt", f"/n/r{i}.txt"]
                                                                   for i in range(100_000)]}),
    }
    cases = []
    for name, content in files.items():
        config = _mkdir(folder / name)
        _write(config / "settings.json", content)
        cases.append(Case(name, SEED_LEFT, "ok", env={"PARALLEL_READER_CONFIG_DIR": str(config)}))
    return cases


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _loop(path: Path) -> Path:
    other = path.with_name("loop-b.txt")
    os.symlink(other, path)
    os.symlink(path, other)
    return path


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def _words(path: Path, count: int) -> Path:
    words = " ".join(SENTENCES).split()
    paragraph = " ".join(words)
    repeats = count // len(words) + 1
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(repeats):
            handle.write(paragraph + "\n\n")
    return path
