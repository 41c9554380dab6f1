"""Channel outcomes: the public face the growth app's channel quality table reads.

    from hearth.analytics.channels import channel_outcomes

    found = channel_outcomes(start=..., end=..., as_of=yesterday)
    for row in found.channels: row.channel, row.members, row.rate(7), row.still_active_rate …

Members who joined ``start``…``end`` (days in the community's time zone),
per first-touch channel (``User.channel``), and per channel and join week
or month for the trend; the definitions are in
:mod:`hearth.analytics.queries.channel_quality`. Without ``engine`` the
configured store is opened and brought up to date; a failure of the store
raises :class:`~hearth.analytics.queries.params.QueryError`.
"""

from __future__ import annotations

import datetime as dt

import duckdb
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from hearth.analytics.queries.channel_quality import (
    COUNTED_ACTIONS,
    STILL_ACTIVE,
    ChannelOutcome,
    ChannelOutcomes,
    ChannelQuality,
)
from hearth.analytics.queries.params import QueryError, window
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.locate import open_store
from hearth.analytics.store.sync import store_sync

__all__ = [
    "COUNTED_ACTIONS",
    "STILL_ACTIVE",
    "ChannelOutcome",
    "ChannelOutcomes",
    "QueryError",
    "channel_outcomes",
]


def channel_outcomes(
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    period: str = "week",
    engine: Engine | None = None,
) -> ChannelOutcomes:
    """Each channel's members who joined ``start``…``end``, measured up to ``as_of``."""
    query = ChannelQuality(window(start=start, end=end), as_of=as_of, period=period)
    if engine is not None:
        return query.run(engine)
    try:
        with transaction.atomic(), open_store() as store:
            store_sync(store)
            return query.run(store)
    except (DatabaseError, duckdb.Error) as exc:
        raise QueryError(
            _("The analytics store could not answer this question (%(error)s).")
            % {"error": type(exc).__name__}
        ) from exc
