"""Short codes of tracked links, and the checks on a link's destination.

Random codes use an alphabet without look-alikes (no 0/o, 1/l/i), so a code
read off a poster is typed right. Codes are lowercase; visits match any case.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hearth.growth.models import TrackedLink

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 7
CUSTOM_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{2,15}$")
LINK_PARAM = "hl"
"""The query parameter naming the tracked link on the landing page (attribution reads it)."""
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")


def code_generate() -> str:
    """A random code no link uses yet."""
    for _attempt in range(20):
        code = "".join(secrets.choice(ALPHABET) for _i in range(CODE_LENGTH))
        if not TrackedLink.objects.filter(code=code).exists():
            return code
    raise RuntimeError("no free short code after 20 attempts")  # pragma: no cover


def code_check(raw: str, *, exclude_pk: int | None = None) -> str:
    """The custom code, lowercased, or a ValidationError on ``code``."""
    code = raw.strip().lower()
    if not CUSTOM_CODE_RE.match(code):
        raise ValidationError(
            {
                "code": _(
                    "A short code has 3–16 lowercase letters, digits, “-” or “_”, e.g. foodfair24."
                )
            }
        )
    taken = TrackedLink.objects.filter(code=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"code": _("The short code “%(code)s” is already taken.") % {"code": code}}
        )
    return code


def destination_check(raw: str) -> str:
    """A path on this site (``/t/42/?x=1``), or a ValidationError on ``destination``.

    External URLs, scheme-relative ``//host`` paths and backslashes (which
    browsers read as slashes) are refused: the short link must never become an
    open redirect.
    """
    value = raw.strip() or "/"
    parts = urlsplit(value)
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or parts.scheme
        or parts.netloc
        or any(ch.isspace() or ord(ch) < 32 for ch in value)
    ):
        raise ValidationError(
            {
                "destination": _(
                    "Enter a path on this site starting with “/”, e.g. /accounts/signup/ "
                    "(not an address of another site)."
                )
            }
        )
    return value


def link_landing_url(link: TrackedLink) -> str:
    """The link's destination with its UTM parameters and ``hl=<code>`` added.

    Parameters already in the destination's query are kept, except those the
    link sets itself, which it replaces; the fragment stays last.
    """
    parts = urlsplit(link.destination)
    ours = {name: str(getattr(link, name)) for name in UTM_FIELDS if getattr(link, name)}
    ours[LINK_PARAM] = link.code
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ours]
    query = urlencode([*kept, *ours.items()])
    return urlunsplit(("", "", parts.path or "/", query, parts.fragment))
