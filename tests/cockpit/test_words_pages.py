"""Cockpit pages for watched words: who may do what, import with preview, bad input, editing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hearth.core.roles import ANALYST, COMMUNITY_MANAGER, MODERATOR
from hearth.moderation.models import AuditEntry, ModerationPolicy, WatchedWord, WordList
from tests.moderation.words_fixtures import import_bytes, lexicons, post_reply, post_topic, poster

__all__ = ["lexicons", "post_reply", "post_topic", "poster"]

pytestmark = pytest.mark.django_db

PAGES = [
    "cockpit:words",
    "cockpit:word_variants",
    "cockpit:moderation_policies",
    "cockpit:word_test",
]


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(COMMUNITY_MANAGER, username="cm")


@pytest.fixture
def moderator(make_staff: Callable[..., Any]) -> Any:
    return make_staff(MODERATOR, username="mod")


def _upload(content: bytes, name: str, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": SimpleUploadedFile(name, content),
        "category": "advertising",
        "action": "hold",
        "severity": "2",
        **fields,
    }
    return data


def _text(response: Any) -> str:
    """The page's text without tags, white space squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


class TestAccess:
    @pytest.mark.parametrize("name", PAGES)
    def test_visitors_log_in_and_analysts_are_refused(
        self, name: str, login: Callable[..., Any], make_staff: Callable[..., Any]
    ) -> None:
        response = login(None).get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
        assert login(make_staff(ANALYST)).get(reverse(name)).status_code == 403

    @pytest.mark.parametrize("name", PAGES)
    def test_moderators_look_but_do_not_manage(
        self, name: str, login: Callable[..., Any], moderator: Any
    ) -> None:
        response = login(moderator).get(reverse(name))
        assert response.status_code == 200
        assert b'data-testid="import-form"' not in response.content
        assert b"/order/policies/new/" not in response.content

    def test_moderators_cannot_import_or_enable(
        self, login: Callable[..., Any], moderator: Any
    ) -> None:
        client = login(moderator)
        response = client.post(reverse("cockpit:word_list_import"), _upload(b"x\n", "a.txt"))
        assert response.status_code == 403
        word_list = import_bytes(b"alpha\n", "a.txt").word_list
        assert (
            client.post(reverse("cockpit:word_list_enable", args=[word_list.pk])).status_code == 403
        )
        add = client.post(
            reverse("cockpit:word_list", args=[word_list.pk]),
            {"term": "beta", "category": "custom", "action": "flag", "severity": "1"},
        )
        assert add.status_code == 403
        assert not WordList.objects.filter(enabled=True).exists()
        assert WatchedWord.objects.count() == 1

    @pytest.mark.parametrize(
        ("name", "form"),
        [
            ("cockpit:words", "import-form"),
            ("cockpit:word_variants", "variant-add-form"),
            ("cockpit:moderation_policies", "policy-new"),
            ("cockpit:word_test", "test-form"),
        ],
    )
    def test_managers_see_the_forms(
        self, name: str, form: str, login: Callable[..., Any], manager: Any
    ) -> None:
        response = login(manager).get(reverse(name))
        assert response.status_code == 200
        assert f'data-testid="{form}"'.encode() in response.content
        key = "moderation_policies" if name == "cockpit:moderation_policies" else "words"
        assert f'data-nav="{key}" class="active"'.encode() in response.content

    def test_the_lists_page_queries_do_not_grow_with_lists(
        self, login: Callable[..., Any], manager: Any, django_assert_max_num_queries: Any
    ) -> None:
        for n in range(8):
            import_bytes(f"word{n}\nterm{n}\n".encode(), f"l{n}.txt")
        client = login(manager)
        client.get(reverse("cockpit:words"))
        with django_assert_max_num_queries(20):
            assert client.get(reverse("cockpit:words")).status_code == 200


class TestImportPreview:
    """Acceptance 5: a list imported from ../shared/data/lexicons shows its hits before enabling."""

    def test_import_shows_the_preview_before_enabling(
        self,
        lexicons: Path,
        login: Callable[..., Any],
        manager: Any,
        post_topic: Callable[..., Any],
        post_reply: Callable[..., Any],
    ) -> None:
        path = lexicons / "zh_fwwdn_sensitive-stop-words" / "广告.txt"
        terms = [t.strip() for t in path.read_text().splitlines() if len(t.strip()) >= 2]
        first, second = terms[0], terms[1]
        spaced = " ".join(first)  # written apart to slip past a naive filter
        topic = post_topic(f"欢迎大家来看看：{spaced}，详情私聊", title="看这里")
        post_reply(topic, f"我也想要{second}")
        post_topic("今天的晚霞真好看", title="晚霞")
        client = login(manager)
        response = client.post(
            reverse("cockpit:word_list_import"),
            _upload(path.read_bytes(), path.name, skip_duplicates="on"),
        )
        word_list = WordList.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("cockpit:word_list_preview", args=[word_list.pk])
        assert not word_list.enabled
        page = client.get(response["Location"])
        text = _text(page)
        assert "imported with" in text
        assert "disabled" in text
        assert 'data-testid="preview-posts">2<' in page.content.decode().replace("\n", "")
        assert "Advertising or false claims 2" in text
        assert f'<mark class="words-mark">{spaced}</mark>' in page.content.decode()
        assert f'<mark class="words-mark">{second}</mark>' in page.content.decode()
        assert 'data-testid="list-enable"' in page.content.decode()
        assert "New posts are not checked against this list yet." in text
        enabled = client.post(reverse("cockpit:word_list_enable", args=[word_list.pk]))
        assert enabled.status_code == 302
        word_list.refresh_from_db()
        assert word_list.enabled
        assert AuditEntry.objects.filter(action="word_list.enable", actor=manager).exists()
        assert "is on" in _text(
            client.get(reverse("cockpit:word_list_preview", args=[word_list.pk]))
        )

    def test_a_big_list_is_previewed_in_a_request_of_its_own(
        self, login: Callable[..., Any], manager: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from hearth.cockpit.views.words import lists

        monkeypatch.setattr(lists, "PREVIEW_ON_IMPORT", 1)
        client = login(manager)
        response = client.post(
            reverse("cockpit:word_list_import"), _upload("刷单\n兼职\n".encode(), "big.txt")
        )
        assert WordList.objects.get().preview == {}
        page = client.get(response["Location"])
        assert "Run the preview below before enabling it." in _text(page)
        assert b'data-testid="no-preview"' in page.content

    def test_the_preview_can_be_run_again(
        self, login: Callable[..., Any], manager: Any, post_topic: Callable[..., Any]
    ) -> None:
        word_list = import_bytes("刷单\n".encode(), "a.txt").word_list
        client = login(manager)
        page = client.get(reverse("cockpit:word_list_preview", args=[word_list.pk]))
        assert b'data-testid="no-preview"' in page.content
        assert b'data-testid="list-enable"' not in page.content
        post_topic("刷单返利")
        client.post(reverse("cockpit:word_list_preview_run", args=[word_list.pk]))
        word_list.refresh_from_db()
        assert word_list.preview["posts"] == 1


class TestBadInput:
    """Acceptance 6, through the page: the row and the reason are shown; nothing is imported."""

    @pytest.mark.parametrize(
        ("content", "name", "expected"),
        [
            (b"", "empty.txt", "Row 1: the file is empty: it holds no terms."),
            (
                b"term,category,action\nok,vulgar,hold\nbad,vulgar\n",
                "bad.csv",
                "Row 3: expected 3 columns (term,category,action), found 2.",
            ),
            (b"fine\n(a|aa)*$\n", "regex.txt", "Row 2: &#x27;(a|aa)*$&#x27; looks like a regular"),
            (
                b"term,category\nok,vulgar\nbad,rude\n",
                "cat.csv",
                "Row 3: unknown category &#x27;rude&#x27;",
            ),
        ],
    )
    def test_each_error_names_its_row(
        self, login: Callable[..., Any], manager: Any, content: bytes, name: str, expected: str
    ) -> None:
        response = login(manager).post(reverse("cockpit:word_list_import"), _upload(content, name))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Nothing was imported" in html
        assert expected in html
        assert not WordList.objects.exists()
        assert not WatchedWord.objects.exists()

    def test_a_long_list_of_errors_is_cut(self, login: Callable[..., Any], manager: Any) -> None:
        content = "term,severity\n" + "".join(f"w{n},9\n" for n in range(50))
        response = login(manager).post(
            reverse("cockpit:word_list_import"), _upload(content.encode(), "many.csv")
        )
        assert response.status_code == 400
        assert "… and 20 more errors." in response.content.decode()

    def test_no_file(self, login: Callable[..., Any], manager: Any) -> None:
        response = login(manager).post(
            reverse("cockpit:word_list_import"), {"category": "custom", "action": "hold"}
        )
        assert response.status_code == 400
        assert not WordList.objects.exists()


class TestWordsPage:
    @pytest.fixture
    def word_list(self) -> WordList:
        data = (
            "term,category,action,tags\n"
            "刷单,advertising,hold,job\n代开发票,illegal,block,\n傻逼,abuse,replace,\n"
        ).encode()
        return import_bytes(data, "w.csv").word_list

    def test_search_and_filter(
        self, login: Callable[..., Any], moderator: Any, word_list: WordList
    ) -> None:
        client = login(moderator)
        url = reverse("cockpit:word_list", args=[word_list.pk])
        assert "3 words" in _text(client.get(url))
        found = _text(client.get(url, {"category": "illegal"}))
        assert "代开发票" in found
        assert "刷单" not in found
        assert "刷单" in _text(client.get(url, {"q": "job"}))
        assert "No word matches these filters." in _text(client.get(url, {"action": "flag"}))

    def test_add_edit_delete(
        self, login: Callable[..., Any], manager: Any, word_list: WordList
    ) -> None:
        client = login(manager)
        url = reverse("cockpit:word_list", args=[word_list.pk])
        bad = client.post(
            url, {"term": "(.*)+", "category": "custom", "action": "flag", "severity": "1"}
        )
        assert bad.status_code == 400
        assert "looks like a regular expression" in bad.content.decode()
        good = client.post(
            url,
            {"term": "加微信", "category": "advertising", "action": "hold", "severity": "3",
             "tags": "contact, wechat"},
        )  # fmt: skip
        assert good.status_code == 302
        word = word_list.words.get(term="加微信")
        assert (word.severity, word.tags) == (3, ["contact", "wechat"])
        edit_url = reverse("cockpit:word_edit", args=[word.pk])
        assert client.get(edit_url).status_code == 200
        saved = client.post(
            edit_url,
            {"term": "加微信", "category": "advertising", "action": "block", "severity": "4",
             "message": "请勿留联系方式"},
        )  # fmt: skip
        assert saved.status_code == 302
        word.refresh_from_db()
        assert (word.action, word.message) == ("block", "请勿留联系方式")
        assert client.post(reverse("cockpit:word_delete", args=[word.pk])).status_code == 302
        assert not word_list.words.filter(term="加微信").exists()
        assert [e.action for e in AuditEntry.objects.filter(target_kind="watched_word")] == [
            "word.delete",
            "word.edit",
            "word.add",
        ]

    def test_a_new_list_by_hand(self, login: Callable[..., Any], manager: Any) -> None:
        response = login(manager).post(reverse("cockpit:word_list_new"), {"name": "手工词表"})
        word_list = WordList.objects.get(name="手工词表")
        assert response["Location"] == reverse("cockpit:word_list", args=[word_list.pk])

    def test_delete_a_list(
        self, login: Callable[..., Any], manager: Any, word_list: WordList
    ) -> None:
        response = login(manager).post(reverse("cockpit:word_list_delete", args=[word_list.pk]))
        assert response.status_code == 302
        assert not WordList.objects.exists()

    @pytest.mark.parametrize(
        ("fmt", "kind"), [("txt", "text/plain"), ("csv", "text/csv"), ("json", "application/json")]
    )
    def test_export(
        self, login: Callable[..., Any], moderator: Any, word_list: WordList, fmt: str, kind: str
    ) -> None:
        response = login(moderator).get(
            reverse("cockpit:word_list_export", args=[word_list.pk, fmt])
        )
        assert response["Content-Type"].startswith(kind)
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="word-list-{word_list.pk}.{fmt}"'
        )
        assert "代开发票" in response.content.decode()

    def test_export_of_every_enabled_word(
        self, login: Callable[..., Any], moderator: Any, word_list: WordList
    ) -> None:
        client = login(moderator)
        assert client.get(reverse("cockpit:words_export", args=["txt"])).content == b""
        WordList.objects.filter(pk=word_list.pk).update(enabled=True)
        body = client.get(reverse("cockpit:words_export", args=["txt"])).content.decode()
        assert sorted(body.splitlines()) == sorted(["刷单", "代开发票", "傻逼"])
        assert client.get(reverse("cockpit:words_export", args=["xml"])).status_code == 404


class TestVariantsPage:
    def test_add_change_delete(self, login: Callable[..., Any], manager: Any) -> None:
        client = login(manager)
        url = reverse("cockpit:word_variants")
        assert "vx" in _text(client.get(url))
        added = client.post(url, {"variant": "wei xin hao", "canonical": "微信"})
        assert added.status_code == 302
        from hearth.moderation.models import WordVariant

        variant = WordVariant.objects.get(variant="wei xin hao")
        clash = client.post(
            reverse("cockpit:word_variant_edit", args=[variant.pk]),
            {"variant": "vx", "canonical": "微信"},
        )
        assert clash.status_code == 400
        assert "The variant &#x27;vx&#x27; already exists." in clash.content.decode()
        client.post(reverse("cockpit:word_variant_delete", args=[variant.pk]))
        assert not WordVariant.objects.filter(pk=variant.pk).exists()


class TestPoliciesPage:
    def test_edit_add_delete(
        self, login: Callable[..., Any], manager: Any, make_board: Callable[..., Any]
    ) -> None:
        client = login(manager)
        page = client.get(reverse("cockpit:moderation_policies"))
        assert "Whole site · every level" in _text(page)
        fallback = ModerationPolicy.objects.get(board=None, max_level_position=None)
        prefix = f"p{fallback.pk}"
        values = {
            f"{prefix}-board": "", f"{prefix}-max_level_position": "",
            f"{prefix}-first_posts_held": "1", f"{prefix}-contact_action": "block",
            f"{prefix}-link_action": "flag", f"{prefix}-shortener_action": "hold",
            f"{prefix}-repeat_action": "flag", f"{prefix}-flood_action": "hold",
            f"{prefix}-repost_action": "hold", f"{prefix}-classifier_hold": "0.75",
            f"{prefix}-classifier_block": "",
        }  # fmt: skip
        saved = client.post(reverse("cockpit:policy_edit", args=[fallback.pk]), values)
        assert saved.status_code == 302
        fallback.refresh_from_db()
        assert (fallback.first_posts_held, fallback.contact_action) == (1, "block")
        assert fallback.classifier_block is None
        board = make_board(name="闲聊")
        new = {key.replace(prefix, "new"): value for key, value in values.items()}
        new["new-board"] = str(board.pk)
        new["new-classifier_block"] = "0.5"
        bad = client.post(reverse("cockpit:policy_new"), new)
        assert bad.status_code == 400
        assert "The blocking score must not be below the holding score." in bad.content.decode()
        new["new-classifier_block"] = "0.9"
        assert client.post(reverse("cockpit:policy_new"), new).status_code == 302
        row = ModerationPolicy.objects.get(board=board)
        assert "闲聊 · every level" in _text(client.get(reverse("cockpit:moderation_policies")))
        client.post(reverse("cockpit:policy_delete", args=[row.pk]))
        assert not ModerationPolicy.objects.filter(board=board).exists()
        refused = client.post(reverse("cockpit:policy_delete", args=[fallback.pk]), follow=True)
        assert "cannot be deleted" in _text(refused)
        assert [e.action for e in AuditEntry.objects.filter(target_kind="policy")] == [
            "policy.delete",
            "policy.add",
            "policy.edit",
        ]


class TestTestBox:
    def test_the_reasons_and_where_they_fired(
        self, login: Callable[..., Any], moderator: Any, manager: Any
    ) -> None:
        word_list = import_bytes(
            "term,category,action,severity\n代开发票,illegal,hold,3\n".encode(), "t.csv"
        ).word_list
        login(manager).post(reverse("cockpit:word_list_preview_run", args=[word_list.pk]))
        login(manager).post(reverse("cockpit:word_list_enable", args=[word_list.pk]))
        response = login(moderator).post(
            reverse("cockpit:word_test"),
            {"text": "代 開 發 票，加我 vx 详聊，电话 138-1234-5678", "kind": "reply"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-decision="hold"' in html
        assert 'data-reason="word"' in html
        assert 'data-reason="contact"' in html
        assert '<mark class="words-mark">代 開 發 票</mark>' in html
        assert '<mark class="words-mark">138-1234-5678</mark>' in html
        assert not WatchedWord.objects.filter(hit_count__gt=0).exists()  # nothing is recorded

    def test_a_clean_text(self, login: Callable[..., Any], moderator: Any) -> None:
        response = login(moderator).post(
            reverse("cockpit:word_test"), {"text": "今天天气很好", "kind": "topic", "title": "天气"}
        )
        assert 'data-decision="publish"' in response.content.decode()
        assert "Nothing fired" in _text(response)

    def test_an_unknown_member(self, login: Callable[..., Any], moderator: Any) -> None:
        response = login(moderator).post(
            reverse("cockpit:word_test"), {"text": "hello", "kind": "reply", "member": "ghost"}
        )
        assert response.status_code == 400
        assert "No member with the username “ghost”." in response.content.decode()

    def test_a_new_member_is_held(
        self, login: Callable[..., Any], moderator: Any, make_member: Callable[..., Any]
    ) -> None:
        newbie = make_member("newbie")
        response = login(moderator).post(
            reverse("cockpit:word_test"), {"text": "大家好", "kind": "reply", "member": "newbie"}
        )
        assert newbie.pk
        assert 'data-reason="new_member"' in response.content.decode()
