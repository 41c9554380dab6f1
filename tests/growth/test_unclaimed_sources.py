"""Sources no channel claims are listed on the channel registry, so a manager can map them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from hearth.core import roles
from hearth.growth.attribution import channel_cache_clear
from hearth.growth.channels.selectors import unclaimed_sources
from tests.growth.channels_fixtures import client_as, staff_as  # noqa: F401
from tests.growth.signup_form import SIGNUP, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_registry() -> Iterator[None]:
    channel_cache_clear()
    yield
    channel_cache_clear()


def sign_up_from(query: str, username: str) -> None:
    client = Client()
    client.get(f"/?{query}")
    response = client.post(SIGNUP, form_data(username=username, email=f"{username}@example.com"))
    assert response.status_code == 302


def test_unregistered_sources_are_counted_by_member_and_registered_ones_are_not() -> None:
    sign_up_from("utm_source=MysteryBlog&utm_medium=post", "reader1")
    sign_up_from("utm_source=MysteryBlog&utm_medium=post", "reader2")
    sign_up_from("utm_source=weibo&utm_medium=social", "reader3")

    found = unclaimed_sources()

    assert [(s.source, s.medium, s.members) for s in found] == [("MysteryBlog", "post", 2)]


def test_the_registry_page_lists_them(
    staff_as: Callable[..., Any],  # noqa: F811
    client_as: Callable[[Any], Client],  # noqa: F811
) -> None:
    sign_up_from("utm_source=MysteryBlog&utm_medium=post", "reader1")
    manager = staff_as(roles.COMMUNITY_MANAGER)

    page = client_as(manager).get("/ops/growth/channels/").content.decode()

    assert 'data-testid="unclaimed-sources"' in page
    assert 'data-source="MysteryBlog"' in page
