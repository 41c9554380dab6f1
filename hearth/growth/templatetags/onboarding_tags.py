"""``{% onboarding_card %}``: the checklist card on the home page, for recent members."""

from __future__ import annotations

from typing import Any

from django import template

from hearth.accounts.models import User
from hearth.growth.models import OnboardingProgress
from hearth.growth.onboarding.checklist import card_is_due, checklist_for

register = template.Library()


@register.inclusion_tag("growth/onboarding/_card.html", takes_context=True)
def onboarding_card(context: template.Context) -> dict[str, Any]:
    """The card's context: a checklist when the member should see the card, else nothing.

    Reads only existing rows (members from before onboarding see no card)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {}
    progress = OnboardingProgress.objects.filter(member_id=user.pk).first()
    if not card_is_due(member=user, progress=progress):
        return {}
    assert progress is not None
    return {"checklist": checklist_for(member=user, progress=progress), "request": request}
