from __future__ import annotations


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "" when there is too little text to tell."""
    sample = " ".join(text[:20_000].split())
    if sum(c.isalpha() for c in sample) < 20:
        return ""
    import py3langid

    code, _score = py3langid.classify(sample)
    return code
