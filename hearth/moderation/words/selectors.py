"""Reads for watched-word management: lists with counts, a list's words, variants, policies."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum

from hearth.moderation.models import ModerationPolicy, WatchedWord, WordList, WordVariant


def word_lists_for_cockpit() -> QuerySet[WordList]:
    return (
        WordList.objects.select_related("created_by")
        .annotate(word_count=Count("words"), hit_total=Sum("words__hit_count"))
        .order_by("-enabled", "name")
    )


def word_list_counts(word_list: WordList) -> dict[str, dict[str, int]]:
    """How many of the list's words have each category and each action."""
    rows = word_list.words.order_by().values("category", "action").annotate(n=Count("pk"))
    counts: dict[str, dict[str, int]] = {"category": {}, "action": {}}
    for row in rows:
        for key in ("category", "action"):
            counts[key][row[key]] = counts[key].get(row[key], 0) + row["n"]
    return counts


@dataclass(frozen=True)
class WordFilter:
    q: str = ""
    category: str = ""
    action: str = ""
    board_id: int | None = None
    site_wide: bool = False  # only words that apply on every board


def words_in_list(word_list: WordList, selection: WordFilter) -> QuerySet[WatchedWord]:
    words = word_list.words.select_related("board")
    if selection.q:
        words = words.filter(Q(term__icontains=selection.q) | Q(tags__icontains=selection.q))
    if selection.category:
        words = words.filter(category=selection.category)
    if selection.action:
        words = words.filter(action=selection.action)
    if selection.site_wide:
        words = words.filter(board__isnull=True)
    elif selection.board_id is not None:
        words = words.filter(board_id=selection.board_id)
    return words.order_by("term", "pk")


def enabled_words() -> QuerySet[WatchedWord]:
    """Every word of every enabled list (what the pipeline matches)."""
    return WatchedWord.objects.filter(word_list__enabled=True)


def top_words_by_hits(limit: int = 10) -> QuerySet[WatchedWord]:
    return (
        enabled_words()
        .filter(hit_count__gt=0)
        .select_related("word_list")
        .order_by("-hit_count", "term")[:limit]
    )


def variants_for_cockpit() -> QuerySet[WordVariant]:
    return WordVariant.objects.order_by("canonical", "variant")


def policies_for_cockpit() -> QuerySet[ModerationPolicy]:
    """Site-wide rows first, then per board; within each, every level last."""
    return ModerationPolicy.objects.select_related("board").order_by(
        F("board__position").asc(nulls_first=True),
        "board_id",
        F("max_level_position").asc(nulls_last=True),
    )
