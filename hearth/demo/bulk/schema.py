"""Create the target database's schema by running Hearth's own migrations against it."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg


def postgres_database_ensure(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` when it does not exist yet."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as db:
        exists = db.execute(b"SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{name.replace(chr(34), "")}"'.encode())


def schema_migrate(database_url: str) -> None:
    """Run ``hearth migrate`` in a child process whose DATABASE_URL is the target."""
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, "-m", "hearth.cli", "migrate", "--no-input", "--verbosity", "0"],
        env=env,
        check=True,
    )
