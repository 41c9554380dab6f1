"""Member pages: the warning banner, my standing, the appeal forms and the public rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from hearth.moderation.models import Appeal, CommunityRule, ReviewItem, Sanction
from hearth.moderation.services.appeals import appeal_file
from hearth.moderation.services.sanctions import sanction_issue, sanction_lift

pytest_plugins = ["tests.moderation.order_fixtures"]
pytestmark = pytest.mark.usefixtures("order_defaults")


def _warn(moderator: Any, member: Any, rule: CommunityRule, **kw: Any) -> Sanction:
    return sanction_issue(actor=moderator, member=member, rule=rule, kind="warning", **kw)


def test_the_warned_member_sees_the_banner_until_dismissing_it(
    moderator: Any, member: Any, rule: CommunityRule, client_for: Callable[[Any], Any]
) -> None:
    _warn(moderator, member, rule, reason="Phone number in the post")
    client = client_for(member)
    html = client.get("/").content.decode()
    assert 'data-testid="standing-banner"' in html
    assert f"Warning for breaking the rule “{rule.title}”" in html
    assert "Phone number in the post" in html
    assert client_for(moderator).get("/").content.decode().count("standing-banner") == 0
    response = client.post(reverse("moderation:standing_seen"), {"next": "/boards/"})
    assert response.status_code == 302
    assert response["Location"] == "/boards/"
    assert "standing-banner" not in client.get("/").content.decode()
    assert Sanction.objects.get().seen_at is not None


def test_dismissing_never_redirects_off_site(
    moderator: Any, member: Any, rule: CommunityRule, client_for: Callable[[Any], Any]
) -> None:
    _warn(moderator, member, rule)
    response = client_for(member).post(
        reverse("moderation:standing_seen"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("moderation:standing")


def test_dismissing_needs_post_and_a_member(client_for: Callable[[Any], Any], member: Any) -> None:
    assert client_for(member).get(reverse("moderation:standing_seen")).status_code == 405
    response = client_for(None).post(reverse("moderation:standing_seen"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_banner_costs_no_query_for_visitors(
    client_for: Callable[[Any], Any], django_assert_max_num_queries: Any
) -> None:
    client = client_for(None)
    client.get("/community-rules/")
    with django_assert_max_num_queries(3):  # brand + rules (+ session-less visitor)
        assert client.get("/community-rules/").status_code == 200


def test_my_standing_lists_sanctions_rejections_and_appeal_buttons(
    moderator: Any,
    member: Any,
    rule: CommunityRule,
    make_post: Callable[..., Any],
    reject: Callable[..., ReviewItem],
    client_for: Callable[[Any], Any],
) -> None:
    item = reject(make_post(member), moderator)
    mute = sanction_issue(actor=moderator, member=member, rule=rule, kind="mute", reason="spam")
    lifted = _warn(moderator, member, rule)
    sanction_lift(actor=moderator, sanction=lifted, reason="oops")
    html = client_for(member).get(reverse("moderation:standing")).content.decode()
    assert "You are muted until" in html
    assert f'data-sanction="{mute.pk}" data-kind="mute"' in html
    assert reverse("moderation:appeal_sanction", args=[mute.pk]) in html
    assert reverse("moderation:appeal_sanction", args=[lifted.pk]) not in html  # lifted
    assert f'data-item="{item.pk}"' in html
    assert reverse("moderation:appeal_item", args=[item.pk]) in html
    assert "A topic to judge" in html


def test_my_standing_when_all_is_well(member: Any, client_for: Callable[[Any], Any]) -> None:
    html = client_for(member).get(reverse("moderation:standing")).content.decode()
    assert 'data-testid="standing-ok"' in html
    assert "No warnings, mutes or bans." in html


def test_my_standing_needs_log_in(client_for: Callable[[Any], Any]) -> None:
    response = client_for(None).get(reverse("moderation:standing"))
    assert response.status_code == 302


def test_appealing_a_rejection_through_the_form(
    moderator: Any,
    member: Any,
    make_post: Callable[..., Any],
    reject: Callable[..., ReviewItem],
    client_for: Callable[[Any], Any],
) -> None:
    item = reject(make_post(member), moderator)
    client = client_for(member)
    url = reverse("moderation:appeal_item", args=[item.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="appeal-form"' in page.content.decode()
    empty = client.post(url, {"text": "  "})
    assert empty.status_code == 400
    assert "Say why you think the decision is wrong." in empty.content.decode()
    done = client.post(url, {"text": "It is my own work."}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("moderation:standing")
    assert "Your appeal is filed." in done.content.decode()
    assert Appeal.objects.get().text == "It is my own work."
    again = client.get(url).content.decode()
    assert 'data-testid="appeal-state"' in again
    assert 'data-testid="appeal-form"' not in again
    assert client.post(url, {"text": "Twice"}).status_code == 400
    assert Appeal.objects.count() == 1


def test_someone_elses_decision_is_not_found(
    moderator: Any,
    member: Any,
    make_member: Callable[..., Any],
    make_post: Callable[..., Any],
    reject: Callable[..., ReviewItem],
    rule: CommunityRule,
    client_for: Callable[[Any], Any],
) -> None:
    item = reject(make_post(member), moderator)
    sanction = _warn(moderator, member, rule)
    stranger = client_for(make_member())
    assert stranger.get(reverse("moderation:appeal_item", args=[item.pk])).status_code == 404
    url = reverse("moderation:appeal_sanction", args=[sanction.pk])
    assert stranger.post(url, {"text": "x"}).status_code == 404
    assert (
        client_for(member).get(reverse("moderation:appeal_item", args=[99999])).status_code == 404
    )
    assert not Appeal.objects.exists()


def test_appealing_a_sanction_and_seeing_the_outcome(
    moderator: Any, member: Any, rule: CommunityRule, client_for: Callable[[Any], Any]
) -> None:
    sanction = _warn(moderator, member, rule)
    client = client_for(member)
    url = reverse("moderation:appeal_sanction", args=[sanction.pk])
    assert "Warning for breaking the rule" in client.get(url).content.decode()
    client.post(url, {"text": "I was quoting someone."})
    appeal = Appeal.objects.get(sanction=sanction)
    html = client.get(reverse("moderation:standing")).content.decode()
    assert f'data-appeal-state="{appeal.state}"' in html


def test_a_lifted_sanction_cannot_be_appealed(
    moderator: Any, member: Any, rule: CommunityRule, client_for: Callable[[Any], Any]
) -> None:
    sanction = _warn(moderator, member, rule)
    sanction_lift(actor=moderator, sanction=sanction, reason="ok")
    page = client_for(member).get(reverse("moderation:appeal_sanction", args=[sanction.pk]))
    assert "nothing to appeal" in page.content.decode()
    with pytest.raises(Exception, match="nothing to appeal"):
        appeal_file(member=member, sanction=sanction, text="x")


def test_the_public_rules_page_lists_active_rules_in_order(
    client_for: Callable[[Any], Any],
) -> None:
    CommunityRule.objects.filter(code="legal").update(active=False)
    html = client_for(None).get(reverse("moderation:rules")).content.decode()
    codes = [c for c in CommunityRule.objects.order_by("position").values_list("code", flat=True)]
    shown = [c for c in codes if f'data-rule="{c}"' in html]
    assert "legal" not in shown
    assert shown == [c for c in codes if c != "legal"]
    assert html.index('data-rule="no-ads"') < html.index('data-rule="on-topic"')
