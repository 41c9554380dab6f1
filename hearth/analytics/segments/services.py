"""Writes of segments: create, update, delete, and refreshing the member count kept with one."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.analytics.models import Segment
from hearth.analytics.segments.audience import segment_size
from hearth.analytics.segments.definition import SegmentDefinition, SegmentError
from hearth.analytics.store.engine import Engine

NAME_LENGTH = 80


def _name_checked(name: str, *, other_than: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise SegmentError(_("Give the segment a name."))
    if len(name) > NAME_LENGTH:
        raise SegmentError(_("A segment's name has at most %(n)d characters.") % {"n": NAME_LENGTH})
    taken = Segment.objects.filter(name=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    if taken.exists():
        raise SegmentError(_("A segment named “%(name)s” already exists.") % {"name": name})
    return name


@transaction.atomic
def segment_create(
    *,
    name: str,
    definition: SegmentDefinition,
    description: str = "",
    created_by: User | None = None,
    engine: Engine | None = None,
) -> Segment:
    """Save a new segment and count its members (a count of 0 is fine)."""
    segment = Segment.objects.create(
        name=_name_checked(name),
        description=description.strip()[:300],
        definition=definition.as_json(),
        created_by=created_by,
    )
    return segment_count_refresh(segment=segment, engine=engine)


@transaction.atomic
def segment_update(
    *,
    segment: Segment,
    name: str,
    definition: SegmentDefinition,
    description: str = "",
    engine: Engine | None = None,
) -> Segment:
    """Change a segment's name, description and definition, and count it again."""
    segment.name = _name_checked(name, other_than=segment.pk)
    segment.description = description.strip()[:300]
    segment.definition = definition.as_json()
    segment.save(update_fields=["name", "description", "definition", "updated_at"])
    return segment_count_refresh(segment=segment, engine=engine)


def segment_delete(*, segment: Segment) -> None:
    segment.delete()


def segment_count_refresh(*, segment: Segment, engine: Engine | None = None) -> Segment:
    """Count ``segment``'s members now and keep the count with the time it was taken."""
    segment.member_count = segment_size(segment=segment, engine=engine)
    segment.counted_at = timezone.now()
    Segment.objects.filter(pk=segment.pk).update(
        member_count=segment.member_count, counted_at=segment.counted_at
    )
    return segment
