"""The demo community (placeholder until the generator lands)."""

from __future__ import annotations

from collections.abc import Callable

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "hearth-demo"  # noqa: S105 (printed by `hearth demo` on purpose)
THEMES = {"tech": "Tech enthusiasts"}


def demo_exists() -> bool:
    return False


def demo_build(
    *, seed: int, theme: str, members: int, reset: bool, progress: Callable[[str], object]
) -> str:
    raise NotImplementedError
