"""Who is calling: a bearer token, the browser session (with CSRF), or nobody.

Every operation lists the ways a caller may identify itself. Writes and
member-specific reads use :data:`MEMBER`; public reads use :data:`ANYONE`,
which lets anonymous callers in but still rejects a wrong token with 401
rather than quietly treating the caller as anonymous.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from hearth.accounts.models import User
from hearth.api.services import api_token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``, a token issued by ``hearth api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        member = api_token_authenticate(plain=token.strip())
        if member is None:
            raise AuthenticationError(401, _("This token is not valid or has been revoked."))
        return member


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods must carry the CSRF token."""

    def __init__(self) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if not isinstance(user, User) or not user.is_authenticated or not user.is_active:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header."))
        return user


def anonymous(request: HttpRequest) -> AnonymousUser:
    """Let an unidentified caller through as anonymous (public reads only)."""
    return AnonymousUser()


MEMBER: list[Any] = [TokenAuth(), SessionAuth()]
ANYONE: list[Any] = [*MEMBER, anonymous]
# Tell OpenAPI readers that identification is optional on public reads.
OPTIONAL_AUTH_EXTRA: dict[str, Any] = {"security": [{}]}


def caller(request: HttpRequest) -> User | AnonymousUser:
    """The member behind the request, or AnonymousUser on public reads."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else AnonymousUser()


def member(request: HttpRequest) -> User:
    """The member behind the request; operations using :data:`MEMBER` always have one."""
    auth = getattr(request, "auth", None)
    if not isinstance(auth, User):
        raise AuthenticationError()
    return auth
