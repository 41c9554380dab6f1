"""The member's badges page (我的勋章): every badge, which ones they hold, what they show."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import User
from hearth.gamification.badge_selectors import (
    CatalogueEntry,
    badge_catalogue,
    showcase_for,
)
from hearth.gamification.models import Badge
from hearth.gamification.services import showcase_set
from hearth.gamification.services.showcase import TITLE_MAX, may_set_title


class ShowcaseForm(forms.Form):
    badge = forms.TypedChoiceField(
        label=gettext_lazy("Badge shown beside your posts"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    title = forms.CharField(
        label=gettext_lazy("Custom title"),
        max_length=TITLE_MAX * 4,  # the service counts characters after cleaning
        required=False,
        help_text=gettext_lazy("At most 12 characters, shown beside your name."),
    )

    def __init__(self, *args: Any, held: list[CatalogueEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("No badge"))]
        choices += [(str(e.badge.pk), f"{e.badge.icon} {e.badge.name}") for e in held]
        cast(forms.TypedChoiceField, self.fields["badge"]).choices = choices


def _member(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def my_badges(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    catalogue = badge_catalogue(member_id=member.pk)
    held = [entry for entry in catalogue if entry.held]
    showcase = showcase_for(member_id=member.pk)
    status = 200
    if request.method == "POST":
        form = ShowcaseForm(request.POST, held=held)
        if form.is_valid():
            badge_id = form.cleaned_data["badge"]
            try:
                showcase_set(
                    member=member,
                    badge=Badge.objects.filter(pk=badge_id).first() if badge_id else None,
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Saved what you show beside your posts."))
                return redirect("gamification:badges")
        status = 400
    else:
        initial: dict[str, object] = {
            "badge": showcase.badge_id if showcase else None,
            "title": showcase.title if showcase else "",
        }
        form = ShowcaseForm(initial=initial, held=held)
    context = {
        "catalogue": catalogue,
        "held_count": len(held),
        "form": form,
        "may_title": may_set_title(member),
        "showcase": showcase,
    }
    return render(request, "gamification/badges.html", context, status=status)
