"""Settings read from the environment, typed, validated once.

Every variable Hearth reads is listed in :class:`Env`. A bad value stops the
process at start with :class:`ConfigError`, whose message names the variable,
so an operator never has to guess which of their settings is wrong.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
LANGUAGES = ("zh-hans", "en")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(RuntimeError):
    """A setting from the environment is missing or malformed."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True, slots=True)
class Env:
    var_dir: Path
    database: dict[str, Any]
    database_url: str
    redis_url: str | None
    secret_key: str
    debug: bool
    allowed_hosts: tuple[str, ...]
    language: str
    time_zone: str
    serve_media: bool
    email_url: str
    shared_data: Path
    analytics_engine: str = "duckdb"
    tasks: str = "embedded"
    site_url: str = ""


def _bool(environ: Mapping[str, str], name: str, default: bool) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(name, f"expected true/false (1/0, yes/no), got {raw!r}")


def _database(environ: Mapping[str, str], var_dir: Path) -> tuple[str, dict[str, Any]]:
    url = environ.get("DATABASE_URL", "").strip() or f"sqlite:///{var_dir / 'hearth.sqlite3'}"
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except Exception as exc:  # dj-database-url raises several kinds
        raise ConfigError("DATABASE_URL", f"cannot parse {url!r}: {exc}") from exc
    engine = str(config.get("ENGINE", ""))
    if engine.endswith("sqlite3"):
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    elif engine.endswith("postgresql"):
        if not config.get("NAME"):
            raise ConfigError("DATABASE_URL", f"no database name in {url!r}")
    else:
        raise ConfigError(
            "DATABASE_URL", f"unsupported engine in {url!r}: use sqlite:// or postgres://"
        )
    return url, config


def _secret_key(environ: Mapping[str, str], var_dir: Path) -> str:
    key = environ.get("SECRET_KEY")
    if key is not None:
        if len(key) < 32:
            raise ConfigError("SECRET_KEY", "must be at least 32 characters long")
        return key
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _redis_url(environ: Mapping[str, str]) -> str | None:
    url = environ.get("REDIS_URL", "").strip()
    if not url:
        return None
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError("REDIS_URL", f"expected redis://host:port/db, got {url!r}")
    return url


def _language(environ: Mapping[str, str]) -> str:
    language = environ.get("HEARTH_LANGUAGE", "zh-hans").strip().lower()
    if language not in LANGUAGES:
        raise ConfigError(
            "HEARTH_LANGUAGE", f"expected one of {', '.join(LANGUAGES)}, got {language!r}"
        )
    return language


def _time_zone(environ: Mapping[str, str]) -> str:
    name = environ.get("HEARTH_TIME_ZONE", "Asia/Shanghai").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("HEARTH_TIME_ZONE", f"unknown time zone {name!r}") from exc
    return name


ANALYTICS_ENGINES = ("duckdb", "postgres")


def _analytics_engine(environ: Mapping[str, str], database_url: str) -> str:
    engine = environ.get("HEARTH_ANALYTICS_ENGINE", "duckdb").strip().lower()
    if engine not in ANALYTICS_ENGINES:
        raise ConfigError(
            "HEARTH_ANALYTICS_ENGINE",
            f"expected one of {', '.join(ANALYTICS_ENGINES)}, got {engine!r}",
        )
    if engine == "postgres" and not database_url.startswith(("postgres://", "postgresql://")):
        raise ConfigError("HEARTH_ANALYTICS_ENGINE", "postgres needs DATABASE_URL to be PostgreSQL")
    return engine


TASK_MODES = ("embedded", "redis", "immediate")


def _tasks(environ: Mapping[str, str], redis_url: str | None) -> str:
    """Where background tasks run: ``embedded`` (a SQLite queue under the var dir and a
    worker that ``hearth serve`` starts), ``redis`` (Redis-backed ``hearth worker``
    processes) or ``immediate`` (inline, in the caller; for tests and scripts)."""
    mode = environ.get("HEARTH_TASKS", "").strip().lower() or ("redis" if redis_url else "embedded")
    if mode not in TASK_MODES:
        raise ConfigError("HEARTH_TASKS", f"expected one of {', '.join(TASK_MODES)}, got {mode!r}")
    if mode == "redis" and not redis_url:
        raise ConfigError("HEARTH_TASKS", "redis needs REDIS_URL")
    return mode


def _site_url(environ: Mapping[str, str]) -> str:
    """The site's public address, for links in e-mails sent by background tasks."""
    url = environ.get("HEARTH_SITE_URL", "").strip().rstrip("/")
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError("HEARTH_SITE_URL", f"expected http(s)://host, got {url!r}")
    return url


def read_env(environ: Mapping[str, str] | None = None) -> Env:
    """Read and validate every setting; raise :class:`ConfigError` on the first bad one."""
    environ = os.environ if environ is None else environ
    var_dir = Path(environ.get("HEARTH_VAR_DIR", str(BASE_DIR / "var"))).resolve()
    debug = _bool(environ, "DEBUG", default=False)
    hosts_raw = environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost")
    allowed_hosts = tuple(h.strip() for h in hosts_raw.split(",") if h.strip())
    if not allowed_hosts:
        raise ConfigError("ALLOWED_HOSTS", "must name at least one host (comma-separated)")
    database_url, database = _database(environ, var_dir)
    redis_url = _redis_url(environ)
    return Env(
        var_dir=var_dir,
        database=database,
        database_url=database_url,
        redis_url=redis_url,
        secret_key=_secret_key(environ, var_dir),
        debug=debug,
        allowed_hosts=allowed_hosts,
        language=_language(environ),
        time_zone=_time_zone(environ),
        serve_media=_bool(environ, "HEARTH_SERVE_MEDIA", default=True),
        email_url=environ.get("EMAIL_URL", "console://").strip() or "console://",
        shared_data=Path(
            environ.get("HEARTH_SHARED_DATA", str(BASE_DIR.parent / "shared" / "data"))
        ),
        analytics_engine=_analytics_engine(environ, database_url),
        tasks=_tasks(environ, redis_url),
        site_url=_site_url(environ),
    )
