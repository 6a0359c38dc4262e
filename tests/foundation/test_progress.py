"""Long commands show a progress bar on standard error (on a terminal or with --progress) and end with
their counts line on standard output."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from apps.articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_ingest_of_a_directory_with_progress(tmp_path, capsys):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Officials said {n + 40} people were evacuated from the valley on Sunday.")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), "--progress", stdout=out)
    assert "3 created, 0 refused or skipped" in out.getvalue()
    err = capsys.readouterr().err
    assert "3/3" in err and "100%" in err


def test_no_bar_without_a_terminal_or_the_flag(tmp_path, capsys):
    for n in range(2):
        (tmp_path / f"{n}.txt").write_text(f"The council approved a budget of {n + 3} million euros for schools.")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out)
    assert "2 created" in out.getvalue()
    assert capsys.readouterr().err == ""  # pytest's stderr is not a terminal


def test_reextract_all_with_progress(capsys, django_capture_on_commit_callbacks):
    ArticleFactory.create_batch(4, status=Article.Status.EXTRACTED)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        call_command("reextract", "--all", "--progress", stdout=out)
    assert "queued 4 article(s) for extraction" in out.getvalue()
    assert "4/4" in capsys.readouterr().err


def test_track_all_with_progress_ends_with_the_totals(capsys):
    ArticleFactory.create_batch(2, status=Article.Status.EXTRACTED)
    out = io.StringIO()
    call_command("track", "--all", "--progress", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "tracked 2 article(s): 0 commitment link(s), 0 claim match(es), 0 finding(s)"
    assert "2/2" in capsys.readouterr().err
