"""``hearth analytics segment``: a saved segment, or a definition, counted or listed.

    hearth analytics segment --id 3
    hearth analytics segment --name 沉睡的SEO用户 --members --format csv
    hearth analytics segment --definition '{"attributes": {"channel": ["seo"]},
        "behaviour": [{"kind": "did_not", "action": "active", "days": 14}]}'

Without ``--members`` it prints the member count; with it, every member (id,
username, channel, region, age band, gender, level, join day). Listing an
empty segment is an error ("This segment has no members…"); counting one is not.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _

from hearth.analytics.cli_output import answer_json, format_add, store_open, table_csv
from hearth.analytics.models import Segment
from hearth.analytics.segments.audience import empty_message
from hearth.analytics.segments.definition import (
    SegmentDefinition,
    SegmentError,
    definition_parse,
    events_check,
)
from hearth.analytics.segments.queries import SegmentCount, SegmentMembers
from hearth.analytics.segments.selectors import (
    BuilderChoicesQuery,
    MemberRow,
    segment_member_rows,
)
from hearth.analytics.selectors import active_actions
from hearth.analytics.store.engine import Engine
from hearth.analytics.store.sync import today

NAME = "segment"


def add_parser(sub: Any) -> None:
    """Register ``segment`` on ``hearth analytics``' sub-commands."""
    cmd: argparse.ArgumentParser = sub.add_parser(
        NAME, help="A segment's member count, or its members (--members)."
    )
    which = cmd.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", type=int, help="A saved segment's id.")
    which.add_argument("--name", help="A saved segment's name.")
    which.add_argument("--definition", help="A definition as JSON (see the builder).")
    cmd.add_argument("--members", action="store_true", help="List the members.")
    format_add(cmd, sync=True)


def _chosen(options: dict[str, Any]) -> tuple[str, SegmentDefinition, bool]:
    """(name, definition, given as JSON) of the segment the options name."""
    if options.get("definition") is not None:
        try:
            data = json.loads(options["definition"])
        except json.JSONDecodeError as exc:
            raise SegmentError(_("The definition is not valid JSON: %(e)s.") % {"e": exc}) from exc
        return "", definition_parse(data), True
    found = (
        Segment.objects.filter(pk=options["id"]).first()
        if options.get("id") is not None
        else Segment.objects.filter(name=options["name"]).first()
    )
    if found is None:
        raise SegmentError(_("No such segment."))
    return found.name, definition_parse(found.definition), False


def _answer(engine: Engine, options: dict[str, Any]) -> dict[str, Any]:
    name, definition, given = _chosen(options)
    if given:
        events_check(definition, recorded=BuilderChoicesQuery().run(engine).custom_events)
    day, active = today(), active_actions()
    answer: dict[str, Any] = {"analysis": NAME, "segment": name or None}
    answer["definition"] = definition.as_json()
    if not options.get("members"):
        answer["members"] = SegmentCount(definition, today=day, active=active).run(engine)
        return answer
    ids = SegmentMembers(definition, today=day, active=active).run(engine)
    if not ids:
        raise SegmentError(empty_message(name or _("the definition")))
    answer["members"] = len(ids)
    answer["rows"] = [dataclasses.asdict(row) for row in segment_member_rows(member_ids=ids)]
    return answer


def run(options: dict[str, Any], stdout: OutputWrapper) -> None:
    with store_open(options) as engine:
        try:
            answer = _answer(engine, options)
        except SegmentError as exc:
            raise CommandError(str(exc)) from exc
    stdout.write(_render(answer, options["format"]), ending="")


def _render(answer: dict[str, Any], form: str) -> str:
    if form == "json":
        return answer_json(answer)
    rows = answer.get("rows")
    if rows is None:
        return table_csv(["segment", "members"], [[answer["segment"] or "", answer["members"]]])
    fields = [f.name for f in dataclasses.fields(MemberRow)]
    return table_csv(fields, ([row[f] for f in fields] for row in rows))
