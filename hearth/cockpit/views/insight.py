"""Insight pages: candidates for featuring (精华候选) and the moderation metrics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.cockpit.permissions import can_curate_topics, can_feature_topic, can_moderate_content
from hearth.cockpit.views.base import acting_user, cockpit_view, render_page
from hearth.community.selectors.featuring import (
    CANDIDATE_WINDOWS,
    MIN_READS,
    FeatureCandidate,
    candidate_days_parse,
    feature_candidates,
)
from hearth.moderation.selectors import metrics

RECOMMEND_DAYS = 7
"""The one-click recommendation on the candidates page lasts a week."""


@dataclass(frozen=True)
class CandidateRow:
    candidate: FeatureCandidate
    can_feature: bool
    recommended: bool  # on the home page right now


@cockpit_view(can_curate_topics)
def candidates(request: HttpRequest) -> HttpResponse:
    days = candidate_days_parse(request.GET.get("days"))
    user = acting_user(request)
    now = timezone.now()
    rows = [
        CandidateRow(
            candidate=c,
            can_feature=can_feature_topic(user, c.topic),
            recommended=bool(c.topic.recommended_until and c.topic.recommended_until > now),
        )
        for c in feature_candidates(days=days, now=now)
    ]
    until = timezone.localtime(now) + dt.timedelta(days=RECOMMEND_DAYS)
    return render_page(
        request,
        "cockpit/insight/candidates.html",
        {
            "rows": rows,
            "days": days,
            "windows": CANDIDATE_WINDOWS,
            "min_reads": MIN_READS,
            "recommend_until": until.strftime("%Y-%m-%dT%H:%M"),
            "recommend_days": RECOMMEND_DAYS,
            "return_to": request.get_full_path(),
        },
        active="candidates",
    )


def duration(seconds: float | None) -> str:
    """A short reading of a duration: "45 s", "12 min", "3.5 h", "2.1 d" ("—" when unknown)."""
    if seconds is None:
        return "—"
    if seconds < 90:
        return _("%(n)d s") % {"n": round(seconds)}
    if seconds < 90 * 60:
        return _("%(n)d min") % {"n": round(seconds / 60)}
    if seconds < 48 * 3600:
        return _("%(n).1f h") % {"n": seconds / 3600}
    return _("%(n).1f d") % {"n": seconds / 86400}


def _hours(hours: float | None) -> str:
    return duration(hours * 3600 if hours is not None else None)


@cockpit_view(can_moderate_content)
def moderation_metrics(request: HttpRequest) -> HttpResponse:
    days = metrics.period_parse(request.GET.get("days"))
    found = metrics.moderation_metrics(days=days)
    rate = found.decisions.overturn_rate
    return render_page(
        request,
        "cockpit/insight/metrics.html",
        {
            "metrics": found,
            "times": {
                "oldest": _hours(found.queue.oldest_hours),
                "median_age": _hours(found.queue.median_hours),
                "median": duration(found.decisions.median_seconds),
                "p90": duration(found.decisions.p90_seconds),
            },
            "moderators": [(row, duration(row.avg_seconds)) for row in found.moderators],
            "overturn_percent": None if rate is None else round(rate * 100, 1),
            "report_max": max((row.reports for row in found.reports), default=0),
            "days": days,
            "periods": metrics.PERIODS,
            "repeat_min": metrics.REPEAT_MIN,
            "repeat_days": metrics.REPEAT_WINDOW_DAYS,
        },
        active="moderation_metrics",
    )
