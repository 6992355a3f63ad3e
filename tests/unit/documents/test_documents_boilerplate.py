"""Boilerplate inside articles is marked (and only boilerplate): seeds first, then one rule at a time."""
from __future__ import annotations

from reader.documents import document_from_text, load_document


def marked(doc):
    return [(m.reason, doc.text[m.start : m.end]) for m in doc.marks]


def whole_paragraph_marks(doc):
    spans = {(p.start, p.end): i for i, p in enumerate(doc.paragraphs)}
    return {spans[(m.start, m.end)]: m.reason for m in doc.marks if (m.start, m.end) in spans}


def test_the_world_seed_related_links_and_appeal(seed_paths):
    doc = load_document(seed_paths[0])
    texts = [doc.text[p.start : p.end] for p in doc.paragraphs]
    whole = whole_paragraph_marks(doc)
    related = [i for i, t in enumerate(texts) if t.startswith("Related:")]
    assert len(related) == 3
    assert all(whole.get(i) == "related" for i in related)
    assert whole.get(len(texts) - 2) == "appeal" and texts[-2].startswith("At The World, we believe strongly")
    assert whole.get(len(texts) - 1) == "appeal" and texts[-1].startswith("Every day, our nonprofit newsroom")
    # nothing else: every news paragraph stays countable
    assert len(doc.marks) == 5
    assert set(whole) == {*related, len(texts) - 2, len(texts) - 1}


def test_reuters_seed_caption_and_ticker(seed_paths):
    doc = load_document(seed_paths[1])
    texts = [doc.text[p.start : p.end] for p in doc.paragraphs]
    assert whole_paragraph_marks(doc) == {1: "caption"}
    assert texts[1].endswith("Iran Press/Handout via REUTERS")
    assert ("ticker", "<SIAL.SI>") in marked(doc)
    assert len(doc.marks) == 2
    heading = doc.paragraphs[0]
    assert not any(m.start < heading.end and m.end > heading.start for m in doc.marks)


def test_dateline_is_an_inline_mark():
    doc = document_from_text(
        "WASHINGTON (Reuters) - Iran has launched a major ballistic missile attack on U.S.-led forces in Iraq, "
        "the U.S. military said on Tuesday."
    )
    assert marked(doc) == [("dateline", "WASHINGTON (Reuters) - ")]
    doc = document_from_text("BAGHDAD, Jan 8 (Reuters) - Rockets hit the base at dawn, officials said.")
    assert marked(doc) == [("dateline", "BAGHDAD, Jan 8 (Reuters) - ")]
    doc = document_from_text("LONDON \u2014 The Bank of England kept interest rates unchanged on Thursday.")
    assert marked(doc) == [("dateline", "LONDON \u2014 ")]


def test_bylines_and_reporting_credits():
    doc = document_from_text(
        "By Jane Doe\n\nThe storm hit the coast on Monday, officials said.\n\n"
        "Reporting by Idrees Ali and Phil Stewart in Washington; Additional reporting by Ahmed Aboulenein; "
        "Editing by Chris Reese\n"
    )
    assert [r for r, _ in marked(doc)] == ["byline", "byline"]
    doc = document_from_text(
        "The storm hit the coast on Monday, officials said. (Reporting by Jane Doe; Editing by John Smith)"
    )
    assert marked(doc) == [("byline", "(Reporting by Jane Doe; Editing by John Smith)")]


def test_share_read_more_newsletter_and_credit_lines():
    text = (
        "The storm hit the coast on Monday, officials said.\n\nRead more: Storms of the decade\n\n"
        "Share this article\n\nSign up for our newsletter and get the top stories delivered to your inbox "
        "every morning. We promise you will love it.\n\nPhoto: John Smith/AP\n\nAdvertisement\n"
    )
    doc = document_from_text(text)
    assert [r for r, _ in marked(doc)] == ["related", "share", "appeal", "credit", "share"]


def test_real_sentences_are_not_marked():
    sentences = [
        "By Tuesday, the troops had left the base and moved to Kuwait.",
        "By contrast, the Pentagon said no Americans were hurt in the strikes.",
        "Related talks between the two governments broke down in 2019, diplomats said.",
        "The charity said donations rose by 20 percent after the appeal, and it thanked supporters.",
        "We will support our allies, the president told reporters, and you can quote me on that.",
        "Iran's foreign minister said Tehran had taken proportionate measures in self-defence.",
        "NATO said it would move some trainers out of Iraq, according to a statement seen by Reuters.",
        "The photo, taken by Reuters on Tuesday, showed smoke rising above the base.",
        "More than 5,000 US troops remain in Iraq.",
        "Watchdogs said the vote was fair.",
        "US President Donald Trump said all was well <and> that he would speak in the morning.",
        "Published reports said 5 people died in the blast.",
        "Writing by hand is slow; editing by machine is fast, the teacher said.",
        "Research by Harvard scientists showed the drug worked in mice.",
        "\u201cYour support means everything to us, and we will not let you down,\u201d the candidate told supporters.",
        "US \u2014 and European \u2014 officials said the talks would go on.",
    ]
    doc = document_from_text("\n\n".join(sentences))
    assert marked(doc) == []


def test_timestamp_line():
    doc = document_from_text("Updated 8 January 2020, 1:30 am GMT\n\nThe storm hit the coast on Monday.")
    assert [r for r, _ in marked(doc)] == ["timestamp"]


def test_photo_credit_at_end_of_a_news_paragraph_is_inline():
    doc = document_from_text(
        "Smoke rises over the city after the strike on Tuesday, witnesses said. REUTERS/Jane Doe"
    )
    assert marked(doc) == [("credit", "REUTERS/Jane Doe")]


def test_agency_captions_and_standalone_credits():
    captions = [
        "FILE PHOTO: Iranian missiles are displayed in Tehran, Iran, September 22, 2019. REUTERS/Nazanin Tabatabaee",
        "In this photo provided by the U.S. Army, soldiers walk at Ain al-Asad air base, Iraq, Dec. 29, 2019. "
        "(AP Photo/Nasser Nasser)",
        "Mourners attend the funeral in Kerman, Iran, January 7, 2020. Photo by Jane Doe/Getty Images",
    ]
    for caption in captions:
        doc = document_from_text(f"Headline here\n\n{caption}\n\nThe body of the story follows here.")
        assert marked(doc) == [("caption", caption)]
    doc = document_from_text("Headline here\n\nIran Press/Handout via REUTERS\n\nThe body of the story follows.")
    assert marked(doc) == [("credit", "Iran Press/Handout via REUTERS")]
