"""One news article saved in many real-world shapes (tests/fixtures/qa): every shape reads as the same article,
and comparing two shapes on the command line links every passage as identical with no boilerplate leaking in."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.segment import segment
from reader.documents import load_document

ROOT = Path(__file__).resolve().parents[3]
QA = ROOT / "tests" / "fixtures" / "qa"
SHAPES = ["news-page.html", "article.docx", "article.md", "two-column.pdf", "cp1252.txt", "utf16.txt",
          "crlf-wrapped.txt"]
HEADLINE = "Floods force 12,000 from their homes as river bursts its banks"


def _words(name: str) -> list[str]:
    doc = load_document(QA / name)
    analysis = segment(doc)
    return [w for s in analysis.segments if s.kind.value != "boilerplate" for w in analysis.segment_text(s.id).split()]


@pytest.mark.parametrize("name", SHAPES)
def test_every_shape_reads_as_the_same_article(name):
    doc = load_document(QA / name)
    assert doc.title == HEADLINE
    assert _words(name) == _words("cp1252.txt")


def test_web_page_boilerplate_stays_out():
    text = load_document(QA / "news-page.html").text.lower()
    for junk in ("cookies", "share on", "related", "comments (", "posted by", "all rights reserved", "sign in",
                 "dataLayer".lower(), "insurers face record claims"):
        assert junk not in text


def test_pdf_running_head_and_wrapped_clauses():
    """The masthead repeated at the top of each page is not article text; a line ending in ';' followed by a
    lower-case line is one sentence, not two paragraphs."""
    doc = load_document(QA / "two-column.pdf")
    assert "DAILY COURIER" not in doc.text
    assert "hypothermia; nobody was reported missing." in doc.text


@pytest.mark.parametrize("left,right", [("news-page.html", "two-column.pdf"), ("article.md", "article.docx"),
                                        ("crlf-wrapped.txt", "utf16.txt")])
def test_same_article_in_two_formats_links_everything(left, right):
    result = subprocess.run([sys.executable, "-m", "reader", "compare", str(QA / left), str(QA / right), "--json"],
                            capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["discrepancies"] == []
    for side in ("left", "right"):
        assert data["summary"][side]["matched_share"] == 1.0
        assert data["summary"][side]["unique_passages"] == 0
    assert {link["kind"] for link in data["links"]} == {"identical"}
