"""Which board a question goes to: the board named after its first tag, or one given board.

Boards are found by name (a tag's board) or slug (``--board``) and created
when missing, dated by the first question they receive, so a second run,
or a second dump with the same tags, lands in the same boards.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min
from django.utils.translation import gettext as _

from hearth.community.models import Board, Topic
from hearth.imports.stackexchange import mapping
from hearth.imports.summary import KindCount

NAME_MAX = 40


class Boards:
    def __init__(self, *, source: str, slug: str, count: KindCount) -> None:
        self.source, self.slug, self.count = source, slug, count
        self.by_key: dict[str, int] = {}
        self.created: set[int] = set()

    def for_question(self, tags: list[str], at: dt.datetime) -> int:
        """The board id for a question with ``tags`` asked at ``at``."""
        key = self.slug or (tags[0] if tags else self.source)
        board_id = self.by_key.get(key)
        if board_id is None:
            board_id = self._find(key)
            if board_id is None:
                board_id = self._create(key, at)
                self.count.created += 1
            else:
                self.count.existing += 1
            self.by_key[key] = board_id
        return board_id

    def _find(self, key: str) -> int | None:
        found = Board.objects.filter(slug=key) if self.slug else Board.objects.filter(name=key)
        return found.values_list("pk", flat=True).first()

    def _create(self, key: str, at: dt.datetime) -> int:
        if self.slug:
            name, slug = self._free_name(key), key
            description = _("Imported from Stack Exchange (%(source)s).") % {"source": self.source}
        else:
            name, slug = key[:NAME_MAX], self._free_slug(mapping.board_slug(key))
            description = _(
                "Imported from Stack Exchange (%(source)s): questions tagged %(tag)s."
            ) % {
                "source": self.source,
                "tag": key,
            }
        top = Board.objects.aggregate(top=Max("position"))["top"]
        board = Board.objects.create(
            name=name,
            slug=slug,
            description=description[:500],
            position=(top or 0) + 1,
            created_at=at,
        )
        self.created.add(board.pk)
        return board.pk

    @staticmethod
    def _free_name(name: str) -> str:
        candidate, n = name[:NAME_MAX], 1
        while Board.objects.filter(name=candidate).exists():
            n += 1
            candidate = f"{name[: NAME_MAX - 4]} ({n})"
        return candidate

    @staticmethod
    def _free_slug(slug: str) -> str:
        candidate, n = slug, 1
        while Board.objects.filter(slug=candidate).exists():
            n += 1
            candidate = f"{slug[:45]}-{n}"
        return candidate

    def date_created(self) -> None:
        """Date each board made here by its earliest topic (questions need not come in order)."""
        for board_id in self.created:
            first = Topic.objects.filter(board_id=board_id).aggregate(at=Min("created_at"))["at"]
            if first is not None:
                Board.objects.filter(pk=board_id).update(created_at=first)
