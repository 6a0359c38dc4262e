"""The OpenAPI schema builds without warnings and documents only the public surface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    # A separate process: exactly what CI runs, with the project's default settings.
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn", "--file", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    schema = yaml.safe_load(out.read_text())
    for path, operations in schema["paths"].items():
        assert path.startswith("/api/v1/")
        assert set(operations) <= {"get", "parameters"}, f"{path} documents writes: {set(operations)}"
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    assert {"id", "url", "text", "quantity", "speaker", "article", "review_status", "corrected"} <= set(claim)
    assert not {"review_note", "machine_values", "score", "reviewed_by", "version"} & set(claim)
    assert schema["components"]["schemas"]["PublicReviewStatusEnum"]["enum"] == ["verified", "corrected"]


@pytest.mark.parametrize("resource", ["claims", "quotes", "commitments"])
def test_review_status_filter_offers_only_published_statuses(resource, tmp_path):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    params = {p["name"]: p for p in schema["paths"][f"/api/v1/{resource}/"]["get"]["parameters"]}
    assert params["review_status"]["schema"]["enum"] == ["corrected", "verified"]
