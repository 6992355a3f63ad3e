"""Entities of the seed pair with the real spaCy model: variants grouped, presence per side, figures valued."""
from __future__ import annotations

import pytest

from reader.core.entities import extract_entities
from reader.core.model import Cancelled, Group, Presence
from reader.core.nlp import NlpEngine
from reader.core.segment import segment
from reader.documents import document_from_text, load_document


@pytest.fixture(scope="module")
def engine() -> NlpEngine:
    return NlpEngine()


@pytest.fixture(scope="module")
def seed(seed_paths, engine):
    left = segment(load_document(seed_paths[0]))
    right = segment(load_document(seed_paths[1]))
    return left, right, extract_entities(left, right, engine)


def _entities_with(entities, variant):
    return [e for e in entities if variant in e.variants]


def _one(entities, variant):
    found = _entities_with(entities, variant)
    assert len(found) == 1, f"{variant!r} in {len(found)} entities"
    return found[0]


def test_soleimani_spellings_are_one_person(seed):
    entities = seed[2]
    soleimani = _one(entities, "Qasem Soleimani")
    assert {"Qasem Soleimani", "Qassem Soleimani", "Soleimani"} <= set(soleimani.variants)
    assert soleimani.group is Group.PEOPLE and soleimani.label == "PERSON"
    assert soleimani.presence is Presence.BOTH
    assert soleimani.name in ("Qasem Soleimani", "Qassem Soleimani")
    assert not [e for e in entities if e is not soleimani and "Soleimani" in e.name]


def test_united_states_spellings_are_one_place_on_both_sides(seed):
    us = _one(seed[2], "U.S.")
    assert {"US", "U.S.", "United States"} <= set(us.variants)
    assert us.group is Group.PLACES and us.presence is Presence.BOTH
    assert us.name == "United States"


def test_only_one_source_names_pelosi_or_macron(seed):
    assert _one(seed[2], "Nancy Pelosi").presence is Presence.RIGHT
    assert _one(seed[2], "Emmanuel Macron").presence is Presence.LEFT


def test_titles_and_possessives_do_not_split_entities(seed):
    entities = seed[2]
    salami = [e for e in entities if e.name == "Hossein Salami"]
    assert len(salami) == 1 and salami[0].presence is Presence.BOTH
    iran = [e for e in entities if e.name == "Iran"]
    assert len(iran) == 1 and iran[0].group is Group.PLACES
    names = [e for e in entities if e.group is not Group.FIGURES]
    assert not [e for e in names if e.name.endswith(("’s", "'s")) or e.name.lower().startswith("the ")]
    assert _one(entities, "Iran") is not _one(entities, "Iraq")


def test_place_tagged_as_organisation_in_one_source_is_still_one_place(seed):
    erbil = _one(seed[2], "Erbil")
    assert erbil.group is Group.PLACES and erbil.presence is Presence.BOTH


def test_the_same_time_written_two_ways_is_one_figure_on_both_sides(seed):
    time = [e for e in seed[2] if e.group is Group.FIGURES and e.value and e.value.kind == "time"
            and e.value.canonical == "01:30"]
    assert len(time) == 1
    assert time[0].presence is Presence.BOTH
    texts = {m.text for m in time[0].left} | {m.text for m in time[0].right}
    assert any("1.30 a.m." in t for t in texts) and any("1:30 am" in t for t in texts)


def test_more_than_a_dozen_is_read_as_a_figure(seed):
    dozen = _one(seed[2], "more than a dozen")
    assert dozen.group is Group.FIGURES and dozen.presence is Presence.BOTH
    assert dozen.value.value == 12 and dozen.value.bound == "at least"


def test_mentions_point_at_their_text(seed):
    left, right, entities = seed
    for entity in entities:
        for analysis, mentions in ((left, entity.left), (right, entity.right)):
            for m in mentions:
                assert analysis.document.text[m.start:m.end] == m.text


def test_boilerplate_yields_no_entities(seed):
    left, right, entities = seed
    appeal = [mk for mk in left.document.marks if mk.reason == "appeal"]
    assert appeal, "the seed's donation appeal is marked as boilerplate"
    for entity in entities:
        for analysis, mentions in ((left, entity.left), (right, entity.right)):
            for m in mentions:
                assert not any(mk.start < m.end and m.start < mk.end for mk in analysis.document.marks), m
    assert not [e for e in entities if "World" in e.name]  # "At The World, we believe ..." is the appeal


def test_people_sharing_a_surname_stay_apart(engine):
    left = segment(document_from_text("Hillary Clinton and Bill Clinton arrived in Paris on Monday."))
    right = segment(document_from_text("Clinton said nothing to reporters in Paris."))
    entities = extract_entities(left, right, engine)
    hillary = _one(entities, "Hillary Clinton")
    bill = _one(entities, "Bill Clinton")
    assert hillary is not bill
    assert hillary.presence is Presence.LEFT and bill.presence is Presence.LEFT  # "Clinton" alone: which one?
    assert _one(entities, "Paris").presence is Presence.BOTH


def test_progress_and_cancel(engine):
    left = segment(document_from_text("Iran fired missiles at bases in Iraq on Tuesday."))
    right = segment(document_from_text("Tehran launched more than a dozen missiles."))
    seen = []
    extract_entities(left, right, engine, progress=lambda f, msg: seen.append(f))
    assert seen and all(0.0 <= f <= 1.0 for f in seen) and seen[-1] == 1.0
    with pytest.raises(Cancelled):
        extract_entities(left, right, engine, should_stop=lambda: True)


def _grouped(left_names, right_names=()):
    """Group hand-written name mentions (text, label) the way recognised ones are grouped."""
    from reader.core.entities import group_mentions
    from reader.core.model import Mention, Side

    def mentions(names):
        out, pos = [], 0
        for text, label in names:
            out.append(Mention(pos, pos + len(text), text, label))
            pos += len(text) + 1
        return out

    return group_mentions({Side.LEFT: mentions(left_names), Side.RIGHT: mentions(right_names)})


def test_spelling_variants_titles_and_aliases_group_but_similar_places_do_not():
    entities = _grouped(
        [("Gen. Hossein Salami", "PERSON"), ("Iran", "GPE"), ("the United States", "GPE"), ("Abraham", "PERSON")],
        [("General Hossein Salami", "PERSON"), ("Iraq", "GPE"), ("U.S.", "GPE"), ("Abram", "PERSON")],
    )
    by_name = {e.name: e for e in entities}
    assert by_name["Hossein Salami"].presence is Presence.BOTH
    assert by_name["United States"].presence is Presence.BOTH
    assert by_name["Iran"].presence is Presence.LEFT and by_name["Iraq"].presence is Presence.RIGHT
    assert by_name["Abraham"] is not by_name["Abram"]


def test_a_surname_tagged_inconsistently_joins_its_only_full_name():
    entities = _grouped([("Qasem Soleimani", "PERSON"), ("Soleimani", "GPE"), ("Soleimani", "NORP")],
                        [("Qassem Soleimani", "PERSON"), ("Soleimani", "PERSON")])
    people = [e for e in entities if e.group is Group.PEOPLE]
    assert len(people) == 1 and len(entities) == 1
    assert len(people[0].left) == 3 and len(people[0].right) == 2
    assert {m.label for m in people[0].left} == {"PERSON"}
