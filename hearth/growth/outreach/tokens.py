"""Signed unsubscribe links: no login needed, and a changed link is refused."""

from __future__ import annotations

from django.core import signing

SALT = "hearth.growth.unsubscribe"


class UnsubscribeTokenError(ValueError):
    """The link was changed or is not one of ours."""


def unsubscribe_token(member_id: int) -> str:
    """A token naming the member, signed with the site's secret key (it does not expire:
    an old e-mail's link must still work)."""
    return signing.dumps({"m": member_id}, salt=SALT, compress=False)


def unsubscribe_member_id(token: str) -> int:
    """The member a token names; :class:`UnsubscribeTokenError` when it is not valid."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise UnsubscribeTokenError(str(error)) from error
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        raise UnsubscribeTokenError("no member in the token")
    return int(data["m"])
