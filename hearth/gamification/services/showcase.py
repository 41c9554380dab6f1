"""What a member shows beside their posts: one held badge and, by privilege, a custom title."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.permissions import is_staff_member
from hearth.core.privileges import privileges_for
from hearth.gamification.models import Badge, BadgeGrant, MemberShowcase

TITLE_MAX = 12
# Words that would make a member look like staff; compared without spaces or case.
STAFF_WORDS = (
    "管理员",
    "版主",
    "官方",
    "站长",
    "客服",
    "超管",
    "admin",
    "moderator",
    "official",
    "staff",
)
_SPACES = re.compile(r"\s+")


def title_clean(title: str) -> str:
    """The title in its canonical form: NFKC, control and invisible characters dropped, spaces folded."""
    text = unicodedata.normalize("NFKC", title)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", text).strip()


def title_errors(title: str, *, staff: bool) -> str | None:
    """Why ``title`` (cleaned) cannot be used, or None."""
    if len(title) > TITLE_MAX:
        return _("A title can have at most %(max)d characters.") % {"max": TITLE_MAX}
    if any(ch in title for ch in "<>&\"'`"):
        return _("A title cannot contain < > & \" ' or `.")
    folded = _SPACES.sub("", title).casefold()
    if not staff and any(word in folded for word in STAFF_WORDS):
        return _(
            "A title cannot contain words that make a member look like staff, such as 版主 or 官方."
        )
    return None


def may_set_title(member: User) -> bool:
    """The custom-title privilege of the member's level; staff always have it."""
    return privileges_for(member).custom_title or is_staff_member(member)


@transaction.atomic
def showcase_set(*, member: User, badge: Badge | None, title: str) -> MemberShowcase:
    """Choose the badge shown beside the member's posts (None: none) and their custom title.

    The badge must be one the member holds now. A non-empty title needs the
    custom-title privilege. Bad input raises ValidationError keyed by field;
    nothing is saved.
    """
    errors: dict[str, str] = {}
    if (
        badge is not None
        and not BadgeGrant.objects.filter(
            badge=badge, member=member, revoked_at__isnull=True
        ).exists()
    ):
        errors["badge"] = _("You can only show a badge you hold.")
    title = title_clean(title)
    staff = is_staff_member(member)
    if title and not may_set_title(member):
        errors["title"] = _("Your level does not unlock a custom title yet.")
    elif title and (message := title_errors(title, staff=staff)):
        errors["title"] = message
    if errors:
        raise ValidationError(errors)
    showcase, _created = MemberShowcase.objects.update_or_create(
        member=member, defaults={"badge": badge, "title": title}
    )
    return showcase


def showcase_title_drop(*, member_id: int) -> bool:
    """Clear the custom title of a member whose level no longer grants one; True when cleared."""
    member = User.objects.filter(pk=member_id).first()
    if member is None or may_set_title(member):
        return False
    return bool(
        MemberShowcase.objects.filter(member_id=member_id).exclude(title="").update(title="")
    )
