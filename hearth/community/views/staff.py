"""Staff actions on a topic: feature (精华), pin, hide and restore."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.community import permissions, services
from hearth.community.forms import FeatureForm, PinForm, StatusForm
from hearth.community.models import Status
from hearth.community.views.common import HtmxHttpRequest, topic_visible_or_404


def _done(request: HtmxHttpRequest, action: Callable[[], object], ok: str) -> None:
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ok)


def _form_errors(request: HtmxHttpRequest, form: forms.Form) -> None:
    for field_errors in form.errors.values():
        for error in field_errors:
            messages.error(request, str(error))


@require_POST
@login_required
def topic_feature(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assert request.user.is_authenticated
    topic = topic_visible_or_404(request, pk)
    if not permissions.can_feature_topic(request.user, topic):
        raise PermissionDenied(_("You cannot feature topics."))
    form = FeatureForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        level = form.cleaned_data["level"]
        member = request.user
        _done(
            request,
            lambda: services.topic_feature(actor=member, topic=topic, level=level),
            _("The topic is featured.") if level else _("The topic is no longer featured."),
        )
    return redirect("community:topic", pk=topic.pk)


@require_POST
@login_required
def topic_pin(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assert request.user.is_authenticated
    topic = topic_visible_or_404(request, pk)
    if not permissions.can_pin_topic(request.user, topic):
        raise PermissionDenied(_("You cannot pin topics."))
    form = PinForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        scope = form.cleaned_data["scope"] or ""
        until = form.cleaned_data["until"]
        member = request.user
        _done(
            request,
            lambda: services.topic_pin(actor=member, topic=topic, scope=scope, until=until),
            _("The topic is pinned.") if scope else _("The topic is no longer pinned."),
        )
    return redirect("community:topic", pk=topic.pk)


@require_POST
@login_required
def topic_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assert request.user.is_authenticated
    topic = topic_visible_or_404(request, pk)
    if not permissions.can_moderate_topic(request.user, topic):
        raise PermissionDenied(_("You cannot change this topic's status."))
    form = StatusForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        status = form.cleaned_data["status"]
        member = request.user
        _done(
            request,
            lambda: services.topic_set_status(actor=member, topic=topic, status=status),
            _("The topic's status is now: %(status)s.") % {"status": Status(status).label},
        )
    return redirect("community:topic", pk=topic.pk)
