"""Quote finder for messy text, and speaker attribution.

The finder is a single left-to-right pass over the quote marks (linear in the text):
- straight and curly marks, mixed (an opening " closed by ' or ”), doubled marks ('' or ""),
  nested single quotes, apostrophes (don't, Ukraine's, forces') told apart by their neighbours;
- a missing closing mark ends the quote at the paragraph break (or after MAX_QUOTE characters);
- line breaks inside a quote are kept (offsets index the text as given).
Scare quotes (fewer than MIN_WORDS words) and quoted names ("Friends of the Earth") are
not quotes.

Speakers: a speech verb in the quote's sentence (or the one right after/before it) outside
the quote, its subject resolved to an actor (names, titles, "a German government spokesman",
pronouns); else the previous sentence ending in a colon, or the speaker of the quote just before.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .actors import np_actors
from .attribution import FRAGMENT_VERBS, SPEECH_VERBS, according_to, speaker_phrases
from .clean import BODY, HEADING, paragraph_break
from .context import Context
from .speakers import (
    adopt_body,
    adopt_speaker,
    government_voice,
    handle_actor,
    is_person,
    known_surname,
    phrase_person,
    pronoun_speaker,
    release_issuer,
    sentences_back,
    titled_holder,
    unnamed_speaker,
)
from .types import Quote

_DATA = json.loads((Path(__file__).parent / "data" / "speakers.json").read_text(encoding="utf-8"))
SPOKES_NOUNS = frozenset(_DATA["spokes_nouns"])  # "a spokesperson for X said": X speaks
OWNER_PREPS = frozenset(_DATA["owner_preps"])
DOCUMENT_NOUNS = frozenset(_DATA["document_nouns"])  # "the report said": whoever issued the report
PART_HEADS = frozenset(_DATA["part_heads"])  # "a number of X said": X speaks
ISSUER_KINDS = ("organisation", "country", "group")

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‛"
SINGLE_CLOSE = "’"
MARKS = set('"“”„‟«»″' + "'‘’‚‛")
MAX_QUOTE = 3000
MIN_WORDS = 4
# what may stand between a quote and the attribution after it: marks, even an opening one used to close
# ('... way.“ Jane Roe said.')
_GAP_CHARS = " \n,." + "".join(sorted(MARKS))
_MARK_RE = re.compile("[\"“”„‟«»″'‘’‚‛]|\n[ \t\r\f\v]*\n")
_WORD = re.compile(r"[^\W_][\w'’-]*")
FUNCTION = {"of", "the", "and", "for", "in", "on", "a", "an", "to", "de", "at", "by"}

_FRAGMENT_DEPTH = 4
_NAMING_DEPS = frozenset({"nsubj", "nsubjpass", "compound", "amod", "appos", "poss", "npadvmod", "nmod"})


@dataclass
class RawQuote:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    closed: bool


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(text: str) -> list[RawQuote]:
    """All quoted stretches, in order, without nesting (inner single quotes stay inside)."""
    out: list[RawQuote] = []
    n = len(text)
    open_at = -1  # content start of the open quote
    open_kind = ""  # "d" or "s"
    nested = False
    skip_until = -1
    for m in _MARK_RE.finditer(text):
        p = m.start()
        if p < skip_until:
            continue
        if m.group()[0] == "\n":
            if open_at >= 0:
                out.append(RawQuote(open_at, p, False))
                open_at, nested = -1, False
            continue
        ch = text[p]
        prev = text[p - 1] if p > 0 else " "
        nxt = text[p + 1] if p + 1 < n else " "
        # a run of marks acts as one mark (doubled '' or "", ,'" endings, "' openings)
        q = p + 1
        while q < n and text[q] in MARKS and q - p < 4:
            q += 1
        run = text[p:q]
        after = text[q] if q < n else " "
        # Markdown emphasis hugging a mark ('_"We agree,"_ said', '**"Now**') is not part of the words
        if prev in _EMPHASIS:
            prev = _past_emphasis(text, p - 1, -1)
        if after in _EMPHASIS:
            after = _past_emphasis(text, q, 1)
        is_single = all(c in "'‘’‚‛" for c in run)
        if is_single and len(run) == 1:
            if _is_letter(prev) and _is_letter(nxt):
                continue  # apostrophe: don't, Ukraine's
        if open_at >= 0 and p - open_at > MAX_QUOTE:
            out.append(RawQuote(open_at, p, False))
            open_at, nested = -1, False
        opening_pos = prev.isspace() or prev in "([{—–-/:;" or p == 0
        closing_pos = not prev.isspace() and (after.isspace() or after in ".,;:!?)]}—–-" or q >= n)
        if open_at < 0:
            if is_single:
                if len(run) == 2 and opening_pos and (after.isalnum()):  # '' used as a double mark
                    open_at, open_kind, nested = q, "d", False
                    skip_until = q
                elif ch in SINGLE_OPEN or (ch == "'" and opening_pos and after.isalnum()):
                    open_at, open_kind, nested = q, "s", False
                    skip_until = q
                continue
            if any(c in DOUBLE_CLOSE for c in run) and not any(c in DOUBLE_OPEN for c in run):
                if not (_para_start(text, p) and after.isalnum()):
                    continue  # a stray closing mark
                # a paragraph of a quotation over paragraphs opened with a closing mark (”The ...)
                open_at, open_kind, nested = q, "d", False
                skip_until = q
                continue
            if (
                opening_pos
                and not after.isspace()
                or (ch in DOUBLE_OPEN and after.isalnum())  # an opening curly mark opens ('said X.__“We')
                or ('"' in run and _is_letter(prev) and after.isspace() and q < n and text.find('"', q, q + 200) > 0)
            ):
                open_at, open_kind, nested = q, "d", False
                skip_until = q
            continue
        # a quote is open
        if is_single and len(run) == 1:
            if nested:
                if closing_pos or ch == "’":
                    nested = False
                continue
            if opening_pos and after.isalnum() and ch != "’":
                if open_kind == "d":
                    nested = True
                continue
            if closing_pos:
                if prev in "sS" and after == " " and q + 1 < n and text[q + 1].islower() and open_kind == "d":
                    continue  # plural possessive: the allies' demands, the NGOS' funds
                out.append(RawQuote(open_at, p, True))
                open_at, nested = -1, False
                skip_until = q
            continue
        # double mark (or a run containing one) while open
        if p == open_at:
            skip_until = q
            continue
        if opening_pos and not closing_pos and after.isalnum() and not is_single:
            # a new opening mark: the previous quote lost its closing mark
            out.append(RawQuote(open_at, p, False))
            open_at, open_kind, nested = q, "d", False
            skip_until = q
            continue
        out.append(RawQuote(open_at, p, True))
        open_at, nested = -1, False
        skip_until = q
    if open_at >= 0:
        out.append(RawQuote(open_at, min(n, open_at + MAX_QUOTE), False))
    return out


_EMPHASIS = "_*"


def _past_emphasis(text: str, i: int, step: int) -> str:
    """The character beyond a run of Markdown emphasis marks starting at ``i`` (a space at the text's ends)."""
    k = i
    while 0 <= k < len(text) and text[k] in _EMPHASIS and abs(k - i) < 4:
        k += step
    return text[k] if 0 <= k < len(text) else " "


def _para_start(text: str, p: int) -> bool:
    """Position ``p`` opens a paragraph: only spaces since a blank line (or the text's start)."""
    line = text.rfind("\n", 0, p)
    if text[line + 1 : p].strip():
        return False
    return line < 0 or not text[text.rfind("\n", 0, line) + 1 : line].strip()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in MARKS or text[start] in _EMPHASIS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in MARKS or text[end - 1] in _EMPHASIS):
        end -= 1
    return start, end


def is_name_like(content: str) -> bool:
    words = _WORD.findall(content)
    if not words or len(words) > 7:
        return False
    if re.search(r"[.!?;:,]\s+\S", content.strip()):
        return False
    content_words = [w for w in words if w.lower() not in FUNCTION]
    return bool(content_words) and all(w[0].isupper() or w[0].isdigit() for w in content_words)


_SCARE_INTRO = re.compile(
    r"(?:so-called|so called|dubbed|termed|branded|labelled|labeled|nicknamed|known as|the term|the word|the phrase)"
    r"\s*[\"'“‘«]*\s*$",
    re.I,
)


_SPEECH_WORDS = (
    r"(?:said|says|told|tells|added|adds|asked|wrote|writes|warned|declared|insisted|explained|noted|stressed|argued"
    r"|tweeted|posted)"
)
# An attribution: "said Mark Evans", "said the minister", "he said", "Mark Evans told".
_ATTRIBUTION = (
    r"(?:" + _SPEECH_WORDS + r"\s+(?:[A-Z][\w.'’-]*|the|a|an|he|she|they|it)\b|"
    r"(?:he|she|they|it|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s+" + _SPEECH_WORDS + r"\b)"
)
_ATTRIB_IN = re.compile(r"([,?!—–])\s*\n?\s*" + _ATTRIBUTION)
# Right after a closing mark: "Parisians deserve better," Hidalgo said / said the mayor / she told.
_ATTRIB_AFTER = re.compile(r"[ \t]*\n?[ \t]*" + _ATTRIBUTION)


def _attributed_short_quote(text: str, start: int, end: int) -> bool:
    """A short quote that a speech verb attributes right after it is a quote, not a scare quote."""
    content = text[start:end].rstrip()
    # '"Better late," she said', and '"We are ready" posted Roe' (a capitalised clause, no comma)
    if word_count(content) < 2 or (content[-1:] not in ",?!" and not content[:1].isupper()):
        return False
    after = end
    while after < len(text) and after - end < 3 and text[after] in "\"'“”‘’»«":
        after += 1
    return after > end and _ATTRIB_AFTER.match(text, after) is not None


def _is_actor_name(ctx: Context, start: int, end: int) -> bool:
    """The quoted words are just the name of an actor ("friends of the earth.")."""
    from bisect import bisect_left

    i = bisect_left(ctx.mention_starts, start)
    while i < len(ctx.mentions) and ctx.mentions[i].start < end:
        m = ctx.mentions[i]
        rest = ctx.text[m.end : end].strip(" .,;:!?\n")
        if m.start - start <= 1 and not rest:
            return True
        i += 1
    return False


def _reported_fragment(ctx: Context, start: int, end: int) -> bool:
    """A short quote governed by a verb of saying or judging outside it, in an active clause:
    'the senator called it "a non-starter"', 'she accused the firm of "swindling"'."""
    sent = ctx.sent_at(start)
    if sent is None or word_count(ctx.text[start:end]) < 1:
        return False
    inside = [t for t in sent.span if start <= ctx.tstart(t) < end]
    if not inside:
        return False
    root = next((t for t in inside if not (start <= ctx.tstart(t.head) < end) or t.head.i == t.i), inside[0])
    before = ctx.text[max(0, start - 10) : start].rstrip(" \"'“‘«").split()
    # "dismissed the plan as a 'costly folly'": a judgement, though after an article
    judged = len(before) > 1 and before[-2].lower() == "as"
    if root.dep_ in _NAMING_DEPS or (before and before[-1].lower() in ("a", "an", "the") and not judged):
        return False  # a term naming a thing ('the council's "green corridor" would open'), not words said
    tok = root
    for _ in range(_FRAGMENT_DEPTH):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if start <= ctx.tstart(tok) < end:
            continue
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in FRAGMENT_VERBS:
            return not any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    return False


def word_count(content: str) -> int:
    return len(_WORD.findall(content))


def candidate_quotes(ctx: Context) -> list[tuple[int, int]]:
    """Quote spans (content offsets, trimmed) that are real quotes: body text, long enough, not a name."""
    spans = []
    text = ctx.text
    for raw in find_quotes(text):
        start, end = _trim(text, raw.start, raw.end)
        if end <= start:
            continue
        content = text[start:end]
        if not raw.closed:
            # an unclosed quote ends where the attribution starts: '"... steel,\nsaid Mark Evans'
            m = _ATTRIB_IN.search(content)
            if m:
                end = start + m.start(1) + 1
                content = text[start:end]
            # or at its last sentence end
            cut = max(content.rfind(". "), content.rfind(".\n"), content.rfind('." '))
            if cut > 0 and len(content) > 400:
                end = start + cut + 1
                content = text[start:end]
        if ctx.kind_at(start) != BODY:
            continue
        if is_name_like(content):
            continue
        if _SCARE_INTRO.search(text[max(0, start - 30) : start]) and word_count(content) <= 8:
            continue  # the so-called "friends of the region"
        if (
            word_count(content) < MIN_WORDS
            and not _attributed_short_quote(text, start, end)
            and not _reported_fragment(ctx, start, end)
        ):
            continue
        if _is_actor_name(ctx, start, end):
            continue
        spans.extend(_paragraph_parts(text, start, end))
    blocks = block_quotes(ctx) + tweet_quotes(ctx)
    if blocks:
        spans = [s for s in spans if not any(b0 <= s[0] < b1 for b0, b1 in blocks)]
        spans = sorted(spans + blocks)
    return spans


# A line break inside a quote that ends a paragraph: after a sentence end, and either the line before is
# a whole paragraph (long, not a line wrapped at a fixed width) or the next line is indented.
_PARA_BREAK = re.compile(r"[.!?:]['’\"”]?[ \t]*\n(?=[ \t]+\S|\S)")
_LONG_LINE = 120


def _paragraph_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A quote running over paragraphs set off by single line breaks is one quote per paragraph (the
    annotation guide's rule for quotes over paragraphs), each part long enough to be a quote itself."""
    if "\n" not in text[start:end]:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    cur = start
    for m in _PARA_BREAK.finditer(text, start, end):
        nl = text.index("\n", m.start())
        line_start = text.rfind("\n", 0, nl) + 1
        indented = text[nl + 1 : nl + 2] in (" ", "\t")
        if not indented and nl - line_start < _LONG_LINE:
            continue
        a, b = _trim(text, cur, nl)
        nxt_a, nxt_b = _trim(text, nl + 1, end)
        if word_count(text[a:b]) >= MIN_WORDS and word_count(text[nxt_a:nxt_b]) >= MIN_WORDS:
            parts.append((a, b))
            cur = nl + 1
    a, b = _trim(text, cur, end)
    parts.append((a, b))
    return parts


# --- block quotations --------------------------------------------------------------------------------
# A page whose markup lost the quotation marks prints a speaker's words as paragraphs after a line that
# ends with a colon ("She writes:"). Not a list (bullets, dashes, numbers), a link or a sign-off.
_NOT_PROSE = re.compile(r"\s*(?:[-–—•*·>#]|\d+[.)]\s|https?:|www\.|[\"“”„‘’'«])")
_PROSE_START = re.compile(r"\s*(?:[A-Z]|\.\.\.|…|\[)")
BLOCK_MIN_WORDS = 8


_SPEECH_LIKE = re.compile(r"^\s*(?:\[|\.\.\.|…)|\b(?:I|[Ww]e|[Oo]ur|[Uu]s|[Mm]y|[Mm]e|[Yy]ou|[Yy]our)\b")


def _speech_like(para: str) -> bool:
    """A paragraph that goes on with someone's words: it speaks in the first or second person or opens
    with an omission mark ("[...]", "..."); a narrative paragraph after a block quotation does neither."""
    return _SPEECH_LIKE.search(para) is not None


def _before_intro(ctx: Context, j: int) -> bool:
    """The paragraph after block ``j`` introduces the next speaker ("Jane Roe, the director, said:"): the
    quoted words of the one before run up to it."""
    if j + 1 >= len(ctx.blocks):
        return False
    b = ctx.blocks[j + 1]
    return b.kind == BODY and ctx.text[b.start : b.end].rstrip().endswith(":")


def _introduces(ctx: Context, j: int) -> bool:
    """A paragraph ending with a colon introduces the next one only when a body paragraph follows it (a
    quoted paragraph ending "...must not:" before a sign-off line is quoted text)."""
    return j + 1 < len(ctx.blocks) and ctx.blocks[j + 1].kind == BODY


def block_quotes(ctx: Context) -> list[tuple[int, int]]:
    """Spans of block quotations: the body paragraphs after a body paragraph ending with a colon, up to the
    next paragraph that introduces another (ends with a colon), is not prose, is not body text, or reads
    as narrative again (no first or second person, and not right before the next speaker's colon)."""
    text = ctx.text
    out: list[tuple[int, int]] = []
    blocks = ctx.blocks
    i = 0
    while i < len(blocks) - 1:
        intro = blocks[i]
        i += 1
        if intro.kind != BODY or not text[intro.start : intro.end].rstrip().endswith(":"):
            continue
        j = i
        while j < len(blocks):
            b = blocks[j]
            para = text[b.start : b.end]
            if (
                b.kind != BODY
                or _NOT_PROSE.match(para)
                or not _PROSE_START.match(para)
                or word_count(para) < BLOCK_MIN_WORDS
                or (para.rstrip().endswith(":") and _introduces(ctx, j))
                or (j > i and not _speech_like(para) and not _before_intro(ctx, j))
            ):
                break
            j += 1
        if j > i:
            start, end = _trim(text, blocks[i].start, blocks[j - 1].end)
            if end > start:
                out.append((start, end))
        i = j
    return out


# --- tweets ----------------------------------------------------------------------------------------
# A run of posts printed as paragraphs "@handle: text" (no quotation marks): each is the handle's quote,
# without the reply handles that open it and the links or handles that close it.
_TWEET = re.compile(r"[ \t]*@(\w{1,30}):[ \t]+((?:@\w{1,30}[ \t]+)*)")
_TWEET_HANDLE = re.compile(r"@(\w{1,30}):[ \t]+(?:@\w{1,30}[ \t]+)*$")
TWEET_KINDS = (BODY, HEADING)  # a short post without a full stop can look like a heading line


def _tweet_tail(word: str) -> bool:
    return word.startswith(("@", "http", "www.")) or "twitter.com/" in word or not any(c.isalnum() for c in word)


def tweet_quotes(ctx: Context) -> list[tuple[int, int]]:
    """Spans of posts printed as "@handle: text" paragraphs."""
    text = ctx.text
    out = []
    for b in ctx.blocks:
        if b.kind not in TWEET_KINDS or text[b.start : b.start + 40].lstrip()[:1] != "@":
            continue
        m = _TWEET.match(text, b.start, b.end)
        if m is None:
            continue
        words = text[m.end() : b.end].split()
        while words and _tweet_tail(words[-1]):
            words.pop()
        if len(words) < MIN_WORDS - 1:
            continue
        start = m.end()
        end = text.index(words[-1], start) + len(words[-1])
        out.append((start, end))
    return out


def _tweet_author(ctx: Context, start: int) -> str | None:
    """The handle that opens the line of a post ("@handle: ..."), as a person actor."""
    line = ctx.text.rfind("\n", 0, start) + 1
    m = _TWEET_HANDLE.search(ctx.text, line, start)
    if m is None or ctx.text[line : m.start()].strip():
        return None
    return handle_actor(ctx, m.start(), m.start(1) + len(m.group(1)))


# --- attribution -----------------------------------------------------------------------------------


def _speech_verbs(ctx: Context, sent: Any, qstart: int, qend: int) -> list[Any]:
    out = []
    span = sent.span
    llemma = ctx.attrs(span.doc).llemma
    for k in range(span.start, span.end):
        if llemma[k] not in SPEECH_VERBS:
            continue  # tested on the doc's strings: no Token built for the other words
        tok = span.doc[k]
        pos = ctx.tstart(tok)
        if ctx.in_quote(pos):
            continue
        out.append(tok)
    return out


def _subject_speakers(ctx: Context, verb: Any) -> list[str]:
    """The actors that speak for ``verb``: the phrase the attribution patterns name, resolved."""
    subj = speaker_phrases(verb)
    keys: list[str] = []
    subj = [verb.head if s.lower_ in ("which", "that", "who") and verb.dep_ == "relcl" else s for s in subj]
    # "X's director, Jane Roe, said", parsed as two conjoined subjects: both are candidates
    subj = [_whole_of(t) for s in subj for t in (s, *(c for c in s.conjuncts if c.i > s.i))]
    for s in subj:
        keys.extend(k for k in _phrase_speakers(ctx, s) if k not in keys)
    # "Party leader and Prime Minister Jane Roe said": of two subjects, the person speaks
    keys.sort(key=lambda k: not is_person(ctx, k))
    return keys


def _phrase_speakers(ctx: Context, s: Any) -> list[str]:
    """The actors a speaking noun phrase stands for, the person first when it names one."""
    head = [m.key for m in ctx.mentions_at(s) if is_person(ctx, m.key)]
    if head:
        return head[:1]
    if s.lower_ in ("he", "she", "his", "her"):
        key = pronoun_speaker(ctx, s)
        if key:
            return [key]
    if s.lemma_.lower() in PART_HEADS:
        # "a group of residents said": the residents
        of = next((c for c in s.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if whole is not None:
            return _phrase_speakers(ctx, whole)
    if s.lemma_.lower() in DOCUMENT_NOUNS:
        # "her letter to the council reads", "the notice said": whoever wrote or issued it
        found = _owner(ctx, s) or _maker(ctx, s) or _issuer(ctx, s)
        if found:
            return found[:1]
    # "said the Dutch finance minister, Eelco Heinen": the person named in apposition
    named = [k for c in s.children if c.dep_ == "appos" for k in np_actors(ctx, c) if is_person(ctx, k)]
    if named:
        return named[:1]
    # "US Ambassador to Utopia Jane Roe", "the director of the Acme Trust, Jane Roe": a person inside
    # the phrase that names the speaker's office
    inner = phrase_person(ctx, s)
    if inner:
        return [inner]
    found = np_actors(ctx, s)
    if not found and s.lemma_.lower() in SPOKES_NOUNS:
        found = _owner(ctx, s) or government_voice(ctx, s)  # "a spokesperson for the union", "a government source"
    if not found:
        found = [k for c in s.children if c.dep_ == "appos" for k in np_actors(ctx, c)]
    if not found:
        found = titled_holder(ctx, s)  # "the commissioner said": who holds that title in the article
    if not found:
        found = known_surname(ctx, s)  # "Roe noted": the surname of someone named in full before
    if not found:
        found = adopt_speaker(ctx, s)  # a person the actor stages missed
    if not found:
        found = adopt_body(ctx, s)  # an organisation the actor stages missed
    if not found:
        found = unnamed_speaker(ctx, s)  # "the chief coroner", "residents"
    keys = list(dict.fromkeys(found))
    if s.lower_ in ("office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "team"):
        for c in s.children:
            if c.dep_ == "poss":
                keys.extend(k for k in np_actors(ctx, c) if k not in keys)
    return keys


# a clause inside another one ("agreeing the issue should be decided by X") does not introduce the quote
_EMBEDDED_DEPS = frozenset({"ccomp", "xcomp", "acl", "relcl", "pcomp", "csubj"})


def _introducer(ctx: Context, toks: list[Any]) -> str | None:
    """Who the clause introducing a quote names: the subject of a speech verb in it ("As Jane Roe said
    when the law passed:"), the owner of a document in it ("issued the following statement from the
    king:"), else the subject of its last verb ("the ministry defended the loan:")."""
    for t in reversed(toks):
        if (
            t.lemma_.lower() in SPEECH_VERBS
            and t.pos_ in ("VERB", "AUX")
            and (t.dep_ not in _EMBEDDED_DEPS or ctx.in_quote(ctx.tstart(t.head)))
            and not ctx.in_quote(ctx.tstart(t))
        ):
            keys = _subject_speakers(ctx, t)
            if keys:
                return keys[0]
    for t in toks:
        if t.lemma_.lower() in DOCUMENT_NOUNS and not ctx.in_quote(ctx.tstart(t)):
            if t.dep_ == "dobj" and any(c.dep_ == "poss" for c in t.children):
                continue  # "Jane Roe rejected the minister's statement:": Roe speaks, not the minister
            keys = _owner(ctx, t)
            if not keys and t.dep_ == "dobj":
                # "issued the following statement from the king", the "from" hung on the verb
                keys = [k for p in t.head.children if p.dep_ == "prep" and p.lower_ == "from" for k in _owner(ctx, p)]
                # "the senator issued the following statement": whoever issued it
                keys = keys or _subject_speakers(ctx, t.head)
            if keys:
                return keys[0]
    for t in reversed(toks):
        if t.pos_ in ("VERB", "AUX") and not ctx.in_quote(ctx.tstart(t)):
            keys = _subject_speakers(ctx, t)
            if keys:
                return keys[0]
    return None


def _whole_of(noun: Any) -> Any:
    """ "Part of the judge's statement reads": the statement speaks, not its part."""
    if noun.lemma_.lower() in ("part", "portion", "excerpt", "section", "extract"):
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            return pobj
    return noun


def _owner(ctx: Context, noun: Any) -> list[str]:
    """The actor a speaking noun belongs to: "X's spokesman", "a spokesperson for X", "a report by X"."""
    owners = [c for c in noun.children if c.dep_ in ("poss", "pobj")]  # a preposition's object too
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS:
            owners.extend(c for c in prep.children if c.dep_ == "pobj")
    # "the Utopian statement", "a council spokesman": an actor named before the noun
    owners.extend(c for c in noun.children if c.dep_ in ("compound", "amod") and ctx.mentions_at(c))
    keys: list[str] = []
    for o in owners:
        keys.extend(k for k in (np_actors(ctx, o) or _phrase_speakers(ctx, o)) if k not in keys)
    return keys


def _maker(ctx: Context, noun: Any) -> list[str]:
    """ "The letter said" after "Jane Roe sent the council a letter": whoever sent, wrote or issued the
    same kind of document, in this sentence or the two before (not counting the quotation's own)."""
    sent = ctx.sent_at(ctx.tstart(noun))
    if sent is None:
        return []
    lemma = noun.lemma_.lower()
    floor = ctx.sent_at(sentences_back(ctx, sent.index, 2))
    for other in reversed(ctx.sents[floor.index if floor is not None else sent.index : sent.index + 1]):
        for tok in reversed(other.span):
            if (
                tok.i != noun.i
                and tok.lemma_.lower() == lemma
                and tok.dep_ in ("dobj", "nsubjpass")
                and tok.head.pos_ == "VERB"
                and tok.head.lemma_.lower() not in SPEECH_VERBS
                and ctx.tstart(tok) < ctx.tstart(noun)
                and not ctx.in_quote(ctx.tstart(tok))
            ):
                keys = _subject_speakers(ctx, tok.head)
                if keys:
                    return keys
    return []


def _issuer(ctx: Context, noun: Any) -> list[str]:
    """ "The report said" with no owner in the phrase: the organisation or country named last before it,
    within the two sentences before (the one that published the report)."""
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() not in SPEECH_VERBS:
        keys = _subject_speakers(ctx, noun.head)  # "X released a statement which read ..."
        if keys:
            return keys
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "this") for c in noun.children):
        return []
    pos = ctx.tstart(noun)
    sent = ctx.sent_at(pos)
    floor = ctx.sents[max(0, sent.index - 2)].start if sent is not None else pos - 600
    for m in ctx.mentions_before(pos, window=max(1, pos - floor)):
        rec = ctx.actors.get(m.key)
        if rec is not None and rec.kind in ISSUER_KINDS and not ctx.in_quote(m.start):
            return [m.key]
    return []


def _nearby_actor(ctx: Context, verb: Any) -> str | None:
    """Fallback when the parse gives no subject: the nearest person/actor next to the verb, outside quotes."""
    doc = verb.doc
    best = None
    before, after = range(verb.i - 1, max(-1, verb.i - 7), -1), range(verb.i + 1, min(len(doc), verb.i + 5))
    for side in (before, after):
        for k in side:
            tok = doc[k]
            if ctx.in_quote(ctx.tstart(tok)) or tok.text in ('"', "'"):
                break  # the words stop at a quote on this side; the other side may still name the speaker
            for m in ctx.mentions_at(tok):
                rec = ctx.actors[m.key]
                if rec.kind == "person":
                    return m.key
                if best is None and side is before:  # after the verb only a person ('"..." tweeted Roe')
                    best = m.key
            if tok.lower_ in ("he", "she"):
                keys = np_actors(ctx, tok)
                if keys:
                    return keys[0]
    return best


def attribute(ctx: Context, spans: list[tuple[int, int]]) -> list[Quote]:
    quotes: list[Quote] = []
    prev_speaker: str | None = None
    prev_end = -1
    for start, end in spans:
        speaker = _speaker_for(ctx, start, end)
        if speaker is None and prev_speaker is not None and prev_end >= 0:
            # the next quote in the same paragraph, with no attribution of its own: same speaker
            between = ctx.text[prev_end:start]
            if len(between) < 600 and not re.search(r"\n[ \t]*\n", between):
                speaker = prev_speaker
            elif _runs_on(between):
                speaker = prev_speaker  # a quote running on into the next paragraph
        rec = ctx.actors.get(speaker) if speaker else None
        quotes.append(Quote(text=ctx.text[start:end], start=start, end=end, speaker=rec.name if rec else None))
        if speaker:
            prev_speaker, prev_end = speaker, end
    # A paragraph left open, with the next paragraph opening a quote again, is one quote running on: it
    # takes the speaker named at the end ('"Our members are exhausted.\n\n"They cannot ...," she added.')
    for q, nxt in zip(reversed(quotes[:-1]), reversed(quotes[1:]), strict=True):
        if q.speaker is None and nxt.speaker is not None:
            between = ctx.text[q.end : nxt.start]
            if "\n" in between and not between.strip(" \t\r\n\"'“”‘’«»") and between[:1] not in "\"'”’»":
                q.speaker = nxt.speaker
    # A paragraph that is a quote with no attribution of its own goes on with the speaker of the paragraph
    # before: the one whose words it reports or quotes ('Jane Roe says the plan works.\n\n"It has ..."').
    for k, q in enumerate(quotes):
        if q.speaker is None:
            key = _previous_paragraph_speaker(ctx, quotes[:k], q.start, q.end)
            rec = ctx.actors.get(key) if key else None
            if rec is not None:
                q.speaker = rec.name
    # a press release whose heading names its issuer ("Statement from Director Jane Roe on ..."): the
    # quotes nobody else is named for are the issuer's
    if any(q.speaker is None for q in quotes):
        issuer = release_issuer(ctx)
        rec = ctx.actors.get(issuer) if issuer else None
        for q in quotes:
            if q.speaker is None and rec is not None:
                q.speaker = rec.name
    return quotes


_MARKS_ONLY = " \t\r\n\"'“”‘’«»"
_PARA_REACH = 5000  # characters back to look for the start of a paragraph (bounded for very long lines)


def _paragraph_break(text: str, nl: int) -> bool:
    """The line break at ``nl`` ends a paragraph: a blank line on either side, or a single break after a
    paragraph's last sentence (clean.paragraph_break: an indented line or a long line)."""
    before = text[text.rfind("\n", 0, nl) + 1 : nl]
    after_end = text.find("\n", nl + 1)
    after = text[nl + 1 : after_end if after_end >= 0 else len(text)]
    return not before.strip() or not after.strip() or paragraph_break(text, nl)


def _paragraph_start(text: str, pos: int) -> int | None:
    """Where the paragraph holding ``pos`` starts; None when it is further back than the reach."""
    k = pos
    while k > 0 and pos - k < _PARA_REACH:
        nl = text.rfind("\n", 0, k)
        if nl < 0:
            return 0
        if _paragraph_break(text, nl):
            return nl + 1
        k = nl
    return 0 if k <= 0 else None


def _own_attribution(ctx: Context, start: int, end: int) -> bool:
    """The quote's sentences, or the one right after it, hold a speech verb of their own ('..." the
    spokesman said'): a speaker left unresolved there is not the previous paragraph's."""
    first, last = ctx.sent_at(start), ctx.sent_at(max(start, end - 1))
    if first is None or last is None:
        return False
    sents = ctx.sents[first.index : last.index + 2]
    return any(
        _speech_verbs(ctx, s, start, end) for s in sents if s.start < end or not _breaks(ctx.text[end : s.start])
    )


def _breaks(gap: str) -> bool:
    """More than a few marks and spaces, or a line break, between a quote and the next sentence."""
    return len(gap) >= 6 or "\n" in gap


def _previous_paragraph_speaker(ctx: Context, before: list[Quote], start: int, end: int) -> str | None:
    """The speaker a quote that opens its paragraph takes from the paragraph right before it: the subject
    of a speech verb in that paragraph's last sentence ("Jane Roe says the plan works."), else the speaker
    of that paragraph's last quote ('"...," Jane Roe says.' or a quote of hers running on)."""
    text = ctx.text
    para = _paragraph_start(text, start)
    if para is None or para == 0 or text[para:start].strip(_MARKS_ONLY + "_*") or _own_attribution(ctx, start, end):
        return None
    prev_end = len(text[:para].rstrip())
    prev = _paragraph_start(text, prev_end)
    if prev is None or prev_end <= prev or ctx.kind_at(prev_end - 1) != BODY:
        return None
    last = ctx.sent_at(prev_end - 1) or ctx.sent_at(prev_end - 2)
    if last is not None and last.start >= prev - 1:
        # the verb that governs the sentence ("X says that Y continues to ..."), not one it reports
        for verb in sorted(_speech_verbs(ctx, last, start, start), key=lambda v: len(list(v.ancestors))):
            keys = _subject_speakers(ctx, verb)
            if keys:
                return keys[0]
    for q in reversed(before):
        if q.end <= prev:
            break
        if q.speaker is not None:
            return next((k for k, rec in ctx.actors.items() if rec.name == q.speaker), None)
    return None


def _runs_on(between: str) -> bool:
    """The text between two quotes shows one quotation running on into the next paragraph: nothing but
    marks, or the rest of a paragraph left open (no closing mark) and a paragraph opening with a mark."""
    if not between.strip(_MARKS_ONLY):
        return True
    head, _, tail = between.partition("\n")
    return (
        bool(tail)
        and not tail.strip(_MARKS_ONLY)
        and "\n" in tail.rstrip(_MARKS_ONLY.replace("\n", ""))
        and not any(c in head for c in '"”»')
        and tail.rstrip(" \t")[-1:] in '"“”«'
    )


def _speaker_for(ctx: Context, start: int, end: int) -> str | None:
    if ctx.text[ctx.text.rfind("\n", 0, start) + 1 : start].lstrip()[:1] == "@":
        return _tweet_author(ctx, start)
    first = ctx.sent_at(start) or ctx.sent_at(max(0, start - 2))
    last = ctx.sent_at(max(start, end - 1)) or first
    if first is None or last is None:
        return None
    sents = ctx.sents[first.index : last.index + 1]
    # the sentence after, when the quote ends its sentence ('..." the French president said.')
    if last.index + 1 < len(ctx.sents):
        nxt = ctx.sents[last.index + 1]
        gap = ctx.text[end : nxt.start]
        content_end = ctx.text[max(start, end - 1) : end]
        if (
            len(gap.strip(_GAP_CHARS)) == 0
            and nxt.start - end < 6
            and "\n\n" not in gap
            and (
                content_end in ",?!—–-" or ctx.text[nxt.start : nxt.start + 1].islower() or _bare_attribution(ctx, nxt)
            )
        ):
            sents.append(nxt)
    verbs = []
    for s in sents:
        verbs.extend(_speech_verbs(ctx, s, start, end))

    # nearest to the quote: after its end first, then before its start
    def distance(tok: Any) -> int:
        p = ctx.tstart(tok)
        # a verb after the quote that reports a clause of its own ("while the mayor said 40 were
        # missing") attributes that clause, not the quote: it comes after the verbs before the quote
        own = p >= end and any(c.dep_ == "ccomp" and not ctx.in_quote(ctx.tstart(c)) for c in tok.children)
        # a relative or subordinate clause that does not govern the quote ("X commented on the move,
        # which the paper noted as unusual, '...'"; '"...", while Y called it ...') is about something else
        aside = tok.dep_ in ("relcl", "advcl", "conj") and not any(start <= ctx.tstart(t) < end for t in tok.subtree)
        # "X commented, which the paper noted as unusual, ...": a relative clause the parse did not mark
        relative = any(c.lower_ in ("which", "whom") and c.dep_ in ("dobj", "nsubj") for c in tok.children)
        if p >= end:
            return p - end + (10_000 if own or (aside and p < last.end) else 0)
        return (start - p) + 40 + (5_000 if (aside and tok.dep_ == "relcl") or relative else 0)

    verbs.sort(key=distance)
    # '"...," said the minister.' after the quote attributes it before any colon clause that opens it
    after = [v for v in verbs if distance(v) < 10_000 and ctx.tstart(v) >= end]
    for verb in after:
        keys = _subject_speakers(ctx, verb)
        if keys:
            return keys[0]
    # 'In a statement, the ministry defended the strike: "..."': the clause before a colon introduces the quote
    if ctx.text[first.start : start].rstrip(" \n\"'“‘«").endswith(":"):
        key = _introducer(ctx, [t for t in first.span if ctx.tstart(t) < start])
        if key:
            return key
    if verbs:
        for verb in verbs:
            keys = _subject_speakers(ctx, verb)
            if keys:
                return keys[0]
        for verb in verbs:
            key = _nearby_actor(ctx, verb)
            if key:
                return key
    # "..., according to X": the person when the phrase names one ("according to Acme University scholar
    # Jane Roe"), else the actor it names
    for s in sents:
        for i in according_to(s.span):
            doc = s.span.doc
            if ctx.in_quote(ctx.tstart(doc[i - 1])):
                continue
            if i < len(doc) and doc[i].lower_ in ("him", "her"):
                key = pronoun_speaker(ctx, doc[i])  # "according to him"
                if key:
                    return key
            found = [m.key for t in doc[i : min(len(doc), i + 8)] for m in ctx.mentions_at(t)]
            persons = [k for k in found if is_person(ctx, k)]
            if persons or found:
                return (persons or found)[0]
    # the sentence before ends with a colon ('The minister said: "..."') or announces what follows
    # ("X made the following statement.", "the agency posted this message:")
    if first.index > 0:
        prev = ctx.sents[first.index - 1]
        colon = ctx.text[prev.start : start].rstrip(" \n\"'“‘").endswith(":")
        following = any(t.lower_ == "following" and t.dep_ == "amod" for t in prev.span)
        if colon or following:
            for verb in _speech_verbs(ctx, prev, start, end):
                keys = _subject_speakers(ctx, verb)
                if keys:
                    return keys[0]
            key = _introducer(ctx, list(prev.span))
            if key:
                return key
        # a quote that opens a new sentence with no attribution of its own, right after a sentence that
        # reports someone's words: 'X told reporters the talks went well. "We are close to a deal."'
        # (not when the quote has an attribution of its own that named no one: '"...," the spokesman said.')
        opens = not ctx.text[first.start : start].strip(" \t\n\"'“‘«„")
        prev_text = ctx.text[prev.start : prev.end].rstrip()
        gap = ctx.text[prev.start + len(prev_text) : first.start]  # a sentence span keeps its trailing break
        if opens and not verbs and "\n" not in gap and prev_text[-1:] in (".", "!", "?"):
            for verb in _speech_verbs(ctx, prev, start, end):
                keys = _subject_speakers(ctx, verb)
                if keys:
                    return keys[0]
    # 'Jane Roe, also on social media, defended the plan, "..."': a clause and a comma open the quote
    lead = [t for t in first.span if ctx.tstart(t) < start and not ctx.in_quote(ctx.tstart(t))]
    if lead and ctx.text[first.start : start].rstrip(" \n\"'“‘«").endswith(","):
        return _introducer(ctx, lead)
    return None


_BARE_MAX_TOKENS = 16


def _bare_attribution(ctx: Context, sent: Any) -> bool:
    """A short sentence that only attributes ('"... again." Fenwick said.', 'said the mayor, Jane Roe.'):
    its speech verb reports no clause of its own, so it names the speaker of the quote just before."""
    span = sent.span
    if len(span) > _BARE_MAX_TOKENS:
        return False
    root = span.root
    if root.lemma_.lower() not in SPEECH_VERBS or ctx.in_quote(ctx.tstart(root)):
        return False
    if any(c.dep_ == "oprd" or (c.dep_ == "dobj" and root.lemma_.lower() not in _ADDRESS_VERBS) for c in root.children):
        return False  # 'Critics called the plan a trap.' judges something of its own
    return not any(c.dep_ in ("ccomp", "xcomp", "advcl", "conj") for c in root.children)


_ADDRESS_VERBS = frozenset({"tell", "inform", "assure", "reassure", "remind", "warn", "ask", "brief"})
