"""Run Hearth under gunicorn, the production WSGI server, from Python."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from hearth.core.tasks import embedded_worker
from hearth.wsgi import application


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return application


def serve(
    *, host: str, port: int, workers: int, threads: int, access_log: bool, tasks: bool = True
) -> None:
    """Serve until stopped; with the embedded task queue (and ``tasks``), one background-task
    worker process runs beside gunicorn and stops with it."""
    with embedded_worker(enabled=tasks):
        _gunicorn(host=host, port=port, workers=workers, threads=threads, access_log=access_log)


def _gunicorn(*, host: str, port: int, workers: int, threads: int, access_log: bool) -> None:
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": "-" if access_log else None,
            "errorlog": "-",
            "loglevel": "warning",
        }
    ).run()
