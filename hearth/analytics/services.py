"""Writes of the analytics app besides recording: emptying the log and the store."""

from __future__ import annotations

from django.db import router

from hearth.analytics.models import Activity
from hearth.analytics.store.locate import open_store


def activity_reset() -> None:
    """Empty the activity log and drop the store (the demo's reset; nothing else may)."""
    query = Activity.objects.all()
    query._raw_delete(router.db_for_write(Activity))  # the one sanctioned delete
    with open_store() as engine:
        engine.drop()
