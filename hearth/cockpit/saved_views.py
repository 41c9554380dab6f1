"""Saved views: an analytics page's parameters kept under a name, for the staff member who saved them."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django.db import transaction

from hearth.accounts.models import User
from hearth.cockpit.analytics_forms import (
    DashboardForm,
    LifecycleForm,
    RangeForm,
    RetentionForm,
    TrendsForm,
)
from hearth.cockpit.analytics_forms_content import ContentForm, ReadingForm
from hearth.cockpit.analytics_forms_pages import BoardsForm, FunnelForm
from hearth.cockpit.metrics_forms import MetricsForm
from hearth.cockpit.models import AnalyticsPage, SavedView
from hearth.cockpit.segment_forms import SegmentCompareForm

PAGE_FORMS: dict[str, type[RangeForm]] = {
    AnalyticsPage.DASHBOARD: DashboardForm,
    AnalyticsPage.TRENDS: TrendsForm,
    AnalyticsPage.RETENTION: RetentionForm,
    AnalyticsPage.LIFECYCLE: LifecycleForm,
    AnalyticsPage.SEGMENTS: SegmentCompareForm,
    AnalyticsPage.FUNNEL: FunnelForm,
    AnalyticsPage.BOARDS: BoardsForm,
    AnalyticsPage.CONTENT: ContentForm,
    AnalyticsPage.READING: ReadingForm,
    AnalyticsPage.METRICS: MetricsForm,
}


def saved_view_query_clean(*, page: str, query: str) -> str:
    """The page's own parameters of ``query`` (a query string), non-empty, in the form's order."""
    names = PAGE_FORMS[page].parameter_names()
    given = {k: v for k, v in parse_qsl(query.lstrip("?"), keep_blank_values=False)}
    return urlencode([(name, given[name]) for name in names if given.get(name)])


@transaction.atomic
def saved_view_save(*, owner: User, page: str, name: str, query: str) -> SavedView:
    """Save (or, under a name already used on this page, replace) the owner's view."""
    view, _created = SavedView.objects.update_or_create(
        owner=owner,
        page=page,
        name=name.strip(),
        defaults={"query": saved_view_query_clean(page=page, query=query)},
    )
    return view


def saved_view_delete(*, owner: User, pk: int) -> str | None:
    """Delete the owner's view ``pk``; its page, or None when the owner has no such view."""
    view = SavedView.objects.filter(owner=owner, pk=pk).first()
    if view is None:
        return None
    view.delete()
    return view.page


def saved_views_for(*, owner: User, page: str) -> list[SavedView]:
    return list(SavedView.objects.filter(owner=owner, page=page))
