"""Members: public profiles, the caller's own profile, follows."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router

from hearth.accounts.models import User
from hearth.accounts.services import member_follow, member_unfollow
from hearth.api import selectors
from hearth.api.auth import ANYONE, MEMBER, OPTIONAL_AUTH_EXTRA, caller, member
from hearth.api.errors import ERRORS_READ, ERRORS_WRITE, NotFound
from hearth.api.schemas import FollowOut, MemberProfile, MeOut
from hearth.community import permissions
from hearth.notifications.selectors import notification_unread_count

router = Router(tags=[gettext_noop("members")])


def _member_or_404(username: str) -> User:
    found = selectors.member_get_public(username=username)
    if found is None:
        raise NotFound(_("There is no member with this username."))
    return found


@router.get(
    "/members/{username}",
    response={200: MemberProfile, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("Get a member's public profile"),
    description=gettext_noop("No e-mail, mobile number or birth year: the age band at most."),
)
def member_detail(request: HttpRequest, username: str) -> MemberProfile:
    user = caller(request)
    found = _member_or_404(username)
    following = selectors.member_is_following(follower=user, followed=found)
    return MemberProfile.of_member(found, following=following)


@router.get(
    "/me",
    response={200: MeOut, **ERRORS_READ},
    auth=MEMBER,
    summary=gettext_noop("Get the caller's own profile"),
)
def me_detail(request: HttpRequest) -> MeOut:
    me = member(request)
    return MeOut(
        **MemberProfile.of_member(me, following=False).model_dump(),
        email=me.email,
        birth_year=me.birth_year,
        gender=me.gender,
        real_name_verified=me.real_name_verified,
        is_staff_member=permissions.is_staff_member(me),
        unread_notifications=notification_unread_count(member=me),
    )


@router.post(
    "/members/{username}/follow",
    response={200: FollowOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Follow a member"),
)
def member_follow_create(request: HttpRequest, username: str) -> FollowOut:
    followed = _member_or_404(username)
    member_follow(follower=member(request), followed=followed)
    followed.refresh_from_db(fields=["follower_count"])
    return FollowOut(following=True, follower_count=followed.follower_count)


@router.delete(
    "/members/{username}/follow",
    response={200: FollowOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Stop following a member"),
)
def member_follow_delete(request: HttpRequest, username: str) -> FollowOut:
    followed = _member_or_404(username)
    member_unfollow(follower=member(request), followed=followed)
    followed.refresh_from_db(fields=["follower_count"])
    return FollowOut(following=False, follower_count=followed.follower_count)
