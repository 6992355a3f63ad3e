"""Exported PDF read back with poppler (pdftotext, pdftoppm, pdffonts) as a person's tools would read it."""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.core.compare import Comparer
from reader.core.model import Cancelled, Comparison, Options
from reader.core.nlp import NlpEngine
from reader.documents import load_document
from reader.export import style
from reader.export.pdf import ExportError, export_command, export_pdf
from reader.export.rows import build_rows

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    page_width: float


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")


def pdf_text(path: Path, layout: bool = False) -> str:
    need("pdftotext")
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_words(path: Path) -> list[Word]:
    need("pdftotext")
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    words = []
    for number, page in enumerate(_PAGE.finditer(out), start=1):
        width = float(page.group(1))
        for m in _WORD.finditer(page.group(3)):
            words.append(Word(number, *(float(m.group(i)) for i in range(1, 5)), html.unescape(m.group(5)), width))
    return words


def pdf_fonts(path: Path) -> list[list[str]]:
    need("pdffonts")
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def render_page(path: Path, page: int, out_dir: Path, dpi: int = 60) -> Path:
    need("pdftoppm")
    prefix = out_dir / f"page{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(path), str(prefix)], check=True)
    return prefix.with_suffix(".png")


def colour_share(png: Path, word: Word, colour: str, dpi: int = 60, tolerance: int = 24, pad: float = 2.0) -> float:
    """Share of the pixels in the word's box (grown by ``pad`` points) that are close to ``colour``."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(png))
    assert not image.isNull(), png
    scale = dpi / 72.0
    target = QColor(colour)
    x0, y0 = int((word.x0 - pad) * scale), int((word.y0 - pad) * scale)
    x1, y1 = int((word.x1 + pad) * scale), int((word.y1 + pad) * scale)
    hits = total = 0
    for y in range(max(0, y0), min(image.height(), y1 + 1)):
        for x in range(max(0, x0), min(image.width(), x1 + 1)):
            c = image.pixelColor(x, y)
            total += 1
            if (abs(c.red() - target.red()) <= tolerance and abs(c.green() - target.green()) <= tolerance
                    and abs(c.blue() - target.blue()) <= tolerance):
                hits += 1
    return hits / total if total else 0.0


# ---------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def comparison(seed_paths) -> Comparison:
    left, right = seed_paths
    return Comparer(NlpEngine()).compare(load_document(left), load_document(right), Options())


@pytest.fixture(scope="module")
def exported(comparison, tmp_path_factory, qapp) -> Path:
    path = tmp_path_factory.mktemp("export") / "seed report.pdf"
    export_pdf(comparison, path)
    return path


def _side_by_side_pages(words: list[Word]) -> range:
    start = next(w.page for w in words if w.text == "Side" and _next(words, w) == "by")
    end = next(w.page for w in words if w.text == "Appendix" and w.page > start)
    return range(start, end + 1)


def _next(words: list[Word], word: Word) -> str:
    index = words.index(word)
    return words[index + 1].text if index + 1 < len(words) else ""


def _locate(words: list[Word], passage: str, pages: range, right_column: bool) -> Word:
    """A word of ``passage`` that occurs once on the side-by-side pages, in the expected column."""
    counts: dict[str, int] = {}
    for w in words:
        if w.page in pages:
            counts[w.text] = counts.get(w.text, 0) + 1
    for token in sorted(set(passage.split()), key=len, reverse=True):
        if counts.get(token) == 1:
            word = next(w for w in words if w.page in pages and w.text == token)
            if (word.x0 > word.page_width / 2) == right_column:
                return word
    raise AssertionError(f"no word of {passage[:60]!r} found once in the side-by-side pages")


# ---------------------------------------------------------------------------------------------- text
def test_header_names_both_sources_with_hashes_and_the_settings(exported, comparison):
    text = pdf_text(exported)
    # a long path wraps in its table cell, at a hyphen too, and pdftotext drops a hyphen at a line's end
    unwrapped = text.replace("\n", "").replace("-", "")
    for doc in (comparison.left.document, comparison.right.document):
        assert doc.sha256 in unwrapped
        assert doc.name.replace("-", "") in unwrapped
    assert f"Match threshold: {comparison.options.threshold:.2f}" in text
    assert "Normalisations applied" in text
    assert "How to read this report" in text


def test_both_sides_and_the_appendix_are_in_the_text(exported, comparison):
    text = " ".join(pdf_text(exported).split())
    rows = build_rows(comparison)
    only_left = next(r.left.text for r in rows if r.kind == "only-left")
    only_right = next(r.right.text for r in rows if r.kind == "only-right")
    for passage in (only_left, only_right):
        assert " ".join(passage.split()[:6]) in text
    assert "Appendix A" in text and "Appendix B" in text
    for number, disc in enumerate(comparison.discrepancies, start=1):
        assert f"D{number}" in text and disc.left_text in text and disc.right_text in text
    assert "Page 1 of" in text


def test_words_with_fi_extract_as_plain_letters(exported):
    text = pdf_text(exported)
    assert "fired" in text
    assert not any(ch in text for ch in "\ufb00\ufb01\ufb02\ufb03\ufb04")


def test_fonts_are_embedded(exported):
    fonts = pdf_fonts(exported)
    assert fonts and all("yes" == row[-5] for row in fonts)  # the "emb" column


# ---------------------------------------------------------------------------------------------- colours
def test_only_right_passage_is_orange_in_the_right_column(exported, comparison, tmp_path):
    words = pdf_words(exported)
    pages = _side_by_side_pages(words)
    rows = build_rows(comparison)
    pelosi = [r for r in rows if r.kind == "only-right" and "Pelosi" in r.right.text]
    row = (pelosi or [r for r in rows if r.kind == "only-right"])[0]
    word = _locate(words, row.right.text, pages, right_column=True)
    png = render_page(exported, word.page, tmp_path)
    fill = style.CELL_STYLES["only-right"].fill
    assert colour_share(png, word, fill) > 0.2
    mirror = Word(word.page, word.page_width - word.x1, word.y0, word.page_width - word.x0, word.y1, "",
                  word.page_width)
    assert colour_share(png, mirror, fill) < 0.05  # nothing on the left side of that row


def test_linked_passages_are_shaded_blue_on_both_sides(exported, comparison, tmp_path):
    words = pdf_words(exported)
    pages = _side_by_side_pages(words)
    rows = [r for r in build_rows(comparison) if r.link is not None]
    assert rows
    row = rows[0]
    fill = style.CELL_STYLES[row.kind].fill
    for passage, right in ((row.left.text, False), (row.right.text, True)):
        word = _locate(words, passage, pages, right_column=right)
        png = render_page(exported, word.page, tmp_path)
        assert colour_share(png, word, fill, tolerance=10) > 0.1
        assert colour_share(png, word, style.CELL_STYLES["only-left"].fill) < 0.02


# ---------------------------------------------------------------------------------------------- options
def test_letter_pages_and_a_command_that_returns_zero(comparison, tmp_path, qapp):
    path = tmp_path / "letter.pdf"
    assert export_command(comparison, path, "Letter") == 0
    words = pdf_words(path)
    assert abs(words[0].page_width - 612) < 1  # 8.5 in


def test_cancel_leaves_no_file(comparison, tmp_path, qapp):
    path = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        export_pdf(comparison, path, should_stop=lambda: True)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------- errors
def test_unwritable_location_gives_a_clear_error_and_no_file(comparison, tmp_path, qapp):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(ExportError) as err:
        export_pdf(comparison, blocker / "report.pdf")
    assert str(blocker) in str(err.value) and "not a folder" in str(err.value)
    with pytest.raises(ExportError) as err:
        export_pdf(comparison, tmp_path)
    assert "folder" in err.value.reason
    with pytest.raises(ExportError) as err:
        export_pdf(comparison, "/proc/parallel-reader-test.pdf")
    assert "cannot" in err.value.reason and "/proc" in err.value.reason
    assert not os.path.exists("/proc/parallel-reader-test.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_full_disk_message_and_no_partial_file(comparison, tmp_path, qapp, monkeypatch):
    import errno

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError) as err:
        export_pdf(comparison, tmp_path / "report.pdf")
    assert "disk is full" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_existing_report_is_replaced_whole(comparison, tmp_path, qapp):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"old")
    export_pdf(comparison, path)
    assert path.read_bytes().startswith(b"%PDF") and list(tmp_path.iterdir()) == [path]
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)


# ---------------------------------------------------------------------------------------------- page breaks
def test_a_passage_longer_than_a_page_flows_over_pages_without_losing_text(tmp_path, qapp):
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "export"
    left = load_document(fixtures / "long-paragraph-left.txt")
    right = load_document(fixtures / "long-paragraph-right.txt")
    comparison = Comparer(NlpEngine()).compare(left, right, Options())
    path = tmp_path / "long.pdf"
    export_pdf(comparison, path)
    words = pdf_words(path)
    pages = _side_by_side_pages(words)
    markers = [int(w.text) for i, w in enumerate(words[:-1])
               if w.page in pages and words[i - 1].text == "marker" and w.text.isdigit()]
    assert markers == list(range(1, 161))  # every sentence once, in order
    marker_pages = {w.page for i, w in enumerate(words) if w.page in pages and words[i - 1].text == "marker"}
    assert len(marker_pages) >= 2
    assert "volunteers" in pdf_text(path)


def test_a_long_run_without_spaces_is_wrapped_anywhere_and_the_report_says_so(seed_paths, tmp_path, qapp):
    import random

    from reader.documents import document_from_text

    rng = random.Random(5)
    run = "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(100_000))  # no vowel: no word of the report
    left = document_from_text(f"Unbroken\n\n{run}\n\nThe missiles struck two bases before dawn.\n", title="Unbroken")
    comparison = Comparer(NlpEngine()).compare(left, load_document(seed_paths[1]), Options())
    path = tmp_path / "unbroken.pdf"
    export_pdf(comparison, path)
    text = pdf_text(path)
    assert "100,000 characters without a space, wrapped anywhere." in " ".join(text.split())
    lines = [line.strip().replace("\u200b", "") for line in text.splitlines()]
    lines = [line for line in lines if line and set(line) <= set(run)]  # the run's lines, in order
    assert len(lines) > 1000  # wrapped inside the column over many lines and pages, not cut off
    assert run in "".join(lines)  # every letter there, in order
    png = render_page(path, 4, tmp_path)
    assert png.exists()
