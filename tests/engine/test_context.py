"""The shared per-article indexes in Context give what spaCy's own attributes give (invented texts)."""

from __future__ import annotations

from apps.extraction.engine import clean, pipeline
from apps.extraction.engine.context import Context, Mention

TEXT = (
    "Harbour Talks Resume in Veltria\n\n"
    "Anna Berg, the Veltrian trade minister, met Carlos Mendes in Dornholm on Tuesday. "
    "The Northern Grain Council said it would buy 300 tonnes of wheat by March 2027.\n\n"
    "   \n\n"
    "Yuki Tanaka of the Lakeside Fishing Union said the deal was fair. Nobody else spoke."
)


def _context(text: str) -> Context:
    work, blocks, pieces, _lang, _stretch = pipeline._prepare(text)
    ctx = Context(text, work, blocks, pipeline.gazetteer())
    docs = []
    for s, e, kind in pieces:
        doc = pipeline.nlp()(work[s:e])
        doc.user_data["base"], doc.user_data["kind"] = s, kind
        docs.append((s, doc, kind))
    ctx.add_docs(docs)
    return ctx


def test_sentences_and_entities_match_spacy():
    ctx = _context(TEXT)
    expected = [
        (base + s.start_char, base + s.end_char) for base, doc, _kind in ctx.docs for s in doc.sents if s.text.strip()
    ]
    assert [(s.start, s.end) for s in ctx.sents] == expected
    assert [s.index for s in ctx.sents] == list(range(len(ctx.sents)))
    assert any(ctx.ents(doc) for _base, doc, _kind in ctx.docs)
    for _base, doc, _kind in ctx.docs:
        assert [(e.start, e.end, e.label_) for e in ctx.ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    for sent in ctx.sents:
        assert [(e.start, e.end) for e in ctx.sent_ents(sent)] == [(e.start, e.end) for e in sent.span.ents]


def test_mention_index_is_rebuilt_when_mentions_are_added():
    ctx = _context(TEXT)
    _base, doc, _kind = ctx.docs[1]
    first = Mention(ctx.tstart(doc[0]), ctx.tend(doc[1]), "person:berg", doc, 0, 2, "ner")
    ctx.mentions.append(first)
    ctx.index_mentions()
    assert ctx.mentions_at(doc[1]) == [first]
    ctx.index_mentions()  # nothing new: the index stands
    assert ctx.mentions_at(doc[0]) == [first]
    later = Mention(ctx.tstart(doc[6]), ctx.tend(doc[7]), "person:mendes", doc, 6, 8, "ner")
    ctx.mentions.append(later)
    ctx.index_mentions()
    assert ctx.mentions_at(doc[7]) == [later]
    assert ctx.mention_starts == sorted(ctx.mention_starts)


def test_blocks_on_the_working_text_keep_related_lines():
    text = "Ferry Fares Rise\n\nThe Dornholm ferry will cost more from May.\nRead more: Port news in brief\n"
    work = clean.working_text(text)
    kinds = [b.kind for b in clean.blocks(text, work)]
    assert clean.RELATED in kinds
    assert clean.BODY in kinds
    assert [b.kind for b in clean.blocks(text)][: len(kinds)] == kinds


def test_line_end_hyphens_are_found_after_two_letters_only():
    text = "The coun-\ntries agreed. A 12-\nmonth plan. An x-\nray. Co-\nalition talks.\n"
    found = [text[h - 4 : h + 1] for h, _cont, _end, _keep in clean.line_hyphens(text)]
    assert found == ["coun-", ". Co-"]  # not after digits ("12-") nor after one letter ("x-")


def test_token_strings_match_spacy():
    """Context.attrs gives, per token, what the Token attributes the rules used to read give."""
    ctx = _context(TEXT)
    for _base, doc, _kind in ctx.docs:
        attrs = ctx.attrs(doc)
        assert ctx.attrs(doc) is attrs  # built once per doc
        assert attrs.lower == [t.lower_ for t in doc]
        assert attrs.lemma == [t.lemma_ for t in doc]
        assert attrs.llemma == [t.lemma_.lower() for t in doc]
        assert attrs.pos == [t.pos_ for t in doc]
        assert attrs.dep == [t.dep_ for t in doc]
        assert attrs.like_num == [t.like_num for t in doc]
        assert attrs.is_title == [t.is_title for t in doc]
    assert any(True in ctx.attrs(doc).like_num for _b, doc, _k in ctx.docs)  # "300", "2027"
