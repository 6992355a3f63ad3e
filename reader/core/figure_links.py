"""Sentence pairs linked because both give a figure for one event, and the figures differ.

A careful reader links two sentences that report one element of the same fact even when each says more than the
other ("the House is expected to vote on Thursday" / "the House voted on Wednesday to override the veto"); the
learned decision, which weighs whole sentences, gives such pairs a low probability (0.2 to 0.35 on the news dev
set), so the figures they disagree on would never be compared. After the entities are known, each unlinked pair of
at least ``NEAR_MIN`` probability (:mod:`reader.core.align`) is checked as if it were linked: when a figure fills
the same role differently on the two sides (same event and subject for a day, same counted thing or unit for an
amount) and the two sentences also share a plain word (not a name, a weekday or a number: "override", "motto"),
the pair joins the links, with the links its sentences already belong to.

On the news dev set this finds the three day and amount disagreements the careful readers found in such pairs,
and nothing else; from probability 0.10 it also flags two days of different events (measured with
``benchmarks/entities.py``; the floor was chosen there, on four gold disagreements).
"""
from __future__ import annotations

from typing import Optional, Sequence

from reader.core.align import join_links
from reader.core.align_features import content_terms
from reader.core.facts import FigureCheck
from reader.core.figures import WEEKDAYS
from reader.core.model import Analysis, Cancelled, Entity, Link, StopFn
from reader.core.normalize import tokenize

MAX_SIDE = 8  # a joined link holds at most this many sentences a side (as the linker's groups)


def plain_words(text: str) -> set[str]:
    """Content words that are not names (capitalised inside the sentence), weekdays or numbers."""
    out = set()
    for k, token in enumerate(tokenize(text)):
        if token.kind == "number" or token.norm in WEEKDAYS or (k > 0 and token.text[:1].isupper()):
            continue
        terms = content_terms([token])
        if terms:
            out.add(terms[0])
    return out


def join_disagreeing(left: Analysis, right: Analysis, links: Sequence[Link],
                     near: Sequence[tuple[int, int, float]], entities: Sequence[Entity],
                     keep: frozenset[tuple[str, int]] = frozenset(),
                     should_stop: Optional[StopFn] = None) -> tuple[Link, ...]:
    """``links`` with each near pair whose figures disagree joined in (surest pairs first). ``keep``: sentences the
    user linked or unlinked by hand, as ("left" | "right", id): never joined; nor is a link drawn by hand."""
    check = FigureCheck(left, right, entities)
    current = list(links)
    for n, (i, j, p) in enumerate(sorted(near, key=lambda pair: (-pair[2], pair[0], pair[1]))):
        if should_stop and n % 64 == 0 and should_stop():
            raise Cancelled()
        if ("left", i) in keep or ("right", j) in keep:
            continue
        touched = [k for k in current if i in k.left or j in k.right]
        if any(k.manual or (i in k.left and j in k.right) for k in touched):
            continue  # the user's own link, or already linked through an earlier join
        if not plain_words(left.segment_text(i)) & plain_words(right.segment_text(j)):
            continue
        if not check((i,), (j,)):
            continue
        joined = join_links(left, right, touched, (i, j, p))
        if max(len(joined.left), len(joined.right)) <= MAX_SIDE and _only_new_flag_is_the_pair(
                check, left, right, joined, touched, i, j):
            current = [k for k in current if k not in touched] + [joined]
    return tuple(sorted(current, key=lambda k: (min(k.left), min(k.right))))


def _only_new_flag_is_the_pair(check: FigureCheck, left: Analysis, right: Analysis, joined: Link,
                               touched: Sequence[Link], i: int, j: int) -> bool:
    """The joined link shows the pair's disagreement, and no disagreement between other sentences that its
    links did not show before (joining two links compares sentences that were never judged the same fact)."""
    before = {(d.left, d.right) for k in touched for d in check(k.left, k.right)}
    li, rj = left.segments[i], right.segments[j]
    ours = False
    for d in check(joined.left, joined.right):
        if li.start <= d.left[0] < li.end and rj.start <= d.right[0] < rj.end:
            ours = True
        elif (d.left, d.right) not in before:
            return False
    return ours
