"""Input checks, a same-length working copy of the text, noise blocks and chunks.

Everything here is linear in the length of the text: single passes, and regular
expressions without nested quantifiers over unbounded input.

The *working text* has exactly the same length as the input, so every offset in
it is an offset in the input: curly quotes become straight ones, line breaks
inside a paragraph become spaces, HTML tags and runs of repeated punctuation are
blanked. spaCy only ever sees the working text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import EngineInputError

# Kinds of block. Only "body" yields quotes, claims and commitments; headings and captions still name actors.
BODY, HEADING, CAPTION, MASTHEAD, CREDIT, RELATED, BYLINE = (
    "body",
    "heading",
    "caption",
    "masthead",
    "credit",
    "related",
    "byline",
)
ACTOR_BLOCKS = {BODY, HEADING, CAPTION}

_TRANSLATE = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\t": " ",
        "\r": " ",
        "\n": " ",
        "\x0b": " ",
        "\x0c": " ",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_TAG = re.compile(r"<[A-Za-z!/][^<>\n]{0,500}>")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6});")
_PUNCT_RUN = re.compile(r"([^\w\s])\1{3,}")
_LONG_TOKEN = re.compile(r"\S{80,}")
# a Markdown link: its words stay ("the mayor [wrote](https://...) on"), its brackets and address are blanked
_MD_BOLD = re.compile(r"\*\*(?=\S)|(?<=\S)\*\*")  # Markdown bold marks, which glue to the words they touch
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{1,2000}\)")
# Markdown emphasis ("**Jane Roe**", "_“We agree,”_ said", "said**Jane"): blanked so that the parser sees
# the words; an underscore inside a word (a file name) or opening a handle (@_roe) stays, and so does a list
# bullet ("* item")
_EMPHASIS = re.compile(r"\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<!@)_{1,3}(?!\w)|(?<![\w@])_{1,3}")
_LETTER = re.compile(r"[^\W\d_]")
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]", re.S)
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_SENT_END = re.compile(r"[.!?][\"')\]]*\s+")
# "BRUSSELS — ", "KYIV, Ukraine (Reuters) - ", "LONDON, March 3 (AP) - ", "LONDON: " at the start of a
# paragraph: a dateline, not a subject.
_DATELINE_START = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’ -]{1,30}(?:,[ \t]*[A-Z][A-Za-z0-9.'’ -]{1,30}){0,2}[ \t]*"
    r"(?:\([A-Za-z .&]{1,30}\))?[ \t]*(?:[—–]|-{1,2}|:)[ \t]"
)

MAX_CHUNK = 4000

# A word broken at a line end, as in text taken from a PDF: "coun-\ntries". The working copy reads
# "countries" (and "co-funded" for a prefix that keeps its hyphen), padded with spaces to keep the length.
# (The hyphen comes first and the two letters before it are a lookbehind after it: a pattern that starts with
# a literal is searched for that character alone, not tried at every position of the text.)
_LINE_HYPHEN = re.compile(r"-(?<=[^\W\d_]{2}-)[ \t]*\r?\n[ \t]*(?=[a-z]{2})")
# Typesetters break words between syllables ("co-\nalition", "re-\nmain", "post-\npone"), so a broken
# word is joined unless its first part is one of the few prefixes that are hardly ever a syllable.
_KEEP_HYPHEN = {"self", "vice", "quasi", "well", "non", "half", "one", "two", "three", "four", "five"}


def line_hyphens(text: str) -> list[tuple[int, int, int, bool]]:
    """(hyphen position, start of the continued word, its end, keep the hyphen) for each broken word."""
    out = []
    for m in _LINE_HYPHEN.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        end = m.end()
        while end < len(text) and text[end].isalpha():
            end += 1
        out.append((m.start(), m.end(), end, text[start : m.start()].lower() in _KEEP_HYPHEN))
    return out


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, replacement) applied; the edits are in order and do not overlap."""
    if not edits:
        return text
    parts, pos = [], 0
    for start, end, replacement in edits:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def join_broken_words(text: str) -> str:
    """The text with words broken at a line end joined again (for an action or condition shown to editors)."""
    return _splice(text, [(h, cont, "-" if keep else "") for h, cont, _end, keep in line_hyphens(text)])


def hyphen_stretch(text: str) -> dict[int, int]:
    """Where a joined word ends in the working copy -> where it ends in the text (see working_text)."""
    return {h + keep + (end - cont): end for h, cont, end, keep in line_hyphens(text)}


def validate(text: object) -> str:
    """Return the text if something can be extracted from it, else raise EngineInputError."""
    if not isinstance(text, str):
        raise EngineInputError("the article is not text")
    if not text or not text.strip():
        raise EngineInputError("the article is empty")
    sample = text[:20_000]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(10, len(sample) // 100):
        raise EngineInputError("the article looks like binary data, not text")
    if not _TWO_LETTERS.search(sample):
        raise EngineInputError("the article has no words in it (no letters found)")
    if not re.search(r"[^\W\d_]{2,}", text[:200_000]):
        raise EngineInputError("the article has no words in it")
    return text


def _link_words(m: re.Match[str]) -> str:
    """A link's words, the rest blanked; an image (![...](...)) is left to the rules for blobs."""
    if m.start() > 0 and m.string[m.start() - 1] == "!":
        return m.group()
    return " " + m.group(1) + " " * (len(m.group()) - len(m.group(1)) - 1)


def working_text(text: str) -> str:
    """Same length as ``text``; quotes straightened, line breaks, tags, entities, punctuation runs and blobs blanked."""
    work = text.translate(_TRANSLATE)
    work = _CONTROL.sub(" ", work)
    if "<" in work:
        work = _TAG.sub(lambda m: " " * len(m.group()), work)
    if "&" in work:
        work = _ENTITY.sub(lambda m: " " * len(m.group()), work)
    work = _PUNCT_RUN.sub(lambda m: m.group()[:3] + " " * (len(m.group()) - 3), work)
    if "**" in work:
        work = _MD_BOLD.sub("  ", work)  # "said**<Name>" would be one token
    if "](" in work:
        work = _MD_LINK.sub(_link_words, work)
    if "*" in work or "_" in work:
        work = _EMPHASIS.sub(lambda m: " " * len(m.group()), work)
    work = _LONG_TOKEN.sub(lambda m: " " * len(m.group()), work)
    work = _splice(work, [(s, e, " " * (e - s)) for s, e in (m.span() for m in _DATELINE_START.finditer(text))])
    # a broken word moves left over its line break, padded after: same length, one token for the parser
    work = _splice(
        work,
        [
            (h, end, ("-" if keep else "") + work[cont:end] + " " * (cont - h - keep))
            for h, cont, end, keep in line_hyphens(text)
        ],
    )
    assert len(work) == len(text)
    return work


@dataclass
class Block:
    start: int
    end: int
    kind: str


_RELATED = re.compile(
    r"^\s*(?:related(?: article| story| content| coverage)?s?|read (?:more|also)|see also|more on this(?: story)?|"
    r"also read|recommended|watch|listen|you may also like|more from)\s*[:|]",
    re.I,
)
_CREDIT_END = re.compile(
    r"(?:\b[\w-]+\.(?:com|org|net|gov|ua|ru|uk|fr|de|eu|int|io|info|tv)(?:\.[a-z]{2})?|"
    r"\b(?:AFP|AP|Reuters|EPA|Getty Images|Getty|Shutterstock|Anadolu|Xinhua|TASS|Sputnik|Bloomberg|Pool)"
    r"(?: via [\w ]{1,40})?|\bphoto(?:graph)?s?)\W{0,3}$",
)
_CREDIT_START = re.compile(
    r"^\s*(?:photo(?:graph)?|image|picture|credit|illustration|video|caption|file photo)\b\s*[:|/-]", re.I
)
_BYLINE = re.compile(
    r"^\s*(?i:by|written by|reporting by|editing by|additional reporting by)\s+[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3})*\s*(?:[|,-].{0,60})?$"
)
_DATELINE = re.compile(r"^\s*(?:updated|published|posted|last updated)\b.{0,60}$", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|all rights reserved", re.I)
_WORD = re.compile(r"[^\W_][\w'’-]*")
# A row of a table or list kept as text: a label, a separator, then an amount with at most two unit words
# ("Party of Labour - 203 seats", "cocaine, 10 µg/L", "Rural pupils      £1,410"). Its number is a claim,
# so the row is body text, not a heading.
_DATA_ROW = re.compile(
    r"^(?:[^\w\s]{1,3} )?[^\W\d_][^\n]{0,80}?(?:\s[-–—]\s|,\s|:\s|\s\s)"  # bullet, label, separator
    r"\s*[£$€¥]?\d[\d,.]*(?:\s?[^\s\d]\S{0,11}){0,2}$"  # amount, unit words
)


def classify_block(raw: str) -> str:
    stripped = raw.strip()
    if not stripped:
        return MASTHEAD
    if _RELATED.match(stripped):
        return RELATED
    if _COPYRIGHT.search(stripped[:300]) and len(stripped) < 300:
        return CREDIT
    if _CREDIT_START.match(stripped) or (len(stripped) < 600 and _CREDIT_END.search(stripped[-80:])):
        return CAPTION
    if len(stripped) < 200 and (_BYLINE.match(stripped) or _DATELINE.match(stripped)):
        return BYLINE
    words = _WORD.findall(stripped[:400])
    letters = _LETTER.findall(stripped[:400])
    if len(letters) < 3:
        return MASTHEAD
    if len(words) <= 25 and all(_DATA_ROW.match(line.strip()) for line in stripped.splitlines() if line.strip()):
        return BODY
    if len(words) <= 25:
        cased = [w for w in words if w[0].isalpha()]
        if cased and all(w.isupper() for w in cased) and len(stripped) > 3:
            return MASTHEAD
        ends_sentence = stripped[-1] in ".!?:;\"'”’)"
        titled = sum(1 for w in cased if w[0].isupper()) / max(1, len(cased))
        if not ends_sentence and (len(words) <= 6 or titled >= 0.6 or "\n" not in stripped):
            return HEADING
        quoted_title = (
            stripped[0] in "\"'“‘"
            and stripped[-1] in "\"'”’"
            and len(words) <= 6
            and stripped.rstrip("\"'”’ ")[-1:] not in (".", "!", "?", ",")
        )
        if quoted_title:
            return HEADING
    return BODY


def blocks(text: str, work: str | None = None) -> list[Block]:
    """Split on blank lines and classify each block (on the working text, so tags don't count)."""
    out: list[Block] = []
    pos = 0
    # with the working text, blocks are classified on it below; the raw text only tells "related" lines
    final = work is None
    for m in _BLANK_LINES.finditer(text):
        _add_block(text, pos, m.start(), out, final)
        pos = m.end()
    _add_block(text, pos, len(text), out, final)
    if work is not None:
        for b in out:
            if b.kind not in (RELATED,):
                seg = work[b.start : b.end]
                lead = len(seg) - len(seg.lstrip())
                tail = len(seg) - len(seg.rstrip())
                if lead or tail:
                    b.start, b.end = b.start + lead, b.end - tail
                if b.start < b.end:
                    b.kind = classify_block(_restore_breaks(text, work, b.start, b.end))
        out = [b for b in out if b.start < b.end]
    return out


def _restore_breaks(text: str, work: str, start: int, end: int) -> str:
    """The working text of a block with its line breaks back (classification looks at lines)."""
    seg = work[start : min(end, start + 2000)]
    if "\n" not in text[start : start + 2000]:
        return seg
    chars = list(seg)
    for m in re.finditer("\n", text[start : start + len(seg)]):
        chars[m.start()] = "\n"
    return "".join(chars)


def _add_block(text: str, start: int, end: int, out: list[Block], final: bool = True) -> None:
    if start >= end:
        return
    # Strongly marked single lines inside a block (a "Related article:" line) are split off.
    line_start = start
    kind_start = start
    prev_line = ""
    wrap = _wrap_width(text[start:end])
    while line_start < end:
        nl = text.find("\n", line_start, end)
        line_end = end if nl < 0 else nl
        line = text[line_start:line_end]
        if line_start > start and _RELATED.match(line):
            _push(text, kind_start, line_start, out, final)
            out.append(Block(line_start, line_end, RELATED))
            kind_start = line_end
        elif (
            nl >= 0
            and len(line.rstrip()) < wrap
            and _heading_line(line, prev_line, text[nl + 1 : nl + 3], first=line_start == 0)
        ):
            # a title line glued to the text below it by a single line break
            _push(text, kind_start, line_start, out, final)
            out.append(Block(line_start, line_end, HEADING))
            kind_start = line_end
        prev_line = line if line.strip() else prev_line
        line_start = line_end + 1
    _push(text, kind_start, end, out, final)


_WRAP_MAX = 100  # hard-wrapped copy (wire and press-office text) breaks its lines below this width


def _wrap_width(block: str) -> int:
    """A block of three or more lines whose lines (but the last) are all of about the same length is one
    hard-wrapped paragraph: a line that long is part of it, not a heading glued on top ("<Title> <Given>"
    at a line's end, "Minister of" then the portfolio on the next line). Returns that length (lines at
    least this long are never headings), or a width no line reaches."""
    lines = [ln.rstrip() for ln in block.strip("\n").split("\n")]
    if len(lines) < 3:
        return _WRAP_MAX + 1
    widths = [len(ln) for ln in lines[:-1]]
    top = max(widths)
    if top > _WRAP_MAX or min(widths) < 0.75 * top:
        return _WRAP_MAX + 1
    return int(0.75 * top)


def _heading_line(line: str, prev_line: str, following: str, first: bool) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 200 or stripped[-1] in ".!?:;,\"'”’)-—–":
        return False
    if prev_line.strip() and prev_line.strip()[-1] not in ".!?\"'”’":
        return False
    nxt = following.lstrip("\"'“‘ ")
    if not nxt[:1].isupper():
        return False
    words = _WORD.findall(stripped)
    if not words or len(words) > 20:
        return False
    cased = [w for w in words if w[0].isalpha()]
    titled = sum(1 for w in cased if w[0].isupper()) / max(1, len(cased))
    return titled >= 0.6 or len(words) <= 8 or first


def _push(text: str, start: int, end: int, out: list[Block], final: bool = True) -> None:
    """Add the block [start, end) without its edge spaces; ``final=False``: only a "related" block gets its
    kind now (the others are classified again on the working text, see ``blocks``)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        raw = text[start : min(end, start + 2000)]
        kind = classify_block(raw) if final else (RELATED if _RELATED.match(raw) else BODY)
        out.append(Block(start, end, kind))


# A paragraph ends at a single line break when its last line ends a sentence (or a quotation) and the next
# line is indented (wire copy: "...in March.\n    The minister said") or the last line is a whole paragraph
# (one paragraph a line, longer than text wrapped at a fixed width).
_PARA_END = re.compile(r"[.!?:;\"'”’»)\]]$")
_PARA_LINE = 120


def paragraph_break(text: str, nl: int) -> bool:
    """The single line break at ``nl`` ends a paragraph (see _PARA_END)."""
    before = text[text.rfind("\n", 0, nl) + 1 : nl].rstrip()
    line_end = text.find("\n", nl + 1)
    after = text[nl + 1 : line_end if line_end >= 0 else len(text)]
    if not _PARA_END.search(before) or not after.strip():
        return False  # a blank line is a block break already
    return after[:1] in (" ", "\t") or len(before) >= _PARA_LINE


def paragraph_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets in [start, end) where a paragraph begins after a single line break (its first character):
    the parser is told a sentence starts there, so that a sentence never runs over a paragraph break."""
    out = []
    nl = text.find("\n", start, end)
    while nl >= 0:
        if paragraph_break(text, nl):
            k = nl + 1
            while k < end and text[k] in " \t":
                k += 1
            if k < end:
                out.append(k)
        nl = text.find("\n", nl + 1, end)
    return out


def chunks(work: str, start: int, end: int, max_chars: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """Cut [start, end) into pieces of at most ``max_chars`` at sentence ends, else at spaces."""
    out: list[tuple[int, int]] = []
    while end - start > max_chars:
        window_end = start + max_chars
        cut = -1
        for m in _SENT_END.finditer(work, start + max_chars // 2, window_end):
            cut = m.end()
        if cut < 0:
            space = work.rfind(" ", start + max_chars // 2, window_end)
            cut = space + 1 if space > 0 else window_end
        out.append((start, cut))
        start = cut
    if start < end:
        out.append((start, end))
    return out
