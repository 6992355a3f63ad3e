"""Word differences inside a link point at exactly the words that differ."""
from __future__ import annotations

from reader.core.diff import token_similarity, word_diff
from reader.core.normalize import tokenize


def _words(text, span):
    return text[span[0]:span[1]]


def test_only_the_differing_figure_is_reported():
    a = "A stampede killed at least 56 people, Fars said."
    b = "A stampede killed at least 50 people, Fars said."
    diffs = word_diff(tokenize(a), tokenize(b))
    assert len(diffs) == 1
    assert diffs[0].op == "replace"
    assert _words(a, diffs[0].left) == "56" and _words(b, diffs[0].right) == "50"


def test_conventions_are_not_differences():
    a = "Iran fired at 1.30 a.m. on U.S.-led forces, Gen. Salami said."
    b = "Iran fired at 1:30 am on US-led forces, General Salami said"
    assert word_diff(tokenize(a), tokenize(b)) == ()
    assert token_similarity(tokenize(a), tokenize(b)) == 1.0


def test_inserted_and_deleted_words_have_spans_on_their_side_and_an_empty_span_opposite():
    a = "He was a national hero to many Iranians, whether supporters or not, but viewed as a villain."
    b = "He was a national hero to many Iranians but viewed as a villain."
    diffs = word_diff(tokenize(a, 10), tokenize(b, 500))
    assert len(diffs) == 1
    d = diffs[0]
    assert d.op == "delete"
    assert _words(a, (d.left[0] - 10, d.left[1] - 10)) == "whether supporters or not"
    assert d.right[0] == d.right[1] and d.right[0] >= 500
    back = word_diff(tokenize(b), tokenize(a))
    assert [x.op for x in back] == ["insert"]
