import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from apps.review.statuses import ReviewStatus
from apps.tracking.models import ClaimGroup, ClaimGroupMember, CommitmentInitiative, Finding, Initiative, LinkStatus
from apps.tracking.services import article_track, initiative_create
from tests.factories import ClaimFactory, UserFactory
from tests.tracking.scenario import country, september_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="chief", is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def tracked():
    article = september_article()
    article_track(article=article)
    return article


def test_confirm_action_confirms_the_suggested_links(admin_client, tracked):
    links = list(CommitmentInitiative.objects.filter(commitment__actor__name="Italy"))
    response = admin_client.post(
        reverse("admin:tracking_commitmentinitiative_changelist"),
        {
            "action": "confirm_links",
            ACTION_CHECKBOX_NAME: [link.pk for link in links],
        },
    )
    assert response.status_code == 302
    for link in links:
        link.refresh_from_db()
        assert link.status == LinkStatus.CONFIRMED and link.decided_by == admin_client.user


def test_move_action_asks_then_moves_to_a_new_initiative(admin_client, tracked):
    link = CommitmentInitiative.objects.get(commitment__actor__name="Germany")
    url = reverse("admin:tracking_commitmentinitiative_changelist")
    page = admin_client.post(url, {"action": "move_links", ACTION_CHECKBOX_NAME: [link.pk]})
    assert page.status_code == 200 and b"Move these commitments" in page.content
    admin_client.post(
        url, {"action": "move_links", ACTION_CHECKBOX_NAME: [link.pk], "apply": "1", "new_name": "German participation"}
    )
    link.refresh_from_db()
    assert link.initiative.name == "German participation"
    assert link.status == LinkStatus.CONFIRMED


def test_changing_the_initiative_in_the_form_moves_and_confirms(admin_client, tracked):
    target = initiative_create(name="Monitoring mission")
    link = CommitmentInitiative.objects.get(commitment__actor__name="Italy", commitment__stance="open")
    response = admin_client.post(
        reverse("admin:tracking_commitmentinitiative_change", args=[link.pk]),
        {
            "commitment": link.commitment_id,
            "initiative": target.pk,
            "status": LinkStatus.SUGGESTED,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    link.refresh_from_db()
    assert link.initiative == target and link.status == LinkStatus.CONFIRMED


def test_editor_tracker_and_actor_stances_pages(admin_client, tracked):
    initiative = Initiative.objects.get()
    page = admin_client.get(reverse("admin:tracking_initiative_tracker", args=[initiative.pk]))
    assert page.status_code == 200
    assert b'class="badge badge-opposed"' in page.content and b"<svg" in page.content
    italy = country("Italy")
    page = admin_client.get(reverse("admin:tracking_actor_stances", args=[italy.pk]))
    assert page.status_code == 200 and initiative.name.encode() in page.content
    for name in ("initiative", "commitmentinitiative", "claimmatch", "claimgroup", "finding"):
        assert admin_client.get(reverse(f"admin:tracking_{name}_changelist")).status_code == 200


def test_apply_verdict_flow_asks_then_applies(admin_client):
    group = ClaimGroup.objects.create(label="26 countries")
    source = ClaimFactory(review_status=ReviewStatus.VERIFIED)
    others = [ClaimFactory(), ClaimFactory()]
    for c in (source, *others):
        ClaimGroupMember.objects.create(group=group, claim=c)
    url = reverse("admin:tracking_claimgroup_apply_verdict", args=[group.pk, source.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and b"Apply the verdict" in page.content
    assert ClaimGroup.objects.get().members.filter(claim__review_status=ReviewStatus.VERIFIED).count() == 1

    admin_client.post(url, {"claims": [others[0].pk]})

    others[0].refresh_from_db()
    others[1].refresh_from_db()
    assert others[0].review_status == ReviewStatus.VERIFIED
    assert others[1].review_status == ReviewStatus.UNREVIEWED


def test_publishing_a_finding_from_the_queue(admin_client, tracked):
    finding = Finding.objects.filter(kind=Finding.Kind.COUNT_GAP).first()
    admin_client.post(
        reverse("admin:tracking_finding_changelist"), {"action": "publish_findings", ACTION_CHECKBOX_NAME: [finding.pk]}
    )
    finding.refresh_from_db()
    assert finding.review_status == ReviewStatus.VERIFIED and finding.reviewed_by == admin_client.user


def test_admin_queues_cost_a_fixed_number_of_queries(admin_client, tracked, django_assert_max_num_queries):
    from tests.tracking.scenario import november_article

    article_track(article=november_article())  # more rows; the cost must not grow with them
    for name in ("commitmentinitiative", "finding", "initiative", "claimmatch", "claimgroup"):
        with django_assert_max_num_queries(12):
            assert admin_client.get(reverse(f"admin:tracking_{name}_changelist")).status_code == 200
