"""The preview of a list's hits on published posts, and enabling only after it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hearth.community.models import Status
from hearth.community.services import topic_set_status
from hearth.moderation.models import AuditEntry, WordList, WordVariant
from hearth.moderation.words.preview import word_list_preview
from hearth.moderation.words.services import word_list_set_enabled
from hearth.moderation.words.word_services import WordFields, word_add
from tests.moderation.words_fixtures import (
    import_bytes,
    post_reply,
    post_topic,
    poster,
    words_changed_calls,
)

__all__ = ["post_reply", "post_topic", "poster", "words_changed_calls"]

pytestmark = pytest.mark.django_db

CSV = (
    "term,category,action,severity,board\n"
    "代开发票,illegal,block,4,\n"
    "刷单,advertising,hold,3,\n"
    "傻逼,abuse,replace,2,\n"
    "微信,advertising,flag,1,\n"
    "内推,advertising,hold,2,jobs\n"
).encode()


@pytest.fixture
def posts(
    post_topic: Callable[..., Any], post_reply: Callable[..., Any], make_board: Callable[..., Any]
) -> dict[str, Any]:
    jobs, chat = make_board(slug="jobs"), make_board(slug="chat")
    clean = post_topic("今天天气很好，一起去爬山吧。", title="周末爬山", board=chat)
    spam = post_topic("专业代 开 發 票，价格优惠", title="发票服务", board=chat)
    abuse_reply = post_reply(clean, "你个傻逼，还刷单")
    post_reply(clean, "加我 vx 详聊")  # the vx → 微信 variant
    post_topic("内推机会多多", title="招聘", board=jobs)
    post_topic("我们公司也有内推", title="闲聊", board=chat)  # the word is for "jobs" only
    held = post_topic("刷单日结", title="兼职", board=chat)
    topic_set_status(actor=None, topic=held, status=Status.HELD)
    return {"spam": spam, "abuse_reply": abuse_reply, "jobs": jobs}


def _imported() -> WordList:
    return import_bytes(CSV, "mixed.csv").word_list


def test_the_preview_counts_posts_per_category_and_action(posts: dict[str, Any]) -> None:
    word_list = word_list_preview(word_list=_imported())
    preview = WordList.objects.get(pk=word_list.pk).preview
    assert preview["scanned"] == {"topics": 4, "replies": 2}  # the held topic is not counted
    assert (preview["posts"], preview["topics"], preview["replies"]) == (4, 2, 2)
    assert preview["by_category"] == {"advertising": 3, "illegal": 1, "abuse": 1}
    assert preview["by_action"] == {"block": 1, "hold": 2, "replace": 1, "flag": 1}
    assert dict(map(tuple, preview["top_terms"])) == {
        "代开发票": 1,
        "刷单": 1,
        "傻逼": 1,
        "微信": 1,
        "内推": 1,
    }
    assert preview["words"] == 5
    assert preview["seconds"] >= 0
    assert preview["at"]


def test_examples_mark_the_match_in_the_original_text(posts: dict[str, Any]) -> None:
    preview = word_list_preview(word_list=_imported()).preview
    examples = {(e["kind"], e["id"]): e for e in preview["examples"]}
    spam = examples[("topic", posts["spam"].pk)]
    assert spam["term"] == "代开发票"
    assert spam["action"] == "block"
    assert [text for text, marked in spam["segments"] if marked] == ["代 开 發 票"]
    assert spam["url"] == reverse("community:topic", args=[posts["spam"].pk])
    reply = examples[("reply", posts["abuse_reply"].pk)]
    assert reply["hits"] == 2
    assert reply["term"] == "刷单"  # hold before replace: the harsher action leads
    assert [text for text, marked in reply["segments"] if marked] == ["傻逼", "刷单"]
    assert reply["url"].endswith(f"#r{posts['abuse_reply'].pk}")
    assert preview["examples"][0]["action"] == "block"


def test_examples_prefer_different_terms(
    post_topic: Callable[..., Any], make_board: Callable[..., Any]
) -> None:
    make_board(slug="jobs")
    for n in range(12):
        post_topic(f"第{n}帖：刷单刷单")
    post_topic("代开发票")
    preview = word_list_preview(word_list=_imported()).preview
    assert len(preview["examples"]) == 10
    assert {e["term"] for e in preview["examples"]} == {"刷单", "代开发票"}


def test_variants_count_as_the_site_configures_them(posts: dict[str, Any]) -> None:
    WordVariant.objects.filter(variant="vx").delete()
    preview = word_list_preview(word_list=_imported()).preview
    assert preview["by_action"].get("flag") is None


def test_enabling_needs_a_preview_and_is_audited(
    posts: dict[str, Any],
    staff_member: Any,
    django_capture_on_commit_callbacks: Any,
    words_changed_calls: list[int],
) -> None:
    word_list = _imported()
    with pytest.raises(ValidationError, match="Run the preview first"):
        word_list_set_enabled(actor=staff_member, word_list=word_list, enabled=True)
    word_list_preview(word_list=word_list)
    with django_capture_on_commit_callbacks(execute=True):
        enabled = word_list_set_enabled(actor=staff_member, word_list=word_list, enabled=True)
    assert enabled.enabled
    assert enabled.enabled_at is not None
    entry = AuditEntry.objects.get(action="word_list.enable")
    assert (entry.actor, entry.target_id) == (staff_member, word_list.pk)
    assert entry.before == {"enabled": False}
    assert entry.after == {"enabled": True, "words": 5, "preview_posts": 4}
    assert words_changed_calls
    word_list_set_enabled(actor=staff_member, word_list=word_list, enabled=False)
    off = AuditEntry.objects.get(action="word_list.disable")
    assert (off.before, off.after["enabled"]) == ({"enabled": True}, False)
    assert not WordList.objects.get(pk=word_list.pk).enabled


def test_changing_a_word_clears_the_preview(posts: dict[str, Any], staff_member: Any) -> None:
    word_list = word_list_preview(word_list=_imported())
    word_add(
        actor=staff_member,
        word_list=word_list,
        fields=WordFields(term="兼职", category="advertising", action="hold", severity=2),
    )
    word_list.refresh_from_db()
    assert word_list.preview == {}
    with pytest.raises(ValidationError):
        word_list_set_enabled(actor=staff_member, word_list=word_list, enabled=True)


def test_the_pipeline_uses_an_enabled_list(posts: dict[str, Any], staff_member: Any) -> None:
    from hearth.moderation.pipeline import evaluate

    word_list = _imported()
    assert evaluate("专业代开发票").decision == "publish"
    word_list_preview(word_list=word_list)
    word_list_set_enabled(actor=staff_member, word_list=word_list, enabled=True)
    assert evaluate("专业代开发票").decision == "block"
