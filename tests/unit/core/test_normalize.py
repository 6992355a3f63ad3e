"""Normalisation: spelling conventions are not differences, figures always are."""
from __future__ import annotations

import pytest

from reader.core.normalize import norm_tokens, normalized_equal, tokenize


@pytest.mark.parametrize(
    "a, b",
    [
        ("U.S.-led forces", "US-led forces"),
        ("the United States said", "the US said"),
        ("at about 1.30 a.m. local time", "at about 1:30 am local time"),
        ("Gen. Hossein Salami", "General Hossein Salami"),
        ("Mr. Esper", "Mr Esper"),
        ("more than 5,000 troops", "more than 5000 troops"),
        ("Iran\u2019s \u201cmartyrs section\u201d", "iran's \"martyrs section\""),
        ("It was, he said, clear.", "it was he said clear"),
        ("on Jan. 8", "on January 8"),
    ],
)
def test_conventions_normalise_equal(a, b):
    assert normalized_equal(a, b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("killed at least 56 people", "killed at least 50 people"),
        ("at 1:30 am", "at 1:40 am"),
        ("5,000 troops", "500 troops"),
        ("Room 101", "Room 102"),
        ("1.5 million", "15 million"),
        ("at 1:30 am", "at 1:30 pm"),
    ],
)
def test_different_figures_stay_different(a, b):
    assert not normalized_equal(a, b)


def test_tokens_carry_offsets_into_the_original_text():
    text = "The U.S. military said 5,000 troops left at 1.30 a.m. on Jan. 8."
    base = 100
    for tok in tokenize(text, base):
        assert text[tok.start - base : tok.end - base] == tok.text
    norms = norm_tokens(text)
    assert norms == ["the", "us", "military", "said", "5000", "troops", "left", "at", "1:30", "am", "on",
                     "january", "8"]


def test_numbers_are_number_tokens_and_keep_their_digits():
    toks = tokenize("at least 56 people and 1,200 more")
    nums = [t for t in toks if t.kind == "number"]
    assert [t.norm for t in nums] == ["56", "1200"]
