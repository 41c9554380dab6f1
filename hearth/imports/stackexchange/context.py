"""What the steps of one Stack Exchange import share: the dump, the id maps, the summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Reply, Topic
from hearth.imports.errors import ImportFailed
from hearth.imports.idmap import IdMap
from hearth.imports.models import ImportKind
from hearth.imports.summary import ImportSummary

FILES = ("Users.xml", "Posts.xml", "Comments.xml", "Votes.xml", "Badges.xml")
BATCH = 500
PLACEHOLDER_KEY = "deleted"
CHANNEL = "import"  # the channel of every member an import brings
T = TypeVar("T")


def batches(items: Iterator[T], size: int = BATCH) -> Iterator[list[T]]:
    while batch := list(islice(items, size)):
        yield batch


@dataclass(frozen=True, kw_only=True)
class ImportOptions:
    directory: Path
    source: str
    board: str = ""  # a board's slug: every topic there; "" = one board per first tag
    backfill: bool = True


class Dump:
    """The dump folder; every file the import reads must be there."""

    def __init__(self, directory: Path) -> None:
        if not directory.is_dir():
            raise ImportFailed(_("%(directory)s is not a folder.") % {"directory": directory})
        missing = [name for name in FILES if not (directory / name).is_file()]
        if missing:
            raise ImportFailed(
                _("%(files)s missing from %(directory)s: a Stack Exchange dump has %(all)s.")
                % {"files": ", ".join(missing), "directory": directory, "all": ", ".join(FILES)}
            )
        self.directory = directory

    def path(self, name: str) -> Path:
        return self.directory / name


class Context:
    def __init__(
        self, options: ImportOptions, summary: ImportSummary, progress: Callable[[str], object]
    ) -> None:
        self.options, self.summary, self.progress = options, summary, progress
        self.source = options.source
        self.dump = Dump(options.directory)
        # Members, topics and replies deleted since an earlier run are not written to again.
        self.members = IdMap(self.source, ImportKind.MEMBER, User)
        self.placeholders = IdMap(self.source, ImportKind.PLACEHOLDER, User)
        self.topics = IdMap(self.source, ImportKind.TOPIC, Topic)
        self.answers = IdMap(self.source, ImportKind.ANSWER, Reply)
        self.answer_topics: dict[int, int] = {}  # reply id of an answer → its topic id

    def author(self, external_id: int | None, at: dt.datetime) -> int:
        """The member behind a source user id; the placeholder when the dump does not know them.

        Posts of deleted Stack Exchange accounts carry only a display name
        (or an id missing from Users.xml): they go to one inactive "Deleted
        member" per source, so that the threads stay whole.
        """
        if external_id is not None:
            member = self.members.get(external_id)
            if member is not None:
                return member
        return self.placeholder(at)

    def placeholder(self, at: dt.datetime) -> int:
        existing = self.placeholders.get(PLACEHOLDER_KEY)
        if existing is not None:
            return existing
        member = User(
            username=f"deleted~se~{self.source}",
            display_name=_("Deleted member"),
            is_active=False,
            date_joined=at,
            channel=CHANNEL,
        )
        member.set_unusable_password()
        member.save()
        self.placeholders.set(PLACEHOLDER_KEY, member.pk)
        self.summary[ImportKind.PLACEHOLDER].created += 1
        return member.pk
