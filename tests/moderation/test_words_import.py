"""Importing watched-word lists: the formats, the row-numbered errors, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hearth.moderation.models import AuditEntry, WatchedWord, WordList
from hearth.moderation.words.rows import Defaults, ImportFailed
from tests.moderation.words_fixtures import import_bytes, lexicons, words_changed_calls

__all__ = ["lexicons", "words_changed_calls"]

pytestmark = pytest.mark.django_db


def _terms(word_list: WordList) -> list[str]:
    return sorted(word_list.words.values_list("term", flat=True))


def _refused(data: bytes, filename: str, **options: Any) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        import_bytes(data, filename, **options)
    assert not WordList.objects.exists()
    assert not WatchedWord.objects.exists()
    assert not AuditEntry.objects.filter(action="word_list.import").exists()
    return [error.message for error in caught.value.errors]


class TestPlainText:
    def test_one_term_a_line_and_separators_on_a_line(self) -> None:
        data = "加微信\n\n  代  开 发票 \n刷单,兼职，日结|返利\r\n".encode()
        result = import_bytes(data, "广告.txt")
        assert result.word_list.name == "广告"
        assert result.word_list.format == "txt"
        assert not result.word_list.enabled
        assert _terms(result.word_list) == sorted(
            ["加微信", "代 开 发票", "刷单", "兼职", "日结", "返利"]
        )
        word = result.word_list.words.get(term="刷单")
        assert (word.category, word.action, word.severity) == ("custom", "hold", 2)

    def test_the_defaults_apply_to_every_row(self) -> None:
        result = import_bytes(
            "傻逼\n".encode(), "abuse.txt", defaults=Defaults("abuse", "block", 4), name="Abuse"
        )
        word = result.word_list.words.get()
        assert (word.category, word.action, word.severity) == ("abuse", "block", 4)
        assert result.word_list.name == "Abuse"

    def test_gb18030_files_are_read(self) -> None:
        result = import_bytes("赌博\n代孕\n".encode("gb18030"), "gbk.txt")
        assert _terms(result.word_list) == ["代孕", "赌博"]

    def test_bytes_that_are_no_text_name_their_line(self) -> None:
        messages = _refused(b"ok\nfine\n\xff\xfe\x00bad\n", "broken.txt")
        assert messages[0].startswith("Row 3: the file is not text")

    def test_a_taken_file_name_gets_a_number(self) -> None:
        first = import_bytes(b"one\n", "list.txt")
        second = import_bytes(b"two\n", "list.txt")
        assert (first.word_list.name, second.word_list.name) == ("list", "list (2)")


class TestCsv:
    def test_every_column(self, make_board: Any) -> None:
        board = make_board(slug="ai")
        data = (
            "term,category,action,severity,tags,board,message\n"
            "加微信,advertising,hold,3,contact;wechat,,\n"
            '"fuck, you",abuse,block,4,general,AI,"Please, be civil."\n'
        ).encode()
        result = import_bytes(data, "mixed.csv")
        ads = result.word_list.words.get(term="加微信")
        assert (ads.category, ads.action, ads.severity, ads.tags) == (
            "advertising",
            "hold",
            3,
            ["contact", "wechat"],
        )
        assert ads.board_id is None
        abuse = result.word_list.words.get(term="fuck, you")
        assert abuse.board_id == board.pk
        assert abuse.message == "Please, be civil."

    def test_only_term_is_required_and_columns_come_in_any_order(self) -> None:
        data = b"severity,term\n1,alpha\n,beta\n"
        result = import_bytes(data, "few.csv", defaults=Defaults("vulgar", "flag", 3))
        severities = dict(result.word_list.words.values_list("term", "severity"))
        assert severities == {"alpha": 1, "beta": 3}
        assert set(result.word_list.words.values_list("category", flat=True)) == {"vulgar"}

    def test_a_row_with_the_wrong_number_of_columns(self) -> None:
        data = b"term,category,action,severity\nalpha,vulgar,hold,2\nbeta,vulgar,hold\n"
        messages = _refused(data, "bad.csv")
        assert messages == ["Row 3: expected 4 columns (term,category,action,severity), found 3."]

    def test_a_bad_severity(self) -> None:
        data = b"term,severity\nalpha,2\nbeta,five\ngamma,9\n"
        messages = _refused(data, "bad.csv")
        assert len(messages) == 2
        assert messages[0].startswith("Row 3: severity must be a whole number from 1 to 4")
        assert messages[1].startswith("Row 4: severity must be")

    def test_a_header_is_required(self) -> None:
        messages = _refused(b"alpha,vulgar\nbeta,abuse\n", "noheader.csv")
        assert messages[0].startswith("Row 1: the first row must name the columns")

    def test_an_unknown_column(self) -> None:
        messages = _refused(b"term,colour\nalpha,red\n", "odd.csv")
        assert messages[0].startswith("Row 1: unknown column 'colour'")

    def test_an_unknown_board(self) -> None:
        messages = _refused(b"term,board\nalpha,nowhere\n", "boards.csv")
        assert messages == ["Row 2: no board has the slug 'nowhere'."]


class TestJson:
    def test_a_list_of_terms(self) -> None:
        result = import_bytes(json.dumps(["色情", "赌博"]).encode(), "list.json")
        assert _terms(result.word_list) == ["色情", "赌博"]

    def test_objects_with_severity_and_tags(self) -> None:
        data = json.dumps(
            [
                {"term": "bastard", "severity": 3, "tags": ["general"], "category": "abuse"},
                {"term": "porn", "tags": "sexual; shock"},
            ]
        ).encode()
        result = import_bytes(data, "en.json")
        bastard = result.word_list.words.get(term="bastard")
        assert (bastard.category, bastard.severity, bastard.tags) == ("abuse", 3, ["general"])
        porn = result.word_list.words.get(term="porn")
        assert (porn.severity, porn.tags) == (2, ["sexual", "shock"])

    def test_profanity_list_layout_match_alternatives_and_repeats(self) -> None:
        data = json.dumps(
            [{"id": "x", "match": "fu*c*k|fucks|f u c k", "severity": 4, "tags": ["sexual"]}]
        ).encode()
        result = import_bytes(data, "profanity.json")
        # "f u c k" is the same word as "fuck" once separators are set aside: one row.
        assert _terms(result.word_list) == ["fuck", "fucks"]

    def test_an_object_with_words(self) -> None:
        data = json.dumps({"name": "x", "words": [{"term": "alpha"}]}).encode()
        assert _terms(import_bytes(data, "export.json").word_list) == ["alpha"]

    def test_errors_name_the_line_the_entry_starts_on(self) -> None:
        data = b'[\n  {"term": "ok"},\n  {"term": "fine",\n   "severity": 7},\n  42\n]\n'
        messages = _refused(data, "bad.json")
        assert messages[0].startswith("Row 3: severity must be")
        assert messages[1].startswith("Row 5: expected a term or an object")

    def test_malformed_json(self) -> None:
        messages = _refused(b'[\n"a",\n"b"\n"c"]', "broken.json")
        assert messages[0].startswith("Row 4: the JSON cannot be read")


class TestBadInput:
    """Acceptance 6: each refusal names the row and why; nothing is imported half-way."""

    @pytest.mark.parametrize(
        ("data", "filename"),
        [(b"", "empty.txt"), (b"\n  \n\n", "blank.txt"), (b"term\n", "empty.csv"), (b"[]", "e.json")],
    )
    def test_an_empty_file(self, data: bytes, filename: str) -> None:
        assert _refused(data, filename) == ["Row 1: the file is empty: it holds no terms."]

    def test_a_regex_that_would_backtrack(self) -> None:
        messages = _refused(b"good\n(a+)+$\nfine\n", "regex.txt")
        assert len(messages) == 1
        assert messages[0].startswith("Row 2: '(a+)+$' looks like a regular expression")

    def test_an_unknown_category(self) -> None:
        data = b"term,category\nalpha,vulgar\nbeta,rude\n"
        messages = _refused(data, "cats.csv")
        assert messages[0].startswith("Row 3: unknown category 'rude'")

    def test_an_unknown_action(self) -> None:
        messages = _refused(b'[{"term": "alpha", "action": "ban"}]', "a.json")
        assert messages[0].startswith("Row 1: unknown action 'ban'")

    def test_a_repeated_term(self) -> None:
        messages = _refused("微信\n刷单\n微 信\n".encode(), "dup.txt")
        assert messages == [
            "Row 3: '微 信' is the same word as '微信' in row 1 (once case, width, traditional "
            "characters and separators are set aside)."
        ]

    def test_repeats_can_be_skipped(self) -> None:
        result = import_bytes("微信\n刷单\nＷＥＩ\n微信\nwei\n".encode(), "d.txt", skip_duplicates=True)
        assert _terms(result.word_list) == ["刷单", "微信", "ＷＥＩ"]
        assert [e.row for e in result.skipped] == [4, 5]

    def test_a_term_too_long(self) -> None:
        messages = _refused(("长" * 101 + "\n").encode(), "long.txt")
        assert messages == ["Row 1: the term is longer than 100 characters."]

    def test_every_bad_row_is_named_at_once(self) -> None:
        data = b"term,category,severity\nok,vulgar,2\n(x+)+,vulgar,2\nfine,nope,2\nsoso,abuse,0\n"
        rows = [m.split(":")[0] for m in _refused(data, "many.csv")]
        assert rows == ["Row 3", "Row 4", "Row 5"]


def test_an_import_is_audited_and_recompiles_the_pipeline(
    django_capture_on_commit_callbacks: Any, words_changed_calls: list[int], staff_member: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        result = import_bytes(b"alpha\nbeta\n", "a.txt", actor=staff_member)
    entry = AuditEntry.objects.get(action="word_list.import")
    assert entry.actor == staff_member
    assert entry.target_id == result.word_list.pk
    assert entry.after["words"] == 2
    assert entry.after["enabled"] is False
    assert words_changed_calls == [1]


def test_a_bad_default_is_refused_before_reading() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        import_bytes(b"alpha\n", "a.txt", defaults=Defaults("rude", "hold", 2))
    assert "category" in caught.value.message_dict


class TestSharedLexicons:
    """The public lists in ../shared/data/lexicons, read where they are."""

    def test_the_profanity_json_keeps_severity_and_tags(self, lexicons: Path) -> None:
        path = lexicons / "en_dsojevic_profanity-list" / "en.json"
        result = import_bytes(path.read_bytes(), path.name, skip_duplicates=True)
        entries = json.loads(path.read_text())
        first = entries[0]
        word = result.word_list.words.get(term=first["match"].split("|")[0])
        assert word.severity == first["severity"]
        assert word.tags == first["tags"]
        assert result.imported > len(entries)  # alternatives become words of their own

    def test_a_list_with_trailing_commas(self, lexicons: Path) -> None:
        path = lexicons / "zh_fwwdn_sensitive-stop-words" / "色情类.txt"
        lines = [line.strip().rstrip(",") for line in path.read_text().splitlines()]
        result = import_bytes(path.read_bytes(), path.name)
        assert result.imported == len([line for line in lines if line])
        assert not result.word_list.words.filter(term__contains=",").exists()

    def test_the_emoji_list_is_refused_row_by_row(self, lexicons: Path) -> None:
        path = lexicons / "en_dsojevic_profanity-list" / "emoji.json"
        messages = _refused(path.read_bytes(), path.name)
        assert all("has no letters or digits to match" in m for m in messages)

    def test_a_list_of_65_000_terms_imports_whole(self, lexicons: Path) -> None:
        # Its speed is measured, not asserted: see the README's figures.
        path = lexicons / "zh_houbb_sensitive-word_dict" / "dict_v20240407.txt"
        result = import_bytes(path.read_bytes(), path.name, skip_duplicates=True)
        assert result.imported > 65_000
        assert WatchedWord.objects.count() == result.imported


def test_a_line_with_pattern_syntax_is_checked_whole() -> None:
    with pytest.raises(ImportFailed) as caught:
        import_bytes(b"fine\n(a|aa)*$\n", "regex.txt")
    assert [e.message for e in caught.value.errors] == [
        "Row 2: '(a|aa)*$' looks like a regular expression; regular expressions are not "
        "supported (they can backtrack without end). Enter the literal words instead."
    ]
