"""Paragraphs into sentences: a fast rule-based splitter that knows news abbreviations and quotations."""
from __future__ import annotations

import re

from reader.core.model import Analysis, Document, Mark, Paragraph, Segment, SegmentKind

# Words that, followed by a dot, never end a sentence (titles, "No. 10", months before a day, ...).
_NEVER_END = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "gov", "sen",
    "rep", "pres", "supt", "rev", "fr", "st", "mt", "ft", "jr", "sr", "no", "nos", "vs", "v", "cf", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "vol", "pp",
    "inc", "ltd", "co", "corp", "dept", "est", "gov't", "govt", "messrs", "mme", "mlle", "hon", "ave", "blvd",
}
# After these a capitalised word may still start a new sentence only if it is a typical sentence opener.
_MAYBE_END = {"inc", "ltd", "co", "corp", "jr", "sr", "est"}
_OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "but", "and",
    "in", "on", "at", "as", "his", "her", "their", "its", "our", "there", "some", "many", "after", "before",
    "when", "while", "if", "so", "yet", "however", "meanwhile", "still", "also", "officials", "one", "no",
}
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_OPENERS_CHARS = "\"'\u201c\u2018([\u00ab"
_CL = re.escape(_CLOSERS)
_OP = re.escape(_OPENERS_CHARS)
_BOUNDARY_RE = re.compile(rf"[.!?\u2026]+[{_CL}]*(?=\s+[{_OP}\d\w])")
_WORD_BEFORE_RE = re.compile(r"([\w'\u2019.]+)$")
_NEXT_WORD_RE = re.compile(rf"\s+[{_OP}]*([\w'\u2019]+)")
_MAX_QUOTE = 600  # a quotation longer than this is split into sentences anyway


def segment(document: Document) -> Analysis:
    """Split ``document`` into sentence / heading / boilerplate segments with trimmed offsets."""
    spans: list[tuple[int, int, int, SegmentKind]] = []
    text = document.text
    for p_index, para in enumerate(document.paragraphs):
        if para.heading:
            s, e = _trim(text, para.start, para.end)
            if s < e:
                spans.append((s, e, p_index, SegmentKind.HEADING))
            continue
        for s, e in split_sentences(text, para.start, para.end):
            spans.append((s, e, p_index, SegmentKind.SENTENCE))
    segments = []
    for s, e, p_index, kind in spans:
        if kind is SegmentKind.SENTENCE and _mostly_marked(s, e, document.marks):
            kind = SegmentKind.BOILERPLATE
        elif kind is SegmentKind.HEADING and _mostly_marked(s, e, document.marks):
            kind = SegmentKind.BOILERPLATE
        segments.append(Segment(len(segments), s, e, p_index, kind))
    return Analysis(document, tuple(segments))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (trimmed, half-open) of ``text[start:end]``."""
    end = len(text) if end is None else end
    cuts = [m.end() for m in _BOUNDARY_RE.finditer(text, start, end) if _is_boundary(text, m, end)]
    cuts = _drop_cuts_inside_quotes(text, start, end, cuts)
    spans = []
    prev = start
    for cut in cuts + [end]:
        s, e = _trim(text, prev, cut)
        if s < e:
            spans.append((s, e))
        prev = cut
    return spans


def _is_boundary(text: str, m: re.Match, end: int) -> bool:
    punct = m.group(0)
    nxt = _NEXT_WORD_RE.match(text, m.end(), end)
    next_word = nxt.group(1) if nxt else ""
    if not next_word:
        return False
    if punct[0] != ".":
        return next_word[0].isupper() or next_word[0].isdigit() or not next_word[0].isalpha()
    if next_word[0].islower():
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
    word = before.group(1) if before else ""
    core = word.rstrip(".").lower()
    if any(c in _CLOSERS for c in punct):  # '."' closes a quotation: the sentence ends.
        return True
    if "." in word.strip("."):  # dotted abbreviation: U.S. a.m. (the dot in the match is its last one)
        return next_word.lower() in _OPENERS
    if len(core) == 1 and core.isalpha() and word[:1].isupper():  # initial: J. Smith
        return False
    if core in _MAYBE_END:
        return next_word.lower() in _OPENERS
    if core in _NEVER_END:
        return False
    return True


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quotations (curly quotes, or straight double quotes in pairs) that close within the range."""
    regions = []
    open_at = -1
    straight_open = -1
    for k in range(start, end):
        c = text[k]
        if c == "\u201c":
            open_at = k
        elif c == "\u201d" and open_at >= 0:
            regions.append((open_at, k + 1))
            open_at = -1
        elif c == '"':
            if straight_open < 0:
                straight_open = k
            else:
                regions.append((straight_open, k + 1))
                straight_open = -1
    return regions


def _drop_cuts_inside_quotes(text: str, start: int, end: int, cuts: list[int]) -> list[int]:
    if not cuts:
        return cuts
    regions = [r for r in _quote_regions(text, start, end) if r[1] - r[0] <= _MAX_QUOTE]
    if not regions:
        return cuts
    return [c for c in cuts if not any(s < c < e - 1 for s, e in regions)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mostly_marked(start: int, end: int, marks: tuple[Mark, ...]) -> bool:
    if not marks:
        return False
    covered = sum(max(0, min(end, m.end) - max(start, m.start)) for m in marks)
    return covered * 2 > (end - start)


def paragraphs_from_text(text: str) -> tuple[Paragraph, ...]:
    """Paragraph spans split on blank lines, or on single newlines when the text has no blank line (for tests)."""
    sep = re.compile(r"\n\s*\n") if re.search(r"\n\s*\n", text) else re.compile(r"\n")
    paras = []
    pos = 0
    for m in list(sep.finditer(text)) + [None]:
        stop = m.start() if m else len(text)
        s, e = _trim(text, pos, stop)
        if s < e:
            paras.append(Paragraph(s, e))
        pos = m.end() if m else len(text)
    return tuple(paras)
