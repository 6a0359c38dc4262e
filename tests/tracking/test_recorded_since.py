"""Who the ledger has recorded with a count gap's stance since the claim's date: not stored in the finding,
read when an editor (admin change page) or a reader (API finding detail) looks at it."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.review.statuses import ReviewStatus
from apps.tracking.models import CommitmentInitiative, Finding, LinkStatus
from apps.tracking.services import article_track, initiative_accept
from tests.factories import ArticleFactory, CommitmentFactory, UserFactory
from tests.tracking.scenario import country, september_article

pytestmark = pytest.mark.django_db

OCTOBER = dt.datetime(2025, 10, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="chief", is_superuser=True))
    return client


def _later(initiative, name: str, stance: str, *, published: bool, day: dt.datetime = OCTOBER):
    """A statement reported after the claim, linked to the initiative (published: verified and confirmed)."""
    commitment = CommitmentFactory(
        article=ArticleFactory(published_at=day),
        actor=country(name),
        stance=stance,
        review_status=ReviewStatus.VERIFIED if published else ReviewStatus.UNREVIEWED,
    )
    CommitmentInitiative.objects.create(
        commitment=commitment,
        initiative=initiative,
        status=LinkStatus.CONFIRMED if published else LinkStatus.SUGGESTED,
    )


@pytest.fixture
def gap(editor_user):
    """The September report's "26 countries have formally committed" (France the only one named on 4 Sep
    2025), published, in an accepted initiative; then October statements."""
    article_track(article=september_article())
    finding = Finding.objects.get(kind=Finding.Kind.COUNT_GAP, claim__quantity_value=26)
    initiative = finding.initiative
    initiative_accept(initiative=initiative, editor=editor_user)
    # France's September statement published too, so the public ledger also has it committed on the claim's date.
    france = CommitmentInitiative.objects.get(commitment__actor__name="France", initiative=initiative)
    france.status = LinkStatus.CONFIRMED
    france.save()
    france.commitment.review_status = ReviewStatus.VERIFIED
    france.commitment.save()
    finding.claim.review_status = ReviewStatus.VERIFIED
    finding.claim.save()
    finding.review_status = ReviewStatus.VERIFIED
    finding.save()
    _later(initiative, "France", "committed", published=True)  # already committed on the claim's date
    _later(initiative, "Turkey", "committed", published=True)
    _later(initiative, "Poland", "declined", published=True)  # another stance
    _later(initiative, "United Kingdom", "committed", published=False)  # editors only
    return finding


@pytest.fixture
def conflict(gap):
    """A published finding of another kind in the same initiative."""
    return Finding.objects.create(
        key="count_conflict:test",
        kind=Finding.Kind.COUNT_CONFLICT,
        initiative=gap.initiative,
        summary="26 vs 30 countries",
        details={"stance": "committed", "as_of": "2025-09-04", "unit": "countries"},
        review_status=ReviewStatus.VERIFIED,
    )


def _recorded_since_field(content: str) -> str:
    """The text of the change page's read-only "Recorded since" row."""
    start = content.index("field-recorded_since")
    return content[start : content.index("</div>\n", content.index('class="readonly"', start))]


def test_admin_change_page_lists_who_was_recorded_since(editor_client, gap):
    response = editor_client.get(reverse("admin:tracking_finding_change", args=[gap.pk]))
    assert response.status_code == 200
    field = _recorded_since_field(response.content.decode())
    assert "Recorded since" in field
    # Editors see the ledger the finding was computed from: the unreviewed statement too.
    assert "Turkey (committed since 2 Oct 2025)" in field
    assert "United Kingdom (committed since 2 Oct 2025)" in field
    assert "France" not in field and "Poland" not in field


def test_admin_change_page_of_another_kind_shows_a_dash(editor_client, conflict):
    response = editor_client.get(reverse("admin:tracking_finding_change", args=[conflict.pk]))
    field = _recorded_since_field(response.content.decode())
    assert "—" in field and "Turkey" not in field


def test_admin_changelist_does_not_read_ledgers(editor_client, gap):
    response = editor_client.get(reverse("admin:tracking_finding_changelist"))
    assert response.status_code == 200 and b"Turkey (committed" not in response.content


def test_api_detail_lists_published_statements_only(gap):
    data = APIClient().get(f"/api/v1/findings/{gap.pk}/").json()
    assert data["recorded_since"] == [{"id": country("Turkey").pk, "name": "Turkey"}]
    assert {"id", "kind", "summary", "initiative", "actor", "claim", "review_status"} <= set(data)


def test_api_detail_of_another_kind_lists_nobody(conflict):
    assert APIClient().get(f"/api/v1/findings/{conflict.pk}/").json()["recorded_since"] == []


def test_api_list_has_no_recorded_since(gap):
    [row] = [r for r in APIClient().get("/api/v1/findings/").json()["results"] if r["id"] == gap.pk]
    assert "recorded_since" not in row


def test_api_detail_costs_a_fixed_number_of_queries(gap, django_assert_num_queries):
    client = APIClient()
    url = f"/api/v1/findings/{gap.pk}/"
    # The finding, the initiative's statements as rows, their actors.
    with django_assert_num_queries(3):
        assert len(client.get(url).json()["recorded_since"]) == 1
    for k, name in enumerate(["Greece", "Italy", "Sweden", "Denmark", "Australia"]):
        _later(gap.initiative, name, "committed", published=True, day=OCTOBER + dt.timedelta(days=k))
    with django_assert_num_queries(3):
        assert len(client.get(url).json()["recorded_since"]) == 6


def test_schema_documents_recorded_since_on_the_detail_only():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    assert "recorded_since" not in components["Finding"]["properties"]
    assert components["FindingDetail"]["properties"]["recorded_since"]["items"]["$ref"].endswith("/RecordedSince")
    assert set(components["Finding"]["properties"]) < set(components["FindingDetail"]["properties"])
