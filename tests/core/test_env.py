"""Settings from the environment: good values parse, bad ones name the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hearth.conf.env import ConfigError, read_env

ROOT = Path(__file__).resolve().parents[2]


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"HEARTH_VAR_DIR": str(tmp_path), **values}


def test_defaults_give_a_sqlite_file_in_wal_mode_under_var(tmp_path: Path) -> None:
    config = read_env(env(tmp_path))
    assert config.database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config.database["NAME"]) == tmp_path / "hearth.sqlite3"
    assert "journal_mode=WAL" in config.database["OPTIONS"]["init_command"]
    assert config.language == "zh-hans"
    assert config.redis_url is None
    assert config.debug is False


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = read_env(env(tmp_path)).secret_key
    second = read_env(env(tmp_path)).secret_key
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_postgres_url_is_parsed(tmp_path: Path) -> None:
    config = read_env(env(tmp_path, DATABASE_URL="postgres://u:p@db.example:6543/hearth"))
    assert config.database["ENGINE"] == "django.db.backends.postgresql"
    assert (config.database["HOST"], config.database["PORT"]) == ("db.example", 6543)
    assert config.database["NAME"] == "hearth"


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("DATABASE_URL", "mysql://root@localhost/hearth", "unsupported engine"),
        ("DATABASE_URL", "not a url at all", "DATABASE_URL"),
        ("DATABASE_URL", "postgres://localhost", "no database name"),
        ("DEBUG", "maybe", "expected true/false"),
        ("HEARTH_LANGUAGE", "fr", "expected one of zh-hans, en"),
        ("REDIS_URL", "localhost:6379", "expected redis://"),
        ("SECRET_KEY", "short", "at least 32 characters"),
        ("HEARTH_TIME_ZONE", "Mars/Olympus", "unknown time zone"),
        ("ALLOWED_HOSTS", " , ", "at least one host"),
        ("HEARTH_TASKS", "celery", "expected one of embedded, redis, immediate"),
        ("HEARTH_TASKS", "redis", "redis needs REDIS_URL"),
        ("HEARTH_SITE_URL", "community.example.cn", "expected http(s)://host"),
    ],
)
def test_bad_values_name_the_variable(
    tmp_path: Path, variable: str, value: str, fragment: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        read_env(env(tmp_path, **{variable: value}))
    assert caught.value.variable == variable
    assert str(caught.value).startswith(f"{variable}: ")
    assert fragment in str(caught.value)


def test_hearth_refuses_to_start_with_a_bad_database_url(tmp_path: Path) -> None:
    environ = {**os.environ, "HEARTH_VAR_DIR": str(tmp_path), "DATABASE_URL": "oracle://x/y"}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "hearth.cli", "check"],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2
    assert "Hearth configuration error: DATABASE_URL: unsupported engine" in result.stderr
    assert "Traceback" not in result.stderr


def test_tasks_follow_redis_unless_told(tmp_path: Path) -> None:
    assert read_env(env(tmp_path)).tasks == "embedded"
    with_redis = env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert read_env(with_redis).tasks == "redis"
    assert read_env({**with_redis, "HEARTH_TASKS": "embedded"}).tasks == "embedded"
    site = read_env(env(tmp_path, HEARTH_SITE_URL="https://community.example.cn/"))
    assert site.site_url == "https://community.example.cn"
