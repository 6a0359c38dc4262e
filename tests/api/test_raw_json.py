"""Pages whose rows are written as JSON directly (apps/common/api/rawjson.py) answer the very bytes, headers
and ETags of DRF's own path (the serializer's dicts through DRF's JSONRenderer), odd strings included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer

from apps.claims.serializers import ClaimSerializer
from apps.common.api.rawjson import EncodedObject, EncodedRows, PublicJSONRenderer, dumps, number, string
from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db

# What a JSON writer must escape or keep: quotes, backslashes, control characters, non-ASCII, the two line
# separators DRF escapes, and markup.
ODD = 'Say "26" \\ percent\n\ttabs \x01 é 日本 🙂 \u2028 \u2029 </script>'


@pytest.fixture
def claims(db):
    V, C = ReviewStatus.VERIFIED, ReviewStatus.CORRECTED
    outlet = OutletFactory(name=f"Outlet {ODD}", domain="odd.example.org")
    article = ArticleFactory(
        outlet=outlet, title=ODD, url="https://example.org/a?b=1&c=\u2028",
        published_at=dt.datetime(2025, 9, 4, 18, 0, 0, 123456, tzinfo=dt.UTC),
    )  # fmt: skip
    bare = ArticleFactory(outlet=None, url=None, published_at=None, title="")
    kept = ActorFactory(name=f"Kept {ODD}")
    duplicate = ActorFactory(name="Duplicate", merged_into=kept)
    made = [
        ClaimFactory(article=article, speaker=kept, text=ODD, review_status=V, quantity_value=Decimal("27.5")),
        ClaimFactory(article=article, speaker=duplicate, review_status=C, quantity_value=Decimal("0.000001")),
        ClaimFactory(article=bare, speaker=None, review_status=V, quantity_value=None, quantity_unit=""),
        ClaimFactory(
            article=bare,
            speaker=kept,
            review_status=V,
            quantity_value=Decimal("100000000000000000000"),
            reviewed_at=dt.datetime(2025, 9, 5, 12, 0, tzinfo=dt.UTC),
            machine_values={"text": "Machine text."},
        ),  # fmt: skip
        ClaimFactory(article=article, speaker=kept, review_status=V, quantity_value=Decimal("-3"), reviewed_at=None),
    ]
    ClaimFactory(article=article, speaker=kept, review_status=ReviewStatus.DISPUTED, text="never shown")
    return {"claims": made, "kept": kept, "article": article}


def _answers(client, paths, headers):
    out = {}
    for path in paths:
        response = client.get(path, headers=headers)
        out[path] = (response.status_code, response.content, sorted(response.headers.items()))
    return out


def _paths(client, claims):
    paths = [
        "/api/v1/claims/",
        f"/api/v1/claims/?speaker={claims['kept'].pk}",
        f"/api/v1/claims/?article={claims['article'].pk}&page_size=2",
        "/api/v1/claims/?format=json&ordering=reviewed_at",
        "/api/v1/claims/?page_size=2",
        "/api/v1/claims/?review_status=disputed",  # 400
        "/api/v1/claims/999999/",  # 404
        *(f"/api/v1/claims/{claim.pk}/" for claim in claims["claims"]),
    ]
    # The next and previous pages, through the cursors the first page links to.
    first = client.get("/api/v1/claims/?page_size=2").json()
    second = client.get(first["next"]).json()
    paths += [first["next"].removeprefix("http://testserver"), second["previous"].removeprefix("http://testserver")]
    return paths


HEADERS = [{}, {"accept": "application/json"}, {"accept": "application/json; indent=4"}, {"accept": "*/*"}]


def test_pages_are_the_bytes_of_drfs_own_path(client, claims, monkeypatch):
    paths = _paths(client, claims)
    written = [_answers(client, paths, headers) for headers in HEADERS]
    monkeypatch.delattr(ClaimSerializer, "row_json_writer")  # the views fall back to the serializer's dicts
    assert [_answers(client, paths, headers) for headers in HEADERS] == written
    first = written[0][paths[0]]
    assert first[0] == 200 and b"never shown" not in first[1] and rb"\u2028" in first[1]
    assert {status for status, _, _ in written[0].values()} == {200, 400, 404}


def test_etags_and_not_modified_are_unchanged(client, claims):
    for path in ("/api/v1/claims/", f"/api/v1/claims/{claims['claims'][0].pk}/"):
        response = client.get(path)
        etag = response.headers["ETag"]
        assert client.get(path, headers={"if-none-match": etag}).status_code == 304
        assert client.get(path, headers={"if-none-match": '"other"'}).status_code == 200


def test_row_json_is_what_drfs_renderer_writes_for_the_row(claims, rf):
    from apps.claims.selectors import claim_rows_public

    serializer = ClaimSerializer(context={"request": rf.get("/api/v1/claims/")})
    write = serializer.row_json_writer()
    for row in claim_rows_public():
        expected = JSONRenderer().render(serializer.row_representation(row))
        assert write(row).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode() == expected


@pytest.mark.parametrize("value", [0, -7, 2**70, 0.1, -2.5, 1e-7, 1e22, 123456789.125, "", ODD, "\x00", "\x7f"])
def test_values_are_written_as_json_dumps_writes_them(value):
    expected = JSONRenderer().render([value])[1:-1]  # DRF's bytes for the value (alone, None would give b"")
    written = string(value) if isinstance(value, str) else number(value)
    assert written.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode() == expected


def test_encoded_values_read_as_the_data_they_stand_for():
    rows = EncodedRows.of(['{"id":1}', '{"id":2,"name":"\u2028"}'])
    assert list(rows) == [{"id": 1}, {"id": 2, "name": "\u2028"}] and len(rows) == 2 and rows[1]["id"] == 2
    assert EncodedObject('{"a":[1]}') == {"a": [1]}
    renderer = PublicJSONRenderer()
    data = {"next": None, "results": rows}
    decoded = {"next": None, "results": list(rows)}
    assert renderer.render(data, "application/json") == JSONRenderer().render(decoded, "application/json")
    indented = "application/json; indent=2"
    assert renderer.render(data, indented) == JSONRenderer().render(decoded, indented)
    # Deeper than the top level, a fragment is written as its value.
    assert dumps({"page": {"results": rows}}) == dumps({"page": {"results": list(rows)}})
