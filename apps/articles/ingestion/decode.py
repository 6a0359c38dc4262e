from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

DEFAULT_MAX_BYTES = 2_000_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class InputError(ValueError):
    """Input that cannot become an article. The message is shown to the person who sent it."""


def decode_bytes(raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode an upload or a file into text, or raise :class:`InputError` saying why not."""
    if len(raw) > max_bytes:
        raise InputError(f"the input is too large ({len(raw):,} bytes; the limit is {max_bytes:,})")
    if not raw.strip():
        raise InputError("the input is empty")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return _check_text(raw.decode(encoding, errors="strict"))
    if b"\x00" in raw[:8192]:
        raise InputError("the input looks binary (it contains NUL bytes), not text or HTML")
    try:
        return _check_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw[:200_000]).best()
    if best is None:
        raise InputError("the input could not be decoded as text in any known encoding")
    return _check_text(raw.decode(best.encoding, errors="strict"))


def _check_text(text: str) -> str:
    if not text.strip():
        raise InputError("the input is empty")
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > max(10, len(sample) // 100):
        raise InputError("the input looks binary (too many control characters), not text or HTML")
    return text


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<") and bool(re.search(r"<(html|body|p|div|article|!doctype|head|span|h[1-6])\b", head))


def to_text(text: str, *, url: str | None = None) -> str:
    """Plain text stays as it is; HTML is reduced to its main text with trafilatura."""
    if not isinstance(text, str):
        raise InputError("the input is not text")
    if not text.strip():
        raise InputError("the input is empty")
    if not text.lstrip().startswith("<"):
        return text
    import trafilatura  # loaded on the first HTML input: it takes ~1 s to import, plain text never needs it

    extracted = trafilatura.extract(
        text, url=url, include_comments=False, include_tables=False, favor_recall=True, deduplicate=False
    )
    if not extracted or not extracted.strip():
        # Fragments and broken pages: fall back to all visible text.
        from lxml import html as lxml_html  # only for the rare fragment trafilatura gives up on

        try:
            tree = lxml_html.fromstring(text)
            for bad in tree.xpath("//script|//style|//noscript"):
                bad.drop_tree()
            extracted = "\n".join(t.strip() for t in tree.itertext() if t.strip())
        except Exception:  # lxml raises several types on garbage  # noqa: BLE001
            extracted = ""
    if not extracted.strip():
        raise InputError("no article text could be found in the HTML")
    return extracted
