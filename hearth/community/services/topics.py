"""Topic services: create, edit, feature, pin, change status."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.events import (
    TopicCreated,
    TopicEdited,
    TopicFeatured,
    TopicStatusChanged,
    TopicUnfeatured,
)
from hearth.community.models import (
    Board,
    PinScope,
    Status,
    Tag,
    Topic,
    TopicKind,
    TopicRevision,
)
from hearth.community.services import text
from hearth.core import markdown
from hearth.core.events import publish
from hearth.core.screening import (
    ContentKind,
    Reason,
    Screening,
    ScreenRequest,
    screen,
    screening_record,
)
from hearth.core.standing import posting_restriction


def _set_tags(topic: Topic, names: list[str]) -> None:
    tags = []
    for name in names:
        tag, _created = Tag.objects.get_or_create(name=name)
        tags.append(tag)
    topic.tags.set(tags)


def posting_standing_check(*, author: User, board_id: int | None) -> None:
    """Refuse a post from a muted or banned member, saying why and until when."""
    restriction = posting_restriction(author, board_id)
    if restriction is not None:
        raise PermissionDenied(restriction.message)


def screened(request: ScreenRequest, *, resubmitted: bool = False) -> Screening:
    """The pipeline's decision; a block raises ValidationError with the author's message.

    A text edited after a rejection goes back to the review queue, whatever
    the pipeline says of it.
    """
    screening = screen(request)
    if screening.blocked:
        raise ValidationError(screening.block_message(), code="blocked")
    if resubmitted and not screening.held:
        screening = Screening(
            decision="hold",
            reasons=(
                *screening.reasons,
                Reason(code="resubmitted", message=_("Edited and resubmitted after a rejection.")),
            ),
            scores=screening.scores,
            text=screening.text,
            title=screening.title,
        )
    return screening


def posting_limit_check(*, author: User) -> None:
    """Refuse a topic or reply past the member's daily posting limit (ValidationError).

    The limit comes with the member's level (and is lower for new accounts);
    the message names it, so the form and the API show the member why.
    """
    left = permissions.posts_left_today(author)
    if left is None or left > 0:
        return
    limit = permissions.daily_post_limit(author) or 0
    raise ValidationError(
        ngettext(
            "You have reached today's limit of %(limit)d post (topics and replies). "
            "The limit rises with your level; try again tomorrow.",
            "You have reached today's limit of %(limit)d posts (topics and replies). "
            "The limit rises with your level; try again tomorrow.",
            limit,
        )
        % {"limit": limit},
        code="daily_limit",
    )


@transaction.atomic
def topic_create(
    *,
    author: User,
    board: Board,
    title: str,
    body: str,
    tags: list[str] | None = None,
    kind: str = TopicKind.UGC,
    created_at: dt.datetime | None = None,
) -> Topic:
    """Publish a new topic in ``board``, or hold it for review when the pipeline says so.

    Raises ValidationError (bad input, or a blocked text) or PermissionDenied.
    """
    if not permissions.can_post_in_board(author, board):
        raise PermissionDenied(_("You cannot post in this board."))
    posting_standing_check(author=author, board_id=board.pk)
    posting_limit_check(author=author)
    title = text.check_title(title)
    body = text.check_body(body, maximum=text.TOPIC_BODY_MAX)
    tag_names = text.check_tags(tags or [])
    if kind == TopicKind.PGC and not permissions.can_post_staff_content(author):
        raise PermissionDenied(_("Only staff can publish staff content."))
    request = ScreenRequest(
        author=author, kind=ContentKind.TOPIC, text=body, title=title, board_id=board.pk
    )
    screening = screened(request)
    body, title = screening.text or body, screening.title or title
    status = Status.HELD if screening.held else Status.PUBLISHED
    mentioned = text.mentions(body, exclude=author.pk)
    now = created_at or timezone.now()
    topic = Topic(
        board=board,
        author=author,
        title=title,
        body=body,
        kind=kind,
        body_html=text.render(body, mentioned),
        excerpt=markdown.excerpt(body),
        status=status,
        created_at=now,
        last_activity_at=now,
    )
    topic.hot_score = text.hot_score(topic)
    topic.save()
    if tag_names:
        _set_tags(topic, tag_names)
    if status == Status.PUBLISHED:
        Board.objects.filter(pk=board.pk).update(topic_count=F("topic_count") + 1)
        User.objects.filter(pk=author.pk).update(topic_count=F("topic_count") + 1)
    screening_record(request, screening, topic.pk)
    publish(
        TopicCreated(
            topic_id=topic.pk,
            board_id=board.pk,
            author_id=author.pk,
            status=status,
            mentioned_ids=tuple(mentioned.values()),
        )
    )
    return topic


@transaction.atomic
def topic_edit(
    *, editor: User, topic: Topic, title: str, body: str, tags: list[str] | None = None
) -> Topic:
    """Change a topic's text, keeping the previous text as a revision.

    The new text passes the pipeline: a block refuses the edit, a hold takes
    the topic back into review. An edit of a rejected topic resubmits it.
    """
    if not permissions.can_edit_topic(editor, topic):
        raise PermissionDenied(_("You cannot edit this topic."))
    title = text.check_title(title)
    body = text.check_body(body, maximum=text.TOPIC_BODY_MAX)
    tag_names = text.check_tags(tags or [])
    resubmitted = topic.status == Status.REJECTED and editor.pk == topic.author_id
    if title == topic.title and body == topic.body and tags is None and not resubmitted:
        return topic
    request = ScreenRequest(
        author=editor,
        kind=ContentKind.TOPIC,
        text=body,
        title=title,
        board_id=topic.board_id,
        editing=True,
        object_id=topic.pk,
    )
    screening = screened(request, resubmitted=resubmitted)
    body, title = screening.text or body, screening.title or title
    TopicRevision.objects.create(topic=topic, editor=editor, title=topic.title, body=topic.body)
    mentioned = text.mentions(body, exclude=topic.author_id)
    topic.title, topic.body = title, body
    topic.body_html = text.render(body, mentioned)
    topic.excerpt = markdown.excerpt(body)
    topic.edited_at = timezone.now()
    topic.save(update_fields=["title", "body", "body_html", "excerpt", "edited_at"])
    if tags is not None:
        _set_tags(topic, tag_names)
    if screening.held and topic.status != Status.HELD:
        topic_set_status(actor=None, topic=topic, status=Status.HELD)
    screening_record(request, screening, topic.pk)
    publish(TopicEdited(topic_id=topic.pk, editor_id=editor.pk))
    return topic


@transaction.atomic
def topic_feature(*, actor: User, topic: Topic, level: int) -> Topic:
    """Set the featured (精华) level: 0 removes it, 1–3 feature the topic."""
    if not permissions.can_feature_topic(actor, topic):
        raise PermissionDenied(_("You cannot feature topics."))
    if level not in (0, 1, 2, 3):
        raise ValidationError({"level": _("The featured level must be 0, 1, 2 or 3.")})
    previous = topic.featured_level
    topic.featured_level = level
    topic.featured_at = timezone.now() if level else None
    topic.save(update_fields=["featured_level", "featured_at"])
    if level > previous:
        publish(
            TopicFeatured(
                topic_id=topic.pk, author_id=topic.author_id, level=level, actor_id=actor.pk
            )
        )
    elif level == 0 and previous:
        publish(
            TopicUnfeatured(
                topic_id=topic.pk,
                author_id=topic.author_id,
                previous_level=previous,
                actor_id=actor.pk,
            )
        )
    return topic


@transaction.atomic
def topic_pin(*, actor: User, topic: Topic, scope: str, until: dt.datetime | None = None) -> Topic:
    """Pin a topic to its board or site-wide until ``until`` (or unpin with scope "")."""
    if not permissions.can_pin_topic(actor, topic):
        raise PermissionDenied(_("You cannot pin topics."))
    if scope not in PinScope.values:
        raise ValidationError({"scope": _("Unknown pin scope.")})
    if scope == PinScope.GLOBAL and not permissions.can_pin_site_wide(actor):
        raise PermissionDenied(_("Only staff can pin topics site-wide."))
    if scope and until is not None and until <= timezone.now():
        raise ValidationError({"until": _("The pin must expire in the future.")})
    topic.pin_scope = scope
    topic.pinned_until = until if scope else None
    topic.save(update_fields=["pin_scope", "pinned_until"])
    return topic


@transaction.atomic
def topic_recommend(*, actor: User, topic: Topic, until: dt.datetime | None) -> Topic:
    """Recommend a published topic on the home page until ``until`` (None takes it off)."""
    if not permissions.can_feature_topic(actor, topic):
        raise PermissionDenied(_("You cannot recommend topics."))
    if until is not None and until <= timezone.now():
        raise ValidationError({"until": _("The recommendation must end in the future.")})
    if until is not None and topic.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published topic can be recommended."))
    topic.recommended_until = until
    topic.save(update_fields=["recommended_until"])
    return topic


@transaction.atomic
def topic_set_status(*, actor: User | None, topic: Topic, status: str) -> Topic:
    """Publish, hold, hide or delete a topic. Counters follow published topics only."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if actor is not None and not (
        permissions.can_moderate_topic(actor, topic)
        or (status == Status.DELETED and topic.author_id == actor.pk)
    ):
        raise PermissionDenied(_("You cannot change this topic's status."))
    old = topic.status
    if old == status:
        return topic
    topic.status = status
    topic.save(update_fields=["status"])
    delta = (status == Status.PUBLISHED) - (old == Status.PUBLISHED)
    if delta:
        Board.objects.filter(pk=topic.board_id).update(topic_count=F("topic_count") + delta)
        User.objects.filter(pk=topic.author_id).update(topic_count=F("topic_count") + delta)
    publish(
        TopicStatusChanged(
            topic_id=topic.pk,
            old_status=old,
            new_status=status,
            actor_id=actor.pk if actor else None,
        )
    )
    return topic
