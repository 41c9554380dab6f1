from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hearth.community.topic_urls import topic_url
from hearth.core.models import hex_colour


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members only")
    STAFF = "staff", _("Staff only")


class PostingPolicy(models.TextChoices):
    MEMBERS = "members", _("Any member")
    VERIFIED = "verified", _("Real-name verified members")
    RESTRICTED = "restricted", _("Members whose level unlocks restricted boards")
    MODERATORS = "moderators", _("Moderators and staff")
    STAFF = "staff", _("Staff only")


class Board(models.Model):
    """A section of the community (板块)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    description = models.TextField(_("description"), max_length=500, blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#4263eb", validators=[hex_colour])
    icon = models.CharField(_("icon"), max_length=8, blank=True, help_text=_("An emoji."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    posting = models.CharField(
        _("who may post"),
        max_length=12,
        choices=PostingPolicy.choices,
        default=PostingPolicy.MEMBERS,
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="moderated_boards"
    )
    topic_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        permissions = [("manage_boards", "Can create and edit boards")]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=30, unique=True)

    def __str__(self) -> str:
        return self.name


class TopicKind(models.TextChoices):
    UGC = "ugc", _("Member content")
    PGC = "pgc", _("Staff content")


class Status(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden")
    REJECTED = "rejected", _("Rejected")
    DELETED = "deleted", _("Deleted")


class PinScope(models.TextChoices):
    NONE = "", _("Not pinned")
    BOARD = "board", _("Pinned in the board")
    GLOBAL = "global", _("Pinned site-wide")


class Topic(models.Model):
    """A thread started by a member (UGC) or by staff (PGC)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="topics")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("body"), max_length=50_000)
    body_html = models.TextField(blank=True)
    excerpt = models.CharField(max_length=200, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="topics")
    kind = models.CharField(max_length=3, choices=TopicKind.choices, default=TopicKind.UGC)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    featured_level = models.PositiveSmallIntegerField(_("featured level"), default=0)
    featured_at = models.DateTimeField(null=True, blank=True)
    pin_scope = models.CharField(max_length=6, choices=PinScope.choices, blank=True, default="")
    pinned_until = models.DateTimeField(null=True, blank=True)
    recommended_until = models.DateTimeField(
        _("recommended on the home page until"), null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0)
    like_count = models.PositiveIntegerField(default=0)
    share_count = models.PositiveIntegerField(default=0)
    read_count = models.PositiveIntegerField(default=0)
    view_count = models.PositiveIntegerField(default=0)
    hot_score = models.FloatField(default=0.0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            models.Index(fields=["board", "status", "-last_activity_at"]),
            models.Index(fields=["status", "-last_activity_at"]),
            models.Index(fields=["status", "-hot_score"]),
            models.Index(fields=["status", "-featured_level", "-featured_at"]),
            models.Index(fields=["author", "-created_at"]),
        ]
        permissions = [
            ("feature_topic", "Can feature topics"),
            ("pin_topic", "Can pin topics"),
            ("moderate_content", "Can hide and restore content"),
            ("post_staff_content", "Can post staff (PGC) content"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The canonical address: ``/t/<pk>/<pinyin-slug>/`` (see ``community.topic_urls``)."""
        return topic_url(pk=self.pk, title=self.title)


class TopicRevision(models.Model):
    """The text of a topic before an edit: edit history, never rewritten."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(max_length=120)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.topic_id}@{self.created_at:%Y-%m-%d %H:%M}"


class Reply(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="replies"
    )
    quote = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    body = models.TextField(_("body"), max_length=20_000)
    body_html = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PUBLISHED, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    like_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        indexes = [
            models.Index(fields=["topic", "status", "created_at"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"reply {self.pk} on {self.topic_id}"


class ReplyRevision(models.Model):
    """The text of a reply before an edit."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reply_id}@{self.created_at:%Y-%m-%d %H:%M}"


class Like(models.Model):
    """One member's like of a topic or a reply (exactly one of the two)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="likes"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="likes"
    )
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="likes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "topic"],
                name="like_topic_once",
                condition=models.Q(reply__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["member", "reply"],
                name="like_reply_once",
                condition=models.Q(reply__isnull=False),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(topic__isnull=False, reply__isnull=True)
                    | models.Q(topic__isnull=True, reply__isnull=False)
                ),
                name="like_one_target",
            ),
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"like {self.pk}"


class AnonymousLike(models.Model):
    """Likes of a topic or reply by no known member, counted per day (exactly one target).

    What an import brings when the source kept votes but not who cast them
    (a Stack Exchange dump's up-votes). They are not :class:`Like` rows: no
    member gave them, so they earn no points and are not in ``like_count``.
    """

    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="anonymous_likes"
    )
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="anonymous_likes"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "day"],
                name="anonymous_like_topic_day",
                condition=models.Q(reply__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["reply", "day"],
                name="anonymous_like_reply_day",
                condition=models.Q(reply__isnull=False),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(topic__isnull=False, reply__isnull=True)
                    | models.Q(topic__isnull=True, reply__isnull=False)
                ),
                name="anonymous_like_one_target",
            ),
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.count} anonymous likes on {self.day}"


class ShareChannel(models.TextChoices):
    WECHAT = "wechat", _("WeChat")
    WEIBO = "weibo", _("Weibo")
    QQ = "qq", _("QQ")
    LINK = "link", _("Copy link")


class Share(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shares",
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="shares")
    channel = models.CharField(max_length=10, choices=ShareChannel.choices)
    code = models.CharField(max_length=12, unique=True)
    visits = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return self.code


class Read(models.Model):
    """A member read a topic on a day: one row per member, topic and day, dwell accumulated."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reads"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    day = models.DateField()
    dwell_seconds = models.PositiveIntegerField(default=0)
    # the deepest point of the topic the page reached that day, in percent (None: not reported)
    depth = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "topic", "day"], name="read_once_a_day"),
        ]
        indexes = [models.Index(fields=["day"]), models.Index(fields=["topic", "day"])]

    def __str__(self) -> str:
        return f"read {self.member_id}/{self.topic_id}/{self.day}"


class Bookmark(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "topic"], name="bookmark_once")]

    def __str__(self) -> str:
        return f"bookmark {self.member_id}/{self.topic_id}"


class BoardFollow(models.Model):
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_follows"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "board"], name="board_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows board {self.board_id}"


def post_image_path(image: PostImage, filename: str) -> str:
    """``posts/YYYY/MM/<filename>`` by the upload's local month (the service names the file)."""
    return f"posts/{timezone.localtime(image.created_at):%Y/%m}/{filename}"


class PostImage(models.Model):
    """A picture a member uploaded for a topic or reply, re-encoded without its metadata.

    Written only by :func:`hearth.community.services.images.post_image_upload`;
    posts show it through the Markdown ``![](<url>)`` that the composer inserts.
    """

    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="post_images",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(_("file"), upload_to=post_image_path, max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size_bytes = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("post image")
        verbose_name_plural = _("post images")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["uploader", "created_at"], name="post_image_daily")]

    def __str__(self) -> str:
        return str(self.file.name)
