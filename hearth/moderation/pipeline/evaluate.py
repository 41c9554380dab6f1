"""``evaluate``: the whole pipeline for one text, reading but never writing the database."""

from __future__ import annotations

from hearth.accounts.models import User
from hearth.community.models import Board, Reply, Topic
from hearth.community.permissions import is_board_moderator
from hearth.core.privileges import privileges_for
from hearth.core.screening import ContentKind, Screening
from hearth.moderation.pipeline.classify import score_one
from hearth.moderation.pipeline.decide import Analysis, Context, analyse, combine
from hearth.moderation.pipeline.duplicates import duplicates_find
from hearth.moderation.pipeline.policy import Policy, policy_resolve
from hearth.moderation.pipeline.state import Compiled, compiled


def _exempt(member: User, board_id: int | None) -> bool:
    """Staff who may moderate the board (site moderators for texts outside boards)."""
    if board_id is None:
        return member.has_perm("community.moderate_content")
    board = Board.objects.filter(pk=board_id).first()
    return board is not None and is_board_moderator(member, board)


def posts_count(member: User) -> int:
    """Topics and replies the member has, in any status."""
    return Topic.objects.filter(author=member).count() + Reply.objects.filter(author=member).count()


def _first_post(member: User | None, policy: Policy, *, kind: str, editing: bool) -> int:
    if member is None or editing or kind == ContentKind.PROFILE or policy.first_posts_held <= 0:
        return 0
    position = posts_count(member) + 1
    return position if position <= policy.first_posts_held else 0


def context_for(
    state: Compiled,
    analysis: Analysis,
    *,
    text: str,
    title: str,
    kind: str,
    board_id: int | None,
    member: User | None,
    editing: bool,
    content_id: int | None,
) -> Context:
    level = privileges_for(member).level_position if member is not None else None
    policy = policy_resolve(state.policies, board_id=board_id, level_position=level)
    exempt = member is not None and _exempt(member, board_id)
    if kind == ContentKind.PROFILE:
        return Context(kind=kind, board_id=board_id, policy=policy, exempt=exempt)
    exclude = (kind, content_id) if content_id is not None else None
    duplicates = duplicates_find(
        fingerprint=analysis.fingerprint,
        length=analysis.length,
        text=f"{title}\n{text}",
        author_id=member.pk if member is not None else None,
        exclude=exclude,
    )
    return Context(
        kind=kind,
        board_id=board_id,
        policy=policy,
        exempt=exempt,
        first_post=0 if exempt else _first_post(member, policy, kind=kind, editing=editing),
        duplicates=duplicates,
        scores=score_one(state.classifiers, f"{title}\n{text}" if title else text),
    )


def evaluate(
    text: str,
    *,
    title: str = "",
    kind: str = ContentKind.REPLY,
    board_id: int | None = None,
    member: User | None = None,
    editing: bool = False,
    content_id: int | None = None,
) -> Screening:
    """Screen ``text`` (and a topic's ``title``) as ``member`` would post it in ``board_id``.

    No database writes. ``member`` None scores as an established member: the
    site-wide policy for every level, no first-posts rule, no staff exemption.
    ``editing`` (with ``content_id``) is an edit of saved content: the
    first-posts rule does not apply again and the content is not its own
    duplicate. ``kind`` "profile" (display name as ``title``, bio as ``text``)
    runs the watched words and contact detectors only.
    """
    state = compiled()
    analysis = analyse(state, text, title, kind=kind, board_id=board_id)
    context = context_for(
        state,
        analysis,
        text=text,
        title=title,
        kind=kind,
        board_id=board_id,
        member=member,
        editing=editing,
        content_id=content_id,
    )
    return combine(analysis, context, state, text, title)
