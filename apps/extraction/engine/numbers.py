"""A small number normaliser: "more than three dozen towns" -> 36 towns (qualifier "more than").

Works on a sequence of token texts (spaCy tokens or the simple tokenizer below), so the
same code serves the pipeline and the unit tests. Linear: each call looks at a bounded
number of tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "bln": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "tn": 1e12,
    "trn": 1e12,
    "mil": 1e6,
    "k": 1e3,
    "m": 1e6,
    "b": 1e9,
}
WORD_SCALES = {"thousand", "million", "billion", "trillion"}
QUALIFIERS = [
    ("no", "fewer", "than"),
    ("no", "more", "than"),
    ("no", "less", "than"),
    ("more", "than"),
    ("fewer", "than"),
    ("less", "than"),
    ("at", "least"),
    ("at", "most"),
    ("up", "to"),
    ("as", "many", "as"),
    ("as", "much", "as"),
    ("as", "few", "as"),
    ("close", "to"),
    ("just", "over"),
    ("just", "under"),
    ("well", "over"),
    ("upwards", "of"),
    ("in", "excess", "of"),
    ("an", "estimated"),
    ("about",),
    ("around",),
    ("nearly",),
    ("almost",),
    ("roughly",),
    ("approximately",),
    ("some",),
    ("over",),
    ("under",),
    ("only",),
    ("just",),
    ("at", "least"),
]
_QUALIFIER_FIRSTS = frozenset(q[0] for q in QUALIFIERS)
# the qualifiers by their first word, longest first, so a parse tries only those that can match
_QUALIFIERS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _q in sorted(QUALIFIERS, key=len, reverse=True):
    _QUALIFIERS_BY_FIRST.setdefault(_q[0], []).append(_q)
CURRENCY_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "₹": "INR",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "chf": "CHF",
    "eur": "EUR",
    "usd": "USD",
    "gbp": "GBP",
    "jpy": "JPY",
    "cny": "CNY",
    "rub": "RUB",
    "uah": "UAH",
}
CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnas": "UAH",
    "rupee": "INR",
    "rupees": "INR",
    "franc": "CHF",
    "francs": "CHF",
    "zloty": "PLN",
    "zlotys": "PLN",
    "lira": "TRY",
    "liras": "TRY",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "DKK",
    "kroner": "DKK",
    "won": "KRW",
    "shekel": "ILS",
    "shekels": "ILS",
    "rand": "ZAR",
    "real": "BRL",
    "reais": "BRL",
    "pesos": "MXN",
    # wire-service shorthand: "45 mln dlrs", "three billion stg"
    "dlr": "USD",
    "dlrs": "USD",
    "stg": "GBP",
}
NATIONAL_CURRENCIES = {
    ("swedish", "crown"): "SEK",
    ("swedish", "krona"): "SEK",
    ("swedish", "kronor"): "SEK",
    ("danish", "crown"): "DKK",
    ("danish", "krone"): "DKK",
    ("danish", "kroner"): "DKK",
    ("norwegian", "crown"): "NOK",
    ("norwegian", "krone"): "NOK",
    ("norwegian", "kroner"): "NOK",
    ("czech", "crown"): "CZK",
    ("czech", "koruna"): "CZK",
    ("icelandic", "krona"): "ISK",
    ("canadian", "dollar"): "CAD",
    ("australian", "dollar"): "AUD",
    ("singapore", "dollar"): "SGD",
    ("taiwan", "dollar"): "TWD",
    ("us", "dollar"): "USD",
    ("u.s.", "dollar"): "USD",
    ("american", "dollar"): "USD",
    ("mexican", "peso"): "MXN",
    ("argentine", "peso"): "ARS",
    ("brazilian", "real"): "BRL",
    ("brazilian", "reai"): "BRL",
    ("chinese", "yuan"): "CNY",
    ("japanese", "yen"): "JPY",
    ("indian", "rupee"): "INR",
    ("turkish", "lira"): "TRY",
    ("egyptian", "pound"): "EGP",
    ("british", "pound"): "GBP",
    ("swiss", "franc"): "CHF",
    ("russian", "rouble"): "RUB",
    ("russian", "ruble"): "RUB",
    ("ukrainian", "hryvnia"): "UAH",
    ("polish", "zloty"): "PLN",
    ("hungarian", "forint"): "HUF",
}
CURRENCY_CODES = (
    set(CURRENCY_SYMBOLS.values()) | set(CURRENCY_WORDS.values()) | {c for c in NATIONAL_CURRENCIES.values() if c}
)
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
PERCENT = {"%", "percent", "per", "pct"}
# Unit symbols that the tagger does not read as nouns ("50 µg/L" is tagged as a preposition); the unit is the
# symbol itself, with "/L" kept, and a degree sign is spelled out so that it reads as a word.
MEASURE_SYMBOLS = {"µg": "µg", "μg": "µg", "mcg": "µg", "ng": "ng", "°": "degrees", "º": "degrees"}
DEGREE_SCALES = {"c": "degrees celsius", "f": "degrees fahrenheit"}
# What a bare fraction ("1/4 percent") can be a fraction of; elsewhere "3/4" may be a date.
FRACTION_OF = {"%", "percent", "per", "pct", "percentage", "point", "points", "of", "mile", "inch", "cup"}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_DIGITS_SCALE = re.compile(
    r"^(\d+(?:[.,]\d+)?)(bn|bln|mn|mln|mil|tn|trn|k|m|b|billion|million|trillion|thousand)$", re.I
)
# Scale letters written straight after the digits ("£50m", "2.5bn", "10k"); a tokenizer may split them off.
SHORT_SCALES = {
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "k": 1e3,
}
# After these a glued "m" measures length ("a 30m wall", "the 100m final"), not millions.
METRE_WORDS = {"-", "high", "tall", "long", "deep", "wide", "metres", "final", "sprint", "race", "hurdles", "freestyle"}
_FRACTION = re.compile(r"^\d{1,2}/\d{1,2}$")
_MIXED = re.compile(r"^(\d+)-(\d{1,2})/(\d{1,2})$")
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_TOKEN = re.compile(
    r"\d{1,2}/\d{1,2}(?!\d)|[½¼¾⅓⅔]|[A-Za-z]{1,3}\$|\d[\d,]*(?:\.\d+)?[A-Za-z]*|[^\W\d_]+(?:'[a-z]+)?|[^\w\s]"
)


@dataclass
class NumberMatch:
    start: int  # index of the first token (qualifier or currency included)
    end: int  # index after the last token of the number (and of the unit when it is a symbol or word)
    value: float
    unit: str | None
    qualifier: str | None
    num_start: int  # first token of the number itself
    num_end: int  # after the last token of the number itself
    unit_is_noun: bool = False  # unit still to be found (the counted noun)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _lower(words: Sequence[str], i: int) -> str:
    return words[i].lower() if 0 <= i < len(words) else ""


def is_number_word(word: str) -> bool:
    w = word.lower()
    return w in SMALL or w in TENS or w == "dozen" or w in WORD_SCALES or w == "hundred"


def _glued_scale(words: Sequence[str], j: int, glued: Sequence[bool] | None, money: bool) -> float | None:
    """The scale of a letter suffix split off its digits ("50" + "m"), when it was written glued to them."""
    if glued is None or j >= len(words) or j >= len(glued) or not glued[j]:
        return None
    scale = SHORT_SCALES.get(words[j].lower())
    if scale is None:
        return None
    if words[j].lower() == "m" and not money and _lower(words, j + 1) in METRE_WORDS:
        return None  # "a 30m-high wall": metres
    return scale


def parse_number(
    words: Sequence[str], i: int, glued: Sequence[bool] | None = None, money: bool = False
) -> tuple[float, int] | None:
    """Parse the number starting at token i; return (value, index after it).

    ``glued[k]`` tells that token k was written with no space after token k-1 (a tokenizer that splits
    "50m" into "50" and "m" loses that); ``money`` that a currency sign came first ("£50m" is millions).
    """
    n = len(words)
    if i >= n:
        return None
    w = words[i]
    m = _DIGITS_SCALE.match(w)
    if m:
        suffix = m.group(2).lower()
        if suffix == "m" and not money and _lower(words, i + 1) in METRE_WORDS:
            return float(m.group(1).replace(",", "")), i + 1
        return float(m.group(1).replace(",", "")) * SCALES[suffix], i + 1
    mixed = _MIXED.match(w)
    if mixed:  # "5-3/4" in one token
        return int(mixed.group(1)) + int(mixed.group(2)) / max(1, int(mixed.group(3))), i + 1
    if _FRACTION.match(w):
        num, den = w.split("/")
        if int(den) and int(num) < int(den):
            share = int(num) / int(den)
            # "cut to 1/4 percent"; "1/2 to one pct": a range that ends in a percentage (elsewhere "3/4" may be a date)
            if _lower(words, i + 1) in FRACTION_OF or _range_unit(words, i + 1, glued, share, "")[0] is not None:
                return share, i + 1
    if _DIGITS.match(w):
        value = float(w.replace(",", ""))
        j = i + 1
        if _lower(words, j) in VULGAR and glued is not None and j < len(glued) and glued[j]:
            value += VULGAR[_lower(words, j)]  # "5½"
            j += 1
        elif _lower(words, j) == "-" and _FRACTION.match(_lower(words, j + 1)) and "." not in w:
            num, den = _lower(words, j + 1).split("/")
            if int(den) and int(num) < int(den):  # "5-3/4 percent"
                value += int(num) / int(den)
                j += 2
        elif _FRACTION.match(_lower(words, j)) and "." not in w:
            num, den = _lower(words, j).split("/")
            if int(den) and int(num) < int(den):  # "5 3/4"
                value += int(num) / int(den)
                j += 1
        while _lower(words, j) == "" and j < len(words) and _lower(words, j + 1) in WORD_SCALES:
            j += 1  # a doubled space before the scale word: "5.7  million"
        scale = _glued_scale(words, j, glued, money)
        if scale is not None:
            return value * scale, j + 1
        # "2 and a half"
        if _lower(words, j) == "and" and _lower(words, j + 1) in ("a", "one") and _lower(words, j + 2) == "half":
            value += 0.5
            j += 3
        if _lower(words, j) in ("hundred",):
            value *= 100
            j += 1
        if _lower(words, j) in SCALES and (
            _lower(words, j) in WORD_SCALES or _lower(words, j) in ("bn", "bln", "mn", "tn", "mln")
        ):
            value *= SCALES[_lower(words, j)]
            j += 1
        return value, j
    return _parse_words(words, i)


def _parse_words(words: Sequence[str], i: int) -> tuple[float, int] | None:
    n = len(words)
    total = 0.0
    current = 0.0
    j = i
    seen = False
    # "a dozen", "a million", "a hundred", "half a million"
    if _lower(words, j) in ("a", "an") and _lower(words, j + 1) in ("dozen", "hundred", *WORD_SCALES):
        current = 1
        j += 1
        seen = True
    elif _lower(words, j) == "half" and _lower(words, j + 1) == "a" and _lower(words, j + 2) in ("dozen", *WORD_SCALES):
        scale = 12 if _lower(words, j + 2) == "dozen" else SCALES[_lower(words, j + 2)]
        return 0.5 * scale, j + 3
    while j < n:
        w = _lower(words, j)
        if w in SMALL:
            if seen and current % 10 != 0 and current < 100 and current != 0:
                break
            current += SMALL[w]
        elif w in TENS:
            if seen and current % 100 != 0:
                break
            current += TENS[w]
        elif w == "hundred" and seen:
            current = max(current, 1) * 100
        elif w == "dozen" and seen:
            current = max(current, 1) * 12
        elif w in WORD_SCALES and seen:
            total += max(current, 1) * SCALES[w]
            current = 0
        elif w == "-" and seen and (_lower(words, j + 1) in SMALL) and _lower(words, j - 1) in TENS:
            j += 1
            continue
        elif w == "-" and seen and _lower(words, j + 1) == "and" and _lower(words, j + 2) == "-":
            j += 3  # "three-and-a-half million": read as "three and a half"
            if _lower(words, j) == "a" and _lower(words, j + 1) == "-" and _lower(words, j + 2) == "half":
                current += 0.5
                j += 3
                if _lower(words, j) in WORD_SCALES:
                    total += current * SCALES[_lower(words, j)]
                    current = 0
                    j += 1
                break
            continue
        elif w == "and" and seen:
            nxt = _lower(words, j + 1)
            if nxt in ("a", "one") and _lower(words, j + 2) == "half":
                current += 0.5
                j += 3
                break
            if (nxt in SMALL and (current % 10 == 0 or current >= 100)) or (nxt in TENS and current % 100 == 0):
                j += 1  # "a hundred and five"; not "two and one", which are two numbers
                continue
            break
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def _unit_after(words: Sequence[str], j: int) -> tuple[str | None, int]:
    """The unit written right after a number ending before token j (a currency, percent, measure symbol or a
    hyphened word), and the index after it; (None, j) when the counted noun is still to be found."""
    unit = None
    w = _lower(words, j)
    national = NATIONAL_CURRENCIES.get((w, _lower(words, j + 1).rstrip("s")))
    if national:  # "18 billion Swedish crowns", "5 million Canadian dollars"
        unit = national
        j += 2
    elif w in ("pound", "pounds") and _lower(words, j + 1) == "of":
        unit = "pounds"  # "4 million pounds of waste": a weight, not money
        j += 1
    elif w in CURRENCY_WORDS:
        unit = CURRENCY_WORDS[w]
        j += 1
    elif w in CURRENCY_SYMBOLS and words[j].isupper():
        unit = CURRENCY_SYMBOLS[w]
        j += 1
    elif w == "%" or w in ("percent", "pct"):
        unit = "percent"
        j += 1
    elif w == "per" and _lower(words, j + 1) == "cent":
        unit = "percent"
        j += 2
    elif w == "percentage" and _lower(words, j + 1) in ("point", "points"):
        unit = "percentage points"
        j += 2
    elif w in MEASURE_SYMBOLS:
        unit = MEASURE_SYMBOLS[w]
        j += 1
        if unit == "degrees" and _lower(words, j) in DEGREE_SCALES:
            unit = DEGREE_SCALES[_lower(words, j)]
            j += 1
        elif _lower(words, j) == "/" and _lower(words, j + 1).isalpha() and len(words[j + 1]) <= 3:
            unit += "/" + _lower(words, j + 1)  # "10 µg/L": a concentration
            j += 2
    elif w == "-" and _lower(words, j + 1).isalpha():
        unit = _lower(words, j + 1)
        j += 2
    return unit, j


# "20 to 30 pct", "five or 10 pct", "between 15.3 and 15.5 mln": the first number of a range is written bare
RANGE_WORDS = frozenset(("to", "or", "-", "–"))


def _range_unit(
    words: Sequence[str], j: int, glued: Sequence[bool] | None, value: float, prev: str
) -> tuple[str | None, float]:
    """For a bare number ending before token j that opens a range, what it takes from the range's second
    number: its currency or percent ("20 to 30 pct" -> percent) and its scale word ("15.3 and 15.5 mln" ->
    1e6); (None, 1.0) when it opens no range. "and" makes a range only after "between". A range rises: the
    second number, without its scale, is larger ("9 or 3 million" leaves the 9 alone)."""
    w = _lower(words, j)
    if not (w in RANGE_WORDS or (w == "and" and prev == "between")):
        return None, 1.0
    k = j + 1
    if _lower(words, k) in CURRENCY_SYMBOLS:
        k += 1  # "$5 to $10 million"
    parsed = parse_number(words, k, glued)
    if parsed is None:
        return None, 1.0
    second, end = parsed
    scale = 1.0
    for t in range(k, end):
        low = _lower(words, t)
        digits = _DIGITS_SCALE.match(low)
        if digits:
            scale *= SCALES[digits.group(2).lower()]
        elif low in SCALES and (low in WORD_SCALES or low in ("bn", "bln", "mn", "tn", "mln")):
            scale *= SCALES[low]
        elif glued is not None and t < len(glued) and glued[t] and low in SHORT_SCALES:
            scale *= SHORT_SCALES[low]
    if not value < second / scale:
        return None, 1.0
    unit, _ = _unit_after(words, end)
    if unit is not None and not (unit in CURRENCY_CODES or unit in ("percent", "percentage points")):
        unit = None
    return unit, scale


def parse_at(words: Sequence[str], i: int, glued: Sequence[bool] | None = None, prev: str = "") -> NumberMatch | None:
    """Parse qualifier? currency? number scale? unit? starting at token i (``glued``: see parse_number;
    ``prev``: the word before token i, lower case, which tells "between 15.3 and 15.5 mln" a range)."""
    start = i
    qualifier = None
    for q in _QUALIFIERS_BY_FIRST.get(_lower(words, i), ()):
        if all(_lower(words, i + k) == q[k] for k in range(len(q))):
            nxt = _lower(words, i + len(q))
            if nxt and (
                nxt[0].isdigit() or is_number_word(nxt) or nxt in CURRENCY_SYMBOLS or nxt in ("a", "an", "half")
            ):
                qualifier = " ".join(q)
                i += len(q)
                break
    unit = None
    w = _lower(words, i)
    if w in CURRENCY_SYMBOLS and (w in "€$£¥₽₴₹" or w.endswith("$") or words[i].isupper()):
        unit = CURRENCY_SYMBOLS[w]
        i += 1
    if _lower(words, i) in ("a", "one") and _lower(words, i + 1) in FRACTIONS and unit is None:
        parsed: tuple[float, int] | None = (1.0, i + 1)  # "a third of", "one quarter of"
    else:
        parsed = parse_number(words, i, glued, money=unit is not None)
    if parsed is None:
        return None
    value, j = parsed
    num_start, num_end = i, j
    hyphen = _lower(words, j) == "-" and _lower(words, j + 1) in FRACTIONS and words[num_start].isalpha()
    frac = FRACTIONS.get(_lower(words, j + 1 if hyphen else j))
    if frac and unit is None and value < frac:
        # "three quarters of the population", "two-thirds of voters": a share, counted by the noun after "of"
        value = value / frac
        j += 2 if hyphen else 1
        num_end = j
        if _lower(words, j) == "of":
            j += 1
            if _lower(words, j) in ("a", "an", "one") and _lower(words, j + 1) in WORD_SCALES:
                # "a quarter of a million farmers": a number, counted by the noun after the scale word
                value *= SCALES[_lower(words, j + 1)]
                j += 2
                return NumberMatch(start, j, value, None, qualifier, num_start, j, unit_is_noun=True)
            if _lower(words, j) in ("the", "a", "an", "its", "their", "all"):
                j += 1
        return NumberMatch(start, j, value, None, qualifier, num_start, num_end, unit_is_noun=True)
    symbol = unit is not None  # "$5 to $10 million": the sign before, the scale after the range
    if unit is None:
        unit, j = _unit_after(words, j)
    elif _lower(words, j) in CURRENCY_WORDS:
        j += 1
    if unit is None or (symbol and j == num_end):
        borrowed, scale = _range_unit(words, j, glued, value, prev)
        value *= scale
        unit = unit or borrowed
    return NumberMatch(
        start=start,
        end=j,
        value=value,
        unit=unit,
        qualifier=qualifier,
        num_start=num_start,
        num_end=num_end,
        unit_is_noun=unit is None,
    )


_SKIP_BEFORE_NOUN = {"of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "from", "with"}


def normalise(text: str) -> tuple[float | int, str | None, str | None] | None:
    """Normalise the first number phrase in ``text``: (value, unit, qualifier). For tests and tools.

    Without a parse, the counted noun is the next word that is not a function word.
    """
    found = list(_TOKEN.finditer(text))
    words = [t.group() for t in found]
    glued = [k > 0 and found[k - 1].end() == t.start() for k, t in enumerate(found)]
    for i in range(len(words)):
        m = parse_at(words, i, glued, _lower(words, i - 1) if i else "")
        if m is None:
            continue
        unit = m.unit
        if unit is None:
            for k in range(m.end, min(m.end + 3, len(words))):
                w = words[k].lower()
                if w in _SKIP_BEFORE_NOUN or not w.isalpha():
                    break
                unit = w
                break
        value: float | int = int(m.value) if float(m.value).is_integer() else m.value
        return value, unit, m.qualifier
    return None
