from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.cockpit import selectors
from hearth.cockpit.permissions import can_curate_topics, can_manage_boards, can_view_goals
from hearth.cockpit.views.base import cockpit_view, render_page
from hearth.cockpit.views.goals.cards import GoalCard, goal_card
from hearth.goals.selectors import goal_list

GOAL_STRIP = 8  # live goals shown at the top

# Label and, for the tiles that are not about the last 7 days, the period they cover.
KPI_LABELS: dict[str, tuple[Promise, Promise | str]] = {
    "members": (gettext_lazy("Members"), gettext_lazy("all time")),
    "new_members": (gettext_lazy("New members"), ""),
    "active_members": (gettext_lazy("Active members"), ""),
    "topics": (gettext_lazy("New topics"), ""),
    "replies": (gettext_lazy("Replies"), ""),
    "likes": (gettext_lazy("Likes"), ""),
    "reads": (gettext_lazy("Reads"), ""),
    "featured": (gettext_lazy("Featured topics"), gettext_lazy("right now")),
}


def _goal_strip(request: HttpRequest) -> list[GoalCard]:
    """The live goals with their status: the goal is the centre of the cockpit."""
    if not can_view_goals(request.user):
        return []
    today = timezone.localdate()
    return [goal_card(goal, today=today) for goal in goal_list()[:GOAL_STRIP]]


@cockpit_view()
def home(request: HttpRequest) -> HttpResponse:
    series = selectors.overview_daily_series(days=30)
    chart = {
        "days": series["days"],
        "series": [
            {"name": _("New members"), "data": series["members"]},
            {"name": _("Topics"), "data": series["topics"]},
            {"name": _("Replies"), "data": series["replies"]},
            {"name": _("Reads"), "data": series["reads"]},
        ],
    }
    return render_page(
        request,
        "cockpit/home.html",
        {
            "kpis": [
                {"kpi": kpi, "label": KPI_LABELS[kpi.key][0], "period": KPI_LABELS[kpi.key][1]}
                for kpi in selectors.overview_kpis()
            ],
            "chart": chart,
            "boards": selectors.boards_top(limit=8),
            "attention": selectors.topics_needing_attention(limit=8),
            "can_curate": can_curate_topics(request.user),
            "can_manage_boards": can_manage_boards(request.user),
            "goal_cards": _goal_strip(request),
        },
        active="home",
    )
