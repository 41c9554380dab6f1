"""`hearth serve` runs the production server with static files, end to end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.timeout_slow
def test_serve_answers_pages_and_static_files(tmp_path: Path) -> None:
    port = _free_port()
    environ = {**os.environ, "HEARTH_VAR_DIR": str(tmp_path)}
    environ.pop("DATABASE_URL", None)
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "hearth.cli", "serve", "--migrate", "--port", str(port),
         "--workers", "1", "--no-worker"],  # the embedded worker has its own tests
        cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120  # migrate and collectstatic on a busy machine
        status = 0
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/rules/")
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"hearth serve exited early:\n{output}")
                time.sleep(0.3)
        assert status == 200
        assert b"<html" in body
        css_status, css = _get(f"http://127.0.0.1:{port}/static/hearth/css/hearth.css")
        assert css_status == 200
        assert b"--brand" in css
        js_status, _js = _get(f"http://127.0.0.1:{port}/static/vendor/htmx/htmx.min.js")
        assert js_status == 200
    finally:
        server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
