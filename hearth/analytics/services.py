"""Writes of the analytics app besides the subscribers: custom events, emptying the log."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import router
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.analytics.definitions import custom_name_valid
from hearth.analytics.models import Activity
from hearth.analytics.recording import activity_record
from hearth.analytics.store.locate import open_store


def activity_reset() -> None:
    """Empty the activity log and drop the store (the demo's reset; nothing else may)."""
    query = Activity.objects.all()
    query._raw_delete(router.db_for_write(Activity))  # the one sanctioned delete
    with open_store() as engine:
        engine.drop()


MAX_PROPERTIES_BYTES = 4096
MAX_BACKDATE = dt.timedelta(days=7)


def custom_event_record(
    *,
    member: User,
    name: str,
    properties: Mapping[str, Any] | None = None,
    occurred_at: dt.datetime | None = None,
) -> Activity:
    """Record a custom event (``course_enrolled`` …) for ``member``; ValidationError names the
    field that is wrong (name, properties, time)."""
    if not custom_name_valid(name):
        raise ValidationError(
            {
                "name": _(
                    "A custom event's name is 2 to 40 of a–z, 0–9 and _, starts with a letter "
                    "and is not a built-in action; got %(name)s."
                )
                % {"name": name[:60]}
            }
        )
    props = dict(properties or {})
    if len(json.dumps(props, ensure_ascii=False).encode()) > MAX_PROPERTIES_BYTES:
        raise ValidationError(
            {
                "properties": _("Properties are at most %(n)d bytes of JSON.")
                % {"n": MAX_PROPERTIES_BYTES}
            }
        )
    now = timezone.now()
    at = occurred_at or now
    if at > now + dt.timedelta(minutes=5) or at < now - MAX_BACKDATE:
        raise ValidationError(
            {"occurred_at": _("The time must be within the last 7 days and not in the future.")}
        )
    row = activity_record(action=name, member=member, at=at, properties=props)
    assert row is not None  # no key: always appended
    return row
