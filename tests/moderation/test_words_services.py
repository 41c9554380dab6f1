"""Editing single words, variants and moderation policies: the lexicon's checks, the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from hearth.moderation.models import AuditEntry, ModerationPolicy, WordList, WordVariant
from hearth.moderation.words.policy_services import PolicyFields, policy_delete, policy_save
from hearth.moderation.words.services import word_list_create, word_list_delete
from hearth.moderation.words.validation import without_row
from hearth.moderation.words.word_services import (
    WordFields,
    variant_delete,
    variant_save,
    word_add,
    word_delete,
    word_edit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def word_list(staff_member: Any) -> WordList:
    return word_list_create(actor=staff_member, name="Hand-made")


def _fields(term: str, **overrides: Any) -> WordFields:
    values: dict[str, Any] = {
        "term": term,
        "category": "advertising",
        "action": "hold",
        "severity": 2,
        **overrides,
    }
    return WordFields(**values)


def _errors(call: Callable[[], Any]) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


class TestWords:
    def test_add_edit_delete_are_audited(self, word_list: WordList, staff_member: Any) -> None:
        word = word_add(actor=staff_member, word_list=word_list, fields=_fields(" 加微信 "))
        assert word.term == "加微信"
        added = AuditEntry.objects.get(action="word.add")
        assert added.after["term"] == "加微信"
        assert added.target_id == word.pk
        word_edit(
            actor=staff_member,
            word=word,
            fields=_fields("加微信", action="block", tags=("contact",), message="不要留联系方式"),
        )
        edited = AuditEntry.objects.get(action="word.edit")
        assert (edited.before["action"], edited.after["action"]) == ("hold", "block")
        assert edited.after["tags"] == ["contact"]
        word_delete(actor=staff_member, word=word)
        deleted = AuditEntry.objects.get(action="word.delete")
        assert deleted.before["term"] == "加微信"
        assert not word_list.words.exists()

    def test_a_regex_is_refused_with_the_lexicon_message(
        self, word_list: WordList, staff_member: Any
    ) -> None:
        errors = _errors(
            lambda: word_add(actor=staff_member, word_list=word_list, fields=_fields(r"\d+元"))
        )
        assert errors["term"][0].startswith("'\\\\d+元' looks like a regular expression")

    def test_a_term_without_letters(self, word_list: WordList, staff_member: Any) -> None:
        errors = _errors(
            lambda: word_add(actor=staff_member, word_list=word_list, fields=_fields("★★"))
        )
        assert errors["term"] == ["'★★' has no letters or digits to match."]

    def test_the_same_word_twice_in_a_list(self, word_list: WordList, staff_member: Any) -> None:
        word_add(actor=staff_member, word_list=word_list, fields=_fields("微信"))
        errors = _errors(
            lambda: word_add(actor=staff_member, word_list=word_list, fields=_fields("微 信"))
        )
        assert "already has '微信'" in errors["term"][0]

    def test_the_same_word_on_another_board_is_another_row(
        self, word_list: WordList, staff_member: Any, make_board: Callable[..., Any]
    ) -> None:
        word_add(actor=staff_member, word_list=word_list, fields=_fields("微信"))
        board = make_board()
        word = word_add(
            actor=staff_member, word_list=word_list, fields=_fields("微信", board_id=board.pk)
        )
        assert word.board_id == board.pk

    def test_editing_keeps_its_own_term(self, word_list: WordList, staff_member: Any) -> None:
        word = word_add(actor=staff_member, word_list=word_list, fields=_fields("刷单"))
        word_edit(actor=staff_member, word=word, fields=_fields("刷单", severity=4))
        word.refresh_from_db()
        assert word.severity == 4

    def test_the_row_prefix_is_cut_in_any_language(self) -> None:
        assert without_row("Row 900001: the term is empty.") == "The term is empty."
        assert without_row("第 900001 行：词条为空。") == "词条为空。"


class TestLists:
    def test_a_list_by_hand_starts_disabled(self, word_list: WordList) -> None:
        assert (word_list.format, word_list.enabled) == ("manual", False)
        assert AuditEntry.objects.filter(action="word_list.create", target_id=word_list.pk)

    def test_names_are_unique(self, word_list: WordList, staff_member: Any) -> None:
        errors = _errors(lambda: word_list_create(actor=staff_member, name="Hand-made"))
        assert errors["name"] == ["A list named “Hand-made” exists."]

    def test_deleting_a_list_keeps_an_audit_entry(
        self, word_list: WordList, staff_member: Any
    ) -> None:
        word_add(actor=staff_member, word_list=word_list, fields=_fields("刷单"))
        word_list_delete(actor=staff_member, word_list=word_list)
        entry = AuditEntry.objects.get(action="word_list.delete")
        assert entry.before == {"name": "Hand-made", "source": "", "enabled": False, "words": 1}
        assert not WordList.objects.exists()


class TestVariants:
    def test_add_change_delete(self, staff_member: Any) -> None:
        variant = variant_save(
            actor=staff_member, variant=None, spelling="weixinhao", canonical="微信"
        )
        assert AuditEntry.objects.get(action="variant.add").after == {
            "variant": "weixinhao",
            "canonical": "微信",
        }
        variant_save(actor=staff_member, variant=variant, spelling="wxhao", canonical="微信")
        edit = AuditEntry.objects.get(action="variant.edit")
        assert (edit.before["variant"], edit.after["variant"]) == ("weixinhao", "wxhao")
        variant_delete(actor=staff_member, variant=variant)
        assert AuditEntry.objects.get(action="variant.delete").before["variant"] == "wxhao"
        assert not WordVariant.objects.filter(variant="wxhao").exists()

    def test_a_variant_that_exists_once_normalised(self, staff_member: Any) -> None:
        errors = _errors(
            lambda: variant_save(
                actor=staff_member, variant=None, spelling="ＶＸ", canonical="微信"
            )
        )
        assert errors["variant"] == ["The variant 'vx' already exists."]

    def test_a_variant_of_itself(self, staff_member: Any) -> None:
        errors = _errors(
            lambda: variant_save(
                actor=staff_member, variant=None, spelling="微 信", canonical="微信"
            )
        )
        assert errors["variant"] == ["The variant is the word itself once normalised."]

    def test_a_regex_variant(self, staff_member: Any) -> None:
        errors = _errors(
            lambda: variant_save(
                actor=staff_member, variant=None, spelling="v.*x", canonical="微信"
            )
        )
        assert "looks like a regular expression" in errors["variant"][0]


def _policy(**overrides: Any) -> PolicyFields:
    values: dict[str, Any] = {
        "board_id": None,
        "max_level_position": 2,
        "first_posts_held": 5,
        "contact_action": "block",
        "link_action": "hold",
        "shortener_action": "hold",
        "repeat_action": "flag",
        "flood_action": "hold",
        "repost_action": "hold",
        "classifier_hold": 0.7,
        "classifier_block": 0.95,
        **overrides,
    }
    return PolicyFields(**values)


class TestPolicies:
    def test_add_edit_delete_are_audited(
        self, staff_member: Any, make_board: Callable[..., Any]
    ) -> None:
        board = make_board()
        policy = policy_save(actor=staff_member, policy=None, values=_policy(board_id=board.pk))
        assert AuditEntry.objects.get(action="policy.add").after["contact_action"] == "block"
        policy_save(
            actor=staff_member,
            policy=policy,
            values=_policy(board_id=board.pk, link_action="block"),
        )
        edit = AuditEntry.objects.get(action="policy.edit")
        assert (edit.before["link_action"], edit.after["link_action"]) == ("hold", "block")
        policy_delete(actor=staff_member, policy=policy)
        assert AuditEntry.objects.get(action="policy.delete").before["board_id"] == board.pk

    def test_one_row_per_board_and_level(self, staff_member: Any) -> None:
        assert ModerationPolicy.objects.filter(board=None, max_level_position=1).exists()
        errors = _errors(
            lambda: policy_save(
                actor=staff_member, policy=None, values=_policy(max_level_position=1)
            )
        )
        assert errors["board"] == ["A policy for this board and level exists; edit that one."]

    def test_thresholds(self, staff_member: Any) -> None:
        errors = _errors(
            lambda: policy_save(
                actor=staff_member,
                policy=None,
                values=_policy(classifier_hold=0.9, classifier_block=0.5),
            )
        )
        assert errors["classifier_block"] == [
            "The blocking score must not be below the holding score."
        ]

    def test_the_fallback_row_stays(self, staff_member: Any) -> None:
        fallback = ModerationPolicy.objects.get(board=None, max_level_position=None)
        with pytest.raises(ValidationError, match="fallback"):
            policy_delete(actor=staff_member, policy=fallback)
        errors = _errors(
            lambda: policy_save(
                actor=staff_member, policy=fallback, values=_policy(max_level_position=3)
            )
        )
        assert "fallback" in errors["board"][0]

    def test_the_pipeline_follows_a_saved_policy(
        self, staff_member: Any, make_board: Callable[..., Any]
    ) -> None:
        from hearth.moderation.pipeline import evaluate

        board = make_board()
        text = "有事打我电话 13812345678"
        assert evaluate(text, board_id=board.pk).decision == "hold"
        policy_save(
            actor=staff_member,
            policy=None,
            values=_policy(board_id=board.pk, max_level_position=None, contact_action="block"),
        )
        assert evaluate(text, board_id=board.pk).decision == "block"
