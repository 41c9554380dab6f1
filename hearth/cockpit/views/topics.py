from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.cockpit import selectors
from hearth.cockpit.forms import PinForm, TopicFilterForm
from hearth.cockpit.permissions import can_curate_topics, can_feature_topic, can_pin_topic
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.forms import FeatureForm
from hearth.community.models import Topic
from hearth.community.services import topic_feature, topic_pin, topic_recommend


class RecommendForm(forms.Form):
    """Until when a topic is recommended on the home page; empty takes it off."""

    until = forms.DateTimeField(
        label=gettext_lazy("Recommended until"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        error_messages={"invalid": gettext_lazy("Enter a date and time, e.g. 2026-12-31 18:00.")},
        help_text=gettext_lazy("Empty: not recommended."),
    )


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return timezone.localtime(value) if value else None


def _row(
    user: User,
    topic: Topic,
    *,
    feature_form: FeatureForm | None = None,
    pin_form: PinForm | None = None,
    recommend_form: RecommendForm | None = None,
    error: str = "",
    saved: str = "",
) -> dict[str, Any]:
    """What the template needs to draw one topic row with its actions and current state."""
    auto_id = f"t{topic.pk}-%s"
    now = timezone.now()
    pinned_until = _local(topic.pinned_until)
    recommended = bool(topic.recommended_until and topic.recommended_until > now)
    return {
        "topic": topic,
        "can_feature": can_feature_topic(user, topic),
        "can_pin": can_pin_topic(user, topic),
        "pin_expired": bool(topic.pin_scope and topic.pinned_until and topic.pinned_until <= now),
        "recommended": recommended,
        "feature_form": feature_form
        or FeatureForm(initial={"level": topic.featured_level}, auto_id=auto_id),
        "pin_form": pin_form
        or PinForm(initial={"scope": topic.pin_scope, "until": pinned_until}, auto_id=auto_id),
        "recommend_form": recommend_form
        or RecommendForm(
            initial={"until": _local(topic.recommended_until) if recommended else None},
            auto_id=f"t{topic.pk}-rec-%s",
        ),
        "error": error,
        "saved": saved,
    }


@cockpit_view(can_curate_topics)
def topic_list(request: HttpRequest) -> HttpResponse:
    form = TopicFilterForm(request.GET or None)
    filters = selectors.TopicFilters()
    if form.is_valid():
        filters = selectors.TopicFilters(**form.cleaned_data)
    page = selectors.topics_for_cockpit(filters=filters, page=_page_number(request))
    user = acting_user(request)
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "cockpit/topics.html",
        {
            "filter_form": form,
            "page": page,
            "rows": [_row(user, topic) for topic in page.object_list],
            "query": query.urlencode(),
            "return_to": request.get_full_path(),
        },
        active="topics",
    )


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() else 1


def _respond(request: HttpRequest, row: dict[str, Any], *, ok: bool) -> HttpResponse:
    """htmx gets the redrawn row; a plain form post goes back to the list with a message."""
    if request.headers.get("HX-Request") == "true":
        return render(
            request,
            "cockpit/_topic_row.html",
            {"row": row, "return_to": request.POST.get("next", "")},
        )
    if ok:
        messages.success(request, row["saved"])
    else:
        messages.error(request, row["error"])
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("cockpit:topics")


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
@cockpit_view(can_curate_topics)
def topic_feature_set(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    with transaction.atomic():
        topic = get_object_or_404(Topic.objects.select_related("board", "author"), pk=pk)
        if not can_feature_topic(user, topic):
            raise PermissionDenied
        form = FeatureForm(request.POST, auto_id=f"t{pk}-%s")
        if not form.is_valid():
            error = _("Choose a featured level from 0 to 3.")
            return _respond(request, _row(user, topic, feature_form=form, error=error), ok=False)
        try:
            topic_feature(actor=user, topic=topic, level=form.cleaned_data["level"])
        except ValidationError as exc:
            return _respond(
                request, _row(user, topic, feature_form=form, error=_message(exc)), ok=False
            )
    level = topic.featured_level
    saved = (
        _("“%(title)s” is featured at level %(level)d.") % {"title": topic.title, "level": level}
        if level
        else _("“%(title)s” is no longer featured.") % {"title": topic.title}
    )
    return _respond(request, _row(user, topic, saved=saved), ok=True)


@require_POST
@cockpit_view(can_curate_topics)
def topic_pin_set(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    with transaction.atomic():
        topic = get_object_or_404(Topic.objects.select_related("board", "author"), pk=pk)
        if not can_pin_topic(user, topic):
            raise PermissionDenied
        form = PinForm(request.POST, auto_id=f"t{pk}-%s")
        if not form.is_valid():
            error = " ".join(str(m) for messages_ in form.errors.values() for m in messages_)
            return _respond(request, _row(user, topic, pin_form=form, error=error), ok=False)
        try:
            topic_pin(
                actor=user,
                topic=topic,
                scope=form.cleaned_data["scope"],
                until=form.cleaned_data["until"],
            )
        except ValidationError as exc:
            return _respond(
                request, _row(user, topic, pin_form=form, error=_message(exc)), ok=False
            )
    saved = (
        _("“%(title)s” is pinned.") % {"title": topic.title}
        if topic.pin_scope
        else _("“%(title)s” is no longer pinned.") % {"title": topic.title}
    )
    return _respond(request, _row(user, topic, saved=saved), ok=True)


@require_POST
@cockpit_view(can_curate_topics)
def topic_recommend_set(request: HttpRequest, pk: int) -> HttpResponse:
    """Recommend a topic on the home page until a date, or take the recommendation off."""
    user = acting_user(request)
    with transaction.atomic():
        topic = get_object_or_404(Topic.objects.select_related("board", "author"), pk=pk)
        if not can_feature_topic(user, topic):
            raise PermissionDenied
        form = RecommendForm(request.POST, auto_id=f"t{pk}-rec-%s")
        if not form.is_valid():
            error = " ".join(str(m) for messages_ in form.errors.values() for m in messages_)
            return _respond(request, _row(user, topic, recommend_form=form, error=error), ok=False)
        try:
            topic_recommend(actor=user, topic=topic, until=form.cleaned_data["until"])
        except ValidationError as exc:
            return _respond(
                request, _row(user, topic, recommend_form=form, error=_message(exc)), ok=False
            )
    saved = (
        _("“%(title)s” is recommended on the home page until %(until)s.")
        % {
            "title": topic.title,
            "until": f"{timezone.localtime(topic.recommended_until):%Y-%m-%d %H:%M}",
        }
        if topic.recommended_until
        else _("“%(title)s” is no longer recommended.") % {"title": topic.title}
    )
    return _respond(request, _row(user, topic, saved=saved), ok=True)
