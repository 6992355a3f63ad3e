"""Every variant class of one real-world entity, with sentences written for these tests, through the real model."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.compare import assemble
from reader.core.entities import extract_entities
from reader.core.model import Group, Link, LinkKind, Options, Presence
from reader.core.nlp import NlpEngine
from reader.core.segment import segment
from reader.documents import document_from_text, load_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "discrepancies"


@pytest.fixture(scope="module")
def engine() -> NlpEngine:
    return NlpEngine()


def _entities(engine, left: str, right: str):
    return extract_entities(segment(document_from_text(left)), segment(document_from_text(right)), engine)


def _holding(entities, text):
    return [e for e in entities if text in e.variants]


def _same(entities, *texts):
    found = {id(e) for t in texts for e in _holding(entities, t)}
    assert len(found) == 1, f"{texts} spread over {len(found)} entries: {[e.name for e in entities]}"
    return _holding(entities, texts[0])[0]


def test_middle_initial_middle_name_suffix_and_surname_are_one_person(engine):
    ents = _entities(engine,
                     "Margaret T. Hale Jr. spoke to the council on Monday. Later, Ms. Hale left the building.",
                     "Margaret Hale spoke to the council. Hale then walked out of the hall.")
    hale = _same(ents, "Margaret T. Hale Jr.", "Margaret Hale", "Hale")
    assert hale.group is Group.PEOPLE and hale.presence is Presence.BOTH


def test_nicknames_are_one_person(engine):
    ents = _entities(engine, "Jim Barrow, a spokesman for the utility, said repairs were under way.",
                     "James Barrow, the utility's spokesman, said crews were repairing the lines.")
    assert _same(ents, "Jim Barrow", "James Barrow").presence is Presence.BOTH


def test_acronyms_and_full_names_are_one_organisation(engine):
    ents = _entities(engine,
                     "The Department of Homeland Security said the Republican National Committee had been warned.",
                     "DHS said the RNC had been warned about the scheme.")
    assert _same(ents, "Department of Homeland Security", "DHS").presence is Presence.BOTH
    assert _same(ents, "Republican National Committee", "RNC").presence is Presence.BOTH


def test_america_united_states_and_us_are_one_place(engine):
    ents = _entities(engine, "America will send aid, and the United States will host the talks.",
                     "The U.S. will send aid and host the talks in Geneva.")
    assert _same(ents, "America", "United States", "U.S.").presence is Presence.BOTH


def test_state_abbreviations_are_the_state(engine):
    ents = _entities(engine, "Senator Rick Mills of Florida voted against the measure on Tuesday.",
                     "Sen. Rick Mills of Naples, Fla., voted against it, as did a colleague from Ohio.")
    assert _same(ents, "Florida", "Fla.").presence is Presence.BOTH


def test_dateline_is_not_a_mention(engine):
    ents = _entities(engine, "WASHINGTON — The council voted to close the old bridge in Baltimore.",
                     "The council voted to close the old bridge in Baltimore.")
    assert not [e for e in ents if e.name.upper() == "WASHINGTON"]


def test_father_and_son_and_a_husband_and_wife_stay_apart(engine):
    left = ("Paul Ross Sr. founded the company. His son, Paul Ross Jr., runs it today. Mr. Ross Jr. said little. "
            "Tom Delgado and his wife, Maria Delgado, attended the ceremony.")
    ents = _entities(engine, left, "Paul Ross Jr. runs the company his father founded.")
    assert len({id(e) for t in ("Paul Ross Sr.", "Paul Ross Jr.") for e in _holding(ents, t)}) == 2
    assert _holding(ents, "Paul Ross Jr.")[0].presence is Presence.BOTH
    assert _holding(ents, "Paul Ross Sr.")[0].presence is Presence.LEFT
    assert len({id(e) for t in ("Tom Delgado", "Maria Delgado") for e in _holding(ents, t)}) == 2


def test_title_case_headline_words_are_not_entities(engine):
    ents = _entities(engine, "Senator Hale Criticized Over Budget Deal\n\nMargaret Hale defended the budget deal.",
                     "Hale defends budget\n\nMargaret Hale said the budget deal was fair.")
    names = [e.name for e in ents if e.group is not Group.FIGURES]
    assert not [n for n in names if "Criticized" in n or "Budget" in n], names
    assert _same(ents, "Margaret Hale").presence is Presence.BOTH


def test_a_common_word_capitalised_in_a_quote_both_print_is_a_common_word():
    """One quote printed by both sources capitalises a word the articles otherwise write in lower case."""
    from reader.core.entity_resolve import NameContext
    from reader.core.model import Side

    quote = "\u201cTwo years of Congressional testimony found nothing against her,\u201d her lawyer, Ann Ruiz, said."
    context = NameContext.of({Side.LEFT: "At a tense congressional hearing, the director spoke. " + quote,
                              Side.RIGHT: quote + " Her lawyer, Ann Ruiz, spoke for an hour."}, {})
    assert context.common_word("congressional")
    assert not context.common_word("ruiz")


def test_a_social_network_is_not_a_person(engine):
    ents = _entities(engine, "Hale wrote on Twitter that the vote was rigged.", "On Twitter, Hale said so too.")
    assert all(e.group is not Group.PEOPLE for e in _holding(ents, "Twitter"))


# ------------------------------------------------------------------------------------------ discrepancies
def _pair(name: str):
    left = segment(load_document(FIXTURES / name / "left.txt"))
    right = segment(load_document(FIXTURES / name / "right.txt"))
    return left, right


def _paragraph_links(left, right):
    links = []
    for k in range(min(len(left.document.paragraphs), len(right.document.paragraphs))):
        ls = tuple(s.id for s in left.segments if s.paragraph == k)
        rs = tuple(s.id for s in right.segments if s.paragraph == k)
        if ls and rs:
            links.append(Link(ls, rs, 1.0, LinkKind.PARAPHRASE))
    return links


@pytest.mark.parametrize("name, left_text, right_text, about", [
    ("report", "40", "44", "length of the report"),
    ("outage", "2.1 million", "2.3 million", "customers"),
    ("vote", "Wednesday", "Tuesday", "day of"),
    ("age", "58", "56", "age of"),
])
def test_each_hand_made_pair_has_exactly_its_one_true_disagreement(engine, name, left_text, right_text, about):
    left, right = _pair(name)
    comparison = assemble(left, right, _paragraph_links(left, right), extract_entities(left, right, engine),
                          Options())
    assert len(comparison.discrepancies) == 1, [d.describe() for d in comparison.discrepancies]
    d = comparison.discrepancies[0]
    assert left_text in d.left_text and right_text in d.right_text
    assert about in d.about and d.describe().startswith(d.about + ": ")


def test_vague_figures_that_can_both_be_true_are_no_discrepancy(engine):
    left = segment(document_from_text("More than 5,000 residents signed the petition, organisers said."))
    right = segment(document_from_text("About 5,200 residents signed the petition, according to organisers."))
    links = [Link((0,), (0,), 1.0, LinkKind.PARAPHRASE)]
    comparison = assemble(left, right, links, extract_entities(left, right, engine), Options())
    assert comparison.discrepancies == ()


def test_the_seed_pair_keeps_its_results(engine, seed_paths):
    from reader.core.compare import Comparer

    comparison = Comparer(engine).compare(load_document(seed_paths[0]), load_document(seed_paths[1]))
    ents = comparison.entities
    soleimani = _same(ents, "Qasem Soleimani", "Qassem Soleimani", "Soleimani")
    assert soleimani.presence is Presence.BOTH and soleimani.group is Group.PEOPLE
    assert _same(ents, "Nancy Pelosi").presence is Presence.RIGHT
    assert _same(ents, "Emmanuel Macron").presence is Presence.LEFT
    assert comparison.discrepancies == (), [d.describe() for d in comparison.discrepancies]


def _flags(engine, left_text: str, right_text: str):
    left, right = segment(document_from_text(left_text)), segment(document_from_text(right_text))
    links = [Link((0,), (0,), 1.0, LinkKind.PARAPHRASE)]
    return assemble(left, right, links, extract_entities(left, right, engine), Options()).discrepancies


def test_a_round_figure_and_the_precise_one_it_rounds_are_no_discrepancy(engine):
    assert _flags(engine, "The plan cuts $716 billion from the hospital budget over ten years.",
                  "The plan cuts roughly $700 billion from the hospital budget over ten years.") == ()


def test_days_of_different_events_or_of_a_repeated_act_are_no_discrepancy(engine):
    assert _flags(engine, "The Senate voted on Wednesday and the House is expected to vote on Thursday.",
                  "The House voted on Thursday to approve the measure.") == ()
    assert _flags(engine, "Mayor Okafor refused on Monday to step aside.",
                  "Mayor Okafor again refused on Tuesday to step aside.") == ()


def test_the_same_event_on_two_different_days_is_a_discrepancy(engine):
    flags = _flags(engine, "The House voted on Wednesday to approve the measure.",
                   "The House voted on Thursday to approve the measure.")
    assert [(d.left_text, d.right_text) for d in flags] == [("Wednesday", "Thursday")]
    assert flags[0].about.startswith("day of")


def test_a_day_of_another_event_in_the_passage_does_not_hide_the_disagreement(engine):
    """The right passage also dates something the governor did: the House's two days are still compared."""
    left = segment(document_from_text("He mocked House Republicans for passing a resolution on Tuesday that "
                                      "reaffirmed the state motto, when they should be creating jobs."))
    right = segment(document_from_text("Governor Ann Ruiz urged lawmakers to fund the road plan on Wednesday, while "
                                       "mocking their priorities. On Wednesday, the House voted 96-4 on a bill that "
                                       "reaffirmed the motto."))
    links = [Link((0,), tuple(s.id for s in right.segments), 1.0, LinkKind.PARAPHRASE)]
    flags = assemble(left, right, links, extract_entities(left, right, engine), Options()).discrepancies
    assert [(d.left_text, d.right_text) for d in flags] == [("Tuesday", "Wednesday")]
    assert right.document.text.index("On Wednesday") <= flags[0].right[0]  # the House's Wednesday, not the governor's
