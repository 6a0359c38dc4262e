"""Keys under which one real-world actor is recognised however it is spelt."""

from __future__ import annotations

import functools
import re
import unicodedata

from .words import WORDS

_APOS_S = re.compile(r"(?:'s|'|’s|’)$")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=8192)  # pure, and called for the same few names many times over
def surname_key(word: str) -> str:
    w = fold(_APOS_S.sub("", word.strip(".,;:")))
    w = re.sub(r"(.)\1+", r"\1", w)  # doubled letters: one spelling of a transliterated name
    w = re.sub(r"(?:iy|yi|ii)$", "y", w)  # -iy / -yi endings -> -y
    return w


@functools.lru_cache(maxsize=8192)
def org_key(name: str) -> str:
    words = [w for w in re.findall(r"\w+", fold(name)) if w not in ("the",)]
    return " ".join(words)


def smart_title(words: list[str]) -> str:
    out = []
    for k, w in enumerate(words):
        if k > 0 and w.lower() in WORDS.function_words:
            out.append(w.lower())
        elif w.isupper() and len(w) > 1:
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)
