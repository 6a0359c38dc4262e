"""Fixtures for the editors' workflow: one user per role (groups created by apps.review.roles)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from apps.review.roles import CHIEF_EDITOR, EDITOR, REPORTER, ensure_roles
from tests.factories import UserFactory


@pytest.fixture
def roles(db):
    # The data migration created them, but transactional tests flush the tables: make sure they exist.
    ensure_roles()
    return {name: Group.objects.get(name=name) for name in (REPORTER, EDITOR, CHIEF_EDITOR)}


def _user(username, group=None, **kwargs):
    user = UserFactory(username=username, **kwargs)
    if group is not None:
        user.groups.add(group)
    return user


@pytest.fixture
def reporter(roles):
    return _user("reporter", roles[REPORTER])


@pytest.fixture
def editor(roles):
    return _user("editor1", roles[EDITOR])


@pytest.fixture
def editor2(roles):
    return _user("editor2", roles[EDITOR])


@pytest.fixture
def chief(roles):
    return _user("chief", roles[CHIEF_EDITOR])


@pytest.fixture
def staff_nogroup(roles):
    return _user("staffer")


@pytest.fixture
def superuser(roles):
    return _user("boss", is_superuser=True)


@pytest.fixture
def users(reporter, editor, chief, staff_nogroup, superuser):
    return {"reporter": reporter, "editor": editor, "chief": chief, "staff": staff_nogroup, "superuser": superuser}
