"""One mailbox, one account: e-mail addresses compared the way mail servers deliver them.

``Xiao.Ming+hearth@Gmail.com`` and ``xiaoming@googlemail.com`` reach the same
inbox, so they are the same address here: lowercase, the ``+tag`` dropped,
and for Gmail the dots of the local part too (Gmail ignores them).
"""

from __future__ import annotations

from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace

from hearth.accounts.models import User

GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


def email_normalise(email: str) -> str:
    """The canonical form of ``email`` ("" for an empty or malformed address)."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at or not local or not domain:
        return ""
    local = local.split("+", 1)[0]
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", ""), GMAIL_DOMAINS[0]
    return f"{local}@{domain}" if local else ""


def email_account_exists(email: str) -> bool:
    """Whether an account already has an address reaching the same mailbox as ``email``."""
    canonical = email_normalise(email)
    if not canonical:
        return bool(email) and User.objects.filter(email__iexact=email.strip()).exists()
    local, _at, domain = canonical.partition("@")
    if domain != GMAIL_DOMAINS[0]:
        candidates = User.objects.filter(
            Q(email__iexact=canonical)
            | Q(email__istartswith=f"{local}+", email__iendswith=f"@{domain}")
        )
        return candidates.exists()
    plain = Replace(Lower("email"), Value("."), Value(""))
    gmail = User.objects.filter(
        Q(email__iendswith="@gmail.com") | Q(email__iendswith="@googlemail.com")
    ).annotate(plain=plain)
    return gmail.filter(
        Q(plain__in=[f"{local}@gmailcom", f"{local}@googlemailcom"])
        | Q(plain__startswith=f"{local}+")
    ).exists()
