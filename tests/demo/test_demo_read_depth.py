"""The demo's reads carry a plausible read depth, and the reading analyses see it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Avg
from django.test import override_settings

from hearth.analytics.definitions import DEFAULT_ACTIVE
from hearth.analytics.queries.params import Window
from hearth.analytics.queries.reading import ReadDepth
from hearth.analytics.store.duck import DuckDBEngine
from hearth.analytics.store.sync import store_sync
from hearth.community.models import Read
from hearth.demo.build import demo_build
from hearth.demo.depth import demo_read_depth

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 10, 15, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_depth_grows_with_reading_time() -> None:
    depths = [demo_read_depth(s, 3, 5) for s in (3, 20, 60, 120, 600)]
    assert depths == sorted(depths)
    assert all(
        5 <= demo_read_depth(s, m, t) <= 100
        for s in (0, 5, 900)
        for m in range(20)
        for t in range(20)
    )
    assert demo_read_depth(1800, 1, 1) == 100


def test_demo_reads_have_a_depth_the_store_reads(tmp_path: Path, settings: Any) -> None:
    with override_settings(MEDIA_ROOT=tmp_path, HEARTH_VAR_DIR=tmp_path):
        demo_build(seed=7, theme="tech", members=50, reset=False, progress=lambda _l: None, now=NOW)
    reads = Read.objects.all()
    assert reads.exists()
    assert not reads.filter(depth__isnull=True).exists()
    assert reads.filter(depth=100).exists()
    short = reads.filter(dwell_seconds__lt=30).aggregate(d=Avg("depth"))["d"]
    long = reads.filter(dwell_seconds__gt=120).aggregate(d=Avg("depth"))["d"]
    assert short < long
    engine = DuckDBEngine()
    try:
        store_sync(engine)
        window = Window(
            start=NOW.date() - dt.timedelta(days=179),
            end=NOW.date(),
            actions=DEFAULT_ACTIVE,
            tz="Asia/Shanghai",
        )
        total = ReadDepth(window).calculate(engine).total
        assert total.reads == reads.count()
        assert total.with_depth == total.reads
    finally:
        engine.close()
