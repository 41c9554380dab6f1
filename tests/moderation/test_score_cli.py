"""``hearth moderation score``: one JSON line per text, errors per line, no writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.moderation.models import AuditEntry, ScreeningRecord, TextFingerprint
from tests.moderation.pipeline_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def run(stdin: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[dict[str, Any]]:
    monkeypatch.setattr("sys.stdin", StringIO(stdin))
    out = StringIO()
    call_command("moderation", "score", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_plain_lines_and_json_lines_each_get_a_result(
    watch: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    watch("兼职日结", "hold", severity=3)
    watch("代开发票", "block", category="illegal")
    lines = "\n".join(
        [
            "今天天气很好",
            "兼职日结，详情私聊",
            json.dumps({"text": "专业代开发票", "title": "服务"}, ensure_ascii=False),
            "",
        ]
    )
    clean, held, blocked = run(lines, monkeypatch)
    assert clean == {"decision": "publish", "scores": {}, "reasons": []}
    assert held["decision"] == "hold"
    assert held["reasons"] == [
        {
            "code": "word",
            "category": "advertising",
            "severity": 3,
            "detail": "兼职日结",
            "message": "Watched word “兼职日结” (Advertising or false claims, severity 3)",
        }
    ]
    assert blocked["decision"] == "block"
    assert blocked["reasons"][0]["code"] == "block_word"


def test_bad_lines_report_their_number_and_the_rest_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = (
        '{"text": 3}\n{not json\n{"text": "好", "member": 5}\n{"title": "no text"}\n'
        '{"text": "好", "board": "nope"}\n["a line that is not an object"]\n'
    )
    results = run(lines, monkeypatch)
    assert [r.get("line") for r in results] == [1, 2, 3, 4, 5, None]
    assert 'needs a "text" field' in results[0]["error"]
    assert results[1]["error"].startswith("Not valid JSON")
    assert "'member' must be a string" in results[2]["error"]
    assert 'needs a "text" field' in results[3]["error"]
    assert "no board with the slug 'nope'" in results[4]["error"]
    assert results[5]["decision"] == "publish"  # not a JSON object: scored as plain text


def test_board_member_and_kind_options_apply(
    watch: Callable[..., Any],
    make_board: Callable[..., Any],
    make_member: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    games = make_board(name="Games", slug="games")
    watch("外挂", "hold", board=games)
    make_member("newbie")
    [site] = run("出售外挂\n", monkeypatch)
    [board] = run("出售外挂\n", monkeypatch, "--board", "games")
    assert (site["decision"], board["decision"]) == ("publish", "hold")
    [new] = run("你好\n", monkeypatch, "--member", "newbie")
    assert [r["code"] for r in new["reasons"]] == ["new_member"]
    [established] = run("你好\n", monkeypatch)
    assert established["decision"] == "publish"  # no member: past the first-posts rule
    [profile] = run("主页 https://example.com\n", monkeypatch, "--kind", "profile")
    assert profile["decision"] == "publish"  # links are not screened in profiles
    line = json.dumps({"text": "出售外挂", "board": "games", "kind": "topic"}, ensure_ascii=False)
    [override] = run(line + "\n", monkeypatch)
    assert override["decision"] == "hold"


def test_an_unknown_board_or_member_option_stops_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(CommandError, match="no member with the username 'ghost'"):
        run("你好\n", monkeypatch, "--member", "ghost")
    with pytest.raises(CommandError, match="no board"):
        run("你好\n", monkeypatch, "--board", "ghost")


def test_scoring_writes_nothing(watch: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    watch("代开发票", "block", category="illegal")
    text = "这是一段足够长的文本用来检查评分命令不会写入任何指纹或记录。代开发票"
    run(text + "\n" + text + "\n", monkeypatch)
    assert not ScreeningRecord.objects.exists()
    assert not TextFingerprint.objects.exists()
    assert not AuditEntry.objects.exists()
