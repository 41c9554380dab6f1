"""What a list would hit on the community's published posts, before it is enabled.

The list is compiled once (with the configured variants) and every published
topic (title and body) and reply in a published topic is scanned in Python,
in batches. Counts are posts, not hits: a post with three hits of one
category counts once for that category.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.community.models import Reply, Status, Topic
from hearth.moderation.models import WordList, WordVariant
from hearth.moderation.text.lexicon import Entry, Hit, Lexicon
from hearth.moderation.words.highlight import segments

EXAMPLES = 10
TOP_TERMS = 10
_CHUNK = 2000
_CONTEXT = 40
_SPACES = re.compile(r"\s+")  # examples read as one line
_ACTION_RANK = {"block": 0, "hold": 1, "replace": 2, "flag": 3}


@dataclass(frozen=True)
class Post:
    kind: str  # "topic" or "reply"
    pk: int
    topic_id: int
    board_id: int
    title: str
    text: str


def published_posts() -> Iterator[Post]:
    """Every published topic and every published reply of a published topic, in batches."""
    topics = (
        Topic.objects.filter(status=Status.PUBLISHED)
        .order_by()
        .values_list("pk", "board_id", "title", "body")
    )
    for pk, board_id, title, body in topics.iterator(chunk_size=_CHUNK):
        yield Post("topic", pk, pk, board_id, title, f"{title}\n{body}")
    replies = (
        Reply.objects.filter(status=Status.PUBLISHED, topic__status=Status.PUBLISHED)
        .order_by()
        .values_list("pk", "topic_id", "topic__board_id", "topic__title", "body")
    )
    for pk, topic_id, board_id, title, body in replies.iterator(chunk_size=_CHUNK):
        yield Post("reply", pk, topic_id, board_id, title, body)


def list_lexicon(word_list: WordList) -> Lexicon:
    """The list compiled as the pipeline would compile it, with the site's variants."""
    rows = word_list.words.values_list("term", "category", "action", "severity", "board_id")
    entries = [Entry(t, c, a, s, b) for t, c, a, s, b in rows.iterator(chunk_size=_CHUNK)]
    variants = dict(WordVariant.objects.values_list("variant", "canonical"))
    return Lexicon.compile(entries, variants=variants)


def _url(post: Post) -> str:
    url = reverse("community:topic", args=[post.topic_id])
    return url if post.kind == "topic" else f"{url}#r{post.pk}"  # the reply's anchor


def _leading(hits: list[Hit]) -> Hit:
    """The hit an example is about: the harshest action, then the highest severity."""
    return min(hits, key=lambda h: (_ACTION_RANK[h.action.value], -h.severity, h.start))


def _example(post: Post, hits: list[Hit], first: Hit) -> dict[str, Any]:
    return {
        "kind": post.kind,
        "id": post.pk,
        "title": post.title,
        "url": _url(post),
        "term": first.term,
        "category": first.category.value,
        "action": first.action.value,
        "severity": first.severity,
        "hits": len(hits),
        "segments": [
            (text if marked else _SPACES.sub(" ", text), marked)
            for text, marked in segments(
                post.text, ((h.start, h.end) for h in hits), context=_CONTEXT
            )
        ],
    }


@dataclass
class _Tally:
    scanned: Counter[str] = field(default_factory=Counter)
    posts: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    actions: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    examples: list[dict[str, Any]] = field(default_factory=list)
    shown_terms: set[str] = field(default_factory=set)
    spare: list[dict[str, Any]] = field(default_factory=list)

    def add(self, post: Post, hits: list[Hit]) -> None:
        self.posts[post.kind] += 1
        self.categories.update({h.category.value for h in hits})
        self.actions.update({h.action.value for h in hits})
        self.terms.update({h.term for h in hits})
        first = _leading(hits)
        if first.term not in self.shown_terms and len(self.examples) < EXAMPLES:
            self.shown_terms.add(first.term)
            self.examples.append(_example(post, hits, first))
        elif len(self.spare) < EXAMPLES:
            self.spare.append(_example(post, hits, first))

    def chosen_examples(self) -> list[dict[str, Any]]:
        """Examples of as many different terms as possible, the harshest actions first."""
        chosen = (self.examples + self.spare)[:EXAMPLES]
        return sorted(chosen, key=lambda e: (_ACTION_RANK[e["action"]], -e["severity"]))


def preview_compute(word_list: WordList) -> dict[str, Any]:
    """Scan every published post with the list; the summary stored in ``WordList.preview``."""
    started = time.perf_counter()
    lexicon = list_lexicon(word_list)
    tally = _Tally()
    for post in published_posts():
        tally.scanned[post.kind] += 1
        hits = lexicon.scan(post.text, post.board_id)
        if hits:
            tally.add(post, hits)
    return {
        "at": timezone.now().isoformat(),
        "seconds": round(time.perf_counter() - started, 3),
        "words": len(lexicon.words),
        "scanned": {"topics": tally.scanned["topic"], "replies": tally.scanned["reply"]},
        "posts": tally.posts.total(),
        "topics": tally.posts["topic"],
        "replies": tally.posts["reply"],
        "by_category": dict(tally.categories.most_common()),
        "by_action": dict(tally.actions.most_common()),
        "top_terms": tally.terms.most_common(TOP_TERMS),
        "examples": tally.chosen_examples(),
    }


def word_list_preview(*, word_list: WordList) -> WordList:
    """Compute the list's preview and keep it on the list (the enable button needs one)."""
    preview = preview_compute(word_list)
    with transaction.atomic():
        WordList.objects.filter(pk=word_list.pk).update(preview=preview)
    word_list.preview = preview
    return word_list
