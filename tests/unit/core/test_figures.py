"""Figures read into comparable values: what a reader would call "the same number" compares equal."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.figures import parse_figure, parse_number

WORDS = "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen " \
        "eighteen nineteen twenty".split()


@pytest.mark.parametrize(
    ("text", "label", "kind", "canonical", "bound"),
    [
        ("more than 5,000", "CARDINAL", "number", "5000", "at least"),
        ("More than 5,000", "CARDINAL", "number", "5000", "at least"),
        ("at least 56", "CARDINAL", "number", "56", "at least"),
        ("a dozen", "CARDINAL", "number", "12", "exact"),
        ("more than a dozen", "CARDINAL", "number", "12", "at least"),
        ("1:30 am", "TIME", "time", "01:30", "exact"),
        ("1.30 a.m.", "TIME", "time", "01:30", "exact"),
        ("about 1.30 a.m.", "TIME", "time", "01:30", "about"),
        ("3 p.m.", "TIME", "time", "15:00", "exact"),
        ("January 8, 2020", "DATE", "date", "2020-01-08", "exact"),
        ("8 January 2020", "DATE", "date", "2020-01-08", "exact"),
        ("December of 2018", "DATE", "date", "2018-12", "exact"),
        ("Tuesday", "DATE", "date", "tuesday", "exact"),
        ("Friday’s", "DATE", "date", "friday", "exact"),
        ("$2.5 million", "MONEY", "money", "USD 2500000", "exact"),
        ("10%", "PERCENT", "percent", "10%", "exact"),
        ("10 percent", "PERCENT", "percent", "10%", "exact"),
        ("13", "CARDINAL", "number", "13", "exact"),
        ("hundreds", "CARDINAL", "number", "hundreds", "at least"),
        ("up to 20", "CARDINAL", "number", "20", "at most"),
        ("5 km", "QUANTITY", "quantity", "5 km", "exact"),
    ],
)
def test_reads_value(text, label, kind, canonical, bound):
    value = parse_figure(text, label)
    assert value is not None, text
    assert (value.kind, value.canonical, value.bound) == (kind, canonical, bound)


def test_numeric_values():
    assert parse_figure("more than 5,000", "CARDINAL").value == 5000
    assert parse_figure("$2.5 million", "MONEY").value == 2_500_000
    assert parse_figure("1:30 am", "TIME").value == 1.5


@pytest.mark.parametrize("text", ["last week", "the early hours of Wednesday", "several hours", "morning", ""])
def test_vague_expressions_have_no_value(text):
    assert parse_figure(text, "DATE" if "week" in text else "TIME") is None


def test_different_figures_differ():
    assert parse_figure("at least 56", "CARDINAL").canonical != parse_figure("at least 50", "CARDINAL").canonical
    assert parse_figure("1:30 am", "TIME").canonical != parse_figure("1:30 pm", "TIME").canonical
    assert parse_figure("2.50", "CARDINAL").kind == "number"  # a decimal is not a clock time


@pytest.mark.parametrize("word", WORDS)
def test_number_words(word):
    assert parse_figure(word, "CARDINAL").value == WORDS.index(word) + 2


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_do_not_change_the_value(n):
    plain = parse_figure(str(n), "CARDINAL")
    grouped = parse_figure(f"{n:,}", "CARDINAL")
    assert plain is not None and grouped is not None
    assert plain.canonical == grouped.canonical == str(n)
    assert plain.value == grouped.value == n


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=59), st.sampled_from(["am", "pm"]))
def test_clock_time_spellings_agree(hour, minute, half):
    colon = parse_figure(f"{hour}:{minute:02d} {half}", "TIME")
    dotted = parse_figure(f"{hour}.{minute:02d} {half[0]}.m.", "TIME")
    assert colon is not None and dotted is not None
    assert colon.canonical == dotted.canonical
    hours = int(colon.canonical[:2])
    assert 0 <= hours <= 23 and (hours >= 12) == (half == "pm")


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["at least", "more than", "over"]))
def test_lower_bounds(n, phrase):
    value = parse_figure(f"{phrase} {n:,}", "CARDINAL")
    assert value is not None and value.bound == "at least" and value.value == n


def test_parse_number_compounds():
    assert parse_number("one hundred and twenty") == 120
    assert parse_number("twenty-one") == 21
    assert parse_number("half a dozen") == 6
    assert parse_number("1.5m") == 1_500_000
    assert parse_number("Tuesday") is None


@given(st.text(max_size=40), st.sampled_from(["CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME", "X"]))
def test_any_text_reads_or_returns_none(text, label):
    value = parse_figure(text, label)
    assert value is None or (value.kind and value.canonical)


@given(st.from_regex(r"(about |at least |more than |up to )?[0-9]{1,3}(,[0-9]{3}){0,3}( (million|billion))?"
                     r"( (percent|dollars|km|people))?", fullmatch=True))
def test_figure_like_text_always_reads(text):
    assert parse_figure(text, "CARDINAL") is not None or text.endswith(" people")
