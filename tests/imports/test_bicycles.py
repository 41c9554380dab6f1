"""The bicycles meta dump (2,551 users, 2010–2023) imports whole and in reasonable time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hearth.accounts.models import User
from hearth.community.models import AnonymousLike, Board, Reply, Topic
from hearth.gamification.models import BadgeGrant
from hearth.imports.models import ImportedObject

from .conftest import run_import, xml_rows

pytestmark = [pytest.mark.shared_data, pytest.mark.timeout_slow]


def test_bicycles_imports_whole_in_reasonable_time(bicycles: Path) -> None:
    users = sum(1 for _row in xml_rows(bicycles / "Users.xml"))
    posts = list(xml_rows(bicycles / "Posts.xml"))
    questions = {r["Id"] for r in posts if r["PostTypeId"] == "1"}
    answers = {r["Id"] for r in posts if r["PostTypeId"] == "2" and r["ParentId"] in questions}
    comments = [
        r for r in xml_rows(bicycles / "Comments.xml") if r["PostId"] in questions | answers
    ]
    started = time.monotonic()
    run_import(bicycles)
    seconds = time.monotonic() - started
    assert seconds < 90, f"{seconds:.1f} s"
    assert User.objects.filter(is_active=True).count() == users == 2551
    assert Topic.objects.count() == len(questions) == 453
    assert Reply.objects.count() == len(answers) + len(comments)
    assert Board.objects.count() > 1
    first = Topic.objects.earliest("created_at").created_at
    last = Reply.objects.latest("created_at").created_at
    assert (first.year, last.year) == (2010, 2023)
    assert AnonymousLike.objects.exists()
    assert BadgeGrant.objects.filter(source_key__startswith="se:").count() == 6585
    assert ImportedObject.objects.filter(source="se_bicycles_meta_full").count() > 17_000
