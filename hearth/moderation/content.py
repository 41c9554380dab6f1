"""The texts moderation acts on, named by (kind, id): read them and change their status.

Topics and replies change status through the community services (so counters,
points and events follow); a profile has no status, so "hiding" a profile
clears the offending display name or bio.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from hearth.accounts.models import User
from hearth.community.models import Reply, Status, Topic
from hearth.community.services import reply_set_status, topic_set_status
from hearth.moderation.models import ContentKind


@dataclass(frozen=True)
class ContentView:
    kind: str
    pk: int
    author_id: int
    board_id: int | None
    title: str  # the topic's title, or the replied topic's title, or the member's name
    text: str
    status: str  # a community Status value; profiles are always "published"
    url: str
    reach: int  # reads + likes + replies: how many people it touches


def content_get(kind: str, pk: int) -> ContentView | None:
    """The text ``(kind, pk)`` names, or None when it no longer exists."""
    if kind == ContentKind.TOPIC:
        topic = Topic.objects.filter(pk=pk).first()
        if topic is None:
            return None
        return ContentView(
            kind=kind,
            pk=pk,
            author_id=topic.author_id,
            board_id=topic.board_id,
            title=topic.title,
            text=topic.body,
            status=topic.status,
            url=reverse("community:topic", args=[pk]),
            reach=topic.read_count + topic.view_count + topic.like_count + topic.reply_count,
        )
    if kind == ContentKind.REPLY:
        reply = Reply.objects.select_related("topic").filter(pk=pk).first()
        if reply is None:
            return None
        return ContentView(
            kind=kind,
            pk=pk,
            author_id=reply.author_id,
            board_id=reply.topic.board_id,
            title=reply.topic.title,
            text=reply.body,
            status=reply.status,
            url=reverse("community:topic", args=[reply.topic_id]) + f"#r{pk}",
            reach=reply.like_count + reply.topic.read_count // 10,
        )
    if kind == ContentKind.PROFILE:
        member = User.objects.filter(pk=pk).first()
        if member is None:
            return None
        return ContentView(
            kind=kind,
            pk=pk,
            author_id=pk,
            board_id=None,
            title=member.name,
            text="\n".join(t for t in (member.display_name, member.bio) if t),
            status=Status.PUBLISHED,
            url=reverse("accounts:member", args=[member.username]),
            reach=member.topic_count + member.reply_count,
        )
    return None


def content_set_status(kind: str, pk: int, status: str) -> None:
    """Publish, hold, hide or reject a topic or reply (as the system: callers check permission).

    For a profile, anything but "published" clears its display name and bio.
    """
    if kind == ContentKind.TOPIC:
        topic = Topic.objects.select_for_update().get(pk=pk)
        topic_set_status(actor=None, topic=topic, status=status)
    elif kind == ContentKind.REPLY:
        reply = Reply.objects.select_for_update().select_related("topic").get(pk=pk)
        reply_set_status(actor=None, reply=reply, status=status)
    elif kind == ContentKind.PROFILE and status != Status.PUBLISHED:
        User.objects.filter(pk=pk).update(display_name="", bio="")
