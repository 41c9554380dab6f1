"""Comments.xml → replies in the question's topic, at their original time.

A comment on an answer quotes that answer's reply, so the thread still
shows what it answers. Comment text is already Markdown (Stack Exchange's
mini-Markdown) and is kept as it is. A comment on a post that is not a
question or an answer of the dump (a tag wiki …) is skipped.
"""

from __future__ import annotations

from hearth.community.models import Reply
from hearth.core import markdown
from hearth.imports.idmap import IdMap
from hearth.imports.models import ImportKind
from hearth.imports.stackexchange.context import Context, batches
from hearth.imports.stackexchange.reader import Row, rows


def _target(ctx: Context, post_id: int) -> tuple[int, int | None] | None:
    """(topic id, quoted reply id) for a comment on post ``post_id``; None when unknown."""
    topic_id = ctx.topics.get(post_id)
    if topic_id is not None:
        return topic_id, None
    reply_id = ctx.answers.get(post_id)
    if reply_id is not None:
        return ctx.answer_topics[reply_id], reply_id
    return None


def _reply(ctx: Context, row: Row, topic_id: int, quote_id: int | None) -> Reply:
    created = row.moment("CreationDate")
    body = row.text("Text").strip()
    return Reply(
        topic_id=topic_id,
        quote_id=quote_id,
        author_id=ctx.author(row.optional_integer("UserId"), created),
        body=body,
        body_html=markdown.render(body),
        created_at=created,
    )


def comments_import(ctx: Context) -> None:
    count = ctx.summary[ImportKind.COMMENT]
    comments = IdMap(ctx.source, ImportKind.COMMENT)
    for batch in batches(rows(ctx.dump.path("Comments.xml"))):
        new: dict[int, Reply] = {}
        for row in batch:
            external_id = row.integer("Id")
            if external_id in comments:
                count.existing += 1
                continue
            target = _target(ctx, row.integer("PostId"))
            if target is None or external_id in new:
                count.skipped += 1  # on a post not imported, or the same Id twice
                continue
            new[external_id] = _reply(ctx, row, *target)
        Reply.objects.bulk_create(new.values())
        comments.add((external_id, reply.pk) for external_id, reply in new.items())
        count.created += len(new)
