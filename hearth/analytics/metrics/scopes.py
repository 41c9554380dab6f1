"""A metric's scope: the board, saved segment or channel it is counted over, checked and named.

* :func:`scoped_engine` — the store narrowed to the scope
  (:class:`~hearth.analytics.queries.scoped.ScopedEngine`); an unknown board,
  segment or channel raises :class:`~hearth.analytics.queries.params.QueryError`
  naming it;
* :func:`metric_scope_label` — "Board: AI", "Segment: …", "Channel: …" for pages.

A board is named by its id, a segment by its id, a channel by its key. A channel
is known when the channel registry has it or a member carries it. A segment's
members are those it has *today* (as for a message's audience), followed over
the whole window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _

from hearth.analytics.queries.params import QueryError
from hearth.analytics.queries.scoped import (
    Narrowing,
    ScopedEngine,
    board_narrowing,
    channel_narrowing,
    segment_narrowing,
)
from hearth.analytics.store.engine import Engine

SCOPE_KINDS = ("board", "segment", "channel")


@dataclass(frozen=True)
class MetricScope:
    """Part of the community a metric is counted over: a board (``value`` = its id), a saved
    segment (its id) or a channel (its key). ``None`` in place of a scope: the whole
    community."""

    kind: Literal["board", "segment", "channel"]
    value: str


def _pk(value: str) -> int | None:
    text = value.strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def _board_name(value: str) -> str | None:
    from hearth.community.models import Board

    pk = _pk(value)
    found = Board.objects.filter(pk=pk).values_list("name", flat=True).first() if pk else None
    return str(found) if found is not None else None


def _channel_name(value: str) -> str | None:
    from hearth.accounts.models import User
    from hearth.growth.channels.selectors import channel_names

    key = value.strip()
    names = channel_names()
    if key in names:
        return names[key]
    return key if key and User.objects.filter(channel=key).exists() else None


def _segment_narrowing(value: str) -> Narrowing:
    from hearth.analytics.models import Segment
    from hearth.analytics.segments.definition import definition_parse
    from hearth.analytics.segments.queries import segment_select
    from hearth.analytics.selectors import active_actions
    from hearth.analytics.store.sync import today

    pk = _pk(value)
    segment = Segment.objects.filter(pk=pk).first() if pk else None
    if segment is None:
        raise QueryError(
            _("Unknown segment: %(segment)s. Choose one of the saved segments.")
            % {"segment": value[:60]}
        )
    definition = definition_parse(segment.definition)
    members = segment_select(definition, today=today(), active=active_actions())
    return segment_narrowing(segment.pk, members)


def scope_narrowing(scope: MetricScope) -> Narrowing:
    """What ``scope`` keeps of the store; QueryError naming an unknown board, segment or channel."""
    if scope.kind == "board":
        pk = _pk(scope.value)
        if pk is None or _board_name(scope.value) is None:
            raise QueryError(
                _("Unknown board: %(board)s. Choose one of the community's boards.")
                % {"board": scope.value[:60]}
            )
        return board_narrowing(pk)
    if scope.kind == "segment":
        return _segment_narrowing(scope.value)
    if scope.kind == "channel":
        if _channel_name(scope.value) is None:
            raise QueryError(
                _("Unknown channel: %(channel)s. Choose a channel from the registry.")
                % {"channel": scope.value[:60]}
            )
        return channel_narrowing(scope.value.strip())
    raise QueryError(
        _("Unknown scope: %(kind)s. A metric is counted over a board, a segment or a channel.")
        % {"kind": str(scope.kind)[:40]}
    )


def scoped_engine(engine: Engine, scope: MetricScope) -> Engine:
    """``engine`` narrowed to ``scope`` (checked first)."""
    return ScopedEngine(engine, scope_narrowing(scope))


def metric_scope_label(scope: MetricScope | None) -> str:
    """What a page shows for ``scope``: "Board: AI" (the name; the raw value when it is gone);
    "" for the whole community."""
    if scope is None:
        return ""
    if scope.kind == "board":
        return _("Board: %(name)s") % {"name": _board_name(scope.value) or scope.value}
    if scope.kind == "segment":
        from hearth.analytics.models import Segment

        pk = _pk(scope.value)
        name = Segment.objects.filter(pk=pk).values_list("name", flat=True).first() if pk else None
        return _("Segment: %(name)s") % {"name": name or scope.value}
    if scope.kind == "channel":
        return _("Channel: %(name)s") % {"name": _channel_name(scope.value) or scope.value}
    return str(scope.value)
