"""``hearth moderation score``: screen texts from stdin with the live policy, one JSON line each.

Input: one text per line, or JSON lines (objects) with a ``text`` field and
optional ``title``, ``board`` (slug), ``member`` (username) and ``kind``
overriding the command's options for that line. Output: one JSON line per
non-blank input line, ``{"decision", "scores", "reasons"}``, or
``{"error", "line"}`` for a line that cannot be scored. Without a member the
text is scored as an established member's (past the first-posts rule, the
site-wide policy for every level). Nothing is written to the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.community.models import Board
from hearth.core.screening import ContentKind, Screening
from hearth.moderation.pipeline import evaluate

KINDS = (ContentKind.TOPIC, ContentKind.REPLY, ContentKind.PROFILE)


class LineError(ValueError):
    """A line that cannot be scored; the message says why."""


@dataclass(frozen=True)
class Target:
    """Where and by whom the text is posted."""

    kind: str
    board_id: int | None
    member: User | None


class Lookups:
    """Boards and members named on the command line or in lines, found once each."""

    def __init__(self) -> None:
        self.boards: dict[str, int] = {}
        self.members: dict[str, User] = {}

    def board(self, slug: str) -> int:
        if slug not in self.boards:
            pk = Board.objects.filter(slug=slug).values_list("pk", flat=True).first()
            if pk is None:
                raise LineError(_("There is no board with the slug %(slug)r.") % {"slug": slug})
            self.boards[slug] = pk
        return self.boards[slug]

    def member(self, username: str) -> User:
        if username not in self.members:
            found = User.objects.filter(username=username).first()
            if found is None:
                raise LineError(
                    _("There is no member with the username %(name)r.") % {"name": username}
                )
            self.members[username] = found
        return self.members[username]

    def target(self, options: dict[str, Any], line: dict[str, Any]) -> Target:
        kind = _text_field(line, "kind", options.get("kind") or ContentKind.REPLY)
        if kind not in KINDS:
            raise LineError(
                _("Unknown kind %(kind)r (expected one of %(kinds)s).")
                % {"kind": kind, "kinds": ", ".join(KINDS)}
            )
        slug = _text_field(line, "board", options.get("board") or "")
        username = _text_field(line, "member", options.get("member") or "")
        return Target(
            kind=kind,
            board_id=self.board(slug) if slug else None,
            member=self.member(username) if username else None,
        )


def _text_field(line: dict[str, Any], name: str, default: str) -> str:
    value = line.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise LineError(_("The field %(name)r must be a string.") % {"name": name})
    return value


def parse_line(raw: str) -> dict[str, Any]:
    """A JSON object with a string ``text``, or a plain text line (as ``{"text": raw}``)."""
    stripped = raw.strip()
    if not stripped.startswith("{"):
        return {"text": raw}
    try:
        line = json.loads(stripped)
    except json.JSONDecodeError as exc:
        raise LineError(_("Not valid JSON: %(error)s.") % {"error": exc.msg}) from exc
    if not isinstance(line, dict):
        raise LineError(_("A JSON line must be an object with a text field."))
    if not isinstance(line.get("text"), str):
        raise LineError(_('A JSON line needs a "text" field holding a string.'))
    return line


def result_json(screening: Screening) -> dict[str, Any]:
    return {
        "decision": screening.decision,
        "scores": dict(screening.scores),
        "reasons": [
            {
                "code": r.code,
                "category": r.category,
                "severity": r.severity,
                "detail": r.detail,
                "message": r.message,
            }
            for r in screening.reasons
        ],
    }


def score_line(raw: str, options: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    line = parse_line(raw)
    target = lookups.target(options, line)
    screening = evaluate(
        line["text"],
        title=_text_field(line, "title", ""),
        kind=target.kind,
        board_id=target.board_id,
        member=target.member,
    )
    return result_json(screening)


def score_stream(options: dict[str, Any], *, stdin: Iterable[str], stdout: IO[str] | Any) -> int:
    """Score every line of ``stdin``; how many lines were scored (errors excluded).

    A board or member named on the command line that does not exist stops the
    command (CommandError) before any line is read.
    """
    lookups = Lookups()
    try:
        lookups.target(options, {})
    except LineError as exc:
        raise CommandError(str(exc)) from exc
    scored = 0
    for number, raw in enumerate(stdin, start=1):
        raw = raw.rstrip("\r\n")
        if not raw.strip():
            continue
        try:
            result = score_line(raw, options, lookups)
        except LineError as exc:
            result = {"error": str(exc), "line": number}
        else:
            scored += 1
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return scored
