"""Names the content and reading pages show for the ids the analyses return."""

from __future__ import annotations

from collections.abc import Iterable

from hearth.community.models import Board, Topic


def board_names_for(*, ids: Iterable[int]) -> dict[int, str]:
    return dict(Board.objects.filter(pk__in=set(ids)).values_list("pk", "name"))


def topic_titles_for(*, ids: Iterable[int]) -> dict[int, str]:
    return dict(Topic.objects.filter(pk__in=set(ids)).values_list("pk", "title"))
