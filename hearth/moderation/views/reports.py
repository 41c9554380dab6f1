"""Member pages: report (举报) a topic or reply; edit a rejected reply to resubmit it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts.models import User
from hearth.community import permissions, selectors
from hearth.community.models import Reply, Status, Topic
from hearth.community.services import reply_edit
from hearth.moderation.models import ContentKind, ReportReason
from hearth.moderation.services.reports import report_create
from hearth.moderation.templatetags.moderation_reports import ReportLabels, report_box_html


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose one of the reasons.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Details"),
        required=False,
        max_length=500,
        help_text=gettext_lazy("Required for “Other”; helps moderators for the rest."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResubmitForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Text"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("The text cannot be empty.")},
    )


def _member(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _target_or_404(user: User, kind: str, pk: int) -> Topic | Reply:
    """A published topic or reply the member may see; anything else is 404."""
    if kind == ContentKind.TOPIC:
        topic = selectors.topic_get(pk=pk)
        if (
            topic is not None
            and topic.status == Status.PUBLISHED
            and permissions.can_view_topic(user, topic)
        ):
            return topic
    elif kind == ContentKind.REPLY:
        reply = selectors.reply_get(pk=pk)
        if (
            reply is not None
            and reply.status == Status.PUBLISHED
            and permissions.can_view_topic(user, reply.topic)
        ):
            return reply
    raise Http404(_("There is no such post."))


def _back(target: Topic | Reply) -> str:
    if isinstance(target, Reply):
        page = selectors.reply_page_number(reply=target)
        url = reverse("community:topic", args=[target.topic_id])
        return url + (f"?page={page}" if page > 1 else "") + f"#r{target.pk}"
    return reverse("community:topic", args=[target.pk])


def _error_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@login_required
def report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """GET: the report form as a page; POST: send the report (HTMX answers with the box)."""
    member = _member(request)
    target = _target_or_404(member, kind, pk)
    htmx = request.headers.get("HX-Request") == "true"
    form = ReportForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                report_create(
                    reporter=member,
                    kind=kind,
                    content_id=pk,
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                )
            except (ValidationError, PermissionDenied) as exc:
                error = _error_text(exc)
                if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                    for name, errors in exc.error_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                if htmx:
                    return HttpResponse(_box(request, kind, pk, thanked=True))
                messages.success(
                    request, _("Thank you for your report: moderators will review it.")
                )
                return redirect(_back(target))
        else:
            error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if htmx:  # HTMX swaps 200 answers only: the box comes back open, with the error
            return HttpResponse(
                _box(
                    request,
                    kind,
                    pk,
                    error=error,
                    reason=request.POST.get("reason", ""),
                    text=request.POST.get("text", ""),
                )
            )
    context = {"form": form, "target": target, "kind": kind, "back": _back(target)}
    return render(request, "moderation/report.html", context, status=400 if form.errors else 200)


def _box(
    request: HttpRequest,
    kind: str,
    pk: int,
    *,
    thanked: bool = False,
    error: str = "",
    reason: str = "",
    text: str = "",
) -> str:
    return report_box_html(
        kind,
        pk,
        csrf_token=get_token(request),
        labels=ReportLabels.translated(),
        thanked=thanked,
        error=error,
        reason=reason,
        text=text,
    )


@login_required
def reply_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    """The author edits their rejected (or held) reply; the edit goes back to review."""
    member = _member(request)
    reply = selectors.reply_get(pk=pk)
    if reply is None or reply.author_id != member.pk or reply.status == Status.DELETED:
        raise Http404(_("There is no such reply."))
    if request.method == "POST":
        form = ResubmitForm(request.POST)
        if form.is_valid():
            try:
                reply_edit(editor=member, reply=reply, body=form.cleaned_data["body"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(
                    "body" if isinstance(exc, ValidationError) else None, _error_text(exc)
                )
            else:
                messages.success(request, _("Your reply is saved and goes back to review."))
                return redirect(_back(reply))
    else:
        form = ResubmitForm(initial={"body": reply.body})
    return render(
        request,
        "moderation/report_resubmit.html",
        {"form": form, "reply": reply, "back": _back(reply)},
        status=400 if form.errors else 200,
    )
