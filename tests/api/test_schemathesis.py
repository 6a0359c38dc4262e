"""Property-based testing of the whole public API against its own OpenAPI schema (schemathesis).

For every operation, schemathesis generates requests from the schema (a bounded number of examples,
NEWSROOM_SCHEMATHESIS_EXAMPLES, default 25) and checks: no 5xx, documented responses match their
schema, and the content type is the documented one.
"""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, CommitmentFactory, CountryFactory, QuoteFactory

MAX_EXAMPLES = int(os.environ.get("NEWSROOM_SCHEMATHESIS_EXAMPLES", "25"))


@pytest.fixture
def api_schema(db, settings):
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    settings.DEBUG = False
    # Published and unpublished rows with small ids, so generated ids hit real objects too.
    for i, status in enumerate([ReviewStatus.VERIFIED, ReviewStatus.CORRECTED, ReviewStatus.DISPUTED] * 2):
        article = ArticleFactory(url=f"https://example.org/{i}")
        speaker = ActorFactory() if i % 2 else CountryFactory(name=["France", "Italy", "Poland"][i % 3])
        ClaimFactory(article=article, speaker=speaker, review_status=status, quantity_value=None if i == 3 else 26)
        QuoteFactory(article=article, speaker=speaker, review_status=status)
        CommitmentFactory(
            article=article, actor=speaker, review_status=status, **({"stated_on": None} if i == 4 else {})
        )
    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    # The WSGI handler would otherwise close the test's connection (it is inside a transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.from_dict(raw, app=get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.from_pytest_fixture("api_schema")


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case):
    response = case.call_wsgi()
    case.validate_response(response, checks=(not_a_server_error, response_schema_conformance, content_type_conformance))
