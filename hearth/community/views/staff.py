"""Staff actions on a topic: feature (精华), pin, hide and restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.community import permissions, services
from hearth.community.forms import FeatureForm, PinForm, StatusForm
from hearth.community.models import Status, Topic
from hearth.community.views.common import HtmxHttpRequest, topic_visible_or_404

Allowed = Callable[[permissions.AnyUser, Topic], bool]
Act = Callable[[User, Topic, dict[str, Any]], tuple[object, str]]


def _staff_action(
    request: HtmxHttpRequest,
    pk: int,
    *,
    allowed: Allowed,
    refusal: str,
    form_class: type[forms.Form],
    act: Act,
) -> HttpResponse:
    """Check the permission, validate the form, run the service, report, go back to the topic.

    ``act`` calls the service and returns its result with the success message.
    """
    assert request.user.is_authenticated
    topic = topic_visible_or_404(request, pk)
    if not allowed(request.user, topic):
        raise PermissionDenied(refusal)
    form = form_class(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
        return redirect("community:topic", pk=topic.pk)
    try:
        _result, ok = act(request.user, topic, form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ok)
    return redirect("community:topic", pk=topic.pk)


def _feature(actor: User, topic: Topic, data: dict[str, Any]) -> tuple[object, str]:
    level = data["level"]
    done = services.topic_feature(actor=actor, topic=topic, level=level)
    return done, _("The topic is featured.") if level else _("The topic is no longer featured.")


def _pin(actor: User, topic: Topic, data: dict[str, Any]) -> tuple[object, str]:
    scope = data["scope"] or ""
    done = services.topic_pin(actor=actor, topic=topic, scope=scope, until=data["until"])
    return done, _("The topic is pinned.") if scope else _("The topic is no longer pinned.")


def _status(actor: User, topic: Topic, data: dict[str, Any]) -> tuple[object, str]:
    status = data["status"]
    done = services.topic_set_status(actor=actor, topic=topic, status=status)
    return done, _("The topic's status is now: %(status)s.") % {"status": Status(status).label}


@require_POST
@login_required
def topic_feature(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _staff_action(
        request,
        pk,
        allowed=permissions.can_feature_topic,
        refusal=_("You cannot feature topics."),
        form_class=FeatureForm,
        act=_feature,
    )


@require_POST
@login_required
def topic_pin(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _staff_action(
        request,
        pk,
        allowed=permissions.can_pin_topic,
        refusal=_("You cannot pin topics."),
        form_class=PinForm,
        act=_pin,
    )


@require_POST
@login_required
def topic_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _staff_action(
        request,
        pk,
        allowed=permissions.can_moderate_topic,
        refusal=_("You cannot change this topic's status."),
        form_class=StatusForm,
        act=_status,
    )
