"""The onboarding log the funnel tests share.

By hand (Asia/Shanghai):

    a (seo)     sign-up 01-05 10:00, profile 01-05 11:00, read 01-06 12:00
    b (seo)     sign-up 01-06 10:00, read 01-07 10:00 (never completes the profile)
    c (douyin)  sign-up 01-06 10:00, profile 01-06 12:00
    d (douyin)  sign-up 01-07 10:00, profile 01-20 10:00 (13 days later: outside 7 days)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def onboarding_log(member: Callable[..., Any], act: Callable[..., Any]) -> None:
    """Write the log with the ``member`` and ``act`` fixtures of tests/analytics/conftest.py."""
    a = member("a", "2026-01-05", channel="seo")
    b = member("b", "2026-01-06", channel="seo")
    c = member("c", "2026-01-06", channel="douyin")
    d = member("d", "2026-01-07", channel="douyin")
    act(a, "sign_up", "2026-01-05", hour=10)
    act(a, "profile_complete", "2026-01-05", hour=11)
    act(a, "read", "2026-01-06", hour=12)
    act(b, "sign_up", "2026-01-06", hour=10)
    act(b, "read", "2026-01-07", hour=10)
    act(c, "sign_up", "2026-01-06", hour=10)
    act(c, "profile_complete", "2026-01-06", hour=12)
    act(d, "sign_up", "2026-01-07", hour=10)
    act(d, "profile_complete", "2026-01-20", hour=10)
