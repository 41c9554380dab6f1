"""Member services: sign up, profile, avatar, follows, account deletion."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from hearth.accounts.emails import email_account_exists
from hearth.accounts.events import MemberDeleted, MemberFollowed, MemberJoined, ProfileUpdated
from hearth.accounts.invites import invite_code_check, invite_code_redeem
from hearth.accounts.models import MemberFollow, User
from hearth.core.events import publish
from hearth.core.images import picture_open
from hearth.core.screening import ContentKind, Screening, ScreenRequest, screen, screening_record

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_SIZE = 256
PROFILE_FIELDS = ("display_name", "bio", "province", "city", "birth_year", "gender", "interests")
# Usernames must be @-mentionable (see hearth.core.markdown.MENTION_RE) and URL-friendly.
USERNAME_RE = re.compile(r"^[A-Za-z0-9_\-\u4e00-\u9fff]{2,30}$")


@dataclass(frozen=True)
class LandingSource:
    """Where a visitor landed from: the UTM parameters and referrer of the landing URL."""

    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    utm_term: str = ""
    utm_content: str = ""
    invite_code: str = ""
    landing_path: str = ""
    referrer: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    channel_key: str = ""
    """The first touch's channel, when attribution resolved it against the channel registry."""
    touches: tuple[Mapping[str, object], ...] = ()
    """The visitor's touches as attribution's plain dicts; growth records them on ``MemberJoined``."""
    device: str = ""
    """The hashed id of the browser signing up (growth's device cookie), "" when unknown."""

    @property
    def channel(self) -> str:
        if self.channel_key:
            return self.channel_key[:40]
        if self.utm_source:
            return self.utm_source.lower()[:40]
        if self.invite_code:
            return "referral"
        return "direct"


@transaction.atomic
def member_signup(
    *,
    username: str,
    email: str,
    password: str,
    source: LandingSource | None = None,
    privacy_accepted: bool = True,
    **profile: Any,
) -> User:
    """Create a member. Raises ValidationError naming the field that is wrong.

    One mailbox has one account: an address reaching the inbox of an existing
    account (``a.b+x@gmail.com`` for ``ab@gmail.com``) is refused. An invite
    code must be usable (see ``invite_code_check``). ``MemberJoined`` is
    published inside this transaction: its handlers may still refuse the
    sign-up with a ValidationError (growth refuses an invite redeemed from a
    browser its owner uses), and then nothing is created.
    """
    if not privacy_accepted:
        raise ValidationError({"privacy": _("Please read and accept the privacy notice.")})
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise ValidationError(
            {"username": _("Use 2 to 30 characters: letters, digits, Chinese characters, _ or -.")}
        )
    email = User.objects.normalize_email(email.strip())
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    source = source or LandingSource()
    errors: dict[str, list[str]] = {}
    if email and email_account_exists(email):
        errors["email"] = [_("An account with this e-mail already exists.")]
    invite = None
    if source.invite_code.strip():
        try:
            invite = invite_code_check(code=source.invite_code, email=email)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    member = User(
        username=username,
        email=email,
        utm_source=source.utm_source[:100],
        utm_medium=source.utm_medium[:100],
        utm_campaign=source.utm_campaign[:100],
        utm_term=source.utm_term[:100],
        utm_content=source.utm_content[:100],
        invite_code=invite.code if invite else "",
        landing_path=source.landing_path[:500],
        referrer=source.referrer[:500],
        channel=source.channel,
        privacy_accepted_at=timezone.now(),
        **{k: v for k, v in profile.items() if k in PROFILE_FIELDS},
    )
    try:
        validate_password(password, member)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    member.set_password(password)
    member.full_clean(exclude=["password", "avatar"])
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:
        raise ValidationError({"username": _("This username is taken.")}) from exc
    if invite is not None:
        invite_code_redeem(invite=invite, member=member)
    publish(
        MemberJoined(
            member_id=member.pk,
            channel=member.channel,
            invite_code=member.invite_code,
            touches=source.touches,
            device=source.device,
        )
    )
    return member


def profile_is_complete(member: User) -> bool:
    return bool(member.display_name and member.bio and member.province and member.avatar)


@transaction.atomic
def profile_update(*, member: User, **fields: Any) -> User:
    """Change profile fields (display name, bio, region, birth year, gender, interests)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown profile fields: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    year = fields.get("birth_year")
    this_year = timezone.localdate().year
    if year is not None and not (this_year - 110 <= int(year) <= this_year - 8):
        raise ValidationError(
            {
                "birth_year": _("Enter a birth year between %(a)d and %(b)d.")
                % {"a": this_year - 110, "b": this_year - 8}
            }
        )
    interests = fields.get("interests")
    if interests is not None:
        fields["interests"] = [str(i).strip()[:20] for i in interests if str(i).strip()][:10]
    screened = _profile_screen(member, fields)
    for name, value in fields.items():
        setattr(member, name, value)
    member.full_clean(exclude=["password", "avatar", "username"])
    member.save(update_fields=list(fields))
    if screened is not None:
        screening_record(*screened, member.pk)
    publish(ProfileUpdated(member_id=member.pk, completed=profile_is_complete(member)))
    return member


def _profile_screen(member: User, fields: dict[str, Any]) -> tuple[ScreenRequest, Screening] | None:
    """Pass a changed display name or bio through moderation (a block raises ValidationError).

    Watched words with the "replace" action come back censored in ``fields``.
    """
    if not any(k in fields and fields[k] != getattr(member, k) for k in ("display_name", "bio")):
        return None
    request = ScreenRequest(
        author=member,
        kind=ContentKind.PROFILE,
        text=str(fields.get("bio", member.bio)),
        title=str(fields.get("display_name", member.display_name)),
        editing=True,
        object_id=member.pk,
    )
    screening = screen(request)
    if screening.blocked:
        raise ValidationError(screening.block_message(), code="blocked")
    if "bio" in fields:
        fields["bio"] = screening.text
    if "display_name" in fields:
        fields["display_name"] = screening.title
    return request, screening


@transaction.atomic
def avatar_set(*, member: User, upload: UploadedFile) -> User:
    """Validate, square-crop and resize an uploaded avatar, then store it as PNG."""
    image = picture_open(upload=upload, field="avatar", max_bytes=AVATAR_MAX_BYTES).convert("RGB")
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side)).resize(
        (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    old = member.avatar.name if member.avatar else None
    member.avatar.save(
        f"{member.pk}-{timezone.now():%Y%m%d%H%M%S}.png", ContentFile(buffer.getvalue()), save=False
    )
    member.save(update_fields=["avatar"])
    if old:
        transaction.on_commit(lambda: member.avatar.storage.delete(old))
    publish(ProfileUpdated(member_id=member.pk, completed=profile_is_complete(member)))
    return member


@transaction.atomic
def member_follow(*, follower: User, followed: User) -> bool:
    """Follow another member; returns False when already following."""
    if follower.pk == followed.pk:
        raise ValidationError(_("You cannot follow yourself."))
    if not followed.is_active:
        raise PermissionDenied(_("This member cannot be followed."))
    _link, created = MemberFollow.objects.get_or_create(follower=follower, followed=followed)
    if created:
        User.objects.filter(pk=followed.pk).update(follower_count=F("follower_count") + 1)
        publish(MemberFollowed(follower_id=follower.pk, followed_id=followed.pk))
    return created


@transaction.atomic
def member_unfollow(*, follower: User, followed: User) -> bool:
    deleted, _rows = MemberFollow.objects.filter(follower=follower, followed=followed).delete()
    if deleted:
        User.objects.filter(pk=followed.pk).update(follower_count=F("follower_count") - 1)
    return bool(deleted)


def _likes_withdraw_all(member: User) -> None:
    """Remove every like ``member`` gave, keeping the like counters of the content right."""
    from hearth.community.models import Like, Reply, Topic

    likes = Like.objects.filter(member=member)
    # One like per member and target (unique constraints), so every target loses exactly one.
    Topic.objects.filter(pk__in=likes.filter(reply__isnull=True).values("topic_id")).update(
        like_count=F("like_count") - 1
    )
    Reply.objects.filter(pk__in=likes.filter(reply__isnull=False).values("reply_id")).update(
        like_count=F("like_count") - 1
    )
    receivers: Counter[int] = Counter()
    for topic_author, reply_author in likes.values_list("topic__author_id", "reply__author_id"):
        receivers[reply_author if reply_author is not None else topic_author] += 1
    for receiver_id, count in receivers.items():
        User.objects.filter(pk=receiver_id).update(likes_received=F("likes_received") - count)
    likes.delete()


def _follows_remove_all(member: User) -> None:
    from hearth.community.models import Board, BoardFollow

    followed_members = MemberFollow.objects.filter(follower=member)
    User.objects.filter(pk__in=followed_members.values("followed_id")).update(
        follower_count=F("follower_count") - 1
    )
    followed_members.delete()
    MemberFollow.objects.filter(followed=member).delete()
    board_follows = BoardFollow.objects.filter(member=member)
    Board.objects.filter(pk__in=board_follows.values("board_id")).update(
        follower_count=F("follower_count") - 1
    )
    board_follows.delete()


def _profile_scrub(member: User) -> None:
    member.username = f"deleted~{member.pk}"
    member.display_name = _("Deleted member")
    member.email = ""
    member.first_name = member.last_name = ""
    member.set_unusable_password()
    member.is_active = member.is_staff = member.is_superuser = False
    member.bio = member.province = member.city = member.gender = ""
    member.birth_year = None
    member.interests = []
    member.phone = None
    member.real_name_verified = False
    member.privacy_accepted_at = None
    member.utm_source = member.utm_medium = member.utm_campaign = ""
    member.utm_term = member.utm_content = member.invite_code = ""
    member.landing_path = member.referrer = ""
    member.follower_count = 0
    member.avatar = ""


@transaction.atomic
def member_delete(*, member: User) -> User:
    """Delete a member's account (PIPL): personal data erased, posts kept anonymised.

    What goes: the profile (names, e-mail, mobile number, bio, region, birth
    year, gender, interests, avatar file), the landing/UTM details and invite
    code, the password, roles and board moderation, and the member's
    behaviour: likes given (counters adjusted), reads, bookmarks, follows of
    members and boards, notifications received or caused. Shares stay as
    counts with no member attached.

    What stays: topics and replies, because other members' replies and quotes
    answer them; they are shown under the placeholder account this row
    becomes ("Deleted member", username ``deleted~<id>``, inactive, no
    usable password). The join date, channel and counters stay too: alone
    they identify no one and keep the community's historical figures right.
    """
    from hearth.community.models import Bookmark, Read, Share
    from hearth.notifications.models import Notification

    member = User.objects.select_for_update().get(pk=member.pk)
    if not member.is_active and member.username.startswith("deleted~"):
        return member
    _likes_withdraw_all(member)
    _follows_remove_all(member)
    Read.objects.filter(member=member).delete()
    Bookmark.objects.filter(member=member).delete()
    Share.objects.filter(member=member).update(member=None)
    Notification.objects.filter(recipient=member).delete()
    Notification.objects.filter(actor=member).delete()
    member.moderated_boards.clear()
    member.groups.clear()
    member.user_permissions.clear()
    old_avatar = member.avatar.name if member.avatar else None
    _profile_scrub(member)
    member.save()
    if old_avatar:
        storage = member.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    publish(MemberDeleted(member_id=member.pk))
    return member
