"""Badges.xml → staff-only badges (one per Stack Exchange badge) granted on their original date.

Each grant has the source key ``se:<source>:<badge row Id>``: a member who
earned "Nice Answer" five times holds it five times, and a second run finds
its grants. Grants to users missing from Users.xml are skipped.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from hearth.gamification.services import HistoricGrant, badge_grants_record, badge_manual_ensure
from hearth.imports.idmap import IdMap
from hearth.imports.models import ImportKind
from hearth.imports.stackexchange import mapping, report
from hearth.imports.stackexchange.context import Context, batches
from hearth.imports.stackexchange.reader import Row, rows
from hearth.imports.summary import KindCount


class Badges:
    """Hearth badge ids by Stack Exchange badge, defined on first use."""

    def __init__(self, source: str, count: KindCount) -> None:
        self.source, self.count = source, count
        self.ids: dict[str, int] = {}

    def id_for(self, row: Row) -> int:
        spec = mapping.badge_spec(
            row.text("Name"),
            row.optional_integer("Class"),
            row.optional_text("TagBased").lower() == "true",
        )
        badge_id = self.ids.get(spec.slug)
        if badge_id is None:
            description = _("A Stack Exchange badge, imported from %(source)s.") % {
                "source": self.source
            }
            badge, created = badge_manual_ensure(
                slug=spec.slug,
                name=spec.name,
                description=description,
                icon=spec.icon,
                tier=spec.tier,
            )
            self.count.created += created
            self.count.existing += not created
            badge_id = self.ids[spec.slug] = badge.pk
        return badge_id


def badges_import(ctx: Context) -> None:
    count = ctx.summary[ImportKind.BADGE_GRANT]
    badges = Badges(ctx.source, ctx.summary[report.BADGE])
    granted = IdMap(ctx.source, ImportKind.BADGE_GRANT)
    reason = _("Imported from Stack Exchange (%(source)s).") % {"source": ctx.source}
    for batch in batches(rows(ctx.dump.path("Badges.xml"))):
        new: dict[str, HistoricGrant] = {}
        keys: dict[str, int] = {}
        for row in batch:
            external_id = row.integer("Id")
            if external_id in granted:
                count.existing += 1
                continue
            member_id = ctx.members.get(row.integer("UserId"))
            key = f"se:{ctx.source}:{external_id}"
            if member_id is None or key in new:
                count.skipped += 1  # a user missing from Users.xml, or the same Id twice
                continue
            keys[key] = external_id
            new[key] = HistoricGrant(
                badge_id=badges.id_for(row),
                member_id=member_id,
                source_key=key,
                granted_at=row.moment("Date"),
                reason=reason,
            )
        ids = badge_grants_record(grants=list(new.values()))
        granted.add((keys[key], ids[key]) for key in new)
        count.created += len(new)
