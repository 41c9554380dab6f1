"""What an import brought in: one row per source object, so a second run adds nothing."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    """What a source object became; the kind names the Hearth model of ``object_id``."""

    MEMBER = "member", _("Members")
    PLACEHOLDER = "placeholder", _("Placeholder members")
    TOPIC = "topic", _("Topics")
    ANSWER = "answer", _("Replies from answers")
    COMMENT = "comment", _("Replies from comments")
    LIKE = "like", _("Likes")
    ANONYMOUS_LIKE = "anonymous_like", _("Anonymous likes")
    BOOKMARK = "bookmark", _("Bookmarks")
    BADGE_GRANT = "badge_grant", _("Badges granted")


class ImportedObject(models.Model):
    """Source object ``external_id`` of ``kind`` from ``source`` became the row ``object_id``.

    ``object_id`` is the primary key of the kind's model: accounts.User for
    members and placeholders, community.Topic, community.Reply (answers and
    comments), community.Like, community.AnonymousLike (many source votes
    share one per post and day), community.Bookmark, gamification.BadgeGrant.
    """

    source = models.CharField(_("source"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    external_id = models.CharField(_("id in the source"), max_length=64)
    object_id = models.BigIntegerField(_("id in Hearth"))
    created_at = models.DateTimeField(_("imported at"), default=timezone.now)

    class Meta:
        verbose_name = _("imported object")
        verbose_name_plural = _("imported objects")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "external_id"], name="imports_object_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}/{self.kind}/{self.external_id} → {self.object_id}"
