"""Posts.xml → topics (questions, PostTypeId 1) and replies (answers, PostTypeId 2).

Two passes over the file, so an answer finds its question whatever the
order. Bodies are converted from the dump's HTML to Markdown and rendered
by Hearth's own renderer, as a post written here would be. Other post kinds
(tag wikis, moderator nominations …) are counted as skipped; an answer whose
question is not in the dump is skipped too.
"""

from __future__ import annotations

from hearth.community.models import Reply, Tag, Topic
from hearth.core import markdown
from hearth.imports.models import ImportKind
from hearth.imports.stackexchange import mapping, report
from hearth.imports.stackexchange.boards import Boards
from hearth.imports.stackexchange.context import Context, batches
from hearth.imports.stackexchange.reader import Row, rows

QUESTION, ANSWER = 1, 2
CHUNK = 500


def _topic(ctx: Context, boards: Boards, row: Row, tags: list[str]) -> Topic:
    created = row.moment("CreationDate")
    body = mapping.markdown_from_html(row.text("Body"))
    return Topic(
        board_id=boards.for_question(tags, created),
        author_id=ctx.author(row.optional_integer("OwnerUserId"), created),
        title=mapping.title(row.text("Title")),
        body=body,
        body_html=markdown.render(body),
        excerpt=markdown.excerpt(body),
        created_at=created,
        last_activity_at=created,
        edited_at=row.optional_moment("LastEditDate"),
        view_count=max(row.optional_integer("ViewCount") or 0, 0),
    )


def _tags_link(topics: dict[int, Topic], tags: dict[int, list[str]]) -> None:
    names = {name for external_id in topics for name in tags[external_id]}
    if not names:
        return
    Tag.objects.bulk_create([Tag(name=name) for name in sorted(names)], ignore_conflicts=True)
    ids = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
    link = Topic.tags.through
    link.objects.bulk_create(
        [
            link(topic_id=topic.pk, tag_id=ids[name])
            for external_id, topic in topics.items()
            for name in tags[external_id]
        ]
    )


def questions_import(ctx: Context, boards: Boards) -> None:
    count = ctx.summary[ImportKind.TOPIC]
    other = ctx.summary[report.OTHER_POST]
    for batch in batches(rows(ctx.dump.path("Posts.xml"))):
        new: dict[int, Topic] = {}
        tags: dict[int, list[str]] = {}
        for row in batch:
            post_type, external_id = row.integer("PostTypeId"), row.integer("Id")
            if post_type != QUESTION:
                other.skipped += post_type != ANSWER
                continue
            if external_id in ctx.topics:
                count.existing += 1
                continue
            if external_id in new:
                count.skipped += 1  # the same Id twice: the first row counts
                continue
            tags[external_id] = mapping.tags(row.optional_text("Tags"))
            new[external_id] = _topic(ctx, boards, row, tags[external_id])
        Topic.objects.bulk_create(new.values())
        _tags_link(new, tags)
        ctx.topics.add((external_id, topic.pk) for external_id, topic in new.items())
        count.created += len(new)


def _reply(ctx: Context, row: Row, topic_id: int) -> Reply:
    created = row.moment("CreationDate")
    body = mapping.markdown_from_html(row.text("Body"))
    return Reply(
        topic_id=topic_id,
        author_id=ctx.author(row.optional_integer("OwnerUserId"), created),
        body=body,
        body_html=markdown.render(body),
        created_at=created,
        edited_at=row.optional_moment("LastEditDate"),
    )


def answers_import(ctx: Context) -> None:
    count = ctx.summary[ImportKind.ANSWER]
    for batch in batches(rows(ctx.dump.path("Posts.xml"))):
        new: dict[int, Reply] = {}
        for row in batch:
            if row.integer("PostTypeId") != ANSWER:
                continue
            external_id = row.integer("Id")
            if external_id in ctx.answers:
                count.existing += 1
                continue
            topic_id = ctx.topics.get(row.integer("ParentId"))
            if topic_id is None or external_id in new:
                count.skipped += 1  # its question is not in the dump, or the same Id twice
                continue
            new[external_id] = _reply(ctx, row, topic_id)
        Reply.objects.bulk_create(new.values())
        ctx.answers.add((external_id, reply.pk) for external_id, reply in new.items())
        ctx.answer_topics.update((reply.pk, reply.topic_id) for reply in new.values())
        count.created += len(new)
    _answer_topics_load(ctx)


def _answer_topics_load(ctx: Context) -> None:
    """The topics of answers imported by an earlier run (comments and votes need them)."""
    missing = [pk for pk in ctx.answers.ids.values() if pk not in ctx.answer_topics]
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        ctx.answer_topics.update(Reply.objects.filter(pk__in=chunk).values_list("pk", "topic_id"))
