"""The channel registry: services, the table's counts, the forms' errors, who may do what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import User
from hearth.core import roles
from hearth.growth.channels import services as channel_services
from hearth.growth.channels.selectors import channel_recent_signups, channel_rows
from hearth.growth.channels.services import aliases_parse, channel_create, channel_update
from hearth.growth.links.services import link_create
from hearth.growth.models import Channel, ChannelKind, MemberAttribution
from tests.growth.channels_fixtures import client_as, english, staff_as

__all__ = ["client_as", "english", "staff_as"]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _fair(**fields: Any) -> Channel:
    values: dict[str, Any] = {
        "actor": None,
        "key": "food-fair",
        "name": "美食节展位",
        "kind": ChannelKind.OFFLINE,
        "source_aliases": "FoodFair, ff2026",
    }
    return channel_create(**{**values, **fields})


def test_aliases_are_split_lowercased_and_deduplicated() -> None:
    assert aliases_parse("Weixin, wx，WX\nwechat-moments") == ["weixin", "wx", "wechat-moments"]


def test_create_keeps_lowercase_key_and_aliases() -> None:
    channel = _fair(key="Food-Fair")
    channel.refresh_from_db()
    assert (channel.key, channel.source_aliases) == ("food-fair", ["foodfair", "ff2026"])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"key": "weibo"}, "key"),  # a default channel's key
        ({"key": "wx"}, "key"),  # WeChat's alias
        ({"key": "food fair"}, "key"),
        ({"source_aliases": "weixin"}, "source_aliases"),  # WeChat's alias
        ({"source_aliases": "douyin"}, "source_aliases"),  # Douyin's key
        ({"source_aliases": "bad source!"}, "source_aliases"),
        ({"name": "  "}, "name"),
        ({"kind": "billboard"}, "kind"),
    ],
)
def test_bad_input_names_the_field(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        _fair(**fields)
    assert field in info.value.message_dict
    assert not Channel.objects.filter(name="美食节展位").exists()


def test_key_changes_until_members_carry_it() -> None:
    channel = _fair()
    channel_update(
        actor=None, channel=channel, key="food-fest", name="美食节", kind=ChannelKind.OFFLINE
    )
    assert Channel.objects.get(pk=channel.pk).key == "food-fest"
    User.objects.create(username="visitor1", channel="food-fest")
    with pytest.raises(ValidationError) as info:
        channel_update(
            actor=None, channel=channel, key="food-2026", name="美食节", kind=ChannelKind.OFFLINE
        )
    assert "can no longer change" in info.value.message_dict["key"][0]
    assert Channel.objects.get(pk=channel.pk).key == "food-fest"
    # Other fields still change.
    channel_update(
        actor=None,
        channel=channel,
        key="food-fest",
        name="美食节 2026",
        kind=ChannelKind.OFFLINE,
        active=False,
    )
    assert Channel.objects.get(pk=channel.pk).active is False


def test_a_channel_may_keep_its_own_aliases_on_edit() -> None:
    wechat = Channel.objects.get(key="wechat")
    channel_update(
        actor=None,
        channel=wechat,
        key="wechat",
        name=wechat.name,
        kind=wechat.kind,
        source_aliases=["weixin", "wx", "wechat"],
    )
    assert Channel.objects.get(key="wechat").source_aliases == ["weixin", "wx"]


def test_attribution_cache_is_cleared_after_a_change(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        channel_services, "_attribution_forget_channels", lambda: calls.append("cleared")
    )
    with django_capture_on_commit_callbacks(execute=True):
        _fair()
    assert calls == ["cleared"]


def test_rows_count_signups_clicks_and_links() -> None:
    now = timezone.now()
    fair = _fair()
    User.objects.create(username="a", channel="food-fair", date_joined=now - dt.timedelta(days=2))
    User.objects.create(username="b", channel="food-fair", date_joined=now - dt.timedelta(days=40))
    User.objects.create(username="c", channel="weibo", date_joined=now)
    link = link_create(actor=None, channel=fair, label="展位")
    link_create(actor=None, channel=fair, label="传单")
    type(link).objects.filter(pk=link.pk).update(clicks=7)
    rows = {row.channel.key: row for row in channel_rows(now=now)}
    fair_row = rows["food-fair"]
    assert (fair_row.signups_recent, fair_row.signups_total) == (1, 2)
    assert (fair_row.clicks, fair_row.link_count) == (7, 2)
    assert (rows["weibo"].signups_total, rows["weibo"].clicks) == (1, 0)
    # Social platforms come first, as one group.
    groups = [row.group for row in channel_rows(now=now)]
    assert groups[: groups.count("Social media")] == ["Social media"] * 6


def test_recent_signups_show_first_and_last_touch_by_name() -> None:
    fair = _fair()
    member = User.objects.create(username="xiaomei", channel="food-fair")
    MemberAttribution.objects.create(member=member, first_channel="weibo", last_channel="food-fair")
    (row,) = channel_recent_signups(channel=fair)
    assert (row.username, row.first_channel, row.last_channel) == ("xiaomei", "微博", "美食节展位")


# Pages ----------------------------------------------------------------------------------


def test_manager_adds_a_channel_through_the_form(
    staff_as: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    client = client_as(staff_as(roles.COMMUNITY_MANAGER))
    response = client.post(
        reverse("cockpit:growth_channel_new"),
        {
            "name": "科技展",
            "key": "tech-fair",
            "kind": "offline",
            "source_aliases": "TF",
            "active": "on",
        },
    )
    channel = Channel.objects.get(key="tech-fair")
    assert response.status_code == 302
    assert response["Location"] == reverse("cockpit:growth_channel", args=[channel.pk])
    assert channel.source_aliases == ["tf"]
    page = client.get(reverse("cockpit:growth_channels")).content.decode()
    assert 'data-channel="tech-fair"' in page


def test_duplicate_alias_is_a_clear_error_and_keeps_the_input(
    staff_as: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    client = client_as(staff_as(roles.MEMBER_OPERATIONS))
    response = client.post(
        reverse("cockpit:growth_channel_new"),
        {"name": "科技展", "key": "tech-fair", "kind": "offline", "source_aliases": "tf, wx"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "“wx” already means the channel “微信”." in html
    assert 'value="tf, wx"' in html
    assert not Channel.objects.filter(key="tech-fair").exists()


def test_key_field_is_locked_once_members_carry_it(
    staff_as: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    client = client_as(staff_as(roles.ADMIN))
    weibo = Channel.objects.get(key="weibo")
    User.objects.create(username="w1", channel="weibo")
    url = reverse("cockpit:growth_channel_edit", args=[weibo.pk])
    assert 'data-testid="key-locked"' in client.get(url).content.decode()
    response = client.post(
        url, {"name": "新浪微博", "key": "sina", "kind": "weibo", "active": "on"}
    )
    assert response.status_code == 302
    weibo.refresh_from_db()
    assert (weibo.key, weibo.name) == ("weibo", "新浪微博")


@pytest.mark.parametrize(
    ("role", "view", "manage"),
    [
        (roles.ADMIN, 200, 302),
        (roles.COMMUNITY_MANAGER, 200, 302),
        (roles.MEMBER_OPERATIONS, 200, 302),
        (roles.ANALYST, 200, 403),
        (roles.MODERATOR, 403, 403),
        (roles.CONTENT_EDITOR, 403, 403),
    ],
)
def test_who_may_view_and_manage_channels(
    role: str, view: int, manage: int, staff_as: Callable[..., Any], client_as: Any
) -> None:
    client = client_as(staff_as(role))
    weibo = Channel.objects.get(key="weibo")
    assert client.get(reverse("cockpit:growth_channels")).status_code == view
    assert client.get(reverse("cockpit:growth_channel", args=[weibo.pk])).status_code == view
    response = client.post(
        reverse("cockpit:growth_channel_new"), {"name": "X", "key": "x-fair", "kind": "offline"}
    )
    assert response.status_code == manage
    assert Channel.objects.filter(key="x-fair").exists() == (manage == 302)


def test_visitors_are_sent_to_log_in(client_as: Callable[..., Any]) -> None:
    response = client_as(None).get(reverse("cockpit:growth_channels"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_channel_page_lists_links_campaigns_and_signups(
    staff_as: Callable[..., Any], client_as: Callable[..., Any]
) -> None:
    fair = _fair()
    link_create(
        actor=None, channel=fair, label="展位二维码", incentive="现场注册送 50 积分", code="fair24"
    )
    User.objects.create(username="newbie", channel="food-fair")
    client = client_as(staff_as(roles.ANALYST))
    html = client.get(reverse("cockpit:growth_channel", args=[fair.pk])).content.decode()
    assert 'data-link="fair24"' in html
    assert "http://testserver/go/fair24/" in html
    assert 'data-member="newbie"' in html
    assert "New tracked link" not in html  # analysts read only


def test_a_new_alias_resolves_at_once(django_capture_on_commit_callbacks: Any) -> None:
    from hearth.growth.attribution import channel_for_source

    assert channel_for_source("ff2026") == "other"
    with django_capture_on_commit_callbacks(execute=True):
        _fair()
    assert channel_for_source("FF2026") == "food-fair"
