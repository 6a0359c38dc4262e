"""Turning what arrives (bytes, HTML, files, URLs) into article text, refusing what can't be used."""

from .decode import InputError, decode_bytes, looks_like_html, to_text

__all__ = ["InputError", "decode_bytes", "looks_like_html", "to_text"]
