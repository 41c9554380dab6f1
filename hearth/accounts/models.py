from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    UNSPECIFIED = "", _("Prefer not to say")
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")
    OTHER = "o", _("Other")


AGE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 17, "<18"),
    (18, 24, "18-24"),
    (25, 30, "25-30"),
    (31, 35, "31-35"),
    (36, 40, "36-40"),
    (41, 50, "41-50"),
    (51, 200, "50+"),
)


def age_band_for(birth_year: int | None, today: dt.date | None = None) -> str:
    """The age band a birth year falls in, e.g. ``"25-30"``; ``""`` when unknown."""
    if not birth_year:
        return ""
    age = (today or timezone.localdate()).year - birth_year
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return ""


class User(AbstractUser):
    """A member of the community; staff are members with roles."""

    display_name = models.CharField(_("display name"), max_length=40, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    bio = models.TextField(_("bio"), max_length=500, blank=True)
    province = models.CharField(_("province"), max_length=20, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=30, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, null=True, blank=True, unique=True)
    real_name_verified = models.BooleanField(_("real-name verified"), default=False)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"), null=True, blank=True)

    # Where the member came from, recorded at sign-up for the growth work.
    channel = models.CharField(_("channel"), max_length=40, blank=True, db_index=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    utm_term = models.CharField(max_length=100, blank=True)
    utm_content = models.CharField(max_length=100, blank=True)
    invite_code = models.CharField(_("invite code"), max_length=40, blank=True)
    landing_path = models.CharField(max_length=500, blank=True)
    referrer = models.CharField(max_length=500, blank=True)

    # Denormalised counters, kept by the community services.
    topic_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    likes_received = models.PositiveIntegerField(default=0)
    follower_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [models.Index(fields=["date_joined"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @property
    def age_band(self) -> str:
        return age_band_for(self.birth_year)


class MemberFollow(models.Model):
    follower = models.ForeignKey(User, on_delete=models.CASCADE, related_name="following_links")
    followed = models.ForeignKey(User, on_delete=models.CASCADE, related_name="follower_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="member_follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followed")), name="member_follow_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} → {self.followed_id}"


class InviteCode(models.Model):
    """A code a member hands out (邀请码); the level's privilege says how many a month."""

    code = models.CharField(_("invite code"), max_length=40, unique=True)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invite_codes")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    used_by = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invited_with",
        verbose_name=_("used by"),
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Empty for a code that never expires.")
    )

    class Meta:
        verbose_name = _("invite code")
        verbose_name_plural = _("invite codes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "created_at"], name="accounts_invite_owner")]

    def __str__(self) -> str:
        return self.code
