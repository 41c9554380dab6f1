"""Outreach: holdout, sending, unsubscribe, rate limits, idempotence and lift."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from hearth.analytics.recording import activity_record
from hearth.growth.models import (
    Outreach,
    OutreachRecipient,
    OutreachStatus,
    RecipientGroup,
    SkipReason,
)
from hearth.growth.outreach.audience import audience_clean
from hearth.growth.outreach.holdout import holdout_split
from hearth.growth.outreach.lift import (
    Rate,
    lift_compute,
    outreach_lift,
    outreach_returns_update,
    wilson_interval,
)
from hearth.growth.outreach.preferences import message_preference_set
from hearth.growth.outreach.services import outreach_create, outreach_send
from hearth.notifications.models import Notification

pytestmark = pytest.mark.django_db
SITE = "http://testserver/"
SUBJECT = "We miss you, {name}"


def _members(make_member: Callable[..., Any], n: int, prefix: str = "m") -> list[Any]:
    return [make_member(f"{prefix}{i}") for i in range(n)]


def _outreach(ids: list[int], **fields: Any) -> Outreach:
    fields.setdefault("email", True)
    return outreach_create(
        name="Week one",
        subject=SUBJECT,
        body="Hi {name}, three boards you may like.",
        member_ids=ids,
        **fields,
    )


def _notes(member: Any) -> int:
    return Notification.objects.filter(recipient=member, text__startswith="We miss you").count()


def test_holdout_split_is_deterministic_and_round_n_share() -> None:
    ids = list(range(1, 101))
    treated, holdout = holdout_split(outreach_id=7, member_ids=ids, share=0.1)
    assert len(holdout) == 10
    assert len(treated) == 90
    assert set(treated) | set(holdout) == set(ids)
    assert not set(treated) & set(holdout)
    assert holdout_split(outreach_id=7, member_ids=reversed(ids), share=0.1) == (treated, holdout)
    assert holdout_split(outreach_id=8, member_ids=ids, share=0.1)[1] != holdout
    assert len(holdout_split(outreach_id=1, member_ids=range(15), share=0.1)[1]) == 2  # round(1.5)


def test_audience_leaves_out_staff_and_deactivated(
    make_member: Callable[..., Any], staff_member: Any
) -> None:
    a, b = make_member("alice"), make_member("bob")
    b.is_active = False
    b.save()
    audience = audience_clean([a.pk, b.pk, staff_member.pk, 999_999])
    assert audience.member_ids == [a.pk]
    assert audience.left_out == 3


def test_send_keeps_holdout_and_sends_text_and_html_with_unsubscribe(
    make_member: Callable[..., Any],
) -> None:
    members = _members(make_member, 20)
    outreach = _outreach([m.pk for m in members])
    report = outreach_send(outreach=outreach, site_url=SITE)
    holdout = OutreachRecipient.objects.filter(outreach=outreach, group=RecipientGroup.HOLDOUT)
    assert holdout.count() == 2
    assert report.notified == 18
    assert report.emailed == 18
    assert report.remaining == 0
    held = {r.member_id for r in holdout}
    for m in members:
        assert _notes(m) == (0 if m.pk in held else 1)
    assert len(mail.outbox) == 18
    assert not {m.email for m in members if m.pk in held} & {e.to[0] for e in mail.outbox}
    message = mail.outbox[0]
    assert message.subject.startswith("We miss you, ")
    assert "{name}" not in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/messages/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert "/messages/unsubscribe/" in html
    assert "/messages/unsubscribe/" in message.body
    outreach.refresh_from_db()
    assert outreach.status == OutreachStatus.SENT
    assert outreach.sent_at is not None


def test_unsubscribed_members_receive_nothing(make_member: Callable[..., Any]) -> None:
    members = _members(make_member, 10)
    off = members[:4]
    for m in off:
        message_preference_set(member=m, email=False, in_site=False)
    outreach = _outreach([m.pk for m in members], holdout_share=0.0)
    outreach_send(outreach=outreach, site_url=SITE)
    for m in off:
        assert _notes(m) == 0
        row = OutreachRecipient.objects.get(outreach=outreach, member=m)
        assert row.skipped == SkipReason.UNSUBSCRIBED
        assert row.notified_at is None
    assert {m.email for m in off}.isdisjoint({e.to[0] for e in mail.outbox})
    assert len(mail.outbox) == 6


def test_email_unsubscribe_only_stops_email(make_member: Callable[..., Any]) -> None:
    member = make_member("quiet")
    message_preference_set(member=member, email=False)
    outreach = _outreach([member.pk], holdout_share=0.0)
    outreach_send(outreach=outreach, site_url=SITE)
    assert _notes(member) == 1
    assert mail.outbox == []
    row = OutreachRecipient.objects.get(outreach=outreach)
    assert row.skipped == ""
    assert row.emailed_at is None


def test_rate_limit_skips_members_messaged_recently(make_member: Callable[..., Any]) -> None:
    a, b = make_member("a1"), make_member("b1")
    first = _outreach([a.pk], holdout_share=0.0)
    outreach_send(outreach=first, site_url=SITE)
    second = _outreach([a.pk, b.pk], holdout_share=0.0)
    report = outreach_send(outreach=second, site_url=SITE)
    assert report.skipped == 1
    assert report.notified == 1
    assert OutreachRecipient.objects.get(outreach=second, member=a).skipped == (
        SkipReason.RATE_LIMITED
    )
    assert _notes(a) == 1
    assert _notes(b) == 1
    later = timezone.now() + dt.timedelta(hours=73)
    third = _outreach([a.pk], holdout_share=0.0)
    assert outreach_send(outreach=third, site_url=SITE, now=later).notified == 1


def test_sending_twice_sends_nothing_more_and_resumes_after_a_stop(
    make_member: Callable[..., Any],
) -> None:
    members = _members(make_member, 12)
    outreach = _outreach([m.pk for m in members], holdout_share=0.0)
    first = outreach_send(outreach=outreach, site_url=SITE, batch=5)  # "crash" after 5
    assert first.notified == 5
    assert first.remaining == 7
    outreach.refresh_from_db()
    assert outreach.status == OutreachStatus.SENDING
    second = outreach_send(outreach=outreach, site_url=SITE)
    assert second.notified == 7
    assert second.remaining == 0
    again = outreach_send(outreach=outreach, site_url=SITE)
    assert again.notified == again.emailed == 0
    assert len(mail.outbox) == 12
    assert all(_notes(m) == 1 for m in members)


def test_bad_input_names_the_field(make_member: Callable[..., Any]) -> None:
    from django.core.exceptions import ValidationError

    member = make_member("xx")
    with pytest.raises(ValidationError) as error:
        outreach_create(name="", subject="", body=" ", member_ids=[], in_site=False, email=False)
    assert {"name", "subject", "body", "in_site", "audience"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        _outreach([member.pk], holdout_share=0.9)
    assert "holdout_share" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _outreach([member.pk], kind="event_invite")
    assert "event" in error.value.message_dict
    assert not Outreach.objects.exists()


def test_wilson_and_newcombe_match_newcombe_1998() -> None:
    low, high = wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)
    # Newcombe (1998), Statistics in Medicine 17: 873–890, table II, method 10
    lift = lift_compute(Rate(70, 56), Rate(80, 48))
    assert lift.difference == pytest.approx(0.2)
    assert (round(lift.low or 0, 4), round(lift.high or 0, 4)) == (0.0524, 0.3339)
    assert lift.significant
    small = lift_compute(Rate(10, 9), Rate(10, 3))
    assert (round(small.low or 0, 4), round(small.high or 0, 4)) == (0.1705, 0.8090)
    noisy = lift_compute(Rate(10, 5), Rate(10, 4))
    assert noisy.low is not None
    assert noisy.low < 0 < (noisy.high or 0)
    assert not noisy.significant
    assert lift_compute(Rate(10, 5), Rate(0, 0)).difference is None


def test_lift_on_simulated_returns(make_member: Callable[..., Any]) -> None:
    members = _members(make_member, 40)
    by_id = {m.pk: m for m in members}
    sent_at = timezone.now()
    outreach = _outreach(list(by_id), email=False, holdout_share=0.25)
    outreach_send(outreach=outreach, site_url=SITE, now=sent_at)
    rows = OutreachRecipient.objects.filter(outreach=outreach)
    treated = sorted(r.member_id for r in rows if r.group == RecipientGroup.TREATED)
    holdout = sorted(r.member_id for r in rows if r.group == RecipientGroup.HOLDOUT)
    assert (len(treated), len(holdout)) == (30, 10)
    # 18 of 30 treated come back within the window, 3 of 10 held out; one more treated member
    # comes back too late (day 9) and one before the send: neither counts
    for m in treated[:18]:
        activity_record(action="read", member=by_id[m], at=sent_at + dt.timedelta(days=2))
    for m in holdout[:3]:
        activity_record(action="reply", member=by_id[m], at=sent_at + dt.timedelta(days=6))
    activity_record(action="read", member=by_id[treated[20]], at=sent_at + dt.timedelta(days=9))
    activity_record(action="read", member=by_id[treated[21]], at=sent_at - dt.timedelta(minutes=5))
    activity_record(  # a like received is not the member's own action
        action="like_received", member=by_id[treated[22]], at=sent_at + dt.timedelta(days=1)
    )
    assert outreach_returns_update(outreach) == 21
    assert outreach_returns_update(outreach) == 0  # repeatable
    lift = outreach_lift(outreach, now=sent_at + dt.timedelta(days=8))
    assert (lift.treated.n, lift.treated.returned) == (30, 18)
    assert (lift.holdout.n, lift.holdout.returned) == (10, 3)
    assert lift.difference == pytest.approx(0.6 - 0.3)
    assert lift.final
    expected = lift_compute(Rate(30, 18), Rate(10, 3))
    assert (lift.low, lift.high) == (expected.low, expected.high)
    # by hand: Wilson 18/30 = (0.4232, 0.7541), 3/10 = (0.1078, 0.6032)
    assert lift.low == pytest.approx(
        0.3 - ((0.6 - 0.42319) ** 2 + (0.60322 - 0.3) ** 2) ** 0.5, abs=1e-4
    )
    assert lift.high == pytest.approx(
        0.3 + ((0.75413 - 0.6) ** 2 + (0.3 - 0.10779) ** 2) ** 0.5, abs=1e-4
    )
    assert not lift.significant  # −0.05 … 0.57: 10 held out is too few to be sure
    returned = OutreachRecipient.objects.get(outreach=outreach, member_id=treated[0]).returned_at
    assert returned == sent_at + dt.timedelta(days=2)


def test_event_invitation_registers_the_treated_and_links_the_event(
    make_member: Callable[..., Any],
) -> None:
    from hearth.events.models import Event, EventStatus, Registration, RegistrationStatus

    start = timezone.now() + dt.timedelta(days=5)
    event = Event.objects.create(
        title="Newcomers' meetup",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status=EventStatus.PUBLISHED,
    )
    members = _members(make_member, 10, prefix="guest")
    outreach = _outreach([m.pk for m in members], kind="event_invite", event=event)
    outreach_send(outreach=outreach, site_url=SITE)
    held = set(
        OutreachRecipient.objects.filter(
            outreach=outreach, group=RecipientGroup.HOLDOUT
        ).values_list("member_id", flat=True)
    )
    invited = Registration.objects.filter(event=event, status=RegistrationStatus.INVITED)
    assert set(invited.values_list("member_id", flat=True)) == {m.pk for m in members} - held
    assert f"http://testserver/events/{event.pk}/" in mail.outbox[0].body
    note = Notification.objects.filter(text__startswith="We miss you").first()
    assert note is not None
    assert f"/events/{event.pk}/" in note.text


def test_the_command_finishes_a_send_in_batches_and_records_returns(
    make_member: Callable[..., Any],
) -> None:
    from django.core.management import call_command

    members = _members(make_member, 30, prefix="c")
    outreach = _outreach([m.pk for m in members], email=False)
    first = outreach_send(outreach=outreach, site_url=SITE, batch=5)
    assert first.remaining > 0
    outreach.refresh_from_db()
    assert outreach.status == OutreachStatus.SENDING

    call_command("outreach_send", "--site-url", "https://community.example.cn")

    outreach.refresh_from_db()
    assert outreach.status == OutreachStatus.SENT
    treated = outreach.recipients.filter(group=RecipientGroup.TREATED)
    assert treated.filter(notified_at__isnull=True).count() == 0
    assert sum(_notes(m) for m in members) == treated.count()
