import pytest
from rest_framework.test import APIClient

from apps.review.statuses import ReviewStatus
from apps.tracking.models import ClaimGroup, ClaimGroupMember, CommitmentInitiative, Finding, Initiative, LinkStatus
from apps.tracking.services import initiative_create
from tests.factories import ClaimFactory, CommitmentFactory
from tests.tracking.scenario import country

pytestmark = pytest.mark.django_db

NAMES = ["France", "United Kingdom", "Turkey", "Poland", "Greece", "Italy"]


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def force():
    initiative = initiative_create(name="Reassurance force for Ukraine")
    for name in NAMES[:3]:
        c = CommitmentFactory(actor=country(name), review_status=ReviewStatus.VERIFIED)
        CommitmentInitiative.objects.create(commitment=c, initiative=initiative, status=LinkStatus.CONFIRMED)
    # Unpublished: an unreviewed commitment, and a verified one whose link nobody confirmed.
    c = CommitmentFactory(actor=country("Poland"))
    CommitmentInitiative.objects.create(commitment=c, initiative=initiative, status=LinkStatus.CONFIRMED)
    c = CommitmentFactory(actor=country("Greece"), review_status=ReviewStatus.VERIFIED)
    CommitmentInitiative.objects.create(commitment=c, initiative=initiative, status=LinkStatus.SUGGESTED)
    return initiative


def test_initiatives_list_only_public_ones(client, force):
    initiative_create(name="Proposed by the machine", status=Initiative.Status.PROPOSED)
    data = client.get("/api/v1/initiatives/").json()
    assert [i["name"] for i in data["results"]] == ["Reassurance force for Ukraine"]
    assert data["results"][0]["actor_count"] == 3


def test_ledger_endpoint_shows_published_rows_only(client, force):
    data = client.get(f"/api/v1/initiatives/{force.pk}/ledger/").json()
    names = {a["actor"]["name"] for a in data["actors"]}
    assert names == {"France", "United Kingdom", "Turkey"}
    france = next(a for a in data["actors"] if a["actor"]["name"] == "France")
    assert france["stance"] == "committed" and france["evidence"]["review_status"] == "verified"
    assert data["by_stance"]["committed"] == 3


def test_proposed_initiative_ledger_is_not_public(client):
    proposed = initiative_create(name="Proposed", status=Initiative.Status.PROPOSED)
    assert client.get(f"/api/v1/initiatives/{proposed.pk}/ledger/").status_code == 404


def test_claim_groups_list_published_claims_only(client):
    group = ClaimGroup.objects.create(label="26 countries")
    hidden_group = ClaimGroup.objects.create(label="only unreviewed")
    public = ClaimFactory(review_status=ReviewStatus.VERIFIED)
    ClaimGroupMember.objects.create(group=group, claim=public)
    ClaimGroupMember.objects.create(group=group, claim=ClaimFactory())
    ClaimGroupMember.objects.create(group=hidden_group, claim=ClaimFactory())

    data = client.get("/api/v1/claim-groups/").json()
    assert [g["id"] for g in data["results"]] == [group.pk]
    assert [c["id"] for c in data["results"][0]["claims"]] == [public.pk]
    assert client.get(f"/api/v1/claim-groups/?claim={public.pk}").json()["results"][0]["id"] == group.pk


def test_findings_endpoint_shows_published_findings_only(client, force):
    Finding.objects.create(
        key="a",
        kind=Finding.Kind.COUNT_GAP,
        initiative=force,
        summary="published",
        review_status=ReviewStatus.VERIFIED,
        claim=ClaimFactory(),
    )
    Finding.objects.create(key="b", kind=Finding.Kind.COUNT_GAP, initiative=force, summary="machine only")
    Finding.objects.create(
        key="c",
        kind=Finding.Kind.COUNT_GAP,
        initiative=force,
        summary="dismissed",
        review_status=ReviewStatus.DISMISSED,
    )
    data = client.get("/api/v1/findings/").json()
    assert [f["summary"] for f in data["results"]] == ["published"]
    assert data["results"][0]["claim"] is None  # its claim is unreviewed: not linked


def test_actor_stances_endpoint(client, force):
    france = country("France")
    data = client.get(f"/api/v1/actor-stances/{france.pk}/").json()
    assert data["actor"]["name"] == "France"
    assert [h["initiative"]["slug"] for h in data["initiatives"]] == [force.slug]
    poland = country("Poland")
    assert client.get(f"/api/v1/actor-stances/{poland.pk}/").json()["initiatives"] == []


def test_list_endpoints_cost_a_fixed_number_of_queries(client, force, django_assert_max_num_queries):
    for k in range(5):
        initiative_create(name=f"Initiative {k}")
        group = ClaimGroup.objects.create(label=f"group {k}")
        for _ in range(3):
            ClaimGroupMember.objects.create(group=group, claim=ClaimFactory(review_status=ReviewStatus.VERIFIED))
        Finding.objects.create(
            key=f"k{k}",
            kind=Finding.Kind.COUNT_GAP,
            initiative=force,
            summary="x",
            review_status=ReviewStatus.VERIFIED,
            actor=country(NAMES[k]),
            claim=ClaimFactory(review_status=ReviewStatus.VERIFIED),
        )
    for url, limit in (
        ("/api/v1/initiatives/", 1),
        ("/api/v1/claim-groups/", 2),
        ("/api/v1/findings/", 1),
        (f"/api/v1/initiatives/{force.pk}/ledger/", 2),
    ):
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200
