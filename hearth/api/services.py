"""API token services: issue, revoke, authenticate.

A token is shown once, when it is issued; the database keeps only its
SHA-256 hash and a short prefix for display. Tokens are 256 random bits, so
an unsalted fast hash is enough: nothing can be guessed from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.api.models import ApiToken

TOKEN_PREFIX = "hth_"  # noqa: S105 (marks Hearth tokens; not a secret)
PREFIX_LENGTH = 12
NAME_MAX = 60
LAST_USED_PRECISION = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A new token: the stored row and the plain token, which is never shown again."""

    token: ApiToken
    plain: str


def token_hash(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, member: User, name: str = "") -> IssuedToken:
    """Issue a token for ``member``. The plain token is in the result and nowhere else."""
    name = " ".join(name.split())
    if len(name) > NAME_MAX:
        raise ValidationError(
            {"name": _("The name can be at most %(max)d characters long.") % {"max": NAME_MAX}}
        )
    if not member.is_active:
        raise ValidationError(_("This member's account is not active."))
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        member=member, name=name, prefix=plain[:PREFIX_LENGTH], token_hash=token_hash(plain)
    )
    return IssuedToken(token=token, plain=plain)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token; it stops working at once. Revoking twice keeps the first date."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, plain: str) -> User | None:
    """The active member a presented token belongs to, or None.

    Records when the token was last used, at most once a minute per token so
    that busy clients do not write on every request.
    """
    if not plain.startswith(TOKEN_PREFIX) or len(plain) > 100:
        return None
    token = (
        ApiToken.objects.select_related("member")
        .filter(token_hash=token_hash(plain), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.member.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.member
