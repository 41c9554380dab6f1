"""Boards to recommend to a new member, from the interests they stated.

Each interest (and its words, cut by jieba for Chinese) is matched against a
board's name, description and the tags of its topics; a whole interest
weighs more than one of its words, a name more than a description. Ties go
to the livelier board (followers, topics of the last 30 days). Boards the
member follows or cannot see are left out; without interests or matches the
most active boards are recommended.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Board, BoardFollow, Status, Topic
from hearth.community.selectors import board_list_visible

RECENT = dt.timedelta(days=30)
TAGS_CACHE = "growth:onboarding:board-tags"
NAME, DESCRIPTION, TAG = 3, 1, 2
WHOLE = 2  # a whole interest counts this many times one of its words


@dataclass
class BoardRecommendation:
    board: Board
    score: int
    recent_topics: int
    matched: list[str] = field(default_factory=list)


def interest_terms(interest: str) -> list[str]:
    """The interest itself and, for longer Chinese phrases, its words (lower-cased)."""
    whole = interest.strip().lower()
    if not whole:
        return []
    terms = [whole]
    if len(whole) > 2 and any("\u4e00" <= ch <= "\u9fff" for ch in whole):
        import jieba

        words = (w.strip() for w in jieba.lcut_for_search(whole))
        terms += [w for w in dict.fromkeys(words) if len(w) >= 2 and w != whole]
    elif " " in whole:
        terms += [w for w in whole.split() if len(w) >= 2]
    return terms


def board_tags() -> dict[int, Counter[str]]:
    """Each board's topic tags with their counts (published topics; cached ten minutes)."""
    found = cache.get(TAGS_CACHE)
    if isinstance(found, dict):
        return found
    rows = (
        Topic.tags.through.objects.filter(topic__status=Status.PUBLISHED)
        .values_list("topic__board_id", "tag__name")
        .annotate(n=Count("pk"))
    )
    tags: dict[int, Counter[str]] = defaultdict(Counter)
    for board_id, name, n in rows:
        tags[board_id][name] += n
    result = dict(tags)
    cache.set(TAGS_CACHE, result, 600)
    return result


def _score(board: Board, tags: Counter[str], interests: list[str]) -> tuple[int, list[str]]:
    name, description = board.name.lower(), board.description.lower()
    tag_names = [tag.lower() for tag in tags]
    score, matched = 0, []
    for interest in interests:
        gained = 0
        for i, term in enumerate(interest_terms(interest)):
            weight = WHOLE if i == 0 else 1
            gained += weight * (
                NAME * (term in name)
                + DESCRIPTION * (term in description)
                + TAG * any(term in tag for tag in tag_names)
            )
        if gained:
            score += gained
            matched.append(interest)
    return score, matched


def board_recommendations(*, member: User, limit: int = 6) -> list[BoardRecommendation]:
    """Boards for ``member``, best first: matched to their interests, then the most active."""
    followed = BoardFollow.objects.filter(member_id=member.pk).values("board_id")
    since = timezone.now() - RECENT
    boards = (
        board_list_visible(user=member)
        .exclude(pk__in=followed)
        .annotate(
            recent=Count(
                "topics",
                filter=Q(topics__created_at__gte=since, topics__status=Status.PUBLISHED),
            )
        )
    )
    interests = [str(i) for i in (member.interests or []) if str(i).strip()]
    tags = board_tags() if interests else {}
    ranked: list[BoardRecommendation] = []
    for board in boards:
        score, matched = _score(board, tags.get(board.pk, Counter()), interests)
        recent = int(getattr(board, "recent", 0))
        ranked.append(BoardRecommendation(board, score, recent, matched))
    ranked.sort(key=lambda r: (-r.score, -r.board.follower_count, -r.recent_topics, r.board.pk))
    return ranked[:limit]


def interest_choices(*, member: User, limit: int = 24) -> list[str]:
    """Interests a member may tick: the names of the boards they see, then their most used tags."""
    visible = board_list_visible(user=member).order_by("position", "pk")
    names = list(visible.values_list("name", flat=True))
    ids = set(visible.values_list("pk", flat=True))
    counts: Counter[str] = Counter()
    for board_id, tags in board_tags().items():
        if board_id in ids:
            counts.update(tags)
    seen = {n.lower() for n in names}
    by_use = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    popular = [tag for tag, _n in by_use if tag.lower() not in seen]
    return (names + popular)[:limit]
