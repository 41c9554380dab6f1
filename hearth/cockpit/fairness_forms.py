"""Forms of the fairness page: the policy (new-account throttle, ring thresholds) and a review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.gamification.models import FairnessPolicy
from hearth.gamification.services.rings import NOTE_MAX, POLICY_BOUNDS


def _bounded(label: Any, field: str, help_text: Any = "") -> forms.IntegerField:
    least, most = POLICY_BOUNDS[field]
    return forms.IntegerField(
        label=label,
        min_value=least,
        max_value=most,
        help_text=help_text,
        error_messages={"required": _("Enter a number."), "invalid": _("Enter a whole number.")},
    )


class FairnessPolicyForm(forms.Form):
    new_account_days = _bounded(
        _("New account period (days)"),
        "new_account_days",
        _("Accounts younger than this are throttled; 0 turns the throttle off."),
    )
    new_account_daily_posts = _bounded(
        _("Posts per day for new accounts"),
        "new_account_daily_posts",
        _("Topics and replies; a level with a lower limit keeps its own."),
    )
    new_account_likes_earn = forms.BooleanField(
        label=_("Likes from new accounts earn points"), required=False
    )
    ring_min_likes = _bounded(
        _("Like rings: least likes each way"),
        "ring_min_likes",
        _("Both members of a pair must have liked the other at least this often."),
    )
    ring_window_days = _bounded(
        _("Like rings: days looked at"),
        "ring_window_days",
        _("Detection counts the likes of these last days."),
    )

    @classmethod
    def for_policy(cls, policy: FairnessPolicy) -> FairnessPolicyForm:
        return cls(
            initial={
                "new_account_days": policy.new_account_days,
                "new_account_daily_posts": policy.new_account_daily_posts,
                "new_account_likes_earn": policy.new_account_likes_earn,
                "ring_min_likes": policy.ring_min_likes,
                "ring_window_days": policy.ring_window_days,
            }
        )


class RingReviewForm(forms.Form):
    CONFIRM = "confirm"
    DISMISS = "dismiss"

    decision = forms.ChoiceField(
        choices=[(CONFIRM, _("Confirm")), (DISMISS, _("Dismiss"))],
        error_messages={"required": _("Choose to confirm or dismiss the alert.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.TextInput(attrs={"placeholder": _("Why? (required to confirm)")}),
    )
