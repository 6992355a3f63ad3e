"""Property tests: any pasted text loads, segments and aligns without an exception, with sound offsets."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.align import align, make_link
from reader.core.model import Analysis, Options, SegmentKind
from reader.core.segment import segment
from reader.documents import DocumentError, document_from_text

# Pieces a real paste may contain: words, emoji, combining marks, CRLF, tabs, control characters, quotes.
_PIECES = st.sampled_from([
    "Iran", "fired", "missiles", "at", "U.S.", "bases", "Mr.", "Gen.", "1.30 a.m.", "5,000", "21st", "the",
    "\U0001F680", "\U0001F1EE\U0001F1F7", "e\u0301", "\u0301", "\u200b", "\u00ad", "\ufeff", "\r\n", "\r", "\n",
    "\n\n", "\t", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u201c", "\u201d", "\u2019", '"',
    "'", ".", "...", "!", "?", "\u2026", "-", "\u2014", "(", ")", ",", ";", ":", "#", "*", ">", "<p>", "</p>",
    "<html>", "0", "42", "3.14", "1990s", "\u0627\u0644\u0639\u0631\u0627\u0642", "\u4e2d\u6587", " ", "  ",
])
_TEXT = st.one_of(
    st.lists(_PIECES, min_size=1, max_size=60).map(lambda p: " ".join(p) if len(p) % 2 else "".join(p)),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
             max_size=300),
    st.text(alphabet=".,;:!?\u2026\"'()-\u2014 \n", min_size=1, max_size=200),  # only punctuation
    st.text(alphabet="0123456789.,: \n", min_size=1, max_size=200),  # only numbers
    st.integers(200, 3000).map(lambda n: ("word " * n).strip() + "."),  # one very long line
)
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _analysis(text: str) -> Analysis | None:
    try:
        doc = document_from_text(text)
    except DocumentError as exc:
        assert str(exc).startswith("clipboard: ")
        return None
    return segment(doc)


def _check_segments(analysis: Analysis) -> None:
    text = analysis.document.text
    prev_end = 0
    for k, seg in enumerate(analysis.segments):
        assert seg.id == k
        assert 0 <= prev_end <= seg.start < seg.end <= len(text)
        assert text[seg.start : seg.end].strip(), "a segment of only blank space"
        para = analysis.document.paragraphs[seg.paragraph]
        assert para.start <= seg.start and seg.end <= para.end
        prev_end = seg.end
    for para in analysis.document.paragraphs:
        assert 0 <= para.start < para.end <= len(text)
    for mark in analysis.document.marks:
        assert 0 <= mark.start <= mark.end <= len(text)


def _check_links(left: Analysis, right: Analysis, links) -> None:
    used_l: set[int] = set()
    used_r: set[int] = set()
    for link in links:
        assert link.left and link.right and 0.0 <= link.score <= 1.0
        for ids, side, used in ((link.left, left, used_l), (link.right, right, used_r)):
            for i in ids:
                assert 0 <= i < len(side.segments)
                assert link.manual or side.segments[i].kind is not SegmentKind.BOILERPLATE
                assert i not in used, "a passage in two automatic links"
                used.add(i)
        for diff in link.differences:
            assert 0 <= diff.left[0] <= diff.left[1] <= len(left.document.text)
            assert 0 <= diff.right[0] <= diff.right[1] <= len(right.document.text)


@_SETTINGS
@given(_TEXT, _TEXT)
def test_any_text_loads_segments_and_aligns(a: str, b: str) -> None:
    left, right = _analysis(a), _analysis(b)
    for side in (left, right):
        if side is not None:
            _check_segments(side)
    if left is None or right is None:
        return
    links = align(left, right, Options())
    _check_links(left, right, links)
    if left.segments and right.segments:
        link = make_link(left, right, [0, len(left.segments) - 1], [len(right.segments) - 1], manual=True)
        _check_links(left, right, [link])


@_SETTINGS
@given(_TEXT)
def test_text_aligned_with_itself_links_every_sentence(a: str) -> None:
    side = _analysis(a)
    if side is None:
        return
    links = align(side, side, Options())
    _check_links(side, side, links)
    linked = {i for link in links for i in link.left}
    wordy = [s.id for s in side.segments if s.kind is not SegmentKind.BOILERPLATE
             and any(c.isalnum() for c in side.segment_text(s.id))]
    assert set(wordy) <= linked


@pytest.mark.parametrize("text", ["\r\n\r\n", "\t\t", "\u200b\ufeff", "\x0b\x0c\x1b", "<html></html>"])
def test_text_without_words_is_a_clear_error(text: str) -> None:
    with pytest.raises(DocumentError, match="clipboard"):
        document_from_text(text)
