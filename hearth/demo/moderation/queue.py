"""The word list, the open queue, and the approved and dismissed items of the demo."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import DateTimeField, ExpressionWrapper, F

from hearth.community.models import Reply, Status, Topic
from hearth.demo.moderation import effects, texts
from hearth.demo.moderation.members import (
    PostIndex,
    not_ordinary,
    ordinary_members,
    picked,
    published_replies,
)
from hearth.demo.moderation.rows import just_after, new_post, report_reasons, screening_reasons
from hearth.moderation.models import Report, ReviewItem, WatchedWord, WordList

if TYPE_CHECKING:
    from hearth.demo.moderation.plant import Planter

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


def word_list(p: Planter) -> None:
    admin, created = p.staff["admin"], p.now - dt.timedelta(days=60)
    words = WordList.objects.create(
        name=effects.WORD_LIST,
        format=WordList.Format.MANUAL,
        enabled=True,
        created_by=admin,
        enabled_at=created + HOUR,
    )
    WatchedWord.objects.bulk_create(
        WatchedWord(
            word_list=words,
            term=term,
            category=category,
            action=action,
            severity=severity,
            hit_count=hits,
            last_hit_at=p.now - dt.timedelta(hours=p.rng.uniform(1, 480)) if hits else None,
        )
        for term, category, action, severity, hits in effects.WORDS
    )
    target = ("word_list", words.pk)
    p.trail.log(
        created,
        admin,
        "word_list.create",
        target,
        None,
        after={"name": words.name, "words": len(effects.WORDS)},
    )
    p.trail.log(
        created + HOUR,
        admin,
        "word_list.enable",
        target,
        None,
        before={"enabled": False},
        after={"enabled": True},
    )
    p.counts["words"] = len(effects.WORDS)


def held_open(p: Planter) -> None:
    """New members' posts with contact details and advertising, waiting in the queue."""
    joined = p.now - dt.timedelta(days=effects.NEW_MEMBER_DAYS)
    members = ordinary_members().filter(date_joined__gte=joined)
    posted = dict(members.values_list("pk", F("topic_count") + F("reply_count")))
    pool = sorted(posted)
    p.rng.shuffle(pool)
    index = PostIndex(pool, p.now - 3 * DAY, p.now)
    specs = [("topic", t) for t in texts.HELD[: effects.HELD_TOPICS]]
    specs += [("reply", ("", b)) for b in texts.HELD_REPLIES[: effects.HELD_REPLIES]]
    for kind, (title, body) in specs:
        found = next(
            ((m, a) for m in pool if m not in p.used and (a := index.latest(m, kind))),
            None,
        )
        if found is None:
            continue
        member, anchor = found
        at = just_after(anchor.at, p.rng, p.now)
        post = new_post(
            kind,
            author_id=member,
            anchor=anchor,
            title=title,
            body=texts.fill(body),
            at=at,
            status=Status.HELD,
        )
        post.save()
        written = f"{title}\n\n{post.body}" if title else post.body
        reasons = screening_reasons(written, posts_before=posted[member])
        item = p.open_item(post, kind, ReviewItem.Origin.HELD, reasons=reasons, created_at=at)
        p.screened(item, written)
        p.used.add(member)
        p.counts[f"held_{kind}s"] += 1


def reported_open(p: Planter) -> None:
    """Recent replies several members reported; the first is claimed by the moderator."""
    replies = published_replies(p.now - 3 * DAY, p.now - 2 * HOUR)
    picks = picked(p.rng, replies, len(effects.REPORTED_OPEN), p.used)
    for k, ((reason, n), reply) in enumerate(zip(effects.REPORTED_OPEN, picks, strict=False)):
        first = reply.created_at + dt.timedelta(minutes=p.rng.uniform(10, 90))
        item = p.open_item(
            reply,
            "reply",
            ReviewItem.Origin.REPORTED,
            created_at=first,
            reasons=report_reasons([(reason, n)]),
            report_count=n,
        )
        p.reports(item, reason, n, until=p.now - dt.timedelta(minutes=20))
        p.used.add(reply.author_id)
        if k == 0:
            moderator = p.staff["moderator"]
            item.claimed_by, item.claimed_at = moderator, p.now - dt.timedelta(minutes=12)
            item.save(update_fields=["claimed_by", "claimed_at"])
            p.trail.log(
                item.claimed_at,
                moderator,
                "item.claim",
                ("reply", reply.pk),
                reply.author_id,
                before={"claimed_by": None},
                after={"claimed_by": moderator.pk},
            )
        p.counts["reported_open"] += 1


def approved(p: Planter) -> None:
    """New members' first posts held over the last weeks and approved by a moderator."""
    since, until = p.now - dt.timedelta(days=effects.DECIDED_DAYS), p.now - 2 * HOUR
    first_days = ExpressionWrapper(
        F("author__date_joined") + dt.timedelta(days=3), output_field=DateTimeField()
    )
    window = {
        "status": Status.PUBLISHED,
        "created_at__gte": since,
        "created_at__lte": until,
        "author__date_joined__gte": since - 3 * DAY,
    }
    others = not_ordinary()
    topics = Topic.objects.filter(**window).filter(created_at__lte=first_days)
    replies = Reply.objects.filter(**window).filter(created_at__lte=first_days)
    topics, replies = topics.exclude(author_id__in=others), replies.exclude(author_id__in=others)
    half = effects.APPROVED_ITEMS // 2
    chosen_topics = picked(p.rng, topics, half, p.used)
    chosen_replies = picked(
        p.rng,
        replies,
        effects.APPROVED_ITEMS - len(chosen_topics),
        {*p.used, *(t.author_id for t in chosen_topics)},
    )
    firsts = [("topic", t) for t in chosen_topics] + [("reply", r) for r in chosen_replies]
    items, written = [], []
    for n, (kind, post) in enumerate(firsts):
        reasons = screening_reasons("", posts_before=0)
        item = p.new_item(
            post, kind, ReviewItem.Origin.HELD, reasons=reasons, created_at=post.created_at
        )
        at, seconds = p.decided_at(item.created_at)
        edited = n < effects.EDITED_ITEMS
        outcome = ReviewItem.Outcome.EDITED if edited else ReviewItem.Outcome.APPROVED
        p.close(item, p.decider(), at, seconds, outcome=outcome)
        items.append(item)
        title = post.title if isinstance(post, Topic) else ""
        written.append(f"{title}\n\n{post.body}" if title else post.body)
        p.used.add(post.author_id)
    ReviewItem.objects.bulk_create(items)
    for item, text in zip(items, written, strict=True):
        p.screened(item, text)
        p.log_decision(item)


def dismissed(p: Planter) -> None:
    """A reply reported as abuse that a moderator found fine: the reports are dismissed."""
    picks = picked(p.rng, published_replies(p.now - 20 * DAY, p.now - 10 * DAY), 1, p.used)
    for reply in picks:
        first = reply.created_at + dt.timedelta(hours=p.rng.uniform(1, 8))
        n = effects.DISMISSED_REPORTS
        item = p.open_item(
            reply,
            "reply",
            ReviewItem.Origin.REPORTED,
            created_at=first,
            reasons=report_reasons([("abuse", n)]),
            report_count=n,
        )
        at, seconds = p.decided_at(first)
        p.reports(item, "abuse", n, until=at, outcome=Report.Outcome.DISMISSED)
        p.decide(item, p.decider(), at, seconds, outcome=ReviewItem.Outcome.APPROVED)
        p.used.add(reply.author_id)
