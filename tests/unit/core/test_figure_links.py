"""Sentence pairs joined to the links because both give a figure for one event and the figures differ
(hand-made pair ``tests/fixtures/discrepancies/override``, written for these tests)."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.align import NEAR_MIN, align_with_near
from reader.core.compare import Comparer
from reader.core.encoder import SentenceEncoder
from reader.core.entities import extract_entities
from reader.core.figure_links import join_disagreeing, plain_words
from reader.core.model import Options
from reader.core.nlp import NlpEngine
from reader.core.segment import segment
from reader.documents import document_from_text, load_document

OVERRIDE = Path(__file__).resolve().parents[2] / "fixtures" / "discrepancies" / "override"


@pytest.fixture(scope="module")
def comparer() -> Comparer:
    return Comparer(NlpEngine(processes=1), SentenceEncoder())


def _texts(left: str, right: str):
    """Two articles from paragraphs written for the test, segmented."""
    return segment(document_from_text(left)), segment(document_from_text(right))


def _find(analysis, needle: str) -> int:
    return next(s.id for s in analysis.segments if needle in analysis.segment_text(s.id))


def test_a_vote_day_both_give_differently_is_linked_and_flagged(comparer):
    left, right = (load_document(OVERRIDE / name) for name in ("left.txt", "right.txt"))
    comparison = comparer.compare(left, right)
    assembly_left = _find(comparison.left, "followed by the Assembly on Thursday")
    assembly_right = _find(comparison.right, "The Assembly voted later on Wednesday")
    (link,) = [k for k in comparison.links if assembly_left in k.left]
    assert assembly_right in link.right  # joined to the link its left sentence already had
    assert [(d.left_text, d.right_text) for d in comparison.discrepancies] == [("Thursday", "Wednesday")]
    assert "Assembly" in comparison.discrepancies[0].about
    assert comparison.links[comparison.discrepancies[0].link] == link


def test_the_pair_alone_is_below_the_threshold(comparer):
    """What the join adds: the learned decision alone leaves the two Assembly sentences unlinked."""
    left, right = (segment(load_document(OVERRIDE / name)) for name in ("left.txt", "right.txt"))
    links, near = align_with_near(left, right, Options(), encoder=comparer.encoder)
    i, j = _find(left, "followed by the Assembly"), _find(right, "The Assembly voted later")
    assert not any(i in k.left and j in k.right for k in links)
    assert any(a == i and b == j and NEAR_MIN <= p < 0.5 for a, b, p in near)


def test_days_of_two_events_with_nothing_else_in_common_are_not_joined(comparer):
    """Same person, two days, two different acts (an apology, a rally): no shared plain word, no join."""
    left, right = _texts("Senator Hale apologised for the remarks on Monday.\n\n"
                         "The city budget grew by 4 percent this year.",
                         "On Sunday, Hale angered teachers at a rally in Dayton.\n\n"
                         "This year the city budget rose 4 percent.")
    entities = extract_entities(left, right, comparer.nlp)
    near = ((0, 0, 0.3),)  # as if the decision had found the pair near
    assert join_disagreeing(left, right, (), near, entities) == ()
    assert not plain_words(left.segment_text(0)) & plain_words(right.segment_text(0))


def test_plain_words_leave_out_names_weekdays_and_numbers():
    words = plain_words("On Wednesday the House voted 396-9 to reaffirm the motto.")
    assert "hous" not in words and not any(w.startswith("wednesday") for w in words)
    assert not any(ch.isdigit() for w in words for ch in w)
    assert len(words) >= 3  # voted, reaffirm, motto


def test_sentences_the_user_linked_by_hand_are_never_joined(comparer):
    from reader.core.compare import Edit

    left, right = (load_document(OVERRIDE / name) for name in ("left.txt", "right.txt"))
    plain = comparer.compare(left, right)
    i = _find(plain.left, "followed by the Assembly on Thursday")
    j = _find(plain.right, "The Assembly voted later on Wednesday")
    senate = _find(plain.right, "The state Senate voted")
    edited = comparer.compare(left, right, edits=(Edit("link", (i,), (senate,)),))
    (manual,) = [k for k in edited.links if i in k.left]
    assert manual.manual and manual.right == (senate,)  # the user's link stands as drawn
    assert not any(j in k.right for k in edited.links) and edited.discrepancies == ()


def test_no_join_that_compares_sentences_never_judged_the_same_fact(comparer):
    """Joining the near pair would merge two links and pit 40 against 45 percent across them: refused."""
    from reader.core.align import make_link
    from reader.core.compare import assemble

    left, right = _texts("The House voted on Tuesday to approve the water bill.\n\n"
                         "The bill caps river use at 40 percent, the House said.",
                         "The House approved the water bill, capping river use at 45 percent.\n\n"
                         "The House voted on Wednesday on the bill, which passed 96-4.")
    entities = extract_entities(left, right, comparer.nlp)
    links = tuple(make_link(left, right, (k,), (k,)) for k in range(2))
    joined = join_disagreeing(left, right, links, ((0, 1, 0.3),), entities)
    assert [(k.left, k.right) for k in joined] == [((0,), (0,)), ((1,), (1,))]
    assert assemble(left, right, joined, entities, Options()).discrepancies == ()
