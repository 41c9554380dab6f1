"""Acceptance 3: a report is sent by a real ``hearth worker`` process, in the production
configuration (HEARTH_TASKS=redis, the Redis on 127.0.0.1:6379) and on the embedded SQLite
queue. The test enqueues the send task; the worker sends the e-mail (to files) and records
the delivery in the database the test sees.

On PostgreSQL the worker uses the test database; on SQLite (an in-memory test database a
subprocess cannot see) the test copies the database to a file for the worker and reads the
result back from it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection
from huey import RedisHuey, SqliteHuey
from huey.api import Huey

from hearth.core.roles import ANALYST
from hearth.reporting.models import ReportDelivery, ReportSettings
from hearth.reporting.tasks import report_send_task
from tests.reporting.delivery_fixture import weekly_report

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/9"  # a database of its own, flushed before and after
QUEUE = "hearth"  # settings.HUEY["name"]
WAIT_S = 60

pytestmark = [pytest.mark.timeout_slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_db() -> Iterator[str]:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_URL} is not reachable; CI needs it: {error}")
        pytest.skip(f"Redis at 127.0.0.1:6379 is not reachable ({error})")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


def _database_url(tmp_path: Path) -> tuple[str, Path | None]:
    """A URL of the test database for the worker, and the file copy when on SQLite."""
    config = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(config["USER"] or "")
        password = f":{quote(config['PASSWORD'])}" if config["PASSWORD"] else ""
        host = f"{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}"
        return f"postgres://{user}{password}@{host}/{config['NAME']}", None
    copy = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)  # schema and committed rows
    target.close()
    return f"sqlite:///{copy}", copy


def _deliveries(copy: Path | None) -> list[tuple[int, int, str]]:
    """(report id, recipients, error) of each delivery, from where the worker wrote."""
    if copy is None:
        return list(ReportDelivery.objects.values_list("report_id", "recipients", "error"))
    with sqlite3.connect(copy) as db:
        rows = db.execute(
            "SELECT report_id, recipients, error FROM reporting_reportdelivery"
        ).fetchall()
    db.close()
    return [(int(a), int(b), str(c)) for a, b, c in rows]


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []

    def start(extra: dict[str, str]) -> subprocess.Popen[bytes]:
        environ = {**os.environ, "HEARTH_VAR_DIR": str(tmp_path / "var"), **extra}
        process = subprocess.Popen(
            [sys.executable, "-m", "hearth.cli", "worker", "--workers", "1"],
            cwd=ROOT,
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_mail(
    process: subprocess.Popen[bytes], mail_dir: Path, copy: Path | None
) -> tuple[list[Path], list[tuple[int, int, str]]]:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"hearth worker exited ({process.returncode}):\n{output}")
        files = sorted(mail_dir.glob("*.log")) if mail_dir.is_dir() else []
        rows = _deliveries(copy)
        if files and rows:
            return files, rows
        time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=20)[0].decode()
    pytest.fail(f"no e-mail within {WAIT_S} s; the worker said:\n{output}")


def _run_send(
    tmp_path: Path,
    make_staff: Callable[..., Any],
    start_worker: Callable[[dict[str, str]], subprocess.Popen[bytes]],
    *,
    mode: str,
    queue: Callable[[], Huey],
    extra: dict[str, str],
) -> None:
    make_staff(ANALYST, username="analyst")
    ReportSettings.objects.update_or_create(
        pk=1, defaults={"attach_pdf": False, "extra_recipients": "ceo@example.org"}
    )
    report = weekly_report(commentary="Sent by the worker.")
    database_url, copy = _database_url(tmp_path)
    mail_dir = tmp_path / "mail"
    (tmp_path / "var").mkdir(exist_ok=True)
    process = start_worker(
        {
            "HEARTH_TASKS": mode,
            "DATABASE_URL": database_url,
            "EMAIL_URL": f"file://{mail_dir}",
            **extra,
        }
    )
    huey = queue()
    huey._registry.register(report_send_task.task_class)
    huey.enqueue(report_send_task.s(report.pk, None, "https://bbs.test/"))

    files, rows = _wait_for_mail(process, mail_dir, copy)
    assert rows == [(report.pk, 2, "")]
    message = files[0].read_text()
    assert "To: analyst@example.com, ceo@example.org" in message
    assert "Sent by the worker." in message
    assert f"https://bbs.test/ops/goals/reports/{report.pk}/" in message


def test_a_redis_worker_sends_the_report(
    tmp_path: Path,
    redis_db: str,
    make_staff: Callable[..., Any],
    start_worker: Callable[[dict[str, str]], subprocess.Popen[bytes]],
) -> None:
    _run_send(
        tmp_path,
        make_staff,
        start_worker,
        mode="redis",
        queue=lambda: RedisHuey(QUEUE, url=redis_db),
        extra={"REDIS_URL": redis_db},
    )


def test_an_embedded_worker_sends_the_report(
    tmp_path: Path,
    make_staff: Callable[..., Any],
    start_worker: Callable[[dict[str, str]], subprocess.Popen[bytes]],
) -> None:
    _run_send(
        tmp_path,
        make_staff,
        start_worker,
        mode="embedded",
        queue=lambda: SqliteHuey(QUEUE, filename=str(tmp_path / "var" / "tasks.sqlite3")),
        extra={},
    )
