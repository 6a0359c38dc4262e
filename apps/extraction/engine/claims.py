"""Claims: quantitative statements (numbers, amounts, counts; dates resolved) and attributed quotes."""

from __future__ import annotations

import functools
import json
import re
from bisect import bisect_right
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .clean import BODY
from .context import Context
from .numbers import CURRENCY_CODES, FRACTIONS, RANGE_WORDS, SHORT_SCALES, VULGAR, WORD_SCALES, parse_at
from .types import Claim, Quantity, Quote

MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
NOT_UNITS = {
    "of",
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "from",
    "with",
    "who",
    "which",
    "that",
}
MAX_DATE_PARSES = 60
# "detained 30 yesterday": a day named after a bare number is when, not what is counted
DAY_WORDS = frozenset(
    "yesterday today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday weekend".split()
)
_NOT_UNITS_OR_DAYS = frozenset(NOT_UNITS) | DAY_WORDS
_DATA = json.loads((Path(__file__).parent / "data" / "numbers.json").read_text(encoding="utf-8"))
DESIGNATORS = frozenset(_DATA["designators"])  # "Article 5", "Flight 17", "Platform 9": a name, not a count
TIME_UNITS = frozenset(_DATA["time_words"])  # "9 pm", "0600 GMT": a clock time
NOMINAL_ADJECTIVES = frozenset(_DATA["nominal_adjectives"])  # "150,000 dead": the adjective is what is counted
COUNTED_BY_VERB = frozenset(_DATA["counted_by_verb"])  # "killed five", "five were arrested": people
REPEAT_WORDS = frozenset(_DATA["repeat_words"])  # "five others", "three more": the noun counted before
COUNT_NOUNS = frozenset(_DATA["count_nouns"])  # "the number of refugees rose by 200"
NAME_LABELS = frozenset(_DATA["name_labels"])  # a number inside a named thing: "G8", "Boeing 737"
DURATIONS = frozenset(_DATA["durations"])  # "24 hours": a span of time, which the model labels TIME
ABBREVIATIONS: dict[str, str] = _DATA["abbreviations"]  # wire shorthand for what is counted: "45 cts", "2 mln shrs"
YEAR_BEFORE = frozenset(_DATA["year_before"])  # "spring 2017 results", "fiscal 2024 budgets": a year
NUMBER_SIGNS = frozenset(("#", "No", "No.", "number", "n.", "nr.", "Nr."))  # "grant n. 4812": an identifier
RATE_BASES = frozenset((100, 1000, 10_000, 100_000, 1_000_000))


_CANDIDATE_WORDS = frozenset(
    "more fewer less at up about around nearly almost over some roughly approximately as close just well upwards "
    "an a half under in no only € $ £ ¥ ₽ ₴ ₹ zero one two three four five six seven eight nine ten eleven twelve "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion trillion dozen".split()
) | frozenset(c.lower() for c in CURRENCY_CODES)


def _glued(window: Any) -> list[bool] | None:
    """Which tokens were written glued to the one before ("50" + "m", "3" + "½"); only looked at when a
    split-off scale letter or fraction follows, which is rare."""
    if not any(t.lower_ in SHORT_SCALES or t.text in VULGAR for t in window[1:6]):
        return None
    return [k > 0 and not window[k - 1].whitespace_ for k in range(len(window))]


def _lower_at(doc: Any, i: int) -> str:
    return str(doc[i].lower_) if i < len(doc) else ""


def _range_second(doc: Any, num_end: int, end: int, prev: str) -> tuple[int, int] | None:
    """The tokens of the second number when a bare number opens a range ("between 2.2 and 2.4 mln barrels",
    "6 to 8 million voters"): the noun after it is what both count."""
    if num_end + 1 >= end:
        return None
    low = doc[num_end].lower_
    if not (low in RANGE_WORDS or (low == "and" and prev == "between")):
        return None
    m = parse_at(["" if t.is_space else t.text for t in doc[num_end + 1 : min(end, num_end + 13)]], 0)
    if m is None or not m.unit_is_noun or m.num_start != 0:
        return None
    return num_end + 1, num_end + 1 + m.num_end


def _counted_noun(doc: Any, num_start: int, num_end: int) -> str | None:
    # the noun right after the number (over adjectives), last of a run of nouns: "200 army engineers"
    if num_start > 0 and doc[num_start - 1].lower_ == "magnitude":
        return "magnitude"  # "a magnitude 5.2 earthquake"
    k = num_end
    while k < len(doc) and k - num_end < 3 and doc[k].pos_ in ("ADJ",) and not doc[k].is_punct:
        k += 1
    if k < len(doc) and (doc[k].pos_ == "NOUN" or doc[k].tag_ == "NNPS") and doc[k].lower_ not in _NOT_UNITS_OR_DAYS:
        first = k
        while k + 2 < len(doc) and doc[k + 1].text == "-" and not doc[k].whitespace_ and not doc[k + 1].whitespace_:
            k += 2  # "41 co-signatories", split by the tokenizer: the word as a whole
        while k + 1 < len(doc) and doc[k + 1].tag_ == "NNS" and doc[k].dep_ == "compound":
            k += 1
        # a compound noun is the unit as a whole: "50 basis points", "300 asylum seekers"; a modifier chain
        # ends at its head noun: "home care workers", "fever related deaths", "regional fishing MOUs"
        head = doc[k]
        while (
            head.dep_ in ("compound", "npadvmod", "amod", "nmod")
            and head.i < head.head.i <= first + 3
            and head.head.pos_ in ("NOUN", "PROPN", "VERB", "ADJ")
        ):
            head = head.head
        if head.i > k and head.tag_ in ("NNS", "NNPS"):  # what is counted is plural ("a forty hour period" is not)
            k = head.i
        return "".join(t.lower_ + (" " if t.whitespace_ else "") for t in doc[first : k + 1]).strip()
    if num_end + 1 < len(doc) and doc[num_end].lower_ == "or" and doc[num_end + 1].lower_ == "so":
        return _counted_noun(doc, num_start, num_end + 2) if num_end + 2 < len(doc) else None  # "a million or so"
    if num_end < len(doc) and doc[num_end].lower_ == "of":
        # a part of a whole counts what the whole counts: "31 of its 32 members", "five of the countries",
        # "28 of the company's plants" (the object of "of", over possessives and adjectives)
        pobj = next((c for c in doc[num_end].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.tag_ == "NNS" and pobj.i - num_end <= 8 and pobj.lower_ not in NOT_UNITS:
            return str(pobj.lower_)
        j = num_end + 1
        while j < len(doc) and j - num_end <= 2 and doc[j].pos_ in ("DET", "PRON"):
            j += 1
        if j < len(doc) and doc[j].like_num:
            return _counted_noun(doc, j, j + 1)
        if j < len(doc) and doc[j].tag_ == "NNS" and doc[j].lower_ not in NOT_UNITS:
            return str(doc[j].lower_)
    k = num_end
    while k < len(doc) and doc[k].lower_ in ("more", "other", "others", "further", "additional"):
        k += 1  # "five more soldiers": the noun after the repeat word; bare "five more" is handled by the caller
    if k > num_end and k < len(doc) and doc[k].pos_ == "NOUN" and doc[k].lower_ not in NOT_UNITS:
        return str(doc[k].lower_)
    if num_end < len(doc) and doc[num_end].lower_ in NOMINAL_ADJECTIVES:
        nxt = doc[num_end + 1] if num_end + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN"):
            return str(doc[num_end].lower_)  # "150,000 dead", "about 40 injured"
    last = doc[num_end - 1]
    head = last.head
    for _ in range(3):
        if head.lower_ in WORD_SCALES or head.lower_ in ("dozen", "hundred") or head.like_num:
            head = head.head
        else:
            break
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i >= num_end and head.pos_ in ("NOUN", "PROPN"):
        if head.i - num_end <= 4:
            return head.lower_
    for k in range(num_end, min(num_end + 4, len(doc))):
        t = doc[k]
        if t.lower_ in _NOT_UNITS_OR_DAYS or t.is_punct or t.like_num:
            return None  # "detained 30 yesterday": a date word is not what is counted
        if t.pos_ in ("NOUN",) or (t.pos_ == "PROPN" and t.is_lower):
            return t.lower_
        participle = t.tag_ in ("VBG", "VBN") and k + 1 < len(doc) and doc[k + 1].tag_ in ("NNS", "NN")
        if t.pos_ not in ("ADJ", "ADV") and not participle:
            return None  # "183 actively eroding sites": a participle before the noun is a modifier
    return None


def _count_without_noun(doc: Any, num_start: int, num_end: int, previous: str | None) -> str | None:
    """What a bare number counts when its noun is elsewhere.

    "five others", "three more": the noun counted just before; "gunmen killed five", "five were arrested":
    people.
    """
    nxt = doc[num_end].lower_ if num_end < len(doc) else ""
    if nxt in REPEAT_WORDS and previous:
        return previous
    pronoun = doc[num_end + 1].lower_ if num_end + 1 < len(doc) else ""
    if nxt == "of" and pronoun in ("which", "whom", "them", "these", "those"):
        return previous  # "29 of which": the noun the relative pronoun stands for
    last = doc[num_end - 1]
    head = last.head
    if last.dep_ == "pobj" and head.lower_ in ("including", "among") and head.head.pos_ == "NOUN":
        return str(head.head.lower_)  # "more cases, including 165 in one day"
    if last.dep_ == "conj" and head.like_num and head.i < num_start:
        return _counted_noun(doc, head.i, head.i + 1)  # "four and five packs"
    for c in last.children:
        if c.dep_ == "conj" and c.like_num and c.i > last.i:
            return _counted_noun(doc, c.i, c.i + 1)  # "two and one package"
    subject = last
    if last.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in COUNT_NOUNS:
        subject = head.head  # "a total of 39 are confirmed dead"
    if subject.dep_ in ("nsubj", "nsubjpass"):
        # "39 are confirmed dead", "12 were reported missing", "22 are still missing" (parsed as a verb)
        if subject.head.lower_ in NOMINAL_ADJECTIVES and not any(c.dep_ == "auxpass" for c in subject.head.children):
            return str(subject.head.lower_)
        for c in subject.head.children:
            if c.dep_ in ("acomp", "oprd", "attr") and c.lower_ in NOMINAL_ADJECTIVES:
                return str(c.lower_)
    if last.dep_ in ("dobj", "nsubjpass", "nsubj") and head.pos_ == "VERB" and head.lemma_.lower() in COUNTED_BY_VERB:
        if last.dep_ != "nsubj" or any(c.dep_ == "auxpass" for c in head.children):
            return "people"
    return None


def _counted_by_total(doc: Any, num_end: int) -> str | None:
    """ "the number of refugees rose by 200", "raising the death toll to 40", "the number of women, 102":
    what the total counts."""
    last = doc[num_end - 1]
    head = last.head
    totals = []
    if num_end >= 3 and doc[num_end - 2].text == "(" and num_end < len(doc) and doc[num_end].text == ")":
        before = doc[num_end - 3]
        if before.pos_ == "NOUN" and before.lower_ not in NOT_UNITS:
            return str(before.lower_)  # "a high estimate (75,000)": the figure of the noun before the bracket
    if head.lower_ in ("by", "to", "from", "between") and head.dep_ == "prep":
        verb = head.head
        while verb.pos_ in ("ADP", "NUM") and verb.head.i != verb.i:
            verb = verb.head  # "from 14 to 31": the second number hangs off the first
        totals = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        for _ in range(2):  # "the number ... is likely to fall between A and B": the subject of "is"
            if totals or verb.dep_ not in ("xcomp", "acomp"):
                break
            verb = verb.head
            totals = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif last.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        totals = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "death tolls exceeded 100"
    elif last.dep_ == "appos":
        totals = [head]
        of = head.head
        if head.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in COUNT_NOUNS and head.pos_ == "NOUN":
            return str(head.lower_)  # "the number of nurses, 58": parsed as apposition to the nurses
    if totals:
        for subj in totals:
            if subj.lemma_.lower() in COUNT_NOUNS:
                of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if pobj is not None and pobj.pos_ == "NOUN":
                    words = [c.lower_ for c in pobj.children if c.dep_ == "compound" and c.i < pobj.i]
                    return " ".join([*words, pobj.lower_])
                if any(c.lower_ == "death" for c in subj.children):
                    return "deaths"
    return None


def _elliptic(doc: Any, num_start: int, num_end: int) -> bool:
    """A bare count whose noun is left out: "250,000 protesters in one city, 100,000 in another"; not an age,
    a score, a year or a number standing for something else."""
    tok = doc[num_start]
    if tok.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"):
        return False
    nxt = doc[num_end] if num_end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
        return False
    prev = doc[num_start - 1] if num_start > 0 else None
    return prev is None or prev.lower_ not in ("age", "of", "aged", "the")


def _is_year(tok: Any, value: float) -> bool:
    return bool(tok.text.isdigit() and len(tok.text) == 4 and 1800 <= value <= 2100)


def _bare_digits(tok: Any) -> bool:
    return bool(tok.text.replace(",", "").replace(".", "").isdigit())


def _skip_number(
    doc: Any, m_start: int, m_end: int, num_start: int, num_end: int, value: float, unit: str | None
) -> bool:
    toks = doc[num_start:num_end]
    first = doc[num_start]
    money_or_share = unit in CURRENCY_CODES or unit in ("percent", "percentage points")
    # a currency sign and a number win over the model's label ("£15" tagged as a time)
    if not money_or_share and any(t.ent_type_ == "ORDINAL" for t in toks):
        return True
    if not money_or_share and unit not in DURATIONS and any(t.ent_type_ == "TIME" for t in toks):
        return True
    if any(":" in t.text for t in toks):
        return True  # a clock time or a score: 10:30
    beside = [doc[num_start - 1]] if num_start > 0 else []
    if num_end < len(doc):
        beside.append(doc[num_end])
        if doc[num_end].lower_ == "of" and num_end + 1 < len(doc):
            beside.append(doc[num_end + 1])
    if not money_or_share and any(t.lower_.rstrip(".") in MONTHS for t in beside):
        return True  # a date: "27 November", "February 2022"; not "2.4% in October"
    if not money_or_share and num_end - num_start == 1 and _is_year(first, value):
        if unit is None or not unit.endswith("s"):
            return True  # a year ("in 2022", "the 2015 deal")
        before = doc[num_start - 1] if num_start > 0 else None
        if before is not None and (
            before.pos_ == "DET" or before.dep_ in ("poss", "case") or before.like_num or before.lower_ in YEAR_BEFORE
        ):
            return True  # a year as a modifier: "the 2024 elections", "its 2023 accounts", "two 2023 reports"
    if unit is None and num_end - num_start == 1 and first.text.isdigit():
        if len(first.text) == 4 and 1000 <= value <= 2200:
            return True  # a bare four-digit number with nothing counted: a year ("the revolution of 1789")
        if len(first.text) >= 5:
            return True  # a long run of digits without separators: a grant, order or case number
    if unit in NOT_UNITS:
        return True  # "one-on-one": a word, not a count
    if num_start > 0 and doc[num_start - 1].lower_ == "per" and value in RATE_BASES:
        return True  # "six per 100,000": the base of a rate, not a count
    if num_end < len(doc) and doc[num_end].lower_ in TIME_UNITS and not money_or_share:
        return True
    if num_end + 1 < len(doc) and doc[num_end].lower_ == "local" and doc[num_end + 1].lower_ == "time":
        return True  # "at 1400 local time"
    if num_start > 0 and doc[num_start - 1].text == "-" and num_start > 1 and doc[num_start - 2].is_upper:
        return True  # a designation: F-16, Covid-19
    if num_start > 0 and (
        doc[num_start - 1].text in ("#", "No", "No.", "number", "n.", "nr.", "Nr.")
        or doc[num_start - 1].lower_ in DESIGNATORS
    ):
        return True  # Article 5, Resolution 2231, Flight 17
    if not money_or_share and _inside_name(doc, num_start, num_end):
        return True
    if not money_or_share and num_end - num_start == 1 and _not_a_count(doc, first, value, unit):
        return True
    if unit is None and num_end - num_start == 1 and first.text.isdigit() and num_start > 0:
        prev = doc[num_start - 1]
        if prev.lower_ == "the" and (num_end >= len(doc) or doc[num_end].pos_ in ("VERB", "AUX", "PUNCT", "ADP")):
            return True  # "the 747 was a freighter": a model named by its number
        if first.dep_ == "conj" and _model_name(first.head):
            return True  # "the A300 and 747"
    if unit in ("year", "month", "week", "day") and any(t.lower_ == "old" for t in doc[num_end : num_end + 4]):
        return True  # a 45-year-old
    if num_end + 1 < len(doc) and doc[num_end].text in ("-", "–") and doc[num_end + 1].like_num:
        return True  # a score or range: 2-1
    if num_start > 1 and doc[num_start - 1].text in ("-", "–") and doc[num_start - 2].like_num:
        return True
    if num_end - num_start == 1 and _bare_digits(first) and not money_or_share:
        # a range that lost its dash in copying ("1939 45", "10 15 people"): two bare numbers side by side
        if num_end < len(doc) and _bare_digits(doc[num_end]):
            return True
        if num_start > 0 and _bare_digits(doc[num_start - 1]):
            return True
    if unit is None and num_end - num_start == 1 and first.text.isdigit() and _age_or_phone(doc, num_start, value):
        return True
    if first.lower_ == "one" and num_end - num_start == 1:
        nxt = doc[num_end].lower_ if num_end < len(doc) else ""
        if nxt in ("of", "another", "'s", "who", "that", "", ",", ".") or first.dep_ not in ("nummod",):
            return True
        if m_start == num_start and nxt != "-" and unit not in DURATIONS:
            # "one" as a determiner ("in one hospital", "One news site said", "only one number"); a count only
            # after a verb or "by"/"to" ("won one seat", "failed by one vote", "limited to one pack")
            prev = doc[num_start - 1] if num_start > 0 else None
            if prev is None or (prev.pos_ not in ("VERB", "AUX") and prev.lower_ not in ("by", "to", "than")):
                return True
    return False


_PHONE = re.compile(r"\(\d{3}\) ?\d{3}[-.]\d{4}")


def _age_or_phone(doc: Any, i: int, value: float) -> bool:
    """A bare number that counts nothing: an age in apposition ("the painter, 71, said"), an age said
    with "be" ("when he was about 30"), an area code ("(415) 555-0100")."""
    tok = doc[i]
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if prev is not None and prev.text == "(" and _PHONE.match(doc.text, prev.idx, prev.idx + 16):
        return True
    if not 1 <= value <= 120:
        return False
    if prev is not None and prev.text == "," and i > 1 and doc[i - 2].pos_ in ("PROPN", "NOUN"):
        if nxt is not None and nxt.text in (",", ".", ";") and (doc[i - 2].ent_type_ == "PERSON" or nxt.text == ","):
            return True
    if tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be":
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and (subj.lower_ in ("he", "she") or subj.ent_type_ == "PERSON"):
            return True
    return False


SMALL_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve".split())


def _age_or_date(tok: Any) -> bool:
    """ "Jane Roe, 39,": an age after a person's name; "March 4": a day of the month."""
    if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.ent_type_ == "PERSON":
        return True
    return any(n.lower_.rstrip(".") in MONTHS for n in (tok.head, tok.doc[tok.i - 1] if tok.i > 0 else tok))


def _not_a_count(doc: Any, tok: Any, value: float, unit: str | None) -> bool:
    """Numbers that state nothing checkable: ages, list markers, "one" as an article, "the two sides"."""
    i = tok.i
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if _age_or_date(tok) or (tok.dep_ == "conj" and tok.head.like_num and _age_or_date(tok.head)):
        return True  # "Sam Poe, 40," and "March 4 and 5"
    if any(t.lower_ in ("aged", "age") for t in doc[max(0, i - 4) : i]):
        return True  # "at the age of 15", "aged between 18 and 24"
    if prev is not None and prev.text == "." and i > 1 and doc[i - 2].lower_ == "no":
        return True  # "Act No. 3846" split by the tokenizer
    if (prev is None or prev.is_sent_start and prev.is_space) and nxt is not None and nxt.text in (".", ")"):
        return True  # a list marker: "3. Between 2003 and ..."
    if tok.i == tok.sent.start and nxt is not None and nxt.text in (".", ")") and tok.text.isdigit():
        return True
    if tok.lower_ == "zero" and unit is None:
        return True
    if tok.lower_ == "one" and nxt is not None and nxt.tag_ == "NN" and nxt.dep_ in ("nsubj", "nsubjpass"):
        return True  # "One resident said", "one size fits all": an article, not a count
    if (
        tok.lower_ in SMALL_WORDS
        and prev is not None
        and (prev.lower_ in ("the", "these", "those", "both") or prev.dep_ == "poss")
        and (nxt is None or nxt.text != "-")
    ):
        return True  # "the two sides": things already counted, referred to again (not "the eight-year war")
    return False


def _model_name(tok: Any) -> bool:
    """A name made of letters and digits: "A300", "G7", "F-16"."""
    text = tok.text
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text) and text[:1].isupper()


def _inside_name(doc: Any, num_start: int, num_end: int) -> bool:
    """A number that is part of a name: "the G8 summit", "a Boeing 737", "Terminal 5", "Channel 4 News"."""
    tok = doc[num_start]
    if tok.ent_type_ in NAME_LABELS and tok.ent_iob_ != "O":
        # the entity around the number also holds a name word: "Boeing 737" (not "500 employees")
        k = num_start
        while k > 0 and doc[k].ent_iob_ == "I":
            if doc[k - 1].text in ("-", "–", "—") and doc[k - 1].whitespace_:
                break  # "Blue Party - 4 seats": a spaced dash parts a label from its figure
            k -= 1
        j = num_end
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if any(t.pos_ == "PROPN" and not t.like_num and t.lower_ not in MONTHS for t in doc[k:j]):
            return True
    prev = doc[num_start - 1] if num_start > 0 else None
    if (
        prev is not None
        and prev.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and prev.lower_ not in MONTHS
        and prev.whitespace_
        and (
            tok.ent_type_ in NAME_LABELS
            or tok.head.i == prev.i
            or (prev.dep_ == "compound" and prev.head.i == tok.head.i)
        )
    ):
        return True  # "an Airbus 320 jet": a maker's name and a model number
    return False


@functools.lru_cache(maxsize=512)
def _parse_date(text: str, base: datetime | None) -> str | None:
    try:
        import dateparser  # type: ignore[import-untyped]

        settings: dict[str, Any] = {"PREFER_DATES_FROM": "current_period", "RETURN_AS_TIMEZONE_AWARE": False}
        if base is not None:
            settings["RELATIVE_BASE"] = base
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises several types on odd input  # noqa: BLE001
        return None
    return parsed.date().isoformat() if parsed else None


def _score(quantity: Quantity | None, speaker: str | None, sent_text: str) -> float:
    score = 0.45
    if quantity is not None:
        score += 0.2
        if quantity.unit in CURRENCY_CODES or quantity.unit in ("percent", "percentage points"):
            score += 0.15
        if quantity.qualifier:
            score += 0.05
    if speaker:
        score += 0.1
    low = sent_text.lower()
    if any(w in low for w in (" record", " highest", " lowest", " first ", " largest", " biggest", " most ")):
        score += 0.05
    if any(w in low for w in (" may ", " might ", " could ", " reportedly", " allegedly")):
        score -= 0.05
    return max(0.0, min(1.0, score))


def find_claims(ctx: Context, quotes: list[Quote], published: date | datetime | None) -> list[Claim]:
    base: datetime | None = None
    if isinstance(published, datetime):
        base = published.replace(tzinfo=None)
    elif isinstance(published, date):
        base = datetime(published.year, published.month, published.day, 12)
    claims: list[Claim] = []
    date_budget = MAX_DATE_PARSES
    ordered = sorted(quotes, key=lambda q: q.start)
    quote_starts = [q.start for q in ordered]

    def speaker_at(pos: int) -> str | None:
        k = bisect_right(quote_starts, pos) - 1
        if k >= 0 and ordered[k].start <= pos < ordered[k].end:
            return ordered[k].speaker
        return None

    last_noun: str | None = None  # the noun last counted, for "five more", "two others"
    last_noun_sent = -9
    for sent in ctx.sents:
        if sent.kind != BODY:
            continue
        last_money_end = -1
        doc = sent.span.doc
        i = sent.span.start
        end = sent.span.end
        sent_start, sent_end = sent.start, sent.end
        found: list[tuple[int, Quantity]] = []
        attrs = ctx.attrs(doc)
        lower, like_num = attrs.lower, attrs.like_num
        while i < end:
            # a word that can start a number, tested on the doc's strings: no Token built for the others
            low = lower[i]
            if not (low in _CANDIDATE_WORDS or like_num[i] or low.endswith("$") or low[:1].isdigit()):
                i += 1
                continue
            window = doc[i : min(end, i + 12)]
            words = ["" if t.is_space else t.text for t in window]
            glued = _glued(window)
            m = parse_at(words, 0, glued, lower[i - 1] if i > sent.span.start else "")
            if m is None:
                i += 1
                continue
            num_start, num_end = i + m.num_start, i + m.num_end
            unit = m.unit
            if m.unit_is_noun and m.end > m.num_end and i + m.end < end:
                nxt = doc[i + m.end]  # a share: "three quarters of the population"
                unit = nxt.lower_ if nxt.pos_ in ("NOUN", "PROPN") else None
                of = next((t for t in doc[num_end : i + m.end] if t.lower_ == "of"), None)
                whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if whole is not None and whole.pos_ == "NOUN":
                    unit = whole.lower_  # "a quarter of the country's private homes": the homes
            elif m.unit_is_noun:
                second = _range_second(doc, num_end, end, lower[i - 1] if i > sent.span.start else "")
                unit = (
                    (_counted_noun(doc, *second) if second else None)
                    or _counted_by_total(doc, num_end)
                    or _counted_noun(doc, num_start, num_end)
                )
                if unit is None or unit in REPEAT_WORDS:
                    unit = _count_without_noun(doc, num_start, num_end, last_noun) or unit
                recent = last_noun_sent >= sent.index - 1
                if unit is None and last_noun and recent and _elliptic(doc, num_start, num_end):
                    unit = last_noun  # "3,728 cases, with 198 recorded in a day": the noun counted just before
                unit = ABBREVIATIONS.get(unit, unit) if unit else unit
            if unit is None and m.unit_is_noun and lower[num_end - 1] in FRACTIONS:
                unit = lower[num_end - 1]  # "from one-third to half of all cases": the share itself
            skip_to = i + max(1, m.end)
            if m.unit_is_noun and _lower_at(doc, num_end) == "out" and _lower_at(doc, num_end + 1) == "of":
                whole = num_end + 2  # "nine out of 11 wards": one count, of what the whole counts
                if whole < end and doc[whole].like_num:
                    unit = _counted_noun(doc, whole, whole + 1) or unit
                    skip_to = whole + 1
            if (
                unit in CURRENCY_CODES
                and i + m.start > 0
                and doc[i + m.start - 1].text == "("
                and last_money_end == i + m.start - 1
            ):
                i += max(1, m.end)  # a converted amount in brackets: "£50m ($65m)" is one amount
                continue
            if not _skip_number(doc, i + m.start, i + m.end, num_start, num_end, m.value, unit):
                rounded = round(m.value, 6)
                value: float | int = int(rounded) if float(rounded).is_integer() else rounded
                found.append((ctx.tstart(doc[num_start]), Quantity(value=value, unit=unit, qualifier=m.qualifier)))
                if unit in CURRENCY_CODES:
                    last_money_end = i + m.end
                elif unit and unit.replace(" ", "").isalpha() and unit != "percent" and unit not in REPEAT_WORDS:
                    if m.value != 1:  # "in one city" is not the count the next bare numbers continue
                        last_noun, last_noun_sent = unit, sent.index
            i = skip_to
        dates: list[str] = []
        if base is not None or True:
            for ent in ctx.sent_ents(sent):
                if ent.label_ != "DATE" or date_budget <= 0:
                    continue
                low = ent.text.lower()
                if not any(mo in low.split() for mo in MONTHS) and not any(c.isdigit() for c in low) and base is None:
                    continue
                date_budget -= 1
                iso = _parse_date(ent.text, base)
                if iso and not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", ent.text) and low.split()[-1:] != ["ago"]:
                    # no day given: keep only what the text says ("2010", "February 2022")
                    has_month = any(mo in low.replace(",", " ").split() for mo in MONTHS)
                    iso = iso[:7] if has_month else iso[:4] if re.search(r"\b\d{4}\b", ent.text) else iso
                if iso:
                    dates.append(iso)
        text = ctx.text[sent_start:sent_end]
        trimmed = text.strip()
        lead = len(text) - len(text.lstrip())
        c_start, c_end = sent_start + lead, sent_start + lead + len(trimmed)
        for pos, quantity in found:
            speaker = speaker_at(pos)
            claims.append(
                Claim(
                    text=trimmed,
                    start=c_start,
                    end=c_end,
                    kind="quantitative",
                    quantity=quantity,
                    speaker=speaker,
                    score=_score(quantity, speaker, trimmed),
                    dates=dates,
                )
            )
        if not found and dates and any(any(mo in d for mo in MONTHS) for d in [trimmed.lower()]):
            claims.append(
                Claim(
                    text=trimmed,
                    start=c_start,
                    end=c_end,
                    kind="quantitative",
                    quantity=None,
                    speaker=speaker_at(c_start),
                    score=_score(None, None, trimmed),
                    dates=dates,
                )
            )
    for q in quotes:
        if q.speaker and len(q.text.split()) >= 8:
            claims.append(
                Claim(
                    text=q.text,
                    start=q.start,
                    end=q.end,
                    kind="attributed",
                    quantity=None,
                    speaker=q.speaker,
                    score=_score(None, q.speaker, q.text),
                )
            )
    claims.sort(key=lambda c: (c.start, c.kind))
    return claims
