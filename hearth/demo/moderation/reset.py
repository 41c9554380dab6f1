"""Remove the demo's moderation history (the site's rules, ladder and policies stay)."""

from __future__ import annotations

from django.db import router

from hearth.moderation.models import (
    Appeal,
    AuditEntry,
    Dispute,
    Report,
    ReviewItem,
    Sanction,
    ScreeningRecord,
    TextFingerprint,
    WordList,
)


def moderation_reset() -> None:
    """Delete review items, reports, sanctions, cases, word lists and the audit trail.

    Audit entries refuse deletion through the ORM; a demo reset is the one
    place that wipes them, with a raw delete of the whole table.
    """
    for model in (Appeal, Report, Sanction, ReviewItem, Dispute, WordList):
        model.objects.all().delete()
    ScreeningRecord.objects.all().delete()
    TextFingerprint.objects.all().delete()
    entries = AuditEntry.objects.all()
    entries._raw_delete(router.db_for_write(AuditEntry))
