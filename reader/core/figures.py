"""Read figures (numbers, money, percentages, quantities, dates, times) into comparable values.

``parse_figure("more than 5,000", "CARDINAL")`` -> ``FigureValue("number", "5000", 5000.0, "at least")``;
``"1.30 a.m."`` and ``"1:30 am"`` both read as time ``"01:30"``. Pure Python, no spaCy.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from reader.core.model import FigureValue

# ------------------------------------------------------------------------------------------ vocabulary
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "m": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
           "k": 1_000, "dozen": 12, "score": 20}
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
          "billions": 1_000_000_000}
_BOUNDS = (
    ("at least", ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "no less than",
                  "above", "exceeding", "greater than", "well over", "at minimum")),
    ("at most", ("at most", "up to", "fewer than", "less than", "under", "no more than", "below", "as many as",
                 "a maximum of", "not more than")),
    ("about", ("about", "around", "approximately", "approx.", "approx", "roughly", "nearly", "almost", "some",
               "an estimated", "estimated", "close to", "circa", "just over", "just under")),
)
_MONTH_NAMES = "january february march april may june july august september october november december".split()
_MONTHS = {m: i + 1 for i, m in enumerate(_MONTH_NAMES)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "a$": "AUD",
                     "c$": "CAD", "usd": "USD", "eur": "EUR", "gbp": "GBP"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                   "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "rupee": "INR",
                   "rupees": "INR", "rial": "IRR", "rials": "IRR", "usd": "USD", "eur": "EUR", "gbp": "GBP",
                   "cents": "USD/100", "cent": "USD/100"}
_QUANTITY_UNITS = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "mile": "mi", "miles": "mi", "mi": "mi", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg", "ton": "t", "tons": "t",
    "tonne": "t", "tonnes": "t", "t": "t", "lb": "lb", "lbs": "lb", "pound": "lb", "pounds": "lb",
    "foot": "ft", "feet": "ft", "ft": "ft", "acre": "acre", "acres": "acre", "hectare": "ha", "hectares": "ha",
    "barrel": "barrel", "barrels": "barrel", "litre": "l", "litres": "l", "liter": "l", "liters": "l",
    "degree": "degree", "degrees": "degree", "sq km": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "square miles": "mi2", "inch": "in", "inches": "in", "cm": "cm", "mm": "mm",
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
    "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
    "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
}
_NUM = r"\d+(?:[,\u202f\u00a0 ]\d{3})*(?:\.\d+)?|\.\d+"
_TRAILING_NOISE = re.compile(r"(?:\s+(?:local time|ago|old|long|later|earlier|or so))+$")

# ------------------------------------------------------------------------------------------ helpers


def _clean(text: str) -> str:
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"'s$|s'$", "", t)
    t = t.strip(" ,;:!?\"'()[]")
    if not re.match(r"at (?:least|most)\b", t):
        t = re.sub(r"^(?:(?:later|earlier|late|early|this|last|next)\s+)?(?:(?:the|on|in|at|by|of|from|since|until"
                   r"|for)\s+)?", "", t)
    return t.strip()


def _split_bound(t: str) -> tuple[str, str]:
    for bound, phrases in _BOUNDS:
        for phrase in phrases:
            if t.startswith(phrase + " ") or (phrase.endswith(".") and t.startswith(phrase)):
                return bound, t[len(phrase):].strip()
    for suffix in (" or more", " or higher", "-plus", "+", " plus"):
        if t.endswith(suffix):
            return "at least", t[: -len(suffix)].strip()
    for suffix in (" or fewer", " or less"):
        if t.endswith(suffix):
            return "at most", t[: -len(suffix)].strip()
    return "exact", t


def fmt_number(value: float) -> str:
    """Canonical number text: integers without separators, decimals trimmed ("5000", "2.5")."""
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _digits(token: str) -> Optional[float]:
    if not re.fullmatch(_NUM, token):
        return None
    return float(re.sub(r"[,\u202f\u00a0 ]", "", token))


def _words_number(words: list[str]) -> Optional[float]:
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w in ("and", "-"):
            continue
        digit = _digits(w)
        if w in ("a", "an") and not seen:
            current, seen = 1.0, True
        elif digit is not None and not seen:
            current, seen = digit, True
        elif w in _UNITS:
            current, seen = current + _UNITS[w], True
        elif w in _TENS:
            current, seen = current + _TENS[w], True
        elif w in _SCALES and seen:
            scale = _SCALES[w]
            if scale >= 1000:
                total, current = total + current * scale, 0.0
            else:
                current *= scale
        elif w == "half" and not seen:
            current, seen = 0.5, True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> Optional[float]:
    """"5,000" -> 5000; "2.5 million" -> 2500000; "twenty-one" -> 21; "a dozen" -> 12; else None."""
    t = text.strip().lower()
    digit = _digits(t)
    if digit is not None:
        return digit
    m = re.fullmatch(rf"({_NUM})\s?(m|bn|k|mln)", t)
    if m:
        return float(re.sub(r"[,\u202f\u00a0 ]", "", m.group(1))) * _SCALES[m.group(2)]
    words = [w for w in re.split(r"[\s-]+", t.replace(" of a ", " ")) if w]
    if words[:2] == ["half", "a"]:
        words = ["half"] + words[2:]
    return _words_number(words) if words else None


def _vague(t: str) -> Optional[tuple[str, float]]:
    words = t.split()
    if len(words) == 1 and t in _VAGUE:
        return t, 2.0 * _VAGUE[t]
    if len(words) == 3 and words[0] in ("tens", "hundreds") and words[1] == "of" and words[2] in _VAGUE:
        return t, 2.0 * (10 if words[0] == "tens" else 100) * _VAGUE[words[2]]
    if len(words) == 2 and words[0] in ("several", "a few", "few", "many") and words[1] in _SCALES:
        return t, 2.0 * _SCALES[words[1]]
    return None


# ------------------------------------------------------------------------------------------ readers
def _as_number(t: str, bound: str) -> Optional[FigureValue]:
    value = parse_number(t)
    if value is not None:
        return FigureValue("number", fmt_number(value), value, bound)
    vague = _vague(t)
    if vague:
        return FigureValue("number", vague[0], vague[1], "at least" if bound == "exact" else bound)
    return None


def _as_percent(t: str, bound: str) -> Optional[FigureValue]:
    m = re.fullmatch(r"(.+?)\s*(?:%|per ?cent|pct|percentage points?)", t)
    value = parse_number(m.group(1)) if m else None
    if value is None:
        return None
    return FigureValue("percent", fmt_number(value) + "%", value, bound, "%")


def _as_money(t: str, bound: str) -> Optional[FigureValue]:
    currency, rest = "", t
    for symbol in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True):
        if rest.startswith(symbol):
            currency, rest = _CURRENCY_SYMBOLS[symbol], rest[len(symbol):].strip()
            break
    words = rest.split()
    if not currency and words and words[-1] in _CURRENCY_WORDS:
        currency, rest = _CURRENCY_WORDS[words[-1]], " ".join(words[:-1])
        if len(words) > 2 and words[-2] in ("us", "u.s."):
            rest = " ".join(words[:-2])
    value = parse_number(rest) if currency else None
    if value is None:
        return None
    if currency == "USD/100":
        currency, value = "USD", value / 100
    return FigureValue("money", f"{currency} {fmt_number(value)}", value, bound, currency)


def _as_time(t: str, bound: str, loose: bool = False) -> Optional[FigureValue]:
    """"1:30 am", "1.30 a.m.", "13:30", "noon"; a bare "13.30" only when ``loose`` (the text is a TIME)."""
    t = _TRAILING_NOISE.sub("", t)
    if t in ("noon", "midday"):
        return FigureValue("time", "12:00", 12.0, bound)
    if t == "midnight":
        return FigureValue("time", "00:00", 0.0, bound)
    m = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|o'clock|h|hrs|gmt|utc)?", t)
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    if m.group(3) is None and not loose and ":" not in t:
        return None
    hour, minute, suffix = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").replace(".", "")
    if suffix.startswith("p") and hour < 12:
        hour += 12
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    unit = "UTC" if suffix in ("gmt", "utc") else ""
    return FigureValue("time", f"{hour:02d}:{minute:02d}", hour + minute / 60, bound, unit)


def _month(word: str) -> Optional[int]:
    return _MONTHS.get(word.rstrip("."))


def _as_date(t: str, bound: str) -> Optional[FigureValue]:
    t = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", t).replace(",", " ")
    t = re.sub(r"\s+", " ", t).strip()
    words = t.split()
    if words and words[0] in WEEKDAYS and (len(words) == 1 or words[1:] in (["morning"], ["afternoon"],
                                                                            ["evening"], ["night"])):
        return FigureValue("date", words[0], None, bound)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return FigureValue("date", t, None, bound)
    if re.fullmatch(r"(?:the )?'?\d{2,4}s", t):
        return FigureValue("date", t.replace("the ", ""), None, bound)
    day = month = year = None
    rest = [w for w in words if w not in ("of", "the")]
    if rest and rest[0] in WEEKDAYS:
        rest = rest[1:]
    for w in rest:
        if _month(w) and month is None:
            month = _month(w)
        elif re.fullmatch(r"\d{4}", w) and year is None:
            year = int(w)
        elif re.fullmatch(r"\d{1,2}", w) and day is None and 1 <= int(w) <= 31:
            day = int(w)
        else:
            return None
    if month and year and day:
        return FigureValue("date", f"{year:04d}-{month:02d}-{day:02d}", None, bound)
    if month and year:
        return FigureValue("date", f"{year:04d}-{month:02d}", None, bound)
    if month and day:
        return FigureValue("date", f"--{month:02d}-{day:02d}", None, bound)
    if year and not day:
        return FigureValue("date", f"{year:04d}", float(year), bound)
    if month and not day:
        return FigureValue("date", _MONTH_NAMES[month - 1], None, bound)
    return None


def _as_quantity(t: str, bound: str) -> Optional[FigureValue]:
    t = _TRAILING_NOISE.sub("", t)
    for unit in sorted(_QUANTITY_UNITS, key=len, reverse=True):
        for sep in (" ", "-", ""):
            suffix = sep + unit
            if t.endswith(suffix) and len(t) > len(suffix):
                value = parse_number(t[: -len(suffix)].strip())
                if value is not None:
                    canonical_unit = _QUANTITY_UNITS[unit]
                    return FigureValue("quantity", f"{fmt_number(value)} {canonical_unit}", value, bound,
                                       canonical_unit)
    return None


def _as_ordinal(t: str, bound: str) -> Optional[FigureValue]:
    words = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
    if t in words:
        return FigureValue("ordinal", str(words.index(t) + 1), float(words.index(t) + 1), bound)
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", t)
    return FigureValue("ordinal", m.group(1), float(m.group(1)), bound) if m else None


Reader = Callable[[str, str], Optional[FigureValue]]
_ORDER: dict[str, tuple[Reader, ...]] = {
    "CARDINAL": (_as_percent, _as_money, _as_time, _as_number, _as_quantity),
    "QUANTITY": (_as_quantity, _as_percent, _as_number),
    "MONEY": (_as_money, _as_number),
    "PERCENT": (_as_percent, _as_number),
    "DATE": (_as_date, _as_quantity, _as_time),
    "TIME": (lambda t, b: _as_time(t, b, loose=True), _as_date, _as_quantity),
    "ORDINAL": (_as_ordinal,),
}


def parse_figure(text: str, label: str) -> Optional[FigureValue]:
    """Read ``text`` (an entity of spaCy ``label``) into a comparable :class:`FigureValue`, or None."""
    cleaned = _clean(text)
    if not cleaned:
        return None
    bound, body = _split_bound(cleaned)
    readers = _ORDER.get(label.upper(), _ORDER["CARDINAL"])
    for reader in readers:
        value = reader(body, bound)
        if value is not None:
            return value
    return None
