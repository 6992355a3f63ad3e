"""Sentence splitting: news abbreviations, initials, quotations, headings and boilerplate marks."""
from __future__ import annotations

import pytest

from reader.core.model import Document, Mark, Paragraph, SegmentKind
from reader.core.segment import paragraphs_from_text, segment, split_sentences
from reader.documents import load_document


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. military said the attack began at 1.30 a.m. local time on Wednesday.",
        "Gen. Hossein Salami spoke to Mr. Smith and Mrs. Jones on Jan. 8 outside No. 10 Downing St. in London.",
        "He met J. Smith and A. B. Jones at the U.N. headquarters.",
        "Shares of Acme Inc. rose 5.5 percent to $12.50 by 3 p.m. on Tuesday.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text):
    assert _sentences(text) == [text]


def test_sentences_are_split_with_trimmed_offsets():
    text = "  Iran fired missiles.  The Pentagon did not comment! Was anyone hurt? Nobody knows.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Iran fired missiles.", "The Pentagon did not comment!", "Was anyone hurt?", "Nobody knows."]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_abbreviation_at_the_end_of_a_sentence_still_splits_before_a_new_sentence():
    text = "Troops will stay in the U.S. The president said so at 9 a.m. He left."
    assert _sentences(text) == ["Troops will stay in the U.S.", "The president said so at 9 a.m.", "He left."]


def test_a_sentence_ending_inside_a_quotation_keeps_its_closing_quote():
    text = "He said: \u201cWe will respond.\u201d Then he left. She said \"Go home.\" Nobody moved."
    assert _sentences(text) == [
        "He said: \u201cWe will respond.\u201d", "Then he left.", "She said \"Go home.\"", "Nobody moved."]


def test_a_quotation_of_several_sentences_is_not_split_into_a_lone_closing_quote():
    text = ("\u201cWe are aware of the reports. The president has been briefed,\u201d Grisham said. "
            "Esper arrived later.")
    parts = _sentences(text)
    assert parts == [
        "\u201cWe are aware of the reports. The president has been briefed,\u201d Grisham said.",
        "Esper arrived later."]
    assert not any(p.startswith(("\u201d", '"')) for p in parts)


def test_a_question_inside_a_quotation_followed_by_the_speaker_is_one_sentence():
    assert _sentences("\u201cWhat Beast comes here?\u201d said the Birds. The Bat flew.") == [
        "\u201cWhat Beast comes here?\u201d said the Birds.", "The Bat flew."]


def test_headings_are_one_segment_and_marked_sentences_are_boilerplate():
    text = "Missiles hit bases. Iran fired them\n\nIran fired missiles. Related: more news here."
    heading_end = text.index("\n")
    related = text.index("Related:")
    doc = Document(
        None, "t", text, "txt",
        (Paragraph(0, heading_end, heading=True), Paragraph(text.index("Iran fired missiles"), len(text))),
        marks=(Mark(related, len(text), "related"),),
    )
    analysis = segment(doc)
    kinds = [(s.kind, analysis.segment_text(s.id)) for s in analysis.segments]
    assert kinds == [
        (SegmentKind.HEADING, "Missiles hit bases. Iran fired them"),
        (SegmentKind.SENTENCE, "Iran fired missiles."),
        (SegmentKind.BOILERPLATE, "Related: more news here."),
    ]
    assert [s.id for s in analysis.segments] == [0, 1, 2]
    assert [s.paragraph for s in analysis.segments] == [0, 1, 1]


def test_seed_articles_segment_into_whole_sentences(seed_paths):
    for path in seed_paths:
        analysis = segment(load_document(path))
        texts = [analysis.segment_text(s.id) for s in analysis.segments]
        assert len(texts) > 20
        for t in texts:
            assert t == t.strip() and t
            assert not t.startswith(("\u201d", ".", ","))
        assert any("Gen. Hossein Salami" in t for t in texts) or any("General Hossein" in t for t in texts)
        assert all(not t.endswith(("Gen.", "U.S.", "a.m.")) for t in texts)


def test_paragraphs_from_text_uses_blank_lines_when_present():
    text = "One line\nsame paragraph.\n\nSecond paragraph."
    paras = paragraphs_from_text(text)
    assert [text[p.start:p.end] for p in paras] == ["One line\nsame paragraph.", "Second paragraph."]
