"""Cockpit writes: brand settings with logo, staff roles with an audit log."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from hearth.accounts.models import User
from hearth.cockpit import permissions
from hearth.cockpit.models import RoleAction, StaffRoleChange
from hearth.core.brand import brand_update
from hearth.core.images import picture_open
from hearth.core.models import BrandSettings
from hearth.core.roles import ADMIN, ROLE_LABELS, role_label

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_SIDE = 512
BRAND_TEXT_FIELDS = (
    "community_name",
    "tagline",
    "description",
    "primary_colour",
    "rules_markdown",
    "culture_markdown",
    "privacy_markdown",
    "icp_number",
    "public_security_number",
)


def brand_logo_prepare(*, upload: UploadedFile) -> ContentFile[bytes]:
    """Check an uploaded logo (a real JPEG/PNG/GIF/WebP picture, at most 2 MB) and
    re-encode it as PNG no larger than 512 px, dropping anything but the pixels."""
    image = picture_open(upload=upload, field="logo", max_bytes=LOGO_MAX_BYTES)
    picture = image.convert("RGBA")
    picture.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"logo-{timezone.now():%Y%m%d%H%M%S}.png")


def brand_settings_update(
    *,
    actor: User,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
    **fields: Any,
) -> BrandSettings:
    """Save brand settings edited in the cockpit; they apply to every page at once."""
    if not permissions.can_edit_brand(actor):
        raise PermissionDenied(_("You cannot edit the brand settings."))
    unknown = set(fields) - set(BRAND_TEXT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown brand fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    fields = {
        name: value.strip() if isinstance(value, str) else value for name, value in fields.items()
    }
    if "primary_colour" in fields:
        fields["primary_colour"] = str(fields["primary_colour"]).lower()
    if "community_name" in fields and not fields["community_name"]:
        raise ValidationError({"community_name": _("The community needs a name.")})
    if logo is not None:
        fields["logo"] = brand_logo_prepare(upload=logo)
    elif remove_logo:
        fields["logo"] = ""
    return brand_update(**fields)


def _role_group(role: str) -> Group:
    if role not in ROLE_LABELS:
        raise ValidationError({"role": _("Unknown role “%(role)s”.") % {"role": role}})
    group, _created = Group.objects.get_or_create(name=role)
    return group


def _require_staff_manager(actor: User) -> None:
    if not permissions.can_manage_staff(actor):
        raise PermissionDenied(_("You cannot change staff roles."))


@transaction.atomic
def staff_role_assign(*, actor: User, member: User, role: str) -> bool:
    """Give ``member`` a staff role. Returns False when they already had it."""
    _require_staff_manager(actor)
    group = _role_group(role)
    if not member.is_active:
        raise ValidationError(
            {"username": _("%(name)s's account is deactivated.") % {"name": member.username}}
        )
    if member.groups.filter(pk=group.pk).exists():
        return False
    member.groups.add(group)
    StaffRoleChange.objects.create(actor=actor, member=member, role=role, action=RoleAction.ADDED)
    return True


@transaction.atomic
def staff_role_remove(*, actor: User, member: User, role: str) -> bool:
    """Take a staff role from ``member``. Returns False when they did not have it."""
    _require_staff_manager(actor)
    group = _role_group(role)
    if role == ADMIN and member.pk == actor.pk and not actor.is_superuser:
        raise ValidationError(
            {
                "role": _("You cannot remove your own %(role)s role; ask another administrator.")
                % {"role": role_label(ADMIN)}
            }
        )
    if not member.groups.filter(pk=group.pk).exists():
        return False
    member.groups.remove(group)
    StaffRoleChange.objects.create(actor=actor, member=member, role=role, action=RoleAction.REMOVED)
    return True
