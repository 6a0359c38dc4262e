"""A title for an article given without one: its headline.

The engine's block classes (apps.extraction.engine.clean) already tell mastheads, bylines, credits,
captions and "related" links from headings and body text. The headline is the first heading before the
body that reads like one (a few words, mostly letters); when the article has no such heading, the start
of its first paragraph stands in.
"""

from __future__ import annotations

import re

from apps.extraction.engine.clean import BODY, HEADING, blocks, working_text

MIN_WORDS = 4
MAX_TITLE = 200
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _headline_like(text: str) -> bool:
    """Several words, and mostly letters: not a one-word masthead, a logo's stray symbols or a date."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return False
    letters = sum(len(w) for w in words)
    visible = len("".join(text.split()))
    return letters >= 0.7 * visible


def _continuation(text: str, end: int) -> str:
    """A headline broken over two lines ("… Commits to X\\nForce if Y"): the next line, when it is a short
    title-cased line glued by a single line break and the headline did not end a sentence."""
    if text[end : end + 1] != "\n" or text[end + 1 : end + 2] == "\n":
        return ""
    line = text[end + 1 : text.find("\n", end + 1) if "\n" in text[end + 1 :] else len(text)].strip()
    words = _words(line)
    if not (1 <= len(words) <= 8) or line[-1:] in ".!?:;,\"'”’)":
        return ""
    titled = sum(1 for w in words if w[0].isupper()) / len(words)
    return line if titled >= 0.6 and words[0][0].isupper() else ""


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_TITLE:
        return text
    cut = text[:MAX_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def headline(text: str) -> str:
    """The article's headline, or the start of its first paragraph; "" when neither exists."""
    if not text or not text.strip():
        return ""
    sample = text[:20_000]
    found = blocks(sample, working_text(sample))
    for block in found:
        part = sample[block.start : block.end]
        if block.kind == BODY:
            break
        if block.kind == HEADING and _headline_like(part) and not _SENTENCE_END.search(part.strip()[:-1]):
            rest = _continuation(sample, block.end) if part.strip()[-1:] not in ".!?" else ""
            return _shorten(f"{part} {rest}" if rest else part)
    for block in found:
        if block.kind == BODY:
            part = " ".join(sample[block.start : block.end].split())
            m = _SENTENCE_END.search(part)
            return _shorten(part[: m.end()] if m else part)
    return ""
