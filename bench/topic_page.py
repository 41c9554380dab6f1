"""Benchmark: the topic page with 100 replies, on a throwaway SQLite database.

Run from the repository root::

    .venv/bin/python bench/topic_page.py [--requests 200] [--replies 100]

It migrates a fresh database in a temporary HEARTH_VAR_DIR, writes a topic
with 100 replies by several members (Chinese Markdown of 200–400
characters, a third of them quoting, a quarter liked by the reader) through
the real services, then times the page through Django's test client: a
logged-in member and a visitor. In the same run it times a straightforward
version of the page (the same template, fed without select_related,
prefetching or the one-query like lookup: N+1 queries), defined in this
script only. Prints one JSON object on stdout and nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20240601
WRITERS = ["林小雨", "老周", "阿杰", "陈晨", "王大锤", "苏苏", "Kevin", "小鹿"]
OPENERS = [
    "我用了三个月，",
    "说一下我的体验：",
    "同意楼上，",
    "补充几点：",
    "不太同意，",
    "刚入手，",
]
SUBJECTS = [
    "续航",
    "屏幕",
    "拍照",
    "系统流畅度",
    "发热",
    "信号",
    "充电速度",
    "做工",
    "售后",
    "性价比",
]
VERDICTS = [
    "整体比预期好不少",
    "日常使用完全够用",
    "重度使用还是有点吃力",
    "和上一代相比提升明显",
    "在同价位里算是第一梯队",
    "需要看个人需求再决定",
]
DETAILS = [
    "早上八点出门到晚上十点回家还剩百分之二十多的电量",
    "户外强光下看得很清楚，晚上调到最低亮度也不刺眼",
    "夜景模式需要稳住两秒钟，成片的噪点控制得不错",
    "玩大型游戏半小时后背面会明显温热但不烫手",
    "地铁和电梯里的信号比我之前那台好很多",
    "官方说三十分钟充到百分之八十，实测差不多",
    "系统更新之后动画更顺了，偶尔还会有小卡顿",
    "边框的手感很好，就是有点容易沾指纹",
]
CLOSERS = ["仅供参考。", "欢迎交流！", "有问题可以@我。", "以上是个人看法。", "希望对大家有帮助。"]


def _sentence(rng: random.Random) -> str:
    subject = rng.choice(SUBJECTS)
    return f"关于**{subject}**，{rng.choice(DETAILS)}，{rng.choice(VERDICTS)}。"


def reply_body(rng: random.Random, n: int) -> str:
    """A natural-looking Chinese Markdown reply of roughly 200–400 characters."""
    parts = [rng.choice(OPENERS) + _sentence(rng)]
    while sum(len(p) for p in parts) < rng.randint(200, 360):
        kind = rng.random()
        if kind < 0.15:
            parts.append(
                "\n".join(f"- {rng.choice(SUBJECTS)}：{rng.choice(VERDICTS)}" for _ in range(3))
            )
        elif kind < 0.25:
            parts.append(
                f"参考评测：[第 {n} 期横评](https://example.com/review/{n})，{rng.choice(DETAILS)}。"
            )
        elif kind < 0.3:
            parts.append("设置路径是 `设置 > 电池 > 性能模式`，" + rng.choice(VERDICTS) + "。")
        else:
            parts.append(_sentence(rng))
    parts.append(rng.choice(CLOSERS))
    return "\n\n".join(parts)


def topic_body(rng: random.Random) -> str:
    intro = "入手新手机一个月了，来写一份长期使用报告，也想听听大家的看法。"
    sections = [f"## {s}\n\n{_sentence(rng)}{rng.choice(DETAILS)}。" for s in SUBJECTS[:6]]
    return "\n\n".join([intro, *sections, "> 总结：" + rng.choice(VERDICTS) + "。"])


def setup(var_dir: Path) -> None:
    os.environ["HEARTH_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "hearth.settings"
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)


def build(replies: int) -> tuple[Any, Any]:
    """The topic, and the member who reads it: made through the real services."""
    from hearth.accounts.services import member_signup
    from hearth.community.models import Board
    from hearth.community.services import like_give, reply_create, topic_create
    from hearth.gamification.models import FairnessPolicy, Level
    from hearth.moderation.models import ModerationPolicy

    # The thread stands for weeks of talk by established members: no daily posting
    # limit, and none of their posts is a first post that moderation holds.
    FairnessPolicy.objects.update_or_create(pk=1, defaults={"new_account_days": 0})
    Level.objects.update(daily_post_limit=None)
    ModerationPolicy.objects.update(first_posts_held=0, link_action="flag")
    rng = random.Random(SEED)
    board = Board.objects.create(name="数码", slug="gadgets", description="手机、电脑和新玩意")
    members = [
        member_signup(
            username=f"writer{i}",
            email=f"writer{i}@example.com",
            password="correct-horse-battery-9",
            display_name=name,
        )
        for i, name in enumerate(WRITERS)
    ]
    reader = member_signup(
        username="reader", email="reader@example.com", password="correct-horse-battery-9"
    )
    topic = topic_create(
        author=members[0],
        board=board,
        title="新手机一个月长期使用报告：续航、拍照和发热",
        body=topic_body(rng),
        tags=["手机", "评测", "长期使用"],
    )
    previous = None
    for n in range(replies):
        reply = reply_create(
            author=members[(n * 3 + 1) % len(members)],
            topic=topic,
            body=reply_body(rng, n),
            quote=previous if n % 3 == 2 else None,
        )
        if n % 4 == 0:
            like_give(member=reader, target=reply)
        previous = reply
    like_give(member=reader, target=topic)
    return topic, reader


# The straightforward page, for the baseline: same template, no eager loading.


def naive_topic_view(request: Any, pk: int) -> Any:
    from django.core.paginator import Paginator
    from django.http import Http404
    from django.shortcuts import render

    from hearth.community import permissions, selectors, services
    from hearth.community.models import Bookmark, Like, Reply, ShareChannel, Status, Topic

    topic = Topic.objects.get(pk=pk)
    user = request.user
    if not permissions.can_view_topic(user, topic):
        raise Http404
    perms = selectors.topic_permissions(user=user, topic=topic)
    paginator = Paginator(
        Reply.objects.filter(topic=topic, status=Status.PUBLISHED).order_by("created_at", "id"),
        selectors.REPLIES_PER_PAGE,
    )
    current = paginator.get_page(request.GET.get("page"))
    rows = []
    for i, reply in enumerate(current.object_list):
        author = reply.author  # one query per reply
        quote = reply.quote  # and one per quote, and one per quoted author
        quoted = quote is not None and quote.status == Status.PUBLISHED
        liked = (
            user.is_authenticated and Like.objects.filter(member_id=user.pk, reply=reply).exists()
        )
        rows.append(
            selectors.ReplyView(
                id=reply.pk,
                number=current.start_index() + i,
                author_id=author.pk,
                author_username=author.username,
                author_name=author.name,
                author_avatar_url=author.avatar.url if author.avatar else "",
                body_html=reply.body_html,
                status=reply.status,
                created_at=reply.created_at,
                like_count=reply.like_count,
                quote_id=reply.quote_id,
                quote_author_name=quote.author.name if quote is not None and quoted else "",
                quote_text=selectors.quote_line(quote.body) if quote is not None and quoted else "",
                liked=liked,
                can_like=permissions.can_like(user, reply),
            )
        )
    page = selectors.TopicPage(
        topic=topic,
        page=current,
        rows=rows,
        perms=perms,
        topic_liked=user.is_authenticated
        and Like.objects.filter(member_id=user.pk, topic=topic, reply__isnull=True).exists(),
        bookmarked=user.is_authenticated
        and Bookmark.objects.filter(member_id=user.pk, topic=topic).exists(),
        tags=[t.name for t in topic.tags.all()],
        page_numbers=list(paginator.get_elided_page_range(current.number)),
    )
    if user.is_authenticated:
        services.read_record(member=user, topic=topic, source="page")
    else:
        services.topic_view_count(topic=topic)
    return render(
        request,
        "community/topic.html",
        {
            "topic": topic,
            "tp": page,
            "reply_form": None,
            "pin_active": selectors.topic_pin_active(topic=topic),
            "share_channels": ShareChannel.choices,
        },
    )


def _urlpatterns() -> list[Any]:
    from django.urls import include, path

    return [
        path("bench/naive/t/<int:pk>/", naive_topic_view, name="bench_naive_topic"),
        path("", include("hearth.urls")),
    ]


def measure(client: Any, url: str, requests: int, warmup: int) -> dict[str, float | int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    queries = len(captured.captured_queries)  # now: each request start clears the log
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 2),
        "queries": queries,
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--replies", type=int, default=100)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="hearth-bench-"))
    try:
        setup(var_dir)
        import django
        from django.test import Client, override_settings
        from django.urls import reverse

        globals()["urlpatterns"] = _urlpatterns()
        topic, reader = build(args.replies)
        page_url = reverse("community:topic", args=[topic.pk])
        naive_url = f"/bench/naive/t/{topic.pk}/"
        member, visitor = Client(), Client()
        member.force_login(reader)
        with override_settings(ROOT_URLCONF=__name__):
            results = {
                "member": measure(member, page_url, args.requests, args.warmup),
                "visitor": measure(visitor, page_url, args.requests, args.warmup),
                "baseline_member": measure(member, naive_url, args.requests, args.warmup),
                "baseline_visitor": measure(visitor, naive_url, args.requests, args.warmup),
            }
        fast, slow = results["member"], results["baseline_member"]
        report = {
            "median_ms": fast["median_ms"],
            "p95_ms": fast["p95_ms"],
            "queries": fast["queries"],
            "replies": args.replies,
            "requests": args.requests,
            "visitor": results["visitor"],
            "baseline": {
                "what": "same template without select_related/prefetch: N+1 queries",
                "median_ms": slow["median_ms"],
                "p95_ms": slow["p95_ms"],
                "queries": slow["queries"],
                "visitor": results["baseline_visitor"],
            },
            "speedup": round(slow["median_ms"] / fast["median_ms"], 2),
            "database": "sqlite",
            "django": django.get_version(),
            "python": sys.version.split()[0],
        }
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
