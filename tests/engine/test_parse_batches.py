"""Long texts: chunk boundaries, spaCy batch sizes bounded for memory, offsets mapped back (invented texts)."""

from __future__ import annotations

import pytest

from apps.extraction.engine import clean, extract_many, pipeline, to_contract

PARAGRAPH = (
    "The Veltrian port authority said on Monday it would hire 40 more pilots by June. "
    '"We cannot keep ships waiting at anchor for a week," said Anna Berg, the authority\'s director. '
    "Carlos Mendes, who speaks for the dockers' union, said members would oppose longer shifts. "
    "Freight volumes rose 12% last year to 3.4 million tonnes, the authority said."
)


@pytest.mark.parametrize(
    ("chars", "size"),
    [
        (0, pipeline.PARSE_BATCH),
        (pipeline.PARSE_BATCH_CHARS, pipeline.PARSE_BATCH),  # ordinary flushes keep the fast, large batches
        (2 * pipeline.PARSE_BATCH_CHARS, pipeline.PARSE_BATCH // 2),
        (1_000_000, 51),  # a 1 MB article: about a fifth of the batch, so a fifth of the parse's working memory
        (50_000_000, pipeline.PARSE_BATCH_MIN),  # never below the floor (tiny batches parse slowly)
    ],
)
def test_parse_batch_size_shrinks_with_the_text_held(chars, size):
    assert pipeline.parse_batch_size(chars) == size


def test_chunks_cut_a_long_paragraph_at_sentence_ends_and_cover_it():
    text = " ".join([PARAGRAPH] * 12)
    pieces = clean.chunks(text, 0, len(text), max_chars=900)
    assert len(pieces) > 3
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:], strict=False))  # contiguous, no overlap
    assert all(e - s <= 900 for s, e in pieces)
    assert all(text[e - 2 : e] == ". " for _s, e in pieces[:-1])  # each cut right after a sentence's end


def test_small_parse_batches_give_the_same_extraction(monkeypatch):
    # an article cut into many chunks, parsed one chunk per spaCy batch versus the default batches: actors
    # resolved across chunks, quotes and claims land at the same offsets of the article
    article = "Port talks in Veltria\n\n" + "\n\n".join([PARAGRAPH] * 6)
    expected = [to_contract(r) for r in extract_many([article])]
    monkeypatch.setattr(pipeline, "PARSE_BATCH_CHARS", 1)
    monkeypatch.setattr(pipeline, "PARSE_BATCH_MIN", 1)
    monkeypatch.setattr(pipeline, "PARSE_BATCH", 1)
    assert pipeline.parse_batch_size(len(article)) == 1
    got = [to_contract(r) for r in extract_many([article])]
    assert got == expected
    result = got[0]
    assert result["quotes"] and result["claims"] and result["actors"]
    for actor in result["actors"]:
        assert all(article[m["start"] : m["end"]] == m["text"] for m in actor["mentions"])
    assert all(q["text"] in article[q["start"] : q["end"]] for q in result["quotes"])
    assert len({article.count("\n\n", 0, q["start"]) for q in result["quotes"]}) == 6  # one per paragraph
