"""The role a figure or a name fills in a passage, read from the words around it. Pure Python.

``head_word``: what a number counts ("40-page report" -> "page", "2.1 million customers" -> "custom", "Hale, 47,"
-> "age"). ``speaker_role``: a name that says something ("said Hale"). ``about``: a short phrase for people saying
what two differing figures are about ("length of the report", "day of the House vote").
"""
from __future__ import annotations

import re

from reader.core.align_features import STOPWORDS, stem

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
_AFTER = re.compile(r"[ \t\u00a0-]*([A-Za-z][A-Za-z]*)")
_AGE_AFTER = re.compile(r"[ \t-]*(?:-?years?-old|years?\s+old)\b")
_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|tweeted|wrote|writes|asked|asks|added|adds|according)\b",
                     re.I)
_LENGTH_UNITS = {"page": "length", "minut": "length", "hour": "length", "mile": "distance", "word": "length"}
_SKIP = STOPWORDS | {"million", "billion", "trillion", "thousand", "hundred", "percent", "per", "cent", "more",
                     "than", "nearly", "about", "around", "least"}


def _span_text(passage, start: int, end: int) -> str:
    """Text of the passage's segments between two offsets (never beyond the passage)."""
    parts = []
    for s, e in passage.spans:
        if e > start and s < end:
            parts.append(passage.text[max(s, start):min(e, end)])
    return " ".join(parts)


def head_word(passage, item) -> str:
    """The stem of the noun a number counts, "age" for an age, or "" when none follows."""
    if item.kind not in ("number", "quantity", "money", "percent"):
        return ""
    after = _span_text(passage, item.end, item.end + 40)
    before = _span_text(passage, item.start - 3, item.start)
    if _AGE_AFTER.match(after) or (before.endswith(", ") and after.startswith(",") and item.kind == "number"):
        return "age"
    m = _AFTER.match(after)
    if m is None or m.group(1).lower() in _SKIP:
        return ""
    return stem(m.group(1).lower())


def speaker_role(passage, item) -> bool:
    """The name is who said something: a speech verb within three words of it."""
    before = _span_text(passage, item.start - 30, item.start)
    after = _span_text(passage, item.end, item.end + 30)
    near = " ".join(before.split()[-3:] + after.split()[:3])
    return _SPEECH.search(near) is not None


_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december morning afternoon evening night week month year""".split())


def _content(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _SKIP and w.lower() not in _CALENDAR and len(w) > 2]


def _shared_words(left, a, right, b, limit: int = 3) -> list[str]:
    """Content words near the left figure that the right passage also uses near its figure (left's spelling,
    nearest first), e.g. ["House", "vote"]."""
    right_near = _span_text(right, b.start - 80, b.end + 80)
    right_stems = {stem(w.lower()) for w in _content(right_near)}
    before = _content(_span_text(left, a.start - 80, a.start))[::-1]
    after = _content(_span_text(left, a.end, a.end + 80))
    words: list[tuple[int, str]] = []
    for distance, word in [*enumerate(after), *enumerate(before)]:
        if stem(word.lower()) in right_stems and word not in (w for _, w in words):
            words.append((distance, word))
    words.sort(key=lambda dw: dw[0])
    chosen = [w for _, w in words[:limit]]
    order = _span_text(left, a.start - 80, a.end + 80)
    return sorted(chosen, key=lambda w: order.find(w))


def about(left, a, right, b) -> str:
    """What a discrepancy is about, in the passages' own words: "length of the report", "number of customers",
    "age of Hale", "amount for the wall", "day of House voted"."""
    head = head_word(left, a)
    after = _span_text(left, a.end, a.end + 60)
    if head == "age":
        name = re.findall(r"([A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*),\s*$", _span_text(left, a.start - 40,
                                                                                               a.start))
        return f"age of {name[-1]}" if name else "age"
    if head:
        words = _content(after)
        noun = words[1] if len(words) > 1 and head in _LENGTH_UNITS else (words[0] if words else head)
        if head in _LENGTH_UNITS and len(words) > 1:
            return f"{_LENGTH_UNITS[head]} of the {noun}"
        return f"number of {noun}"
    shared = _shared_words(left, a, right, b)
    kind = {"date": "day" if a.key[1].isalpha() else "date", "time": "time", "money": "amount",
            "percent": "share", "quantity": "quantity"}.get(a.kind, "figure")
    m = re.match(r"\s*(?:for|to|on|in)\s+((?:the\s+)?[\w-]+(?:\s+[\w-]+)?)", after)
    if a.kind == "money" and m:
        return f"amount for {m.group(1)}"
    return f"{kind} of {' '.join(shared)}" if shared else kind


_NOT_SUBJECT = frozenset({"places", "figures", "groups"})


def event_subject(passage, item) -> set[str]:
    """Words of who did what happened on a day: the nearest person or organisation before it in its sentence
    ("the House on Thursday" -> {"house"}), or after it when the day opens the sentence ("On Wednesday, the House
    voted")."""
    names = [n for n in passage.names if n.group not in _NOT_SUBJECT
             and not re.match(r"['\u2019]s?\b", passage.text[n.end:n.end + 2])]  # "Hale's lawyer": not Hale
    before = [n for n in names if n.end <= item.start and item.start - n.end <= 80
              and not re.search(r"[.;]\s", passage.text[n.end:item.start])]
    opening = re.fullmatch(r"\s*(?:on|by|late|early|later|earlier)?\s*", _span_text(passage, item.start - 12,
                                                                                    item.start), re.I)
    after = [n for n in names if n.start >= item.end and n.start - item.end <= 40]
    chosen = after[0] if (opening or not before) and after and not re.search(r"\b(?:said|says)\b", passage.text[
        item.end:after[0].start]) else (before[-1] if before else None)
    if chosen is None:
        return set()
    return {w.lower() for w in re.findall(r"[A-Za-z]+", chosen.text) if w.lower() not in STOPWORDS}


_AGAIN = re.compile(r"\b(?:again|continued|continues|also|still|repeated|subsequent|another|renewed|once more)\b",
                    re.I)


def repeated_event(passage) -> bool:
    """The passage tells of something done again ("continued his refusal on Tuesday", "had also vowed"): its day
    may belong to another occurrence than the other source's, so days are not compared."""
    return any(_AGAIN.search(passage.text, s, e) for s, e in passage.spans)
