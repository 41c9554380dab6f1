"""Reply services: create, edit, change status."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.events import ReplyCreated, ReplyEdited, ReplyStatusChanged
from hearth.community.models import Board, Reply, ReplyRevision, Status, Topic
from hearth.community.services import text
from hearth.community.services.topics import (
    posting_limit_check,
    posting_standing_check,
    screened,
)
from hearth.core.events import publish
from hearth.core.screening import ContentKind, ScreenRequest, screening_record


def _count_reply(topic: Topic, author_id: int, delta: int, at: dt.datetime | None) -> None:
    """Move the topic's, board's and author's reply counters (published replies only)."""
    if at is not None:
        topic.reply_count += delta
        topic.last_activity_at = at
        topic.hot_score = text.hot_score(topic)
        Topic.objects.filter(pk=topic.pk).update(
            reply_count=F("reply_count") + delta, last_activity_at=at, hot_score=topic.hot_score
        )
    else:
        Topic.objects.filter(pk=topic.pk).update(reply_count=F("reply_count") + delta)
    Board.objects.filter(pk=topic.board_id).update(reply_count=F("reply_count") + delta)
    User.objects.filter(pk=author_id).update(reply_count=F("reply_count") + delta)


@transaction.atomic
def reply_create(
    *,
    author: User,
    topic: Topic,
    body: str,
    quote: Reply | None = None,
    created_at: dt.datetime | None = None,
) -> Reply:
    """Answer ``topic``, optionally quoting one of its replies; held when the pipeline says so."""
    if not permissions.can_reply(author, topic):
        raise PermissionDenied(_("You cannot reply to this topic."))
    posting_standing_check(author=author, board_id=topic.board_id)
    posting_limit_check(author=author)
    body = text.check_body(body, maximum=text.REPLY_BODY_MAX)
    if quote is not None and (quote.topic_id != topic.pk or quote.status != Status.PUBLISHED):
        raise ValidationError({"quote": _("You can only quote a visible reply of this topic.")})
    request = ScreenRequest(
        author=author, kind=ContentKind.REPLY, text=body, board_id=topic.board_id
    )
    screening = screened(request)
    body = screening.text or body
    status = Status.HELD if screening.held else Status.PUBLISHED
    mentioned = text.mentions(body, exclude=author.pk)
    now = created_at or timezone.now()
    reply = Reply.objects.create(
        topic=topic,
        author=author,
        quote=quote,
        body=body,
        body_html=text.render(body, mentioned),
        status=status,
        created_at=now,
    )
    if status == Status.PUBLISHED:
        _count_reply(topic, author.pk, 1, now)
    screening_record(request, screening, reply.pk)
    publish(
        ReplyCreated(
            reply_id=reply.pk,
            topic_id=topic.pk,
            board_id=topic.board_id,
            author_id=author.pk,
            topic_author_id=topic.author_id,
            quoted_author_id=quote.author_id if quote is not None else None,
            status=status,
            mentioned_ids=tuple(mentioned.values()),
        )
    )
    return reply


@transaction.atomic
def reply_edit(*, editor: User, reply: Reply, body: str) -> Reply:
    """Change a reply's text, keeping the previous text as a revision.

    Like a topic edit, the text passes the pipeline again; an edit of a
    rejected reply by its author resubmits it for review.
    """
    if not permissions.can_edit_reply(editor, reply):
        raise PermissionDenied(_("You cannot edit this reply."))
    body = text.check_body(body, maximum=text.REPLY_BODY_MAX)
    resubmitted = reply.status == Status.REJECTED and editor.pk == reply.author_id
    if body == reply.body and not resubmitted:
        return reply
    topic = reply.topic
    request = ScreenRequest(
        author=editor,
        kind=ContentKind.REPLY,
        text=body,
        board_id=topic.board_id,
        editing=True,
        object_id=reply.pk,
    )
    screening = screened(request, resubmitted=resubmitted)
    body = screening.text or body
    ReplyRevision.objects.create(reply=reply, editor=editor, body=reply.body)
    mentioned = text.mentions(body, exclude=reply.author_id)
    reply.body = body
    reply.body_html = text.render(body, mentioned)
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "body_html", "edited_at"])
    if screening.held and reply.status != Status.HELD:
        reply_set_status(actor=None, reply=reply, status=Status.HELD)
    screening_record(request, screening, reply.pk)
    publish(ReplyEdited(reply_id=reply.pk, editor_id=editor.pk))
    return reply


@transaction.atomic
def reply_set_status(*, actor: User | None, reply: Reply, status: str) -> Reply:
    """Publish, hold, hide, reject or delete a reply. Counters follow published replies only.

    ``actor`` None is the system (the moderation pipeline or a decision taken
    in the moderation services, which check their own permissions).
    """
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    topic = reply.topic
    if actor is not None and not (
        permissions.can_moderate_topic(actor, topic)
        or (status == Status.DELETED and reply.author_id == actor.pk)
    ):
        raise PermissionDenied(_("You cannot change this reply's status."))
    old = reply.status
    if old == status:
        return reply
    reply.status = status
    reply.save(update_fields=["status"])
    delta = (status == Status.PUBLISHED) - (old == Status.PUBLISHED)
    if delta:
        _count_reply(topic, reply.author_id, delta, None)
    publish(
        ReplyStatusChanged(
            reply_id=reply.pk,
            topic_id=topic.pk,
            board_id=topic.board_id,
            author_id=reply.author_id,
            old_status=old,
            new_status=status,
            actor_id=actor.pk if actor else None,
        )
    )
    return reply
