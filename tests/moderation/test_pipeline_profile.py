"""Profile texts (display name, bio) pass the pipeline: words and contact details only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.accounts.services import profile_update
from hearth.moderation.models import ReviewItem, ScreeningRecord
from hearth.moderation.pipeline import blocked_attempts_flush
from tests.moderation.pipeline_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_a_blocked_word_in_a_bio_refuses_the_change(
    watch: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    watch("代开发票", "block", category="illegal")
    member = make_member()
    with pytest.raises(ValidationError) as refused:
        profile_update(member=member, bio="承接代开发票")
    assert "Illegal" in refused.value.messages[0]
    member.refresh_from_db()
    assert member.bio == ""
    assert blocked_attempts_flush() == 1
    record = ScreeningRecord.objects.get(decision="block")
    assert (record.content_kind, record.content_id, record.author_id) == (
        "profile",
        None,
        member.pk,
    )


def test_replaced_words_are_censored_and_contact_details_held(
    watch: Callable[..., Any], make_member: Callable[..., Any]
) -> None:
    watch("傻瓜", "replace", category="abuse")
    member = make_member()
    profile_update(member=member, display_name="傻瓜一号", bio="加我 QQ 12345678 交流")
    member.refresh_from_db()
    assert member.display_name == "***一号"
    assert member.bio == "加我 QQ 12345678 交流"  # kept: a profile has no held state
    item = ReviewItem.objects.get(content_kind="profile", content_id=member.pk)
    assert item.origin == "held"
    assert {r["code"] for r in item.reasons} == {"contact", "word_replaced"}


def test_unchanged_profile_texts_and_links_are_not_screened(
    make_member: Callable[..., Any],
) -> None:
    member = make_member()
    profile_update(member=member, bio="我的博客 https://example.com")  # links: not for profiles
    profile_update(member=member, bio="我的博客 https://example.com", city="Beijing")
    assert not ReviewItem.objects.exists()
    assert not ScreeningRecord.objects.exists()


def test_the_settings_page_keeps_a_refused_bio(
    watch: Callable[..., Any], make_member: Callable[..., Any], client: Any
) -> None:
    watch("代开发票", "block", category="illegal", message="No invoices here.")
    member = make_member()
    client.force_login(member)
    response = client.post(
        reverse("accounts:settings"), {"display_name": "小明", "bio": "承接代开发票"}
    )
    page = response.content.decode()
    assert "No invoices here." in page
    assert "承接代开发票" in page
    assert ScreeningRecord.objects.filter(decision="block").count() == 1
