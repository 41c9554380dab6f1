"""Disputes: opening a case, linking members and posts, the timeline, messages, the outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hearth.moderation.models import AuditEntry, Dispute, DisputeEntry
from hearth.moderation.selectors.disputes import dispute_case, dispute_counts
from hearth.moderation.services.disputes import (
    PostRef,
    content_ref_parse,
    dispute_assign,
    dispute_link,
    dispute_message,
    dispute_note,
    dispute_open,
    dispute_resolve,
    dispute_set_state,
)
from hearth.notifications.models import Notification

pytest_plugins = ["tests.moderation.order_fixtures"]
pytestmark = pytest.mark.usefixtures("order_defaults")


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("https://hearth.example/t/12/", PostRef("topic", 12)),
        ("/t/12/#reply-34", PostRef("reply", 34)),
        ("http://x/t/7", PostRef("topic", 7)),
        ("topic:5", PostRef("topic", 5)),
        ("reply 9", PostRef("reply", 9)),
        ("r9", PostRef("reply", 9)),
        ("T#3", PostRef("topic", 3)),
        (" 42 ", PostRef("topic", 42)),
    ],
)
def test_content_is_named_by_address_or_id(text: str, ref: PostRef) -> None:
    assert content_ref_parse(text) == ref


@pytest.mark.parametrize("text", ["", "hello", "/b/photos/", "post:3"])
def test_anything_else_is_a_clear_error(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a topic or reply address"):
        content_ref_parse(text)


@pytest.fixture
def case(
    moderator: Any, member: Any, make_member: Callable[..., Any], make_post: Callable[..., Any]
) -> Dispute:
    other = make_member("lihua")
    topic = make_post(member)
    return dispute_open(
        actor=moderator,
        title="Photo credit quarrel",
        parties=[member, other, member],
        contents=[PostRef("topic", topic.pk), PostRef("topic", topic.pk)],
        note="Both claim the photo.",
    )


def test_opening_links_parties_and_posts_once(case: Dispute, moderator: Any) -> None:
    view = dispute_case(case)
    assert [p.username for p in view.parties] == ["lihua", "xiaoming"]
    assert len(view.contents) == 1
    assert view.contents[0].content is not None
    assert [(e.kind, e.text) for e in view.timeline] == [("note", "Both claim the photo.")]
    entry = AuditEntry.objects.get(action="dispute.open")
    assert entry.actor == moderator
    assert sorted(entry.after["parties"]) == ["lihua", "xiaoming"]
    assert dispute_counts()["open"] == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " ", "parties": ["m"]}, "Give the dispute a title."),
        ({"title": "x", "parties": []}, "Name at least one member"),
        ({"title": "x", "parties": ["m"], "contents": [PostRef("topic", 999999)]}, "no topic"),
    ],
)
def test_bad_cases_are_refused(
    moderator: Any, member: Any, fields: dict[str, Any], message: str
) -> None:
    fields["parties"] = [member for _ in fields["parties"]]
    with pytest.raises(ValidationError, match=message):
        dispute_open(actor=moderator, **fields)
    assert not Dispute.objects.exists()


def test_members_cannot_handle_disputes(member: Any) -> None:
    with pytest.raises(PermissionDenied):
        dispute_open(actor=member, title="x", parties=[member])


def test_a_message_goes_to_a_party_and_notifies_them(
    case: Dispute, moderator: Any, member: Any, make_member: Callable[..., Any]
) -> None:
    dispute_message(actor=moderator, dispute=case, recipient=member, text="Please add a credit.")
    note = Notification.objects.get(recipient=member)
    assert note.verb == "moderation"
    assert note.text == "About “Photo credit quarrel”: Please add a credit."
    assert AuditEntry.objects.get(action="dispute.message").member_id == member.pk
    with pytest.raises(ValidationError, match="members involved"):
        dispute_message(actor=moderator, dispute=case, recipient=make_member(), text="Hi")


def test_notes_stay_internal(case: Dispute, moderator: Any, member: Any) -> None:
    dispute_note(actor=moderator, dispute=case, text="Checked EXIF data.")
    assert not Notification.objects.filter(recipient=member).exists()
    with pytest.raises(ValidationError, match="Write the note"):
        dispute_note(actor=moderator, dispute=case, text="  ")


def test_assign_state_and_resolve_make_the_timeline(
    case: Dispute, moderator: Any, second_moderator: Any, member: Any
) -> None:
    dispute_assign(actor=moderator, dispute=case, assignee=second_moderator)
    with pytest.raises(ValidationError, match="to a moderator"):
        dispute_assign(actor=moderator, dispute=case, assignee=member)
    dispute_set_state(actor=second_moderator, dispute=case, state="in_progress")
    with pytest.raises(ValidationError, match="already in that state"):
        dispute_set_state(actor=second_moderator, dispute=case, state="in_progress")
    with pytest.raises(ValidationError, match="Choose open"):
        dispute_set_state(actor=second_moderator, dispute=case, state="resolved")
    with pytest.raises(ValidationError, match="Write the outcome"):
        dispute_resolve(actor=second_moderator, dispute=case, outcome="")
    dispute_resolve(actor=second_moderator, dispute=case, outcome="Credit added; no sanction.")
    case.refresh_from_db()
    assert case.state == "resolved"
    assert case.resolved_at is not None
    assert case.assignee == second_moderator
    kinds = list(DisputeEntry.objects.filter(dispute=case).values_list("kind", flat=True))
    assert kinds == ["note", "state", "state", "outcome"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"dispute.assign", "dispute.state", "dispute.resolve"} <= actions
    with pytest.raises(ValidationError, match="already resolved"):
        dispute_resolve(actor=second_moderator, dispute=case, outcome="again")


def test_linking_adds_only_what_is_new(
    case: Dispute,
    moderator: Any,
    member: Any,
    make_member: Callable[..., Any],
    make_post: Callable[..., Any],
) -> None:
    reply = make_post(member, reply=True)
    newcomer = make_member()
    dispute_link(
        actor=moderator,
        dispute=case,
        parties=[member, newcomer],
        contents=[PostRef("reply", reply.pk)],
    )
    assert case.parties.count() == 3
    assert case.contents.count() == 2
    with pytest.raises(ValidationError, match="Nothing new"):
        dispute_link(actor=moderator, dispute=case, parties=[member], contents=[])
