"""Fixtures of the demo tests: one default-size demo community, built once per module.

Every module that uses it is in the xdist group "demo", so its tests run on one worker
and the module builds the demo once (spread over two workers it was built twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from tests.demo import measure

SEED = 20261125
DEFAULT_MEMBERS = 3000
NOW = dt.datetime(2026, 6, 15, 21, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
"""A fixed end of the simulated period: the measured effects are the same on every run."""


@dataclass(frozen=True)
class DemoWorld:
    now: dt.datetime
    today: dt.date
    summary: str
    actions: list[measure.Action]


@pytest.fixture(scope="module")
def demo_world(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoWorld]:
    """The default demo (3,000 members, theme "tech"), committed for the module, then removed."""
    from hearth.core.models import BrandSettings
    from hearth.demo.build import demo_build, demo_reset

    media: Path = tmp_path_factory.mktemp("demo-media")
    var: Path = tmp_path_factory.mktemp("demo-var")
    with override_settings(MEDIA_ROOT=media, HEARTH_VAR_DIR=var), django_db_blocker.unblock():
        now = NOW
        try:
            summary = demo_build(
                seed=SEED,
                theme="tech",
                members=DEFAULT_MEMBERS,
                reset=False,
                progress=lambda _line: None,
                now=now,
            )
            yield DemoWorld(
                now=now,
                today=timezone.localdate(now),
                summary=summary,
                actions=measure.actions(),
            )
        finally:
            demo_reset()
            BrandSettings.objects.all().delete()
            cache.clear()
