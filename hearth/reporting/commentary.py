"""Staff commentary on a report, added before it is sent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.reporting.models import OperationsReport

COMMENTARY_MAX = 5000


@transaction.atomic
def report_commentary_set(*, report: OperationsReport, text: str, by: User) -> OperationsReport:
    """Replace the report's commentary (blank clears it); who wrote it and when are kept."""
    text = text.strip().replace("\r\n", "\n")
    if len(text) > COMMENTARY_MAX:
        raise ValidationError(
            {
                "commentary": _("The commentary is %(n)d characters long; keep it to %(max)d.")
                % {"n": len(text), "max": COMMENTARY_MAX}
            }
        )
    report.commentary = text
    report.commentary_by = by if text else None
    report.commentary_at = timezone.now() if text else None
    report.save(update_fields=["commentary", "commentary_by", "commentary_at"])
    return report
