"""Text encodings a user's files really come in: UTF-16 without a BOM, UTF-8 with a fault, mixed UTF-8/cp1252."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.documents import load_document

ROOT = Path(__file__).resolve().parents[3]
ARTICLE = (
    "Ferry services resume\n\n"
    "The harbour\u2019s three ferries returned to service on Monday after the storm, the operator said.\n\n"
    "\u201cWe\u2019re back to the normal timetable,\u201d a spokeswoman told reporters at the caf\u00e9 by the pier.\n\n"
    "Tickets bought for cancelled crossings will be refunded \u2013 about 4,000 of them, at \u20ac12 each.\n"
)
MOJIBAKE = ("\u201a\u00c4\u00f4", "\u00e2\u20ac", "\u00c3")  # ’ read as mac-roman / cp1252, é read as cp1252


def _paragraphs(doc) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path, codec):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode(codec))  # what `iconv -t utf-16le` writes: no BOM
    doc = load_document(path)
    assert doc.encoding == codec
    assert _paragraphs(doc) == [p.strip() for p in ARTICLE.split("\n\n")]


def test_ascii_only_utf16_without_bom_is_read(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_bytes("The bridge reopened on Friday. Traffic was light.\n".encode("utf-16-le"))
    assert load_document(path).text == "The bridge reopened on Friday. Traffic was light."


def test_one_bad_byte_is_replaced_and_the_rest_stays_utf8(tmp_path):
    raw = ARTICLE.encode("utf-8")
    cut = raw.index(b"normal")
    path = tmp_path / "article.txt"
    path.write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    doc = load_document(path)
    assert doc.encoding == "utf-8"
    assert "harbour\u2019s" in doc.text and "caf\u00e9" in doc.text and "\u20ac12" in doc.text
    assert "\ufffdnormal" in doc.text
    assert not any(bad in doc.text for bad in MOJIBAKE)
    assert doc.notices == ("1 byte not valid UTF-8 replaced by \ufffd",)


def test_a_cp1252_paragraph_in_a_utf8_file_is_decoded_on_its_own(tmp_path):
    pasted = "The na\u00efve caf\u00e9 owner said: \u201cIt\u2019s over.\u201d\n\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(ARTICLE.encode("utf-8") + b"\n" + pasted.encode("cp1252") + ARTICLE.encode("utf-8"))
    doc = load_document(path)
    assert "The na\u00efve caf\u00e9 owner said: \u201cIt\u2019s over.\u201d" in _paragraphs(doc)
    assert doc.text.count("harbour\u2019s") == 2
    assert not any(bad in doc.text for bad in MOJIBAKE)
    assert doc.notices == ("1 line not in UTF-8 read as Windows-1252",)


def test_whole_cp1252_file_is_still_cp1252_without_notice(tmp_path):
    path = tmp_path / "western.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    doc = load_document(path)
    assert doc.encoding == "cp1252" and doc.notices == ()
    assert "harbour\u2019s" in doc.text and "\u20ac12" in doc.text


def test_command_line_prints_the_notice_and_compares(tmp_path, seed_paths):
    raw = seed_paths[0].read_bytes()
    path = tmp_path / "damaged.txt"
    path.write_bytes(raw[:1000] + b"\xfe\xff" + raw[1000:])
    result = subprocess.run([sys.executable, "-m", "reader", "compare", "--json", str(path), str(seed_paths[1])],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"note: {path}: 2 bytes not valid UTF-8 replaced by \ufffd" in result.stderr
    assert "\u2019" in result.stdout and "\u201a\u00c4\u00f4" not in result.stdout
