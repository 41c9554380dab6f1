"""Moderation records. Import models from here."""

from hearth.moderation.models.audit import AuditEntry, AuditLogImmutable
from hearth.moderation.models.cases import Appeal, Dispute, DisputeContent, DisputeEntry
from hearth.moderation.models.classifier import ClassifierModel
from hearth.moderation.models.common import ContentKind, WordAction, WordCategory
from hearth.moderation.models.policy import ModerationPolicy, ModerationSettings, SignalAction
from hearth.moderation.models.queue import Report, ReportReason, ReviewItem
from hearth.moderation.models.rules import CommunityRule
from hearth.moderation.models.sanctions import Sanction, SanctionKind, SanctionStep
from hearth.moderation.models.screening import ScreeningRecord, TextFingerprint
from hearth.moderation.models.words import WatchedWord, WordList, WordVariant

__all__ = [
    "Appeal",
    "AuditEntry",
    "AuditLogImmutable",
    "ClassifierModel",
    "CommunityRule",
    "ContentKind",
    "Dispute",
    "DisputeContent",
    "DisputeEntry",
    "ModerationPolicy",
    "ModerationSettings",
    "Report",
    "ReportReason",
    "ReviewItem",
    "Sanction",
    "SanctionKind",
    "SanctionStep",
    "ScreeningRecord",
    "SignalAction",
    "TextFingerprint",
    "WatchedWord",
    "WordAction",
    "WordCategory",
    "WordList",
    "WordVariant",
]
