"""Read depth: the beacon reports how far down the topic the page got; the day's read keeps
the deepest point, and the analytics log carries it. Bad depths are ignored quietly."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from hearth.analytics.models import Activity
from hearth.community.forms import read_depth_parse
from hearth.community.models import Read


def test_the_read_keeps_the_deepest_point_reached(
    reader_client: Client, topic: Any, reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    beacon = reverse("community:topic_read", args=[topic.pk])
    with django_capture_on_commit_callbacks(execute=True):
        reader_client.get(reverse("community:topic", args=[topic.pk]))
        assert reader_client.post(beacon, {"dwell": "12", "depth": "40"}).status_code == 204
        assert reader_client.post(beacon, {"dwell": "5", "depth": "85.4"}).status_code == 204
        assert reader_client.post(beacon, {"dwell": "3", "depth": "60"}).status_code == 204
    read = Read.objects.get(member=reader, topic=topic)
    assert (read.dwell_seconds, read.depth) == (20, 85)  # the max, not the last
    dwell = Activity.objects.filter(action="dwell", topic_id=topic.pk).order_by("pk")
    assert [(a.value, a.properties.get("depth")) for a in dwell] == [
        (12.0, 40),
        (5.0, 85),
        (3.0, 60),
    ]
    first = Activity.objects.get(action="read", topic_id=topic.pk)
    assert "depth" not in first.properties  # the page view reports no depth


def test_a_depth_alone_is_recorded_too(
    reader_client: Client, topic: Any, reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    beacon = reverse("community:topic_read", args=[topic.pk])
    with django_capture_on_commit_callbacks(execute=True):
        reader_client.post(beacon, {"dwell": "10"})
        assert reader_client.post(beacon, {"dwell": "0", "depth": "100"}).status_code == 204
    assert Read.objects.get(member=reader, topic=topic).depth == 100
    assert Activity.objects.filter(action="dwell", properties__depth=100).count() == 1


def test_bad_depths_are_ignored_and_the_dwell_still_counts(
    reader_client: Client, topic: Any, reader: Any
) -> None:
    beacon = reverse("community:topic_read", args=[topic.pk])
    for bad in ("deep", "150", "-1", "nan", "inf", "", "1e999", "12345678901"):
        assert reader_client.post(beacon, {"dwell": "2", "depth": bad}).status_code == 204
    read = Read.objects.get(member=reader, topic=topic)
    assert (read.dwell_seconds, read.depth) == (16, None)
    assert reader_client.post(beacon, {"dwell": "lots", "depth": "50"}).status_code == 400


def test_depth_parsing() -> None:
    assert [read_depth_parse(v) for v in ("0", "99.6", "100", " 7", None, ["5"])] == [
        0,
        100,
        100,
        7,
        None,
        None,
    ]
