"""The loader's limits (unpacked size, words) and pages with no article: refused with a message saying why."""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures"))
from bombs import docx_with_padding, flate_page_pdf  # noqa: E402

from reader.documents import MAX_UNPACKED_BYTES, MAX_WORDS, DocumentError, load_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
SENTENCES = [
    "The harbour authority closed the northern pier on Tuesday after a crack was found in its supports.",
    "Engineers from the city will inspect the structure this week and report to the council.",
    "Fishing boats have been told to use the southern quay until the work is finished.",
    "A spokesman said repairs could take three months and cost about two million euros.",
]


def _reason(path: Path, **kwargs) -> str:
    with pytest.raises(DocumentError) as caught:
        load_document(path, **kwargs)
    assert caught.value.path == str(path)
    return caught.value.reason


def _docx_with_padding(path: Path, padding: int) -> None:
    docx_with_padding(path, padding, block_size=1024 * 1024)


def test_zip_bomb_word_file_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _docx_with_padding(bomb, MAX_UNPACKED_BYTES + 32 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk
    reason = _reason(bomb)
    assert reason.startswith("the Word document is too large when unpacked (more than ") and " MB)" in reason


def test_padded_word_file_under_the_limit_still_opens(tmp_path):
    padded = tmp_path / "padded.docx"
    _docx_with_padding(padded, 4 * 1024 * 1024)
    assert load_document(padded).word_count > 10


def test_lying_zip_header_is_damaged_not_unpacked(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(FIXTURES / "article.docx") as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
    data = bytearray(buffer.getvalue())
    # shrink the size the central directory declares for word/document.xml: the real data is longer
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as probe:
        info = probe.getinfo("word/document.xml")
    central = data.rfind(b"PK\x01\x02", 0, data.find(b"word/document.xml", data.find(b"PK\x01\x02")) + 1)
    data[central + 24 : central + 28] = (info.file_size // 4).to_bytes(4, "little")
    path = tmp_path / "lying.docx"
    path.write_bytes(bytes(data))
    reason = _reason(path)
    assert "damaged" in reason


def test_more_words_than_the_limit_is_refused_with_the_count(tmp_path):
    path = tmp_path / "book.txt"
    words = " ".join(SENTENCES).split()
    repeats = MAX_WORDS // len(words) + 2
    path.write_text("\n\n".join([" ".join(SENTENCES)] * repeats), encoding="utf-8")
    total = repeats * len(words)
    reason = _reason(path)
    assert reason == f"is too long to compare: {total:,} words, at most {MAX_WORDS:,} (split it into parts)"


def test_word_limit_applies_to_extracted_text_of_every_format(tmp_path):
    reason = _reason(FIXTURES / "article.docx", max_words=20)
    assert "words, at most 20 " in reason
    assert "at most 20 " in _reason(FIXTURES / "article.html", max_words=20)


def test_punctuation_only_file_has_no_article(tmp_path):
    path = tmp_path / "dots.txt"
    path.write_text("... !!! ??? --- ***\n\n\u2026 \u2014 ; : , .\n", encoding="utf-8")
    assert _reason(path).endswith("no article text found after extraction")


def test_page_with_only_a_menu_has_no_article(tmp_path):
    menu = ('<ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
            '<li><a href="/sport">Sport</a></li></ul>')
    for name, wrapper in (("nav.html", "<nav>{}</nav>"), ("links.html", '<div class="top">{}</div>')):
        path = tmp_path / name
        path.write_text(f"<!DOCTYPE html><html><head><title>Menu only</title></head><body>"
                        f"{wrapper.format(menu)}</body></html>", encoding="utf-8")
        assert "no article text found" in _reason(path), name


def test_menu_beside_an_article_is_dropped(tmp_path):
    path = tmp_path / "page.html"
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    accented = "<p>The caf\u00e9\u2019s owner said the pier\u2019s closure costs her 300 \u20ac a day.</p>"
    path.write_text('<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Pier closed</title></head>'
                    '<body><nav><a href="/">Home</a><a href="/sport">Sport</a></nav><article><h1>Pier closed</h1>'
                    f"{body}{accented}</article></body></html>", encoding="utf-8")  # a wrong <meta>, valid UTF-8
    doc = load_document(path)
    assert "Sport" not in doc.text and SENTENCES[2] in doc.text
    assert "The caf\u00e9\u2019s owner said the pier\u2019s closure costs her 300 \u20ac a day." in doc.text


@pytest.mark.parametrize("depth", [255, 300, 3000, 50_000])
def test_deeply_nested_page_is_still_read(tmp_path, depth):
    path = tmp_path / f"deep-{depth}.html"
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    path.write_text("<!DOCTYPE html><html><head><title>Pier closed</title></head><body>" + "<div>" * depth +
                    f"<article><h1>Pier closed</h1>{body}</article>" + "</div>" * depth + "</body></html>",
                    encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Pier closed"
    assert all(s in doc.text for s in SENTENCES)


def _pdf_with_flate_page(content: bytes) -> bytes:
    return flate_page_pdf(content)


def test_pdf_stream_bomb_is_refused(tmp_path):
    text = b"BT /F1 12 Tf 72 720 Td (" + SENTENCES[0].encode() + b") Tj ET\n"
    fine, bomb = tmp_path / "fine.pdf", tmp_path / "bomb.pdf"
    fine.write_bytes(_pdf_with_flate_page(text))
    bomb.write_bytes(_pdf_with_flate_page(text + b" " * (100 * 1024 * 1024)))
    assert load_document(fine).text == SENTENCES[0]
    assert "too large when unpacked" in _reason(bomb)
