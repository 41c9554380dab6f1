"""``hearth generate`` on a small size: a consistent database built by the bulk paths."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from hearth.community.models import Topic
from hearth.community.services import text
from hearth.demo.bulk.schema import schema_migrate

CONSISTENCY = {
    "topic replies": "SELECT count(*) FROM community_topic t WHERE reply_count != "
    "(SELECT count(*) FROM community_reply r WHERE r.topic_id = t.id)",
    "topic likes": "SELECT count(*) FROM community_topic t WHERE like_count != "
    "(SELECT count(*) FROM community_like l WHERE l.topic_id = t.id)",
    "topic shares": "SELECT count(*) FROM community_topic t WHERE share_count != "
    "(SELECT count(*) FROM community_share s WHERE s.topic_id = t.id)",
    "topic reads": "SELECT count(*) FROM community_topic t WHERE read_count != "
    "(SELECT count(*) FROM community_read r WHERE r.topic_id = t.id)",
    "reply likes": "SELECT count(*) FROM community_reply r WHERE like_count != "
    "(SELECT count(*) FROM community_like l WHERE l.reply_id = r.id)",
    "user topics": "SELECT count(*) FROM accounts_user u WHERE topic_count != "
    "(SELECT count(*) FROM community_topic t WHERE t.author_id = u.id)",
    "user replies": "SELECT count(*) FROM accounts_user u WHERE reply_count != "
    "(SELECT count(*) FROM community_reply r WHERE r.author_id = u.id)",
    "user followers": "SELECT count(*) FROM accounts_user u WHERE follower_count != "
    "(SELECT count(*) FROM accounts_memberfollow f WHERE f.followed_id = u.id)",
    "likes received": "SELECT count(*) FROM accounts_user u WHERE likes_received != "
    "(SELECT count(*) FROM community_like l JOIN community_topic t ON l.topic_id = t.id "
    "WHERE t.author_id = u.id) + (SELECT count(*) FROM community_like l "
    "JOIN community_reply r ON l.reply_id = r.id WHERE r.author_id = u.id)",
    "board topics": "SELECT count(*) FROM community_board b WHERE topic_count != "
    "(SELECT count(*) FROM community_topic t WHERE t.board_id = b.id)",
    "board followers": "SELECT count(*) FROM community_board b WHERE follower_count != "
    "(SELECT count(*) FROM community_boardfollow f WHERE f.board_id = b.id)",
    "own likes": "SELECT count(*) FROM community_like l JOIN community_topic t "
    "ON l.topic_id = t.id WHERE t.author_id = l.member_id",
    "replies before topics": "SELECT count(*) FROM community_reply r JOIN community_topic t "
    "ON r.topic_id = t.id WHERE r.created_at <= t.created_at",
}


def _generate(out: Path, *extra: str) -> dict[str, Any]:
    stdout = io.StringIO()
    call_command(
        "generate",
        "--members",
        "2000",
        "--days",
        "120",
        "--chunk",
        "700",
        "--out",
        str(out),
        "--no-progress",
        *extra,
        stdout=stdout,
    )
    summary: dict[str, Any] = json.loads(stdout.getvalue())
    return summary


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("generate") / "generated.sqlite3"
    return out, _generate(out)


def test_generate_fills_a_consistent_database(generated: tuple[Path, dict[str, Any]]) -> None:
    out, summary = generated
    db = sqlite3.connect(out)
    for table, key in (
        ("accounts_user", "members"),
        ("community_topic", "topics"),
        ("community_reply", "replies"),
        ("community_like", "likes"),
        ("community_read", "reads"),
        ("community_share", "shares"),
    ):
        (count,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert count == summary[key] + (7 if key == "members" else 0), table
    assert summary["actions"] >= 2000 * 15
    assert summary["members"] == 2000
    assert summary["seconds"] > 0
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    for name, sql in CONSISTENCY.items():
        assert db.execute(sql).fetchone() == (0,), name


def test_generate_keeps_the_migrated_schema(
    generated: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    schema_migrate(f"sqlite:///{fresh}")
    query = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    expected = sqlite3.connect(fresh).execute(query).fetchall()
    assert sqlite3.connect(generated[0]).execute(query).fetchall() == expected


def test_generated_rows_look_like_the_services_wrote_them(
    generated: tuple[Path, dict[str, Any]],
) -> None:
    db = sqlite3.connect(generated[0])
    rows = db.execute(
        "SELECT created_at, like_count, reply_count, share_count, read_count, hot_score, title "
        "FROM community_topic ORDER BY random() LIMIT 200"
    ).fetchall()
    for created, likes, replies, shares, reads, score, title in rows:
        topic = Topic(
            created_at=dt.datetime.fromisoformat(created).replace(tzinfo=dt.UTC),
            like_count=likes,
            reply_count=replies,
            share_count=shares,
            read_count=reads,
        )
        assert score == pytest.approx(text.hot_score(topic), abs=1e-6)
        assert title
    (pinned,) = db.execute(
        "SELECT count(*) FROM community_topic WHERE pin_scope = 'global'"
    ).fetchone()
    assert pinned == 1
    (featured,) = db.execute(
        "SELECT count(*) FROM community_topic WHERE featured_level > 0"
    ).fetchone()
    assert featured >= 1
    (admins,) = db.execute(
        "SELECT count(*) FROM accounts_user u JOIN accounts_user_groups g ON g.user_id = u.id "
        "JOIN auth_group a ON a.id = g.group_id WHERE u.is_superuser AND a.name = 'admin'"
    ).fetchone()
    assert admins == 1
    reads = db.execute(
        "SELECT created_at, day FROM community_read ORDER BY random() LIMIT 200"
    ).fetchall()
    tz = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai, the default time zone
    for created, day in reads:
        local = dt.datetime.fromisoformat(created).replace(tzinfo=dt.UTC).astimezone(tz)
        assert local.date().isoformat() == day


def test_generate_carries_the_planted_channel_effect(
    generated: tuple[Path, dict[str, Any]],
) -> None:
    db = sqlite3.connect(generated[0])
    rates = dict(
        db.execute(
            "SELECT channel, avg(n >= 3) FROM (SELECT u.channel, "
            "(SELECT count(*) FROM community_boardfollow f WHERE f.member_id = u.id) AS n "
            "FROM accounts_user u WHERE u.channel != '') GROUP BY channel"
        ).fetchall()
    )
    assert rates["douyin"] < 0.3 < 0.5 < rates["seo"]


def test_generate_refuses_to_overwrite_without_force(
    generated: tuple[Path, dict[str, Any]],
) -> None:
    with pytest.raises(CommandError):
        _generate(generated[0])


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="loads PostgreSQL with COPY when the suite runs on PostgreSQL",
)
@pytest.mark.django_db
def test_generate_into_postgres_with_copy() -> None:
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    url = f"{base}/hearth_generate_test"
    stdout = io.StringIO()
    try:
        call_command(
            "generate",
            "--members",
            "500",
            "--days",
            "90",
            "--database-url",
            url,
            "--force",
            "--no-progress",
            stdout=stdout,
        )
        summary = json.loads(stdout.getvalue())
        with psycopg.connect(url) as db:
            (topics,) = db.execute("SELECT count(*) FROM community_topic").fetchone() or (0,)
            assert topics == summary["topics"]
            for name, sql in CONSISTENCY.items():
                assert db.execute(sql.encode()).fetchone() == (0,), name
            (next_id,) = db.execute(
                b"SELECT nextval(pg_get_serial_sequence('community_topic', 'id'))"
            ).fetchone() or (0,)
            assert next_id == topics + 1
            query = b"SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
            generated_indexes = [row[0] for row in db.execute(query).fetchall()]
        with connection.cursor() as cursor:  # the test database, migrated the usual way
            cursor.execute(query.decode())
            assert generated_indexes == [row[0] for row in cursor.fetchall()]
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(b"DROP DATABASE IF EXISTS hearth_generate_test WITH (FORCE)")
