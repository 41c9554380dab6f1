"""Reply services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.events import ReplyCreated
from hearth.community.models import Board, Reply, Status, Topic
from hearth.community.services import text
from hearth.community.services.topics import posting_limit_check
from hearth.core.events import publish


@transaction.atomic
def reply_create(
    *,
    author: User,
    topic: Topic,
    body: str,
    quote: Reply | None = None,
    created_at: dt.datetime | None = None,
) -> Reply:
    """Answer ``topic``, optionally quoting one of its replies."""
    if not permissions.can_reply(author, topic):
        raise PermissionDenied(_("You cannot reply to this topic."))
    posting_limit_check(author=author)
    body = text.check_body(body, maximum=text.REPLY_BODY_MAX)
    if quote is not None and (quote.topic_id != topic.pk or quote.status != Status.PUBLISHED):
        raise ValidationError({"quote": _("You can only quote a visible reply of this topic.")})
    mentioned = text.mentions(body, exclude=author.pk)
    now = created_at or timezone.now()
    reply = Reply.objects.create(
        topic=topic,
        author=author,
        quote=quote,
        body=body,
        body_html=text.render(body, mentioned),
        created_at=now,
    )
    topic.reply_count += 1
    topic.last_activity_at = now
    topic.hot_score = text.hot_score(topic)
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=now, hot_score=topic.hot_score
    )
    Board.objects.filter(pk=topic.board_id).update(reply_count=F("reply_count") + 1)
    User.objects.filter(pk=author.pk).update(reply_count=F("reply_count") + 1)
    publish(
        ReplyCreated(
            reply_id=reply.pk,
            topic_id=topic.pk,
            board_id=topic.board_id,
            author_id=author.pk,
            topic_author_id=topic.author_id,
            quoted_author_id=quote.author_id if quote is not None else None,
            status=reply.status,
            mentioned_ids=tuple(mentioned.values()),
        )
    )
    return reply
