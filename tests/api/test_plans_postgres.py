"""Query shapes that keep list pages cheap on a large archive (PostgreSQL plans)."""

from __future__ import annotations

import pytest

from apps.actors.selectors import actor_list_public
from apps.articles.selectors import article_list_public, outlet_list_public
from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.parametrize("selector", [article_list_public, actor_list_public, outlet_list_public])
def test_visibility_checks_are_per_row_not_hashed(on_postgres, selector):
    """A hashed SubPlan would read every published item before returning the first page."""
    ClaimFactory(review_status=ReviewStatus.VERIFIED, speaker=ActorFactory())
    sql, params = selector().order_by("-id")[:21].query.sql_with_params()
    with on_postgres.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "hashed SubPlan" not in plan, plan
    assert len(selector()) == 1
