"""Benchmark: what recording analytics adds to a member's request.

Run from the repository root::

    .venv/bin/python bench/recording.py [--requests 300]

On a throwaway SQLite database (the topic of ``bench/topic_page.py``, 100
replies), a logged-in member opens the topic page through Django's test
client, in two cases:

* **worst case**: every request starts a session and is the member's first
  read of the topic that day, so it records a visit and a read (two rows
  appended after the request's transaction commits);
* **typical**: the session is running and the topic was read already today:
  the only work is the session check in the cache.

In the same run the same requests are timed with analytics recording off
(its middleware removed and its event handlers unsubscribed); the overhead is
the difference of the medians. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import topic_page  # noqa: E402  (the same topic and setup)


def timed(request: Callable[[], Any], prepare: Callable[[], None], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        request()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def recording(on: bool) -> None:
    """Switch analytics recording on or off (middleware and event handlers)."""
    from django.conf import settings

    from hearth.core import events

    middleware = "hearth.analytics.middleware.VisitMiddleware"
    stack = [m for m in settings.MIDDLEWARE if m != middleware]
    settings.MIDDLEWARE = [*stack, middleware] if on else stack
    if not on:
        for handlers in events._handlers.values():  # the bench's own switch, not an API
            handlers[:] = [
                h for h in handlers if not h[0].__module__.startswith("hearth.analytics")
            ]


def measure(runs: int) -> dict[str, Any]:
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from hearth.analytics.models import Activity
    from hearth.community.models import Read

    topic, reader = topic_page.build(100)
    url = reverse("community:topic", args=[topic.pk])

    def client() -> Client:
        made = Client(HTTP_USER_AGENT="Mozilla/5.0 (iPhone) Mobile")
        made.force_login(reader)
        return made

    def fresh() -> None:  # a new session and no read today: both rows are written
        cache.clear()
        Read.objects.filter(member=reader).delete()
        Activity.objects.all()._raw_delete("default")  # the read's key was taken

    def nothing() -> None:
        return None

    results: dict[str, Any] = {}
    for case, prepare in (("worst_case", fresh), ("typical", nothing)):
        figures: dict[str, float] = {}
        for on in (True, False):
            recording(on)
            browser = client()
            browser.get(url)  # warm up
            timings = timed(lambda b=browser: b.get(url), prepare, runs)  # type: ignore[misc]
            label = "with_recording" if on else "without_recording"
            figures[f"{label}_median_ms"] = round(statistics.median(timings), 3)
            figures[f"{label}_p95_ms"] = round(sorted(timings)[int(0.95 * (runs - 1))], 3)
            if on:  # what one more such request appends
                prepare()
                before = Activity.objects.count()
                browser.get(url)
                figures["rows_per_request"] = Activity.objects.count() - before
        figures["overhead_ms"] = round(
            figures["with_recording_median_ms"] - figures["without_recording_median_ms"], 3
        )
        results[case] = figures
        recording(True)
        from importlib import reload

        from hearth.analytics import subscribers

        reload(subscribers)  # subscribe the handlers again for the next case
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        topic_page.setup(Path(var))
        result = {"requests": args.requests, **measure(args.requests)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
