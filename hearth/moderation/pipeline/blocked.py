"""Blocked attempts: the text was refused, so the record must outlive the refused save.

The community raises ``ValidationError`` inside its own transaction right
after screening, which rolls back anything written there. So inside a
transaction the attempt waits in this thread until the request has
finished (``request_finished``), when it is written; outside one it is
written at once. Callers outside a request (commands, tests) call
:func:`blocked_attempts_flush`. Each request starts with an empty list.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict
from typing import Any

from django.core.signals import request_finished, request_started
from django.db import DatabaseError, transaction
from django.utils import timezone

from hearth.accounts.models import User
from hearth.core.screening import Screening, ScreenRequest
from hearth.moderation.models import ScreeningRecord
from hearth.moderation.pipeline.record import fired_terms, words_hit, written_text
from hearth.moderation.services.audit import audit_record

logger = logging.getLogger(__name__)

_local = threading.local()


def _pending() -> list[dict[str, Any]]:
    if not hasattr(_local, "items"):
        _local.items = []
    items: list[dict[str, Any]] = _local.items
    return items


def blocked_attempt(request: ScreenRequest, screening: Screening) -> None:
    """Keep a refused text (``content_id`` None) with its reasons."""
    attempt = {
        "content_kind": request.kind,
        "author_id": request.author.pk,
        "board_id": request.board_id,
        "content_id": None,  # never saved (an edit too: the saved text stays as it was)
        "reasons": [asdict(r) for r in screening.reasons],
        "scores": dict(screening.scores),
        "text": written_text(request),
        "created_at": timezone.now(),
    }
    if transaction.get_connection().in_atomic_block:
        _pending().append(attempt)
    else:
        _write([attempt])


@transaction.atomic
def _write(attempts: list[dict[str, Any]]) -> int:
    authors = set(
        User.objects.filter(pk__in={a["author_id"] for a in attempts}).values_list("pk", flat=True)
    )
    written = 0
    for attempt in attempts:
        if attempt["author_id"] not in authors:
            continue
        record = ScreeningRecord.objects.create(decision="block", **attempt)
        words_hit(
            fired_terms(attempt["reasons"]), board_id=attempt["board_id"], now=record.created_at
        )
        audit_record(
            actor=None,
            action="pipeline.block",
            target_kind=attempt["content_kind"],
            target_id=attempt["content_id"],
            member=attempt["author_id"],
            after={
                "decision": "block",
                "reasons": [r["code"] for r in attempt["reasons"]],
                "record": record.pk,
            },
        )
        written += 1
    return written


def blocked_attempts_flush() -> int:
    """Write the attempts kept in this thread; how many were written."""
    attempts = _pending()
    if not attempts:
        return 0
    _local.items = []
    return _write(attempts)


def _on_request_started(**kwargs: Any) -> None:
    _local.items = []


def _on_request_finished(**kwargs: Any) -> None:
    try:
        blocked_attempts_flush()
    except DatabaseError:  # never turn a finished response into an error
        logger.exception("blocked attempts not recorded")


request_started.connect(_on_request_started, dispatch_uid="moderation-blocked-start")
request_finished.connect(_on_request_finished, dispatch_uid="moderation-blocked-finish")
