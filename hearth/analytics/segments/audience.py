"""A segment as an audience: the public face other apps use (messages, event invitations …).

    from hearth.analytics.segments.audience import segment_member_ids, segment_size

    ids = segment_member_ids(segment=segment)   # list[int], SegmentError when empty
    n = segment_size(segment=segment)           # 0 is a fine answer

Membership is evaluated now: attributes as the members have them today and
behaviour windows ("inactive for 14 days") ending today, on the analytics
store brought up to date with the activity log. Pass ``engine`` to evaluate on
a store already open. Apps never read ``Segment.definition`` themselves.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from hearth.analytics.models import Segment
from hearth.analytics.segments.definition import SegmentError, definition_parse
from hearth.analytics.segments.queries import SegmentCount, SegmentMembers
from hearth.analytics.segments.store import on_store
from hearth.analytics.selectors import active_actions
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today


class EmptySegmentError(SegmentError):
    """A segment with no members was used where members are needed."""


def segment_size(*, segment: Segment, engine: Engine | None = None) -> int:
    """How many members ``segment`` has now (0 is not an error)."""
    definition = definition_parse(segment.definition)
    query = SegmentCount(definition, today=today(), active=active_actions())
    return on_store(query.run, engine)


def segment_member_ids(*, segment: Segment, engine: Engine | None = None) -> list[int]:
    """The ids of ``segment``'s members now, ascending.

    Raises :class:`EmptySegmentError` when it has none: an action aimed at no
    one is a mistake worth stopping.
    """
    definition = definition_parse(segment.definition)
    query = SegmentMembers(definition, today=today(), active=active_actions())
    ids = on_store(query.run, engine)
    if not ids:
        raise EmptySegmentError(empty_message(segment.name))
    return ids


def empty_message(name: str) -> str:
    return _(
        "This segment has no members: “%(name)s” matches nobody today. Widen its "
        "conditions before using it."
    ) % {"name": name}
