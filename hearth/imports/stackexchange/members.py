"""Users.xml → members: join date, display name, a valid unique username, city from Location.

Members get no usable password (they have never signed in here) and no
e-mail; their channel is ``import`` and ``utm_source``/``utm_campaign`` say
which dump they came from, so growth figures can tell them from sign-ups.
"""

from __future__ import annotations

from hearth.accounts.models import User
from hearth.imports.models import ImportKind
from hearth.imports.stackexchange import mapping
from hearth.imports.stackexchange.context import CHANNEL, Context, batches
from hearth.imports.stackexchange.reader import Row, rows

UTM_SOURCE = "stackexchange"


def _member(ctx: Context, row: Row, usernames: mapping.Usernames) -> User:
    external_id = row.integer("Id")
    name = row.text("DisplayName")
    member = User(
        username=usernames.allocate(name, external_id),
        display_name=mapping.display_name(name),
        date_joined=row.moment("CreationDate"),
        city=mapping.city(row.optional_text("Location")),
        channel=CHANNEL,
        utm_source=UTM_SOURCE,
        utm_campaign=ctx.source,
    )
    member.set_unusable_password()
    return member


def members_import(ctx: Context) -> None:
    count = ctx.summary[ImportKind.MEMBER]
    usernames: mapping.Usernames | None = None
    for batch in batches(rows(ctx.dump.path("Users.xml"))):
        new: dict[int, User] = {}
        for row in batch:
            external_id = row.integer("Id")
            if external_id in ctx.members or external_id in new:
                count.existing += external_id in ctx.members
                count.skipped += external_id in new  # the same Id twice: the first row counts
                continue
            if usernames is None:
                usernames = mapping.Usernames(set(User.objects.values_list("username", flat=True)))
            new[external_id] = _member(ctx, row, usernames)
        created = User.objects.bulk_create(new.values())
        ctx.members.add(zip(new, (member.pk for member in created), strict=True))
        count.created += len(created)
