"""Background tasks (huey): the worker that consumes the queue, and the one ``hearth serve``
starts beside the web server when the queue is embedded.

Modes (``HEARTH_TASKS``): ``embedded`` (a SQLite queue under the var dir, one worker
process started by ``hearth serve``), ``redis`` (a Redis queue; ``hearth worker``
processes run on their own, under systemd or supervisor) and ``immediate`` (tasks run
inline in the caller: tests and scripts).
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, Protocol, TypeVar, cast

from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from huey import crontab as huey_crontab
from huey.contrib import djhuey

log = logging.getLogger(__name__)

EMBEDDED = "embedded"
REDIS = "redis"
IMMEDIATE = "immediate"
_PR_SET_PDEATHSIG = 1

P = ParamSpec("P")
R = TypeVar("R", covariant=True)
Schedule = Callable[[dt.datetime], bool]


class Task(Protocol[P, R]):
    """A huey task: calling it enqueues (runs inline in immediate mode); ``call_local`` runs
    the function here and now; ``s`` builds the task to enqueue elsewhere."""

    name: str
    task_class: type[Any]

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any: ...

    def s(self, *args: P.args, **kwargs: P.kwargs) -> Any: ...

    def call_local(self, *args: P.args, **kwargs: P.kwargs) -> R: ...


def db_task(**options: Any) -> Callable[[Callable[P, R]], Task[P, R]]:
    """huey's ``db_task`` (database connections closed around the task), typed."""
    return cast(Callable[[Callable[P, R]], Task[P, R]], djhuey.db_task(**options))


def db_periodic_task(schedule: Schedule, **options: Any) -> Callable[[Callable[P, R]], Task[P, R]]:
    """huey's ``db_periodic_task``: run by the worker when ``schedule(now)`` is true (checked
    every minute), typed."""
    return cast(
        Callable[[Callable[P, R]], Task[P, R]], djhuey.db_periodic_task(schedule, **options)
    )


def crontab(
    *, minute: str = "*", hour: str = "*", day: str = "*", month: str = "*", day_of_week: str = "*"
) -> Schedule:
    """A cron-like schedule (in UTC: settings.HUEY["utc"])."""
    return cast(
        Schedule,
        huey_crontab(minute=minute, hour=hour, day=day, month=month, day_of_week=day_of_week),
    )


def tasks_mode() -> str:
    """``embedded``, ``redis`` or ``immediate`` (settings.HEARTH_TASKS)."""
    return str(settings.HEARTH_TASKS)


def tasks_register() -> None:
    """Import every installed app's ``tasks`` module, so the worker knows each task by name."""
    autodiscover_modules("tasks")


def worker_run(*, workers: int | None = None) -> None:
    """Consume the queue until stopped: threads, periodic tasks on (settings.HUEY's consumer
    options). SIGINT stops after the running tasks finish; SIGTERM stops at once."""
    from huey.consumer_options import ConsumerConfig

    tasks_register()
    huey_settings = cast(dict[str, Any], settings.HUEY)
    options: dict[str, Any] = dict(huey_settings.get("consumer", {}))
    if workers is not None:
        options["workers"] = workers
    config = ConsumerConfig(**options)
    config.validate()
    logger = logging.getLogger("huey")
    if not logger.handlers:
        config.setup_logger(logger)
        logger.propagate = False  # the root handler would print each line twice
    djhuey.HUEY.create_consumer(**config.values).run()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the worker gets SIGTERM if ``hearth serve`` dies without cleaning up."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def worker_command() -> list[str]:
    return [sys.executable, "-m", "hearth.cli", "worker"]


@contextmanager
def embedded_worker(*, enabled: bool = True) -> Iterator[subprocess.Popen[bytes] | None]:
    """One ``hearth worker`` process for the embedded queue while the block runs (nothing in
    the redis and immediate modes, or when not ``enabled``); stopped when the block ends."""
    if not enabled or tasks_mode() != EMBEDDED:
        yield None
        return
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        worker_command(),
        env=os.environ.copy(),
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # graceful: running tasks finish
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
