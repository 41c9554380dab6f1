"""The background-task infrastructure: `hearth worker`, the embedded worker beside `hearth
serve`, and every app's tasks known to the worker."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from hearth.core import tasks
from hearth.core.tasks import embedded_worker, tasks_register


def test_the_worker_refuses_the_immediate_mode(settings: Any) -> None:
    settings.HEARTH_TASKS = "immediate"
    with pytest.raises(CommandError, match="HEARTH_TASKS=immediate runs tasks inline"):
        call_command("worker")


def test_the_worker_needs_one_thread_at_least(settings: Any) -> None:
    settings.HEARTH_TASKS = "embedded"
    with pytest.raises(CommandError, match="--workers must be at least 1"):
        call_command("worker", "--workers", "0")


def test_the_worker_passes_its_thread_count(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.HEARTH_TASKS = "redis"
    seen: list[int | None] = []
    monkeypatch.setattr(
        "hearth.core.management.commands.worker.worker_run",
        lambda *, workers: seen.append(workers),
    )
    call_command("worker", "--workers", "4")
    call_command("worker")
    assert seen == [4, None]


def test_every_app_task_is_registered_for_the_worker() -> None:
    from huey.contrib.djhuey import HUEY

    tasks_register()
    names = set(HUEY._registry._registry)
    assert {
        "hearth.reporting.tasks.report_schedule",
        "hearth.reporting.tasks.report_send_task",
        "hearth.goals.tasks.goals_recompute_daily",
    } <= names


def _sleeper() -> list[str]:
    return [sys.executable, "-c", "import time; time.sleep(60)"]


def test_serve_starts_one_embedded_worker_and_stops_it(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.HEARTH_TASKS = "embedded"
    monkeypatch.setattr(tasks, "worker_command", _sleeper)
    with embedded_worker() as process:
        assert isinstance(process, subprocess.Popen)
        assert process.poll() is None
    assert process.poll() is not None


@pytest.mark.parametrize(
    ("mode", "enabled"), [("redis", True), ("immediate", True), ("embedded", False)]
)
def test_no_embedded_worker_with_redis_inline_or_no_worker(
    settings: Any, monkeypatch: pytest.MonkeyPatch, mode: str, enabled: bool
) -> None:
    settings.HEARTH_TASKS = mode
    monkeypatch.setattr(tasks, "worker_command", _sleeper)
    with embedded_worker(enabled=enabled) as process:
        assert process is None
