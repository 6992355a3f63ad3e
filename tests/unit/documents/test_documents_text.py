"""Plain-text articles: the seed pair, encodings, reflow of hard-wrapped lines, titles."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.documents import document_from_text, load_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"


def paragraph_texts(doc):
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


def test_the_world_seed_has_one_paragraph_per_line(seed_paths):
    left, _ = seed_paths
    doc = load_document(left)
    lines = [line.strip() for line in left.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert paragraph_texts(doc) == lines
    assert doc.text == "\n\n".join(lines)
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert doc.title == "The World Iran Missile Attack"  # the first line is a long sentence, not a headline
    assert not any(p.heading for p in doc.paragraphs)


def test_reuters_seed_title_is_first_line_and_heading(seed_paths):
    _, right = seed_paths
    doc = load_document(right)
    texts = paragraph_texts(doc)
    assert doc.title == "Iran missile attacks target U.S. forces in Iraq"
    assert texts[0] == doc.title and doc.paragraphs[0].heading
    assert texts[-1] == "The missiles were launched on Wednesday at the same time that he was killed last on Friday."
    assert len(texts) == 21
    assert all("\n" not in t for t in texts)
    # the trailing no-break spaces of the copied page are gone
    assert all(t == t.strip() for t in texts)


def test_sha256_is_of_the_file_bytes(seed_paths):
    import hashlib

    left, _ = seed_paths
    assert load_document(left).sha256 == hashlib.sha256(left.read_bytes()).hexdigest()


def test_paragraph_spans_tile_the_text(seed_paths):
    for path in seed_paths:
        doc = load_document(path)
        joined = "\n\n".join(paragraph_texts(doc))
        assert joined == doc.text
        assert doc.paragraphs[0].start == 0 and doc.paragraphs[-1].end == len(doc.text)


@pytest.mark.parametrize(
    "name, encoding",
    [("utf8-bom.txt", "utf-8-sig"), ("utf16.txt", "utf-16"), ("cp1252.txt", "cp1252")],
)
def test_encodings_decode_curly_quotes_and_accents(name, encoding):
    doc = load_document(FIXTURES / name)
    assert doc.encoding == encoding
    assert paragraph_texts(doc) == [
        "Library vote",
        "\u201cWe are delighted,\u201d said the mayor. It\u2019s a caf\u00e9 \u2013 and a library \u2014 for everyone.",
        "The na\u00efve r\u00e9sum\u00e9 of the plan costs 5 \u20ac per resident.",
    ]
    assert "\ufeff" not in doc.text and "\r" not in doc.text


def test_latin1_text_with_accents(tmp_path):
    path = tmp_path / "german.txt"
    path.write_bytes("Der B\u00e4r l\u00e4uft \u00fcber die Stra\u00dfe. \u00c7a va tr\u00e8s bien.".encode("latin-1"))
    doc = load_document(path)
    assert doc.text == "Der B\u00e4r l\u00e4uft \u00fcber die Stra\u00dfe. \u00c7a va tr\u00e8s bien."


EXPECTED_LIBRARY = [
    "The city council voted on Tuesday to build a new library in the old market hall, ending a debate that had "
    "lasted for more than three years and divided the neighbourhood.",
    "The project will cost 18 million euros, of which the regional government will pay about half, the mayor "
    "told reporters after the vote.",
    "Work is expected to start in the spring and to take two years. The library will hold 120,000 books and a "
    "reading room for 300 people.",
    "Opponents had wanted the hall turned into housing. They said they would not challenge the decision in court.",
]


def test_reflow_of_72_column_text_with_blank_lines():
    doc = load_document(FIXTURES / "wrapped-72.txt")
    assert paragraph_texts(doc) == ["Council approves new library", *EXPECTED_LIBRARY]
    assert doc.title == "Council approves new library" and doc.paragraphs[0].heading


def test_reflow_of_72_column_text_without_blank_lines():
    doc = load_document(FIXTURES / "wrapped-72-no-blank-lines.txt")
    assert paragraph_texts(doc) == EXPECTED_LIBRARY


def test_reflow_keeps_hyphenated_words_and_lists():
    text = (
        "The coalition said U.S.-\nled forces were not hurt in the attack, which came hours after the\n"
        "defence secretary spoke to reporters in Washington on Tuesday evening.\n\n"
        "- first point of the list that the officials made to the press today\n"
        "- second point of the list that the officials made to the press today\n"
    )
    doc = document_from_text(text)
    assert paragraph_texts(doc) == [
        "The coalition said U.S.-led forces were not hurt in the attack, which came hours after the defence "
        "secretary spoke to reporters in Washington on Tuesday evening.",
        "- first point of the list that the officials made to the press today",
        "- second point of the list that the officials made to the press today",
    ]


def test_crlf_and_cr_line_endings(tmp_path):
    path = tmp_path / "old-mac.txt"
    path.write_bytes(b"First paragraph of the story here.\r\rSecond paragraph follows.\r")
    assert paragraph_texts(load_document(path)) == ["First paragraph of the story here.", "Second paragraph follows."]


def test_title_from_file_name_when_first_line_is_a_sentence(tmp_path):
    path = tmp_path / "my_story-about_rain.txt"
    path.write_text("It rained all day in the city, the weather service said.\nRivers rose.\n", encoding="utf-8")
    assert load_document(path).title == "My Story About Rain"


def test_single_line_text_is_not_taken_as_its_own_title(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Short note without a full stop", encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Note"
    assert not doc.paragraphs[0].heading


def test_document_from_text_clipboard():
    doc = document_from_text("Storm hits coast\n\nThe storm hit the coast on Monday.\n")
    assert doc.format == "clipboard" and doc.path is None and doc.sha256 == ""
    assert doc.title == "Storm hits coast" and doc.paragraphs[0].heading
    named = document_from_text("The storm hit the coast on Monday.", title="Pasted", source="clipboard")
    assert named.title == "Pasted" and named.name == "Pasted"
