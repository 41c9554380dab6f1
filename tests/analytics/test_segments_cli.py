"""``hearth analytics segment``: a saved segment or a JSON definition, counted or listed.

The log is ``small_log`` (a: seo, 上海; b: wechat, 北京; c: seo, 上海; see conftest).
"""

# ruff: noqa: F401, F811 (pytest fixtures imported from the analytics fixtures are parameters here)
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError

from hearth.accounts.models import User
from hearth.analytics.models import Segment
from tests.analytics.cli_helpers import run as analytics
from tests.analytics.conftest import act, member, small_log

SEO = {"attributes": {"channel": ["seo"]}}


pytestmark = pytest.mark.usefixtures("in_shanghai")


def run(*args: str) -> str:
    return analytics("segment", *args)


def test_a_definition_counted_and_listed(small_log: dict[str, User]) -> None:
    counted = json.loads(run("--definition", json.dumps(SEO)))
    assert (counted["segment"], counted["members"]) == (None, 2)
    assert counted["definition"]["attributes"]["channel"] == ["seo"]
    listed = list(
        csv.DictReader(
            io.StringIO(run("--definition", json.dumps(SEO), "--members", "--format", "csv"))
        )
    )
    assert [(r["username"], r["channel"], r["region"], r["joined"]) for r in listed] == [
        ("a", "seo", "上海", "2026-01-05"),
        ("c", "seo", "上海", "2026-01-12"),
    ]


def test_a_saved_segment_by_id_or_name(small_log: dict[str, User]) -> None:
    saved = Segment.objects.create(name="北京", definition={"attributes": {"region": ["北京"]}})
    by_id = json.loads(run("--id", str(saved.pk), "--members"))
    assert (by_id["segment"], by_id["members"]) == ("北京", 1)
    assert [row["username"] for row in by_id["rows"]] == ["b"]
    assert run("--name", "北京", "--format", "csv").splitlines() == ["segment,members", "北京,1"]


def test_bad_input_is_a_clear_error(small_log: dict[str, User]) -> None:
    with pytest.raises(CommandError, match="at least one condition"):
        run("--definition", "{}")
    with pytest.raises(CommandError, match="not valid JSON"):
        run("--definition", "{channel: seo")
    with pytest.raises(CommandError, match="No such segment"):
        run("--id", "999")
    unrecorded = {"behaviour": [{"kind": "did", "action": "course_enroled"}]}
    with pytest.raises(CommandError, match="Unknown action: course_enroled"):
        run("--definition", json.dumps(unrecorded))
    nobody = json.dumps({"attributes": {"channel": ["douyin"]}})
    assert json.loads(run("--definition", nobody))["members"] == 0  # counting nobody is fine
    with pytest.raises(CommandError, match="no members"):
        run("--definition", nobody, "--members")
