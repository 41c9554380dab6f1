"""Cockpit pages of community order: sanctions, ladder, appeals, disputes, rules, audit log."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.community.services import topic_create
from hearth.core import roles
from hearth.moderation.content import content_set_status
from hearth.moderation.defaults import moderation_restore_defaults
from hearth.moderation.models import (
    Appeal,
    AuditEntry,
    CommunityRule,
    Dispute,
    DisputeEntry,
    ModerationSettings,
    ReviewItem,
    Sanction,
    SanctionStep,
)
from hearth.moderation.services.appeals import appeal_file
from hearth.moderation.services.queue import item_open
from hearth.moderation.services.sanctions import sanction_issue
from hearth.notifications.models import Notification

BODY = "A body long enough to pass the checks of the community services."
PAGES = [
    "cockpit:sanctions",
    "cockpit:sanction_ladder",
    "cockpit:appeals",
    "cockpit:disputes",
    "cockpit:dispute_new",
    "cockpit:rules",
    "cockpit:audit",
]


@pytest.fixture(autouse=True)
def _defaults(db: None, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    moderation_restore_defaults()


@pytest.fixture
def moderator(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.MODERATOR, username="mod")


@pytest.fixture
def second_moderator(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.MODERATOR, username="mod2")


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER, username="lan")


@pytest.fixture
def member(make_member: Callable[..., Any]) -> Any:
    return make_member("xiaoming")


@pytest.fixture
def rule(db: None) -> CommunityRule:
    return CommunityRule.objects.get(code="no-ads")


def _rejected(author: Any, moderator: Any, board: Any, rule: CommunityRule) -> ReviewItem:
    topic = topic_create(author=author, board=board, title="An advert", body=BODY)
    item = item_open(
        content_kind="topic",
        content_id=topic.pk,
        author_id=author.pk,
        board_id=board.pk,
        origin=ReviewItem.Origin.REPORTED,
        reasons=[{"code": "report", "message": "reported as spam"}],
    )
    content_set_status("topic", topic.pk, "rejected")
    item.state, item.outcome = ReviewItem.State.DECIDED, ReviewItem.Outcome.REJECTED
    item.decided_by, item.decided_at, item.rule = moderator, timezone.now(), rule
    item.save()
    return item


class TestAccess:
    @pytest.mark.parametrize("name", PAGES)
    def test_visitors_log_in_and_members_are_refused(
        self, name: str, login: Callable[[Any], Client], member: Any
    ) -> None:
        response = login(None).get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert login(member).get(reverse(name)).status_code == 403

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            (roles.MODERATOR, True),
            (roles.COMMUNITY_MANAGER, True),
            (roles.ADMIN, True),
            (roles.CONTENT_EDITOR, False),
            (roles.ANALYST, False),
            (roles.MEMBER_OPERATIONS, False),
        ],
    )
    @pytest.mark.parametrize("name", PAGES)
    def test_the_role_matrix(
        self,
        name: str,
        role: str,
        allowed: bool,
        make_staff: Callable[..., Any],
        login: Callable[[Any], Client],
    ) -> None:
        response = login(make_staff(role)).get(reverse(name))
        assert response.status_code == (200 if allowed else 403)

    @pytest.mark.parametrize(
        ("name", "args"),
        [
            ("cockpit:rule_new", []),
            ("cockpit:sanction_ladder_edit", []),
            ("cockpit:sanction_settings", []),
        ],
    )
    def test_moderators_read_but_do_not_change_the_rules_of_order(
        self, name: str, args: list[Any], moderator: Any, login: Callable[[Any], Client]
    ) -> None:
        assert login(moderator).post(reverse(name, args=args), {}).status_code == 403


class TestSanctions:
    def test_issuing_from_the_cockpit_then_listing_and_lifting(
        self, moderator: Any, member: Any, rule: CommunityRule, login: Callable[[Any], Client]
    ) -> None:
        client = login(moderator)
        response = client.post(
            reverse("cockpit:sanction_new"),
            {
                "username": "@XiaoMing",
                "kind": "mute",
                "rule": rule.pk,
                "duration_hours": "12",
                "reason": "Ads in three boards",
            },
        )
        assert response.status_code == 302
        sanction = Sanction.objects.get()
        assert (sanction.member, sanction.kind, sanction.issued_by) == (member, "mute", moderator)
        assert sanction.ends_at is not None
        page = client.get(response["Location"]).content.decode()
        assert f'data-sanction="{sanction.pk}"' in page
        assert "Ads in three boards" in page
        lift = client.post(
            reverse("cockpit:sanction_lift", args=[sanction.pk]),
            {"reason": "Wrong member", "next": "https://evil.example/"},
        )
        assert lift["Location"] == reverse("cockpit:sanctions")
        sanction.refresh_from_db()
        assert sanction.lifted_by == moderator

    def test_the_ladder_choice_issues_the_next_step(
        self, moderator: Any, member: Any, rule: CommunityRule, login: Callable[[Any], Client]
    ) -> None:
        client = login(moderator)
        for _ in range(2):
            client.post(
                reverse("cockpit:sanction_new"),
                {"username": "xiaoming", "kind": "ladder", "rule": rule.pk},
            )
        assert list(Sanction.objects.order_by("pk").values_list("kind", flat=True)) == [
            "warning",
            "mute",
        ]

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"username": "nobody", "kind": "warning"}, "No member with the username"),
            (
                {"username": "xiaoming", "kind": "warning", "rule": ""},
                "Every sanction cites a rule.",
            ),
            ({"username": "xiaoming", "kind": "slap"}, "Select a valid choice"),
            ({"username": "mod", "kind": "warning"}, "You cannot sanction yourself."),
        ],
    )
    def test_bad_input_shows_the_form_again(
        self,
        fields: dict[str, Any],
        message: str,
        moderator: Any,
        member: Any,
        rule: CommunityRule,
        login: Callable[[Any], Client],
    ) -> None:
        data = {"rule": rule.pk, **fields}
        response = login(moderator).post(reverse("cockpit:sanction_new"), data)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert not Sanction.objects.exists()

    def test_filters_and_query_count(
        self,
        moderator: Any,
        make_member: Callable[..., Any],
        rule: CommunityRule,
        login: Callable[[Any], Client],
        django_assert_max_num_queries: Any,
    ) -> None:
        members = [make_member() for _ in range(6)]
        for someone in members:
            sanction_issue(actor=moderator, member=someone, rule=rule, kind="mute")
            sanction_issue(actor=moderator, member=someone, rule=rule, kind="warning")
        client = login(moderator)
        client.get(reverse("cockpit:sanctions"))
        with django_assert_max_num_queries(20):
            page = client.get(reverse("cockpit:sanctions")).content.decode()
        assert page.count("data-sanction=") == 12
        only = client.get(
            reverse("cockpit:sanctions"), {"member": members[0].username, "kind": "mute"}
        ).content.decode()
        assert only.count("data-sanction=") == 1
        bad = client.get(reverse("cockpit:sanctions"), {"member": "ghost"}).content.decode()
        assert 'data-testid="filter-errors"' in bad

    def test_the_ladder_and_thresholds_are_edited_by_managers(
        self, manager: Any, login: Callable[[Any], Client]
    ) -> None:
        client = login(manager)
        page = client.get(reverse("cockpit:sanction_ladder")).content.decode()
        assert 'data-testid="ladder-form"' in page
        data: dict[str, Any] = {
            "step-TOTAL_FORMS": "10",
            "step-INITIAL_FORMS": "10",
            "step-MIN_NUM_FORMS": "0",
            "step-MAX_NUM_FORMS": "10",
        }
        for n in range(10):
            data[f"step-{n}-kind"] = ""
            data[f"step-{n}-duration_hours"] = ""
        data.update({"step-0-kind": "warning", "step-1-kind": "mute", "step-1-duration_hours": "6"})
        data.update({"step-3-kind": "ban"})
        assert client.post(reverse("cockpit:sanction_ladder_edit"), data).status_code == 302
        assert list(SanctionStep.objects.values_list("kind", "duration_hours")) == [
            ("warning", None),
            ("mute", 6),
            ("ban", None),
        ]
        data["step-1-duration_hours"] = ""
        bad = client.post(reverse("cockpit:sanction_ladder_edit"), data)
        assert bad.status_code == 400
        assert "Step 2: give the mute a duration in hours." in bad.content.decode()
        settings = {
            "warnings_to_escalate": "2",
            "escalation_window_days": "14",
            "reports_per_day": "5",
            "hide_after_reports": "4",
            "trusted_min_level": "3",
            "trusted_min_accuracy": "0.7",
        }
        assert client.post(reverse("cockpit:sanction_settings"), settings).status_code == 302
        current = ModerationSettings.current()
        assert (current.warnings_to_escalate, current.trusted_min_accuracy) == (2, 0.7)
        settings["trusted_min_accuracy"] = "1.5"
        assert client.post(reverse("cockpit:sanction_settings"), settings).status_code == 400

    def test_moderators_see_the_ladder_read_only(
        self, moderator: Any, login: Callable[[Any], Client]
    ) -> None:
        page = login(moderator).get(reverse("cockpit:sanction_ladder")).content.decode()
        assert 'data-testid="ladder-facts"' in page
        assert 'data-testid="ladder-form"' not in page


class TestAppeals:
    def test_pending_first_and_decided_by_another_moderator(
        self,
        moderator: Any,
        second_moderator: Any,
        member: Any,
        make_board: Callable[..., Any],
        rule: CommunityRule,
        login: Callable[[Any], Client],
    ) -> None:
        item = _rejected(member, moderator, make_board(), rule)
        older = sanction_issue(actor=moderator, member=member, rule=rule)
        decided = appeal_file(member=member, sanction=older, text="Old one")
        decided.state = Appeal.State.UPHELD
        decided.save()
        appeal = appeal_file(member=member, item=item, text="It was not an advert.")
        listing = login(moderator).get(reverse("cockpit:appeals")).content.decode()
        assert listing.index(f'data-appeal="{appeal.pk}"') < listing.index(
            f'data-appeal="{decided.pk}"'
        )
        url = reverse("cockpit:appeal", args=[appeal.pk])
        own = login(moderator).get(url).content.decode()
        assert 'data-testid="review-refusal"' in own
        assert "A different moderator must review this appeal" in own
        refused = login(moderator).post(url, {"decision": "overturn"})
        assert refused.status_code == 400
        assert Appeal.objects.get(pk=appeal.pk).state == "pending"
        other = login(second_moderator)
        assert 'data-testid="decision-form"' in other.get(url).content.decode()
        empty = other.post(url, {"decision": "uphold", "response": ""})
        assert empty.status_code == 400
        assert "Tell the member why the decision stands." in empty.content.decode()
        done = other.post(url, {"decision": "overturn", "response": "Right, it is a review."})
        assert done.status_code == 302
        appeal.refresh_from_db()
        assert appeal.state == "overturned"
        item.refresh_from_db()
        assert item.overturned is True
        assert 'data-testid="appeal-outcome"' in other.get(url).content.decode()

    def test_an_unknown_appeal_is_404(self, moderator: Any, login: Callable[[Any], Client]) -> None:
        assert login(moderator).get(reverse("cockpit:appeal", args=[4242])).status_code == 404


class TestDisputes:
    def test_open_then_work_the_case(
        self,
        moderator: Any,
        second_moderator: Any,
        member: Any,
        make_member: Callable[..., Any],
        make_board: Callable[..., Any],
        login: Callable[[Any], Client],
    ) -> None:
        other = make_member("lihua")
        topic = topic_create(author=member, board=make_board(), title="My photo", body=BODY)
        client = login(moderator)
        bad = client.post(
            reverse("cockpit:dispute_new"),
            {"title": "Credit", "parties": "xiaoming ghost", "contents": "hello"},
        )
        assert bad.status_code == 400
        assert "No member with the username: ghost" in bad.content.decode()
        assert "Line 1:" in bad.content.decode()
        response = client.post(
            reverse("cockpit:dispute_new"),
            {
                "title": "Photo credit",
                "parties": "xiaoming, @lihua",
                "contents": f"http://testserver/t/{topic.pk}/",
                "note": "Both claim it.",
            },
        )
        assert response.status_code == 302
        dispute = Dispute.objects.get()
        assert set(dispute.parties.all()) == {member, other}
        detail = client.get(response["Location"]).content.decode()
        assert "My photo" in detail
        assert "Both claim it." in detail

        entry = reverse("cockpit:dispute_entry", args=[dispute.pk])
        client.post(entry, {"recipient": str(other.pk), "text": "Please credit the author."})
        assert Notification.objects.filter(recipient=other).count() == 1
        client.post(entry, {"recipient": "note", "text": "Checked EXIF."})
        assert client.post(entry, {"recipient": "note", "text": ""}).status_code == 400
        client.post(
            reverse("cockpit:dispute_assign", args=[dispute.pk]),
            {"assignee": second_moderator.pk},
        )
        client.post(reverse("cockpit:dispute_state", args=[dispute.pk]), {"state": "in_progress"})
        client.post(
            reverse("cockpit:dispute_resolve", args=[dispute.pk]), {"outcome": "Credit added."}
        )
        dispute.refresh_from_db()
        assert (dispute.state, dispute.assignee, dispute.outcome) == (
            "resolved",
            second_moderator,
            "Credit added.",
        )
        kinds = list(DisputeEntry.objects.filter(dispute=dispute).values_list("kind", flat=True))
        assert kinds == ["note", "message", "note", "state", "state", "outcome"]
        listing = client.get(reverse("cockpit:disputes"), {"state": "resolved"}).content.decode()
        assert f'data-dispute="{dispute.pk}"' in listing
        open_only = client.get(reverse("cockpit:disputes"), {"state": "open"}).content.decode()
        assert f'data-dispute="{dispute.pk}"' not in open_only

    def test_members_cannot_be_assigned(
        self, moderator: Any, member: Any, login: Callable[[Any], Client]
    ) -> None:
        from hearth.moderation.services.disputes import dispute_open

        dispute = dispute_open(actor=moderator, title="x", parties=[member])
        response = login(moderator).post(
            reverse("cockpit:dispute_assign", args=[dispute.pk]), {"assignee": member.pk}
        )
        assert response.status_code == 400
        dispute.refresh_from_db()
        assert dispute.assignee is None


class TestRules:
    def test_managers_add_edit_move_deactivate_and_delete(
        self, manager: Any, moderator: Any, member: Any, login: Callable[[Any], Client]
    ) -> None:
        client = login(manager)
        response = client.post(
            reverse("cockpit:rule_new"),
            {"title": "No bots", "body": "Humans only.", "active": "on"},
        )
        assert response.status_code == 302
        rule = CommunityRule.objects.get(code="no-bots")
        assert rule.active is True
        page = client.get(reverse("cockpit:rules")).content.decode()
        assert 'data-rule="no-bots"' in page
        edit = client.post(
            reverse("cockpit:rule_edit", args=[rule.pk]),
            {"title": "No bots, please", "code": "no-bots", "body": "", "active": "on"},
        )
        assert edit.status_code == 302
        rule.refresh_from_db()
        assert rule.title == "No bots, please"
        before = rule.position
        client.post(reverse("cockpit:rule_move", args=[rule.pk]), {"direction": "up"})
        rule.refresh_from_db()
        assert rule.position == before - 1
        dup = client.post(reverse("cockpit:rule_new"), {"title": "Ads", "code": "no-ads"})
        assert dup.status_code == 400
        assert "already has the code" in dup.content.decode()

        cited = CommunityRule.objects.get(code="no-ads")
        sanction_issue(actor=moderator, member=member, rule=cited)
        client.post(reverse("cockpit:rule_delete", args=[cited.pk]))
        assert CommunityRule.objects.filter(pk=cited.pk).exists()
        client.post(reverse("cockpit:rule_active", args=[cited.pk]), {"active": "0"})
        cited.refresh_from_db()
        assert cited.active is False
        client.post(reverse("cockpit:rule_delete", args=[rule.pk]))
        assert not CommunityRule.objects.filter(pk=rule.pk).exists()

    def test_moderators_see_no_edit_buttons(
        self, moderator: Any, login: Callable[[Any], Client]
    ) -> None:
        page = login(moderator).get(reverse("cockpit:rules")).content.decode()
        assert 'data-testid="rule-new"' not in page
        assert 'data-testid="rule-delete"' not in page
        assert login(moderator).post(reverse("cockpit:rule_move", args=[1])).status_code == 403


class TestAudit:
    def test_newest_first_with_filters_and_readable_changes(
        self,
        moderator: Any,
        second_moderator: Any,
        member: Any,
        rule: CommunityRule,
        login: Callable[[Any], Client],
        django_assert_max_num_queries: Any,
    ) -> None:
        from hearth.moderation.services.sanctions import sanction_lift

        mute = sanction_issue(actor=moderator, member=member, rule=rule, kind="mute")
        sanction_lift(actor=second_moderator, sanction=mute, reason="Mistake")
        sanction_issue(actor=None, member=member, rule=rule)
        client = login(moderator)
        url = reverse("cockpit:audit")
        client.get(url)
        with django_assert_max_num_queries(15):
            page = client.get(url).content.decode()
        assert page.count("<tr data-action=") == 3
        rows = re.findall(r'<tr data-action="([a-z._]+)"', page)
        assert rows == ["sanction.issue", "sanction.lift", "sanction.issue"]  # newest first
        assert "Sanction lifted" in page
        assert "Mistake" in page
        by_actor = client.get(url, {"actor": "mod2"}).content.decode()
        assert by_actor.count("<tr data-action=") == 1
        system = client.get(url, {"actor": "system"}).content.decode()
        assert system.count("<tr data-action=") == 1
        grouped = client.get(url, {"action": "sanction."}).content.decode()
        assert grouped.count("<tr data-action=") == 3
        target = client.get(url, {"target_kind": "sanction", "target_id": mute.pk}).content.decode()
        assert target.count("<tr data-action=") == 2
        unknown = client.get(url, {"member": "ghost"})
        assert unknown.status_code == 200
        assert 'data-testid="filter-errors"' in unknown.content.decode()
        assert AuditEntry.objects.count() == 3
