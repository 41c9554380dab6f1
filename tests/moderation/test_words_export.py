"""Exporting watched words as txt, CSV and JSON reads back to the same words; the command."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.moderation.models import WatchedWord, WordList
from hearth.moderation.words.export import export_words
from hearth.moderation.words.rows import Defaults
from tests.moderation.words_fixtures import import_bytes, lexicons, post_topic, poster

__all__ = ["lexicons", "post_topic", "poster"]

pytestmark = pytest.mark.django_db

FIELDS = ("term", "category", "action", "severity", "tags", "board__slug", "message")


def _rows(word_list: WordList) -> list[tuple[Any, ...]]:
    return sorted(word_list.words.values_list(*FIELDS))


@pytest.fixture
def source(make_board: Callable[..., Any]) -> WordList:
    make_board(slug="jobs")
    data = json.dumps(
        [
            {"term": "代开发票", "category": "illegal", "action": "block", "severity": 4,
             "tags": ["tax", "fraud"], "message": "不允许, 谢谢"},
            {"term": "内推", "category": "advertising", "action": "hold", "severity": 2,
             "board": "jobs"},
            {"term": "=cmd|' /C calc'!A0", "category": "custom", "action": "flag", "severity": 1},
            {"term": "-10元", "category": "advertising", "action": "replace", "severity": 3},
            {"term": "fuck, you", "category": "abuse", "action": "replace", "severity": 3},
        ]
    ).encode()  # fmt: skip
    return import_bytes(data, "source.json", name="source").word_list


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_read_back_to_the_same_words(source: WordList, fmt: str) -> None:
    content = export_words(source.words.all(), fmt, name=source.name)
    again = import_bytes(content, f"again.{fmt}", name=f"again-{fmt}").word_list
    assert _rows(again) == _rows(source)


def test_plain_text_reads_back_to_the_same_terms(source: WordList) -> None:
    content = export_words(source.words.all(), "txt", name=source.name)
    defaults = Defaults("custom", "flag", 1)
    again = import_bytes(content, "again.txt", name="again", defaults=defaults).word_list
    from hearth.moderation.words.checks import match_key

    assert sorted(map(match_key, again.words.values_list("term", flat=True))) == sorted(
        map(match_key, source.words.values_list("term", flat=True))
    )


def test_csv_cells_never_start_a_formula(source: WordList) -> None:
    content = export_words(source.words.all(), "csv", name=source.name).decode()
    lines = content.splitlines()
    assert lines[0] == "term,category,action,severity,tags,board,message"
    assert not [line for line in lines if line[:1] in "=+-@"]
    assert "'=cmd" in content


def test_the_json_export_names_the_list(source: WordList) -> None:
    document = json.loads(export_words(source.words.all(), "json", name="source"))
    assert document["name"] == "source"
    assert len(document["words"]) == 5
    by_term = {w["term"]: w for w in document["words"]}
    assert by_term["内推"]["board"] == "jobs"
    assert by_term["代开发票"]["board"] is None
    assert by_term["代开发票"]["tags"] == ["tax", "fraud"]


class TestCommand:
    def test_import_preview_enable_export(self, tmp_path: Path, post_topic: Any) -> None:
        post_topic("这里可以代开发票")
        path = tmp_path / "words.csv"
        path.write_text("term,category,action\n代开发票,illegal,block\n刷单,advertising,hold\n")
        out = io.StringIO()
        call_command("moderation_words", "import", str(path), "--name", "cli", stdout=out)
        summary = json.loads(out.getvalue())
        assert summary == {"list": summary["list"], "name": "cli", "words": 2, "skipped": 0,
                           "enabled": False}  # fmt: skip
        out = io.StringIO()
        call_command("moderation_words", "preview", "cli", "--enable", stdout=out)
        preview = json.loads(out.getvalue())
        assert (preview["enabled"], preview["posts"], preview["by_category"]) == (
            True,
            1,
            {"illegal": 1},
        )
        out = io.StringIO()
        call_command("moderation_words", "export", "--enabled", "--format", "txt", stdout=out)
        assert out.getvalue().splitlines() == ["代开发票", "刷单"]
        target = tmp_path / "out.json"
        call_command("moderation_words", "export", "--list", "cli", "--format", "json",
                     "--output", str(target))  # fmt: skip
        assert len(json.loads(target.read_text())["words"]) == 2

    def test_a_bad_file_prints_every_row_and_imports_nothing(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.csv"
        path.write_text("term,severity\nok,2\n(a+)+,2\nfine,9\n")
        err = io.StringIO()
        with pytest.raises(CommandError, match="Nothing imported: 2 bad rows"):
            call_command("moderation_words", "import", str(path), stderr=err)
        lines = err.getvalue().splitlines()
        assert [line.split(":")[0] for line in lines] == ["Row 3", "Row 4"]
        assert not WatchedWord.objects.exists()

    def test_a_shared_lexicon(self, lexicons: Path) -> None:
        out = io.StringIO()
        path = lexicons / "multi_LDNOOBW" / "zh"
        call_command("moderation_words", "import", str(path), "--category", "vulgar",
                     "--skip-duplicates", stdout=out)  # fmt: skip
        summary = json.loads(out.getvalue())
        assert summary["words"] > 300
        assert summary["skipped"] > 0
        assert (
            WordList.objects.get(pk=summary["list"]).words.filter(category="vulgar").count()
            == (summary["words"])
        )

    def test_an_unknown_list(self) -> None:
        with pytest.raises(CommandError, match="No word list"):
            call_command("moderation_words", "preview", "nope")
