"""Writing and editing topics: success, staff content, and bad input that loses nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.community.models import Topic, TopicKind, Visibility

pytestmark = pytest.mark.django_db


def _post(client: Client, board: Any, **fields: str) -> Any:
    data = {"board": str(board.pk), "title": "我的第一个话题", "body": "大家好，**请多关照**。"}
    data.update(fields)
    return client.post(reverse("community:topic_new"), data)


def test_new_topic_needs_login(client: Client) -> None:
    response = client.get(reverse("community:topic_new"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_new_topic_form_preselects_board_from_query(reader_client: Client, board: Any) -> None:
    html = reader_client.get(reverse("community:topic_new") + f"?board={board.slug}").content
    assert f'<option value="{board.pk}" selected>'.encode() in html


def test_new_topic_is_published_with_tags(reader_client: Client, board: Any, reader: Any) -> None:
    response = _post(reader_client, board, tags="手机, 评测，续航")
    topic = Topic.objects.get(title="我的第一个话题")
    assert response.status_code == 302
    assert response["Location"] == reverse("community:topic", args=[topic.pk])
    assert topic.author == reader
    assert topic.kind == TopicKind.UGC
    assert sorted(t.name for t in topic.tags.all()) == ["手机", "续航", "评测"]


def test_board_select_offers_only_boards_the_member_can_post_in(
    reader_client: Client, board: Any, make_board: Any
) -> None:
    staff_only = make_board(name="官方公告", slug="news", posting="staff")
    hidden = make_board(name="员工休息室", slug="staff-room", visibility=Visibility.STAFF)
    html = reader_client.get(reverse("community:topic_new")).content.decode()
    assert board.name in html
    assert staff_only.name not in html
    assert hidden.name not in html
    response = _post(reader_client, staff_only)
    assert response.status_code == 400
    assert "This board does not exist or you cannot post in it." in response.content.decode()
    assert not Topic.objects.exists()


def test_staff_content_checkbox_only_for_staff(
    reader_client: Client, staff_client: Client, board: Any
) -> None:
    assert b'name="staff_content"' not in reader_client.get(reverse("community:topic_new")).content
    assert b'name="staff_content"' in staff_client.get(reverse("community:topic_new")).content
    _post(reader_client, board, staff_content="on", title="成员帖")
    _post(staff_client, board, staff_content="on", title="官方帖")
    assert Topic.objects.get(title="成员帖").kind == TopicKind.UGC
    assert Topic.objects.get(title="官方帖").kind == TopicKind.PGC


def test_empty_title_is_refused_and_body_kept(reader_client: Client, board: Any) -> None:
    response = _post(reader_client, board, title="   ", body="我写了很久的正文")
    html = response.content.decode()
    assert response.status_code == 400
    assert "The title cannot be empty." in html
    assert "我写了很久的正文" in html
    assert not Topic.objects.exists()


def test_overlong_body_is_refused_and_kept_whole(reader_client: Client, board: Any) -> None:
    body = "长" * 99_995 + "结尾在这里"
    assert len(body) == 100_000
    response = _post(reader_client, board, body=body, title="很长的帖子")
    html = response.content.decode()
    assert response.status_code == 400
    assert "100000" in html
    assert "50000" in html
    assert body in html
    assert 'value="很长的帖子"' in html
    assert not Topic.objects.exists()


@pytest.mark.parametrize("board_value", ["999999", "not-a-number", ""])
def test_unknown_board_is_a_form_error(reader_client: Client, board: Any, board_value: str) -> None:
    response = reader_client.post(
        reverse("community:topic_new"),
        {"board": board_value, "title": "标题还在", "body": "正文还在"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "errorlist" in html
    assert "标题还在" in html
    assert "正文还在" in html
    assert not Topic.objects.exists()


def test_too_many_tags_is_refused(reader_client: Client, board: Any) -> None:
    response = _post(reader_client, board, tags="a,b,c,d,e,f")
    assert response.status_code == 400
    assert "At most 5 tags." in response.content.decode()
    assert 'value="a,b,c,d,e,f"' in response.content.decode()


def test_edit_keeps_a_revision_and_links_history(
    author_client: Client, topic: Any, author: Any
) -> None:
    url = reverse("community:topic_edit", args=[topic.pk])
    form = author_client.get(url).content.decode()
    assert topic.body in form

    response = author_client.post(
        url, {"title": "新手机值得买吗（更新）", "body": "更新：续航很好。", "tags": "手机, 续航"}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "新手机值得买吗（更新）"
    assert topic.edited_at is not None
    revision = topic.revisions.get()
    assert revision.title == "新手机值得买吗"
    assert revision.body == "最近在看新手机，**续航**怎么样？"
    assert revision.editor == author

    assert b'data-testid="revisions-link"' in author_client.get(url).content
    history = author_client.get(reverse("community:topic_revisions", args=[topic.pk]))
    assert history.status_code == 200
    assert "最近在看新手机，**续航**怎么样？" in history.content.decode()
    page = author_client.get(reverse("community:topic", args=[topic.pk])).content.decode()
    assert reverse("community:topic_revisions", args=[topic.pk]) in page


def test_edit_with_empty_body_keeps_the_title(author_client: Client, topic: Any) -> None:
    response = author_client.post(
        reverse("community:topic_edit", args=[topic.pk]), {"title": "改过的标题", "body": "  "}
    )
    assert response.status_code == 400
    assert "The text cannot be empty." in response.content.decode()
    assert 'value="改过的标题"' in response.content.decode()
    topic.refresh_from_db()
    assert topic.title == "新手机值得买吗"


def test_others_cannot_edit(reader_client: Client, topic: Any) -> None:
    url = reverse("community:topic_edit", args=[topic.pk])
    assert reader_client.get(url).status_code == 403
    assert reader_client.post(url, {"title": "x", "body": "y"}).status_code == 403
    assert (
        reader_client.get(reverse("community:topic_revisions", args=[topic.pk])).status_code == 403
    )
    topic.refresh_from_db()
    assert topic.title == "新手机值得买吗"


def test_moderator_can_edit(staff_client: Client, topic: Any) -> None:
    response = staff_client.post(
        reverse("community:topic_edit", args=[topic.pk]),
        {"title": "管理员修改", "body": "内容已整理"},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.title == "管理员修改"
