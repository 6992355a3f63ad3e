"""Markdown, HTML, PDF and Word files; the format is decided by content as well as by suffix."""
from __future__ import annotations

import shutil
from pathlib import Path

from reader.documents import load_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
LIBRARY_FIRST = (
    "The city council voted on Tuesday to build a new library in the old market hall, ending a debate that had "
    "lasted for more than three years and divided the neighbourhood."
)


def paragraph_texts(doc):
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


def headings(doc):
    return [doc.text[p.start : p.end] for p in doc.paragraphs if p.heading]


def test_markdown_markup_is_stripped():
    doc = load_document(FIXTURES / "article.md")
    assert doc.format == "markdown"
    assert doc.title == "Council approves new library"
    assert headings(doc) == ["Council approves new library", "What the plan includes"]
    texts = paragraph_texts(doc)
    assert texts[1] == (
        "The city council voted on Tuesday to build a new library in the old market hall, ending a debate that "
        "had lasted for more than three years."
    )
    assert "A reading room for 300 people" in texts and "A caf\u00e9 run by a local cooperative" in texts
    assert '"We are delighted," said the mayor.' in texts
    assert texts[-1] == "The project will cost 18 million euros, see the budget for details."
    for markup in ("#", "**", "](", "![", "`", "https://", "hall.jpg", "> "):
        assert markup not in doc.text


def test_html_page_keeps_article_and_drops_page_furniture():
    doc = load_document(FIXTURES / "article.html")
    assert doc.format == "html" and doc.encoding == "utf-8"
    assert doc.title == "Harbour bridge reopens after repairs"
    assert headings(doc) == ["Harbour bridge reopens after repairs", "Traffic returns"]
    texts = paragraph_texts(doc)
    assert texts[1].startswith("The harbour bridge reopened to traffic on Monday morning")
    assert "\u201cIt is a relief to have our bridge back,\u201d said Maria Lopez" in doc.text
    assert texts[-1] == "The mayor said a second phase of work, on the pedestrian walkway, would start next year."
    for junk in ("SCRIPT TEXT", "trackingId", "font-family", "Home", "Sport", "SuperPhone", "COMMENT TEXT",
                 "Share on Facebook", "newsletter", "All rights reserved", "Privacy policy", "ferry timetable"):
        assert junk not in doc.text, junk


def test_html_title_from_h1_when_metadata_is_missing(tmp_path):
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        "<h1>Floods close the river road</h1>"
        "<p>The river road was closed on Friday after heavy rain flooded the valley for the second time this "
        "month, the police said in a statement.</p>"
        "<p>Drivers were told to use the motorway instead, which added about twenty minutes to the journey "
        "between the two towns.</p></article></body></html>"
    )
    path = tmp_path / "saved page.htm"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Floods close the river road"
    assert paragraph_texts(doc)[0] == "Floods close the river road" and doc.paragraphs[0].heading
    assert "Home" not in doc.text


def test_html_in_a_txt_file_is_recognised_by_content(tmp_path):
    path = tmp_path / "article.txt"
    shutil.copy(FIXTURES / "article.html", path)
    doc = load_document(path)
    assert doc.format == "html"
    assert "SCRIPT TEXT" not in doc.text and "harbour bridge reopened" in doc.text


def test_html_declared_cp1252_charset(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 opens</title></head><body><article>'
        "<p>\u201cIt\u2019s lovely,\u201d said the owner of the new caf\u00e9 on the market square, which opened "
        "on Saturday morning to a long queue of customers.</p></article></body></html>"
    )
    path = tmp_path / "cafe.html"
    path.write_bytes(page.encode("cp1252"))
    doc = load_document(path)
    assert "\u201cIt\u2019s lovely,\u201d said the owner of the new caf\u00e9" in doc.text


def test_pdf_text_layer_is_reflowed_across_pages():
    doc = load_document(FIXTURES / "article.pdf")
    assert doc.format == "pdf"
    assert doc.title == "Council approves new library"
    texts = paragraph_texts(doc)
    assert texts[0] == "Council approves new library" and doc.paragraphs[0].heading
    assert texts[1] == LIBRARY_FIRST
    # the third paragraph runs over the page break, where page 2 starts with its page number
    assert texts[3] == (
        "Work is expected to start in the spring and to take two years. The library will hold 120,000 books and "
        "a reading room for 300 people."
    )
    assert len(texts) == 5


def test_pdf_renamed_to_txt_is_read_as_pdf(tmp_path):
    path = tmp_path / "download.txt"
    shutil.copy(FIXTURES / "article.pdf", path)
    assert load_document(path).format == "pdf"


def test_docx_paragraphs_headings_and_tables():
    doc = load_document(FIXTURES / "article.docx")
    assert doc.format == "docx"
    assert doc.title == "Council approves new library"
    assert headings(doc) == ["Council approves new library", "What happens next"]
    texts = paragraph_texts(doc)
    assert LIBRARY_FIRST in texts
    # runs with different formatting are one paragraph
    assert (
        "Work is expected to start in the spring and to take two years. The library will hold 120,000 books and "
        "a reading room for 300 people." in texts
    )
    assert "Cost | 18 million euros" in texts and "Books | 120,000" in texts
    assert texts[-1].startswith("Opponents had wanted the hall")


def test_docx_without_suffix_is_recognised(tmp_path):
    path = tmp_path / "article"
    shutil.copy(FIXTURES / "article.docx", path)
    assert load_document(path).format == "docx"


def test_page_saved_as_single_file_mhtml():
    doc = load_document(FIXTURES / "article.mhtml")
    assert doc.format == "html"
    assert doc.title == "Harbour bridge reopens after repairs"
    assert "The harbour bridge reopened to traffic on Monday morning" in doc.text
    assert "SCRIPT TEXT" not in doc.text and "COMMENT TEXT" not in doc.text and "=3D" not in doc.text


def test_html_suffix_with_plain_text_is_read_as_text(tmp_path):
    path = tmp_path / "notes.html"
    path.write_text("Plain notes\n\nNo markup at all in this file, just a sentence.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.format == "txt" and doc.title == "Plain notes"


def test_pasted_html_page_is_reduced_to_the_article():
    from reader.documents import document_from_text

    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    doc = document_from_text(page)
    assert doc.title == "Harbour bridge reopens after repairs"
    assert "SCRIPT TEXT" not in doc.text and "Share on Facebook" not in doc.text


def test_markdown_front_matter_title(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(
        "---\ntitle: \"Storm season begins\"\ndate: 2024-06-01\n---\n\nThe first storm of the season reached the "
        "coast on *Saturday*.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.title == "Storm season begins"
    assert doc.text == "The first storm of the season reached the coast on Saturday."


def test_markdown_without_heading_takes_a_short_first_line_as_title(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("Storm season begins\n\nThe first storm reached the coast on Saturday.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Storm season begins" and doc.paragraphs[0].heading
