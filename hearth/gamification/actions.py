"""The fixed registry of actions that point rules may reward or penalise (one place)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PointAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Daily sign-in")
    TOPIC_CREATED = "topic_created", _("Topic published")
    REPLY_CREATED = "reply_created", _("Reply published")
    LIKE_RECEIVED = "like_received", _("Like received")
    LIKE_GIVEN = "like_given", _("Like given")
    TOPIC_FEATURED = "topic_featured", _("Topic featured (points × featured level)")
    PROFILE_COMPLETED = "profile_completed", _("Profile completed")
    FIRST_TOPIC = "first_topic", _("First topic")
    REPORT_UPHELD_AGAINST = "report_upheld_against", _("Report upheld against the member")
    INVITE_ACCEPTED = "invite_accepted", _("Invited member joined")
    ONBOARDING_STEP = "onboarding_step", _("Onboarding step completed")


class Cycle(models.TextChoices):
    ONCE = "once", _("Once")
    DAILY = "daily", _("Daily")
    HOURLY = "hourly", _("Hourly")
    UNLIMITED = "unlimited", _("Unlimited")


class EntryKind(models.TextChoices):
    AWARD = "award", _("Award")
    REVERSAL = "reversal", _("Reversal")
    ADJUSTMENT = "adjustment", _("Staff adjustment")
