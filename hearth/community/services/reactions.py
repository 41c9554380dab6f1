"""Likes, shares and bookmarks."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.events import LikeGiven, LikeWithdrawn, ShareCreated
from hearth.community.models import Bookmark, Like, Reply, Share, ShareChannel, Topic
from hearth.community.services import text
from hearth.core.events import publish


def _target_fields(target: Topic | Reply) -> dict[str, Topic | Reply | None]:
    """The Like columns for ``target``: exactly one of topic and reply (see like_one_target)."""
    if isinstance(target, Reply):
        return {"topic": None, "reply": target}
    return {"topic": target, "reply": None}


def _topic_of(target: Topic | Reply) -> Topic:
    return target.topic if isinstance(target, Reply) else target


@transaction.atomic
def like_give(*, member: User, target: Topic | Reply) -> Like:
    """Like a topic or reply once. A second like is refused with a clear message."""
    if target.author_id == member.pk:
        raise ValidationError(_("You cannot like your own post."))
    if not permissions.can_like(member, target):
        raise PermissionDenied(_("You cannot like this post."))
    fields = _target_fields(target)
    try:
        with transaction.atomic():
            like = Like.objects.create(member=member, **fields)
    except IntegrityError as exc:
        raise ValidationError(_("You have already liked this post.")) from exc
    type(target).objects.filter(pk=target.pk).update(like_count=F("like_count") + 1)
    User.objects.filter(pk=target.author_id).update(likes_received=F("likes_received") + 1)
    topic = _topic_of(target)
    if isinstance(target, Topic):
        target.like_count += 1
        Topic.objects.filter(pk=target.pk).update(hot_score=text.hot_score(target))
    publish(
        LikeGiven(
            like_id=like.pk,
            member_id=member.pk,
            receiver_id=target.author_id,
            topic_id=topic.pk,
            reply_id=target.pk if isinstance(target, Reply) else None,
        )
    )
    return like


@transaction.atomic
def like_withdraw(*, member: User, target: Topic | Reply) -> None:
    """Undo a like. Withdrawing a like that does not exist is refused."""
    fields = _target_fields(target)
    deleted, _rows = Like.objects.filter(member=member, **fields).delete()
    if not deleted:
        raise ValidationError(_("You have not liked this post."))
    type(target).objects.filter(pk=target.pk).update(like_count=F("like_count") - 1)
    User.objects.filter(pk=target.author_id).update(likes_received=F("likes_received") - 1)
    topic = _topic_of(target)
    publish(
        LikeWithdrawn(
            member_id=member.pk,
            receiver_id=target.author_id,
            topic_id=topic.pk,
            reply_id=target.pk if isinstance(target, Reply) else None,
        )
    )


@transaction.atomic
def share_create(*, member: User | None, topic: Topic, channel: str) -> Share:
    """Record a share of ``topic`` to an outside channel and give it a share code."""
    if channel not in ShareChannel.values:
        raise ValidationError({"channel": _("Unknown share channel.")})
    share = Share.objects.create(
        member=member, topic=topic, channel=channel, code=secrets.token_urlsafe(8)[:10]
    )
    topic.share_count += 1
    Topic.objects.filter(pk=topic.pk).update(
        share_count=F("share_count") + 1, hot_score=text.hot_score(topic)
    )
    publish(
        ShareCreated(
            share_id=share.pk,
            member_id=member.pk if member else None,
            topic_id=topic.pk,
            channel=channel,
        )
    )
    return share


def share_visit(*, code: str) -> Share | None:
    """Count a visit through a share link; None when the code is unknown."""
    share = Share.objects.filter(code=code).only("id", "topic_id", "channel", "code").first()
    if share is None:
        return None
    Share.objects.filter(pk=share.pk).update(visits=F("visits") + 1)
    return share


@transaction.atomic
def bookmark_toggle(*, member: User, topic: Topic) -> bool:
    """Bookmark or un-bookmark; returns whether the topic is now bookmarked."""
    deleted, _rows = Bookmark.objects.filter(member=member, topic=topic).delete()
    if deleted:
        return False
    Bookmark.objects.create(member=member, topic=topic)
    return True
