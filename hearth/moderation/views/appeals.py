"""Member pages: appeal a rejected post or a sanction (once, by the member it concerns)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import User
from hearth.moderation.content import content_get
from hearth.moderation.models import Appeal, ReviewItem, Sanction
from hearth.moderation.services.appeals import (
    TEXT_MAX,
    appeal_file,
    item_appeal_refusal,
    sanction_appeal_refusal,
)
from hearth.moderation.services.sanctions import sanction_sentence


class AppealForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Why is the decision wrong?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "A moderator who did not take the decision reads your appeal. You can appeal once."
        ),
        error_messages={"required": gettext_lazy("Say why you think the decision is wrong.")},
    )


def _member(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _page(
    request: HttpRequest,
    *,
    form: AppealForm,
    refusal: str | None,
    appeal: Appeal | None,
    context: dict[str, object],
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "moderation/standing/appeal_form.html",
        {"form": form, "refusal": refusal, "appeal": appeal, **context},
        status=status,
    )


def _handle(
    request: HttpRequest,
    *,
    refusal: str | None,
    appeal: Appeal | None,
    context: dict[str, object],
    item: ReviewItem | None = None,
    sanction: Sanction | None = None,
) -> HttpResponse:
    if request.method != "POST" or refusal is not None:
        status = 400 if request.method == "POST" else 200
        return _page(
            request,
            form=AppealForm(),
            refusal=refusal,
            appeal=appeal,
            context=context,
            status=status,
        )
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            appeal_file(
                member=_member(request),
                text=form.cleaned_data["text"],
                item=item,
                sanction=sanction,
            )
        except ValidationError as error:
            form.add_error("text" if hasattr(error, "error_dict") else None, error.messages)
        else:
            messages.success(
                request, _("Your appeal is filed. You will be notified of the outcome.")
            )
            return redirect("moderation:standing")
    return _page(request, form=form, refusal=None, appeal=None, context=context, status=400)


@login_required
def appeal_item(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request)
    item = get_object_or_404(ReviewItem.objects.select_related("rule"), pk=pk)
    if item.author_id != member.pk:
        raise Http404
    content = content_get(item.content_kind, item.content_id)
    context: dict[str, object] = {"item": item, "content": content}
    return _handle(
        request,
        refusal=item_appeal_refusal(member, item),
        appeal=Appeal.objects.filter(item_id=item.pk).first(),
        context=context,
        item=item,
    )


@login_required
def appeal_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request)
    sanction = get_object_or_404(Sanction.objects.select_related("rule", "board"), pk=pk)
    if sanction.member_id != member.pk:
        raise Http404
    context: dict[str, object] = {"sanction": sanction, "sentence": sanction_sentence(sanction)}
    return _handle(
        request,
        refusal=sanction_appeal_refusal(member, sanction),
        appeal=Appeal.objects.filter(sanction_id=sanction.pk).first(),
        context=context,
        sanction=sanction,
    )
