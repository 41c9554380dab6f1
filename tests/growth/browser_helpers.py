"""Chromium for the growth pages' browser tests: run a scenario, open a page, take a screenshot."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage"]  # fmt: skip


def with_browser(scenario: Callable[[Any], None]) -> None:
    """Run ``scenario(browser)`` in Debian's Chromium, in a thread of its own (Playwright's
    sync API refuses to start where another instance already runs an event loop)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed")

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            try:
                scenario(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(run).result()


def new_page(browser: Any, *, width: int = 1280, timeout_ms: int = 15_000) -> Any:
    """A page in a fresh context (its own cookies), in Chinese."""
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    context.set_default_timeout(timeout_ms)
    return context.new_page()


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def session_of(user: Any) -> str:
    """A logged-in session key for ``user`` (made in the test process, for a page's cookie)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def logged_in_page(
    browser: Any, base: str, session: str, *, width: int = 1280, timeout_ms: int = 15_000
) -> Any:
    """:func:`new_page` carrying the session cookie of :func:`session_of` for ``base``."""
    from django.conf import settings

    page = new_page(browser, width=width, timeout_ms=timeout_ms)
    host = base.split("//", 1)[1].split(":")[0]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": host, "path": "/"}]
    )
    return page
