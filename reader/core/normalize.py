"""Word tokens with offsets and a normalised form, so that spelling conventions are not differences.

What is normalised (see ``Options.normalisations``): case; punctuation and quote style (punctuation is not a token,
curly and straight apostrophes are one); dotted abbreviations (``U.S.`` = ``US`` = ``United States``, ``Gen.`` =
``General``, ``Mr.`` = ``Mr``); time formats (``1.30 a.m.`` = ``1:30 am``); number formatting (``5,000`` =
``5000``). A number is never normalised away: different figures always give different tokens.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_APOS = "'\u2019\u2018\u02bc`"
_APOS_MAP = str.maketrans({a: "'" for a in _APOS[1:]})
_WORD = rf"[^\W\d_]+(?:[{_APOS}][^\W\d_]+)*"
_TOKEN_RE = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"  # U.S. a.m. U.K.
    r"|(?P<num>\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?)"  # 5,000 1.30 1:30 21st 1990s
    rf"|(?P<word>{_WORD})"
)
# Whole-phrase equivalents matched before tokenising (the phrase becomes one token).
_PHRASES = re.compile(r"\bUnited\s+States\b|\bUnited\s+Kingdom\b|\bUnited\s+Nations\b")
_PHRASE_NORM = {"unitedstates": "us", "unitedkingdom": "uk", "unitednations": "un"}

# Abbreviations that stand for a full word: both spellings normalise to the full word.
ABBREVIATIONS = {
    "gen": "general", "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "cpt": "captain",
    "sgt": "sergeant", "adm": "admiral", "cmdr": "commander", "gov": "governor", "sen": "senator",
    "rep": "representative", "pres": "president", "prof": "professor", "dr": "doctor", "supt": "superintendent",
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november",
    "dec": "december", "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday",
    "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday",
    "sun": "sunday", "govt": "government", "dept": "department", "corp": "corporation", "intl": "international",
}
# Abbreviations that only differ by dots/case from a canonical spelling.
_DOTTED = {"am": "am", "pm": "pm"}
_CASE_ONLY_ABBR = {"mr", "mrs", "ms", "jr", "sr", "st"}


class Token(NamedTuple):
    """One word or number (immutable; a named tuple because texts have hundreds of thousands of them)."""

    start: int  # offset in the text given to tokenize (plus its base)
    end: int
    text: str
    norm: str  # normalised comparable form
    kind: str = "word"  # "word" | "number"


@lru_cache(maxsize=65536)
def _norm_word(word: str, followed_by_dot: bool) -> str:
    w = word.lower().translate(_APOS_MAP)
    if followed_by_dot and w in ABBREVIATIONS:
        return ABBREVIATIONS[w]
    return w


def _norm_number(num: str) -> str:
    """'5,000' -> '5000', '1.30' stays '1.30' (a decimal), '1:30' stays; ordinals lose no digits."""
    m = re.fullmatch(r"(\d+(?:[.,:]\d+)*)(st|nd|rd|th|s)?", num)
    digits, suffix = (m.group(1), m.group(2) or "") if m else (num, "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
        digits = digits.replace(",", "")
    return digits + ("s" if suffix == "s" else "")


def _is_time_number(num: str) -> bool:
    return re.fullmatch(r"\d{1,2}[.:]\d{2}", num) is not None


def tokenize(text: str, base: int = 0) -> list[Token]:
    """Word and number tokens of ``text`` with offsets (``base`` added) and normalised forms."""
    tokens: list[Token] = []
    pos = 0
    for pm in _PHRASES.finditer(text):
        tokens.extend(_tokenize_plain(text, pos, pm.start(), base))
        key = re.sub(r"\s+", "", pm.group(0)).lower()
        tokens.append(Token(base + pm.start(), base + pm.end(), pm.group(0), _PHRASE_NORM[key]))
        pos = pm.end()
    tokens.extend(_tokenize_plain(text, pos, len(text), base))
    return _fix_times(tokens)


def _tokenize_plain(text: str, start: int, end: int, base: int) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e = m.span()
        raw = m.group(0)
        if m.lastgroup == "abbr":
            norm = raw.replace(".", "").lower()
            norm = _DOTTED.get(norm, norm)
            out.append(Token(base + s, base + e, raw, norm))
        elif m.lastgroup == "num":
            out.append(Token(base + s, base + e, raw, _norm_number(raw), "number"))
        else:
            dot = e < len(text) and text[e] == "."
            out.append(Token(base + s, base + e, raw, _norm_word(raw, dot)))
    return out


def _fix_times(tokens: list[Token]) -> list[Token]:
    """'1.30' before 'am'/'pm' is a time: normalise it to '1:30' so '1.30 a.m.' = '1:30 am'."""
    out = list(tokens)
    for k, tok in enumerate(out[:-1]):
        if tok.kind == "number" and out[k + 1].norm in ("am", "pm") and _is_time_number(tok.text):
            out[k] = Token(tok.start, tok.end, tok.text, tok.norm.replace(".", ":"), "number")
    return out


def norm_tokens(text: str) -> list[str]:
    """Normalised forms only (convenience for comparisons)."""
    return [t.norm for t in tokenize(text)]


def normalized_equal(a: str, b: str) -> bool:
    """True when two texts differ only in what normalisation ignores."""
    return norm_tokens(a) == norm_tokens(b)
