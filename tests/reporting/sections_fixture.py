"""A realistic report snapshot built by hand (Chinese labels), to draw the page and the PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hearth.reporting.models import OperationsReport
from hearth.reporting.sections import Sections

DAYS = [(dt.date(2026, 11, 16) + dt.timedelta(days=i)).isoformat() for i in range(7)]
DAU = [1210.0, 1284.0, 1302.0, 1256.0, 1398.0, 1502.0, 1466.0]
NEW = [42.0, 51.0, 38.0, 47.0, 60.0, 73.0, 55.0]


def weekly_sections() -> Sections:
    """The week 2026-W47 of a busy community."""
    return {
        "kind": "weekly",
        "label": "2026-W47",
        "start": DAYS[0],
        "end": DAYS[-1],
        "previous_start": "2026-11-09",
        "previous_end": "2026-11-15",
        "language": "zh-hans",
        "has_data": True,
        "kpis": [
            {"key": "dau", "label": "日活跃会员", "value": 1345.4, "previous": 1180.0,
             "change": 0.14, "percent": False, "goal_id": 1, "goal_target": 1600.0,
             "goal_status": "behind", "spark": list(DAU)},
            {"key": "new_members", "label": "新会员", "value": 366.0, "previous": 301.0,
             "change": 0.216, "percent": False, "goal_id": None, "goal_target": None,
             "goal_status": None, "spark": list(NEW)},
            {"key": "posts", "label": "发帖数", "value": 2210.0, "previous": 2390.0,
             "change": -0.075, "percent": False, "goal_id": None, "goal_target": None,
             "goal_status": None, "spark": [300.0, 320.0, 280.0, 310.0, 340.0, 360.0, 300.0]},
            {"key": "stickiness", "label": "粘性（日活/月活）", "value": 0.231, "previous": 0.219,
             "change": 0.055, "percent": True, "goal_id": None, "goal_target": None,
             "goal_status": None, "spark": [0.22, 0.23, 0.23, 0.22, 0.24, 0.24, 0.23]},
        ],
        "daily": {"dau": list(DAU), "new_members": list(NEW)},
        "days": list(DAYS),
        "goals": [
            {"id": 1, "name": "本季度日活提升 30%", "metric": "日活跃会员", "owner": "李运营",
             "baseline": 1150.0, "target": 1495.0, "actual": 1345.4, "expected": 1380.0,
             "forecast": 1460.0, "forecast_low": 1390.0, "forecast_high": 1530.0,
             "deadline": "2026-12-31", "status": "behind", "status_label": "落后",
             "status_changed": True},
            {"id": 2, "name": "注册量增长 50%", "metric": "新会员", "owner": "王增长",
             "baseline": 1200.0, "target": 1800.0, "actual": 1420.0, "expected": 1400.0,
             "forecast": 1850.0, "forecast_low": 1700.0, "forecast_high": 2000.0,
             "deadline": "2026-12-31", "status": "on_track", "status_label": "正常",
             "status_changed": False},
        ],
        "channels": [
            {"key": "wechat", "name": "微信公众号", "signups": 160, "previous_signups": 120,
             "d7": 0.42, "d30": 0.28, "spend": 3000.0, "cost_per_member": 18.75},
            {"key": "seo", "name": "搜索引擎", "signups": 120, "previous_signups": 110,
             "d7": 0.35, "d30": None, "spend": None, "cost_per_member": None},
            {"key": "direct", "name": "直接访问", "signups": 86, "previous_signups": 71,
             "d7": 0.31, "d30": 0.2, "spend": None, "cost_per_member": None},
        ],
        "cohorts": [
            {"name": "2026-10-26", "size": 280, "rates": [1.0, 0.46, 0.35, 0.3]},
            {"name": "2026-11-02", "size": 301, "rates": [1.0, 0.5, 0.38]},
            {"name": "2026-11-09", "size": 322, "rates": [1.0, 0.52]},
            {"name": "2026-11-16", "size": 366, "rates": [1.0]},
        ],
        "top_content": [
            {"topic_id": 11, "title": "新手入门：如何选择第一台相机", "board": "摄影",
             "author": "光影小张", "reads": 5230, "replies": 88, "likes": 310, "url": "/t/11/"},
            {"topic_id": 12, "title": "AI 绘画工具横评（2026 版）", "board": "AI",
             "author": "算法老王", "reads": 4100, "replies": 64, "likes": 250, "url": "/t/12/"},
        ],
        "top_creators": [
            {"member_id": 5, "name": "光影小张", "topics": 12, "replies": 80, "likes_received": 640},
            {"member_id": 6, "name": "算法老王", "topics": 9, "replies": 45, "likes_received": 420},
        ],
        "kol_candidates": [
            {"member_id": 7, "name": "旅行的猫", "score": 320.0, "previous": 120.0,
             "growth": 1.667, "followers": 210},
            {"member_id": 8, "name": "新人阿杰", "score": 150.0, "previous": 0.0,
             "growth": None, "followers": 35},
        ],
        "moderation": {"reports": 48, "handled": 45, "median_hours": 3.5, "held": 12,
                       "removed": 9, "sanctions": 4, "appeals": 1, "previous_reports": 52},
        "anomalies": [
            {"metric": "dau", "label": "日活跃会员", "day": DAYS[5], "value": 1502.0,
             "expected": 1290.0, "low": 1180.0, "high": 1400.0,
             "explanation": ["摄影版块贡献了增量的 62%。", "来自微信公众号渠道的新会员是平时的两倍。"]},
        ],
    }  # fmt: skip


def empty_sections() -> Sections:
    """A week with no activity: the sections are empty."""
    sections = weekly_sections()
    sections.update(
        has_data=False, kpis=[], daily={}, goals=[], channels=[], cohorts=[], top_content=[],
        top_creators=[], kol_candidates=[], anomalies=[],
        moderation={"reports": 0, "handled": 0, "median_hours": None, "held": 0, "removed": 0,
                    "sanctions": 0, "appeals": 0, "previous_reports": 0},
    )  # fmt: skip
    return sections


def make_report(sections: Sections | None = None, **fields: Any) -> OperationsReport:
    """A stored weekly report with ``sections`` (the busy week by default)."""
    snapshot = sections if sections is not None else weekly_sections()
    values: dict[str, Any] = {
        "kind": snapshot["kind"],
        "period_start": dt.date.fromisoformat(snapshot["start"]),
        "period_end": dt.date.fromisoformat(snapshot["end"]),
        "label": snapshot["label"],
        "sections": snapshot,
        "has_data": snapshot["has_data"],
        **fields,
    }
    return OperationsReport.objects.create(**values)
