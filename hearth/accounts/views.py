"""Member pages: sign up, profile settings, avatar, member page, follows, data export, deletion.

Log in, log out and password reset are Django's auth views (see urls.py).
"""

from __future__ import annotations

import dataclasses
import json

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hearth.accounts import selectors, services
from hearth.accounts.forms import (
    AccountDeleteForm,
    AvatarForm,
    ProfileForm,
    SignupForm,
    add_service_errors,
)
from hearth.accounts.models import User
from hearth.core.brand import brand_get
from hearth.growth.attribution import landing_source_for

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _member(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "login_required views only"
    return user


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with the community's name in the e-mail."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"community_name": brand_get().community_name}
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("community:home")
    source = landing_source_for(request)
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                member = services.member_signup(
                    username=data["username"],
                    email=data["email"],
                    password=data["password"],
                    privacy_accepted=data["privacy"],
                    source=dataclasses.replace(source, invite_code=data["invite_code"].strip()),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                login(request, member, backend=MODEL_BACKEND)
                messages.success(
                    request,
                    _("Welcome to the community, %(name)s! Say hello in a board you like.")
                    % {"name": member.name},
                )
                return redirect("community:home")
    else:
        form = SignupForm(initial={"invite_code": source.invite_code})
    return render(request, "accounts/signup.html", {"form": form})


def _settings_page(
    request: HttpRequest,
    member: User,
    *,
    profile_form: ProfileForm | None = None,
    avatar_form: AvatarForm | None = None,
) -> HttpResponse:
    return render(
        request,
        "accounts/settings.html",
        {
            "member": member,
            "profile_form": profile_form or ProfileForm(member=member),
            "avatar_form": avatar_form or AvatarForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_settings(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    if request.method != "POST":
        return _settings_page(request, member)
    form = ProfileForm(request.POST, member=member)
    saved = False
    if form.is_valid():
        try:
            services.profile_update(member=member, **form.cleaned_data)
        except ValidationError as error:
            member.refresh_from_db()
            add_service_errors(form, error)
        else:
            saved = True
    if _is_htmx(request):
        if saved:
            form = ProfileForm(member=member)
        return render(
            request, "accounts/_profile_form.html", {"profile_form": form, "saved": saved}
        )
    if saved:
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:settings")
    return _settings_page(request, member, profile_form=form)


@login_required
@require_POST
def avatar_upload(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = AvatarForm(request.POST, request.FILES)
    saved = False
    if form.is_valid():
        try:
            services.avatar_set(member=member, upload=form.cleaned_data["avatar"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            saved = True
    if _is_htmx(request):
        return render(
            request,
            "accounts/_avatar_form.html",
            {"member": member, "avatar_form": AvatarForm() if saved else form, "saved": saved},
        )
    if saved:
        messages.success(request, _("Your new avatar is in place."))
        return redirect("accounts:settings")
    return _settings_page(request, member, avatar_form=form)


def member_page(request: HttpRequest, username: str) -> HttpResponse:
    page = selectors.member_page_get(
        username=username,
        viewer=request.user,
        tab=request.GET.get("tab", "topics"),
        page_number=request.GET.get("page"),
    )
    return render(request, "accounts/member.html", {"view": page, "member": page.member})


def _follow_response(request: HttpRequest, username: str, *, done: str, error: str) -> HttpResponse:
    if _is_htmx(request):
        target = selectors.member_get(username=username)
        return render(
            request,
            "accounts/_follow_button.html",
            {
                "member": target,
                "is_following": selectors.member_is_following(
                    follower=request.user, followed=target
                ),
                "follow_error": error,
                "oob": True,
            },
        )
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect("accounts:member", username=username)


@login_required
@require_POST
def follow(request: HttpRequest, username: str) -> HttpResponse:
    target = selectors.member_get(username=username)
    error = done = ""
    try:
        if services.member_follow(follower=_member(request), followed=target):
            done = _("You now follow %(name)s.") % {"name": target.name}
    except (ValidationError, PermissionDenied) as exc:
        error = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    return _follow_response(request, username, done=done, error=error)


@login_required
@require_POST
def unfollow(request: HttpRequest, username: str) -> HttpResponse:
    target = selectors.member_get(username=username)
    done = ""
    if services.member_unfollow(follower=_member(request), followed=target):
        done = _("You no longer follow %(name)s.") % {"name": target.name}
    return _follow_response(request, username, done=done, error="")


@login_required
@require_http_methods(["GET"])
def data_export(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    data = selectors.member_data_export(member=member)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"hearth-data-{member.pk}-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = AccountDeleteForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        services.member_delete(member=member)
        logout(request)
        messages.success(
            request,
            _("Your account is deleted. Your personal data is erased; thank you for being here."),
        )
        return redirect("community:home")
    return render(request, "accounts/delete.html", {"form": form})
