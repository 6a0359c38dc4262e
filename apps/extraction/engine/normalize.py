"""Text normalisation shared by the engine and the alias table (plain Python)."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[’‘`´]")
_NON_WORD = re.compile(r"[^\w'&.\- ]+")
_SPACES = re.compile(r"\s+")


def normalize_alias(text: str) -> str:
    """Key under which an alias is looked up: accents folded, lower case, single spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _APOSTROPHES.sub("'", text)
    text = _NON_WORD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" .-")
    if text.startswith("the "):
        text = text[4:]
    return text
