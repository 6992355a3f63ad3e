"""Boilerplate inside an article: the rules that mark captions, bylines, appeals, "Related:" links ...

Each rule is conservative: a false mark hides a fact from the comparison, a missed one only shows clutter.
Whole-paragraph rules look at short paragraphs with a clear signature; inline rules mark datelines at a
paragraph's start, ticker tags and photo credits at a paragraph's end.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

MarkTuple = tuple[int, int, int, str]  # (paragraph index, start, end, reason) with offsets in the paragraph

_AGENCIES = r"Reuters|AP|AFP|Bloomberg|UPI|dpa|DPA|CNN|BBC|Xinhua|ANSA|EFE|IANS|PTI|Kyodo|Yonhap|TASS"
_DASH = r"(?:\s[-\u2013\u2014]+|[\u2013\u2014])"
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:coverage|content|stories|story|articles?|links?|reading|news))?|read\s+more|"
    r"read\s+also|also\s+read|see\s+also|more\s+from\s+\w+|more\s+on\s+this(?:\s+story)?|"
    r"recommended(?:\s+for\s+you)?|further\s+reading|you\s+may\s+also\s+like|"
    r"watch|listen|more|click\s+here)\s*(?:[:|>\u00bb\u2014\u2013-]\s|$)",
    re.I,
)
_SHARE = re.compile(
    r"^(?:share(?:\s+this(?:\s+(?:article|story|page|post))?)?(?:\s+on\s+\w+)?|tweet|email|print|"
    r"(?:follow|like)\s+us\s+on\b.*|advertisement|sponsored(?:\s+content)?|story\s+continues\s+below"
    r"(?:\s+(?:the\s+)?advertisement)?|skip\s+advertisement|scroll\s+to\s+continue.*|"
    r"comments?|\d+\s+comments?|leave\s+a\s+comment|show\s+comments|copy\s+link|"
    r"(?:facebook|twitter|whatsapp|linkedin|reddit|email|x)(?:\s*[|,/]\s*(?:facebook|twitter|whatsapp|"
    r"linkedin|reddit|email|x|print))*)\s*[.!:]?$",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)|copyright\b).{0,150}$|^all rights reserved\.?$|"
                        r"^our standards:.{0,80}$", re.I)
_TIMESTAMP = re.compile(r"^(?:published|updated|posted|last\s+updated)(?:\s+on)?\s*:?\s*(?P<rest>\S.{0,60})$", re.I)
_DATE_WORDS = re.compile(
    r"^(?:\d[\d:/.,-]*(?:am|pm|st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|a\.?m\.?|p\.?m\.?|at|on|ago|hours?|minutes?|mins?|days?|"
    r"gmt|utc|bst|cet|est|edt|et|pt|pst|pdt|[|\u2022\u00b7-])$",
    re.I,
)
_NAME = r"[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|der|da|al|bin|la|le|du))*"
_BYLINE = re.compile(
    rf"^[Bb]y\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*(?:\s*[,|/\u2014\u2013-]\s*[A-Za-z .'&]{{1,40}})?\s*$",
)
_NOT_NAMES = re.compile(
    r"^By\s+(?:the|then|now|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|early|late|midday|noon|"
    r"contrast|comparison|law|far|all|most|some|mid|end|next|last|this|that|one|two|\d)\b",
    re.I,
)
_KIND = r"(?:(?:[Aa]dditional\s+)?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Gg]raphics|[Rr]esearch)"
_NAMES = r"[A-Z][\w.'\u2019-]*(?:(?:\s+|,\s*|\s+and\s+|\s+&\s+|\s+in\s+)[A-Z][\w.'\u2019-]*)*"
_CREDITS_LINE = re.compile(  # "Reporting by Idrees Ali in Washington; Editing by Chris Reese"
    rf"\(?{_KIND}\s+by\s+{_NAMES}(?:\s*[;,]\s*(?:and\s+)?{_KIND}\s+by\s+{_NAMES})*\s*\)?\s*\.?\s*$"
)
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z.'\u2019-]{{2,}}(?:[ /-][A-Z][A-Z.'\u2019-]+){{0,3}}"
    rf"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    rf"(?:,?\s+(?:[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}}|\d{{1,2}}\s+[A-Z][a-z]{{2,8}}\.?)(?:,?\s+\d{{4}})?)?"
    rf"\s*(?:\((?:{_AGENCIES})\)\s*[-\u2013\u2014:]+|{_DASH})\s+"
    rf"|\((?:{_AGENCIES})\)\s*[-\u2013\u2014]+\s+)",
)
_TICKER = re.compile(  # Reuters instrument codes <SIAL.SI> <.N225> <LCOc1> <JPY=>, "(NYSE: IBM)"
    r"<(?:\.[A-Z0-9]{1,10}|[A-Z0-9]{1,10}(?:\.[A-Za-z]{1,4}|=[A-Z]{0,4}|c\d))>"
    r"|\((?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|OTC)\s*:\s*[A-Z.]{1,8}\)"
)
_CREDIT_TAIL = re.compile(
    r"(?:[.;]\s+|\s+[-|\u2014\u2013]\s+|^\s*|\s+)"
    r"(?P<credit>\(?(?:(?i:photo|photograph|picture|image|video|file\s+photo)s?\s*(?i:by|credit|:)\s*)?"
    r"(?:[A-Z][\w'\u2019-]*(?:\s[A-Z][\w'\u2019-]*){0,5}/)?(?:(?i:handout)\s+)?(?:via\s+)?"
    r"(?:REUTERS(?:/[A-Z][\w.'\u2019 -]{1,40})?|Reuters/[A-Z][\w.'\u2019 -]{1,40}|"
    r"(?:AP|AFP|EPA|EPA-EFE|Getty Images|Bloomberg)(?:\s+Photo)?(?:/[A-Z][\w.'\u2019 -]{1,40})?|"
    r"Getty Images(?:\s+for\s+[\w ]{1,30})?|Shutterstock|Alamy)"
    r"\)?\s*\.?\s*)$",
)
_CREDIT_LINE = re.compile(r"^\(?(?:photo|photograph|picture|image|video)s?\s*(?:by|credit|:)\s*.{1,80}$|"
                          r"^(?:credit|image\s+copyright|image\s+source)\s*:?\s+.{1,80}$", re.I)
_CAPTION_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.\s*$"
)
_CAPTION_CUE = re.compile(
    r"\b(?:is|are)\s+seen\b|\bin\s+this\s+(?:still\s+|undated\s+|handout\s+|file\s+|aerial\s+)*(?:image|photo|"
    r"picture|photograph|handout|screen\s?grab|video)|\bpictured\b|\bposes?\s+for\b|\b(?:photo|image|"
    r"picture|still|video)\s+(?:taken|shot|obtained|released|made)\b|^FILE\s+PHOTO\b",
    re.I,
)
_APPEAL_STRONG = re.compile(
    r"will\s+you\s+(?:give|donate|support|join|help)|donate\s+(?:today|now)|make\s+a\s+(?:gift|donation)|"
    r"support\s+(?:our|independent|nonprofit|public)\s+(?:\w+\s+)?(?:journalism|newsroom|reporting|work)|"
    r"sign\s+up\s+(?:for|to)\s+(?:our|the)\b[^.]{0,40}newsletter|subscribe\s+to\s+(?:our|the)\b[^.]{0,40}"
    r"(?:newsletter|podcast|channel)|nonprofit\s+newsroom|(?:listeners|readers|viewers|members)\s+like\s+you|"
    r"become\s+a\s+(?:member|subscriber|supporter|donor)|give\s+today|your\s+(?:donation|gift)\b|"
    r"(?:get|delivered)\b[^.]{0,40}\bin\s+your\s+inbox",
    re.I,
)
_APPEAL_WEAK = re.compile(
    r"journalism|newsroom|newsletter|donat|subscri|membership|support|inform(?:ed)?\s+public|we\s+believe|"
    r"sign\s+up|inbox|fund(?:ing|ed)\s+by",
    re.I,
)
_REPORTED = re.compile(r"\b(?:said|says|told|according\s+to)\b", re.I)
_READER = re.compile(r"\byou(?:r)?\b", re.I)
_US = re.compile(r"\b(?:we|our|us)\b", re.I)


def is_boilerplate_paragraph(text: str) -> str | None:
    """The reason word when a paragraph on its own is boilerplate, else None."""
    text = text.strip()
    words = len(text.split())
    if not text:
        return None
    if words <= 25 and _RELATED.match(text):
        return "related"
    if words <= 12 and _SHARE.match(text):
        return "share"
    if words <= 30 and _COPYRIGHT.match(text):
        return "copyright"
    if words <= 12 and _is_timestamp(text):
        return "timestamp"
    if words <= 14 and _BYLINE.match(text) and not _NOT_NAMES.match(text):
        return "byline"
    if words <= 60 and _CREDITS_LINE.match(text):
        return "byline"
    if words <= 16 and _CREDIT_LINE.match(text):
        return "credit"
    if words <= 12 and (tail := _tail_search(_CREDIT_TAIL, text)) and tail[1] == 0:
        return "credit"
    if words <= 80 and _is_caption(text):
        return "caption"
    if _appeal_score(text) >= 3:
        return "appeal"
    return None


_TAIL_HINTS = {  # a cheap test before the costly pattern: words one of its matches must contain
    "credit": ("REUTERS", "Reuters", "AP", "AFP", "EPA", "Getty", "Bloomberg", "Shutterstock", "Alamy"),
    "credits": (" by ", " By ", "(by ", "(By "),
}


def _tail_search(pattern: re.Pattern, text: str, window: int = 240) -> tuple[int, int, int] | None:
    """``pattern`` (anchored at the end) searched in the paragraph's last characters only, for speed.

    Returns (match start, start of group 1 or the match, end) in paragraph offsets."""
    offset = max(0, len(text) - window)
    hints = _TAIL_HINTS["credit" if pattern is _CREDIT_TAIL else "credits"]
    tail = " " + text[offset:]
    if not any(hint in tail for hint in hints):
        return None
    found = pattern.search(text, offset)
    if not found:
        return None
    inner = found.start(1) if found.re.groups else found.start()
    return found.start(), inner, found.end()


def _is_timestamp(text: str) -> bool:
    """"Updated 8 January 2020, 1:30 am GMT": a keyword followed by nothing but date and time words."""
    found = _TIMESTAMP.match(text)
    if not found or not re.search(r"\d", text):
        return False
    return all(_DATE_WORDS.match(word) for word in found.group("rest").split())


def _is_caption(text: str) -> bool:
    """A picture's description ending in its credit ("... January 8, 2020. REUTERS/Jane Doe")."""
    if text.upper().startswith("FILE PHOTO"):
        return True
    tail = _tail_search(_CREDIT_TAIL, text)
    if tail is None:
        return False
    return bool(_CAPTION_CUE.search(text) or _CAPTION_DATE.search(text[: tail[1]]))


def _appeal_score(text: str) -> int:
    """Appeals address the reader ("you") on behalf of the outlet ("we", "our")."""
    if not (_READER.search(text) and _US.search(text)) or _REPORTED.search(text):
        return 0
    strong = len(_APPEAL_STRONG.findall(text))
    weak = len(_APPEAL_WEAK.findall(text))
    return 2 * strong + min(weak, 2) if strong else 0


def _is_appeal_neighbour(text: str) -> bool:
    """A paragraph next to an appeal that speaks about the outlet's journalism to the reader."""
    return bool(_READER.search(text) and _US.search(text) and _APPEAL_WEAK.search(text)) and not _REPORTED.search(
        text
    )


def _inline_marks(text: str) -> list[tuple[int, int, str]]:
    marks: list[tuple[int, int, str]] = []
    dateline = _DATELINE.match(text)
    if dateline and dateline.end() < len(text):
        marks.append((0, dateline.end(), "dateline"))
    for match in _TICKER.finditer(text):
        marks.append((match.start(), match.end(), "ticker"))
    credits = _tail_search(_CREDITS_LINE, text, 400)
    if credits and credits[0] > 0 and re.search(r"[.!?\u201d\"]\s*\(?$", text[: credits[0]]):
        marks.append((credits[0], credits[2], "byline"))
    elif (tail := _tail_search(_CREDIT_TAIL, text)) and tail[1] > 0:
        before = text[: tail[1]].rstrip()
        if before.endswith((".", "!", "?", "\u201d", '"')):
            marks.append((tail[1], len(text.rstrip()), "credit"))
    return marks


def find_marks(paragraphs: Sequence[str], headings: Sequence[bool] = ()) -> list[MarkTuple]:
    """Boilerplate in the article's paragraphs: whole paragraphs and inline spans, offsets per paragraph."""
    headings = list(headings) or [False] * len(paragraphs)
    whole: dict[int, str] = {}
    for index, text in enumerate(paragraphs):
        reason = is_boilerplate_paragraph(text)
        if reason and not (headings[index] and reason not in ("related", "share")):
            whole[index] = reason
    _spread_appeals(paragraphs, whole)
    marks: list[MarkTuple] = [(i, 0, len(paragraphs[i]), reason) for i, reason in whole.items()]
    for index, text in enumerate(paragraphs):
        if index not in whole and not headings[index]:
            marks.extend((index, start, end, reason) for start, end, reason in _inline_marks(text))
    marks.sort()
    return marks


def _spread_appeals(paragraphs: Sequence[str], whole: dict[int, str]) -> None:
    """Appeals come in runs: extend a marked appeal to adjacent paragraphs that talk the same way."""
    changed = True
    while changed:
        changed = False
        for index in [i for i, reason in whole.items() if reason == "appeal"]:
            for near in (index - 1, index + 1):
                if 0 <= near < len(paragraphs) and near not in whole and _is_appeal_neighbour(paragraphs[near]):
                    whole[near] = "appeal"
                    changed = True
