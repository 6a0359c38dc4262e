"""Which stance a counting claim is about ("26 countries have committed" -> committed). Plain Python."""

from __future__ import annotations

import re

# The earliest match wins; on a tie, the earlier pattern (negations before the verbs they contain).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "declined",
        re.compile(
            r"\b(declin\w*|refus\w*|ruled out|rule out|will not|won't"
            r"|not (?:yet )?(?:send\w*|join\w*|commit\w*|tak\w* part|agree\w*))\b"
        ),
    ),
    ("opposed", re.compile(r"\b(oppos\w*|reject\w*|object(?:ed|s)? to)\b")),
    ("undecided", re.compile(r"\b(undecided|not yet (?:taken|decided|made)|yet to decide|have not decided)\b")),
    ("open", re.compile(r"\b(open(?:ness)? to|expressed openness|consider\w*|willing to)\b")),
    ("conditional", re.compile(r"\b(on condition|conditional\w*|provided that|if (?:a|the) (?:peace|ceasefire))\b")),
    (
        "committed",
        re.compile(
            r"\b(commit\w*|pledg\w*|signed up|agreed to (?:join|send|contribute|deploy)"
            r"|will (?:send|deploy|contribute|join)|promis\w*|vowed)\b"
        ),
    ),
]
# Claims that count participants rather than a stance: compared with every actor in the ledger.
_PARTICIPATION = re.compile(
    r"\b(took part|take part|participat\w*|attend\w*|join(?:ed)? the (?:meeting|call|summit)|members?)\b"
)

ANY_STANCE = "any"


def claim_stance(text: str) -> str | None:
    """The stance a counting claim asserts, ``ANY_STANCE`` for participation counts, None when unclear."""
    lowered = (text or "").lower()
    # The stance named first is the one counted: "26 committed; some others have not yet taken a position".
    hits = [
        (m.start(), rank, stance) for rank, (stance, pattern) in enumerate(_PATTERNS) if (m := pattern.search(lowered))
    ]
    if hits:
        return min(hits)[2]
    if _PARTICIPATION.search(lowered):
        return ANY_STANCE
    return None
