"""Facts found in only one source, and figures that disagree, on the seed pair and small real files."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import align, make_link
from reader.core.encoder import SentenceEncoder
from reader.core.entities import extract_entities
from reader.core.facts import build_facts
from reader.core.figures import parse_figure
from reader.core.model import Options, Presence, SegmentKind, Side
from reader.core.nlp import NlpEngine
from reader.core.segment import segment
from reader.documents import document_from_text, load_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facts"
ENCODER = SentenceEncoder()  # loads on first use; links as the app links


@pytest.fixture(scope="module")
def engine() -> NlpEngine:
    return NlpEngine()


def _compare(left_path, right_path, engine):
    left, right = segment(load_document(left_path)), segment(load_document(right_path))
    links = align(left, right, Options(), encoder=ENCODER)
    entities = extract_entities(left, right, engine)
    return left, right, links, entities, build_facts(left, right, links, entities)


def _pair(name, engine):
    return _compare(FIXTURES / f"{name}-left.txt", FIXTURES / f"{name}-right.txt", engine)


@pytest.fixture(scope="module")
def seed(seed_paths, engine):
    return _compare(seed_paths[0], seed_paths[1], engine)


def test_different_death_tolls_are_one_discrepancy(engine):
    left, right, links, _, facts = _pair("stampede", engine)
    assert len(links) == 1
    (d,) = facts.discrepancies
    assert d.kind == "number" and d.link == 0
    assert "56" in d.left_text and "50" in d.right_text
    assert left.document.text[d.left[0]:d.left[1]] == d.left_text
    assert right.document.text[d.right[0]:d.right[1]] == d.right_text
    assert facts.summary_left.discrepancies == facts.summary_right.discrepancies == 1


def test_the_same_time_written_differently_is_no_discrepancy(engine):
    _, _, links, _, facts = _pair("time", engine)
    assert len(links) == 1
    assert facts.discrepancies == ()
    assert not [u for u in facts.unique_details if u.kind == "figure"]


def test_counted_things_that_differ_and_unique_details(engine):
    left, right, links, _, facts = _pair("details", engine)
    assert len(links) == 2
    assert [(d.kind, d.left_text, d.right_text) for d in facts.discrepancies] == [("number", "13", "12")]
    left_details = {u.text: u.kind for u in facts.unique_details if u.side is Side.LEFT}
    assert left_details.get("Mike Pompeo") == "entity"
    assert not {"US", "U.S.", "Mark Esper", "White House", "Tuesday"} & set(left_details)
    assert not [u for u in facts.unique_details if u.side is Side.RIGHT]
    for u in facts.unique_details:
        assert left.document.text[u.start:u.end] == u.text
        assert u.kind != "word" or u.text.lower() not in right.document.text.lower()


def test_a_different_person_in_the_same_role_is_a_name_discrepancy(engine):
    _, _, links, _, facts = _pair("spokesman", engine)
    assert len(links) == 1
    assert [(d.kind, d.left_text, d.right_text) for d in facts.discrepancies] == [
        ("name", "Jonathan Hoffman", "John Kirby")]


def test_unique_passages_are_the_unlinked_sentences(seed):
    left, right, links, _, facts = seed
    for analysis, linked, unique in ((left, {i for k in links for i in k.left}, facts.unique_left),
                                     (right, {j for k in links for j in k.right}, facts.unique_right)):
        expected = [s.id for s in analysis.segments if s.kind is SegmentKind.SENTENCE and s.id not in linked]
        assert list(unique) == expected
        assert not [i for i in unique if analysis.segments[i].kind is SegmentKind.BOILERPLATE]
    macron = [i for i in facts.unique_left if "Macron" in left.segment_text(i)]
    pelosi = [j for j in facts.unique_right if "Pelosi" in right.segment_text(j)]
    assert macron and pelosi


def test_seed_pair_figures_that_agree_are_not_discrepancies(seed):
    for d in seed[4].discrepancies:
        if d.kind != "name":
            a, b = parse_figure(d.left_text, "CARDINAL"), parse_figure(d.right_text, "CARDINAL")
            assert a is None or b is None or a.canonical != b.canonical, d


def test_summaries(seed):
    left, right, links, entities, facts = seed
    for summary, unique, presence in ((facts.summary_left, facts.unique_left, Presence.LEFT),
                                      (facts.summary_right, facts.unique_right, Presence.RIGHT)):
        assert 0.2 < summary.matched_share < 1.0
        assert summary.unique_passages == len(unique)
        assert summary.unique_entities == sum(1 for e in entities if e.presence is presence)
        assert summary.words > 300
    assert facts.summary_right.words < facts.summary_left.words  # Reuters' story is the shorter one


def test_unlinking_and_linking_by_hand_recompute_the_facts(seed):
    left, right, links, entities, facts = seed
    dropped = links[0]
    fewer = build_facts(left, right, links[1:], entities)
    sentences = {side: {s.id for s in a.segments if s.kind is SegmentKind.SENTENCE} for side, a in
                 (("left", left), ("right", right))}  # an unlinked headline is not "a passage only here"
    assert set(dropped.left) & sentences["left"] <= set(fewer.unique_left)
    assert set(dropped.right) & sentences["right"] <= set(fewer.unique_right)
    assert fewer.summary_left.matched_share < facts.summary_left.matched_share
    relinked = build_facts(left, right, (make_link(left, right, dropped.left, dropped.right, manual=True),)
                           + tuple(links[1:]), entities)
    assert relinked.unique_left == facts.unique_left
    assert relinked.summary_left.matched_share == facts.summary_left.matched_share


def test_facts_do_not_need_spacy():
    code = "import sys, reader.core.facts; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


_WORDS = ["Iran", "fired", "13", "missiles", "at", "1.30", "a.m.", "on", "Tuesday", "U.S.", "Gen.", "Salami", "said",
          "more", "than", "5,000", "troops", "’s", "the", "United", "States", ".", ",", "\n\n", "“", "”", "$2.5",
          "million", "10%", "Qassem", "Soleimani"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40), st.lists(st.sampled_from(_WORDS), min_size=1,
                                                                          max_size=40))
def test_any_pair_of_texts_gives_consistent_facts(engine, left_words, right_words):
    left_text, right_text = " ".join(left_words), " ".join(right_words)
    if not any(ch.isalnum() for ch in left_text) or not any(ch.isalnum() for ch in right_text):
        return  # refused as "no article text" by the loader (tested with the documents)
    left, right = segment(document_from_text(left_text)), segment(document_from_text(right_text))
    links = align(left, right, Options(), encoder=ENCODER)
    entities = extract_entities(left, right, engine)
    facts = build_facts(left, right, links, entities)
    for d in facts.discrepancies:
        assert left.document.text[d.left[0]:d.left[1]] == d.left_text
        assert right.document.text[d.right[0]:d.right[1]] == d.right_text
    for u in facts.unique_details:
        analysis = left if u.side is Side.LEFT else right
        assert analysis.document.text[u.start:u.end] == u.text
    assert 0.0 <= facts.summary_left.matched_share <= 1.0
