"""Initiative pages by role: analysts read, community managers create and edit; the impact view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.analytics.models import Activity
from hearth.core import roles
from hearth.goals.models import Initiative

LIST = reverse("cockpit:initiatives")
NEW = reverse("cockpit:initiative_new")


@pytest.fixture
def manager(make_staff: Callable[..., Any], login: Callable[..., Client]) -> Client:
    return login(make_staff(roles.COMMUNITY_MANAGER, username="cm"))


@pytest.fixture
def analyst(make_staff: Callable[..., Any], login: Callable[..., Client]) -> Client:
    return login(make_staff(roles.ANALYST))


def form_data(**fields: Any) -> dict[str, Any]:
    data = {"name": "Monthly photo contest", "kind": "plan", "start_date": "2026-03-01"}
    data["status"] = "planned"
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("role", "status"),
    [(roles.ANALYST, 200), (roles.COMMUNITY_MANAGER, 200), (roles.CONTENT_EDITOR, 403)],
)
def test_who_may_open_the_list(
    role: str, status: int, make_staff: Callable[..., Any], login: Callable[..., Client]
) -> None:
    assert login(make_staff(role)).get(LIST).status_code == status


def test_an_analyst_reads_but_cannot_create_or_edit(analyst: Client) -> None:
    initiative = Initiative.objects.create(name="Photo contest", start_date=dt.date(2026, 3, 1))
    assert "Photo contest" in analyst.get(LIST).content.decode()
    detail = analyst.get(reverse("cockpit:initiative", args=[initiative.pk]))
    assert detail.status_code == 200
    assert 'data-testid="initiative-edit"' not in detail.content.decode()
    assert analyst.get(NEW).status_code == 403
    assert analyst.post(NEW, form_data()).status_code == 403
    edit = reverse("cockpit:initiative_edit", args=[initiative.pk])
    assert analyst.post(edit, form_data(name="Changed")).status_code == 403
    initiative.refresh_from_db()
    assert initiative.name == "Photo contest"


def test_a_manager_creates_and_edits(manager: Client, make_board: Callable[..., Any]) -> None:
    board = make_board(name="摄影")
    response = manager.post(NEW, form_data(boards=[board.pk], rationale="more photos"))
    created = Initiative.objects.get()
    assert response["Location"] == reverse("cockpit:initiative", args=[created.pk])
    assert list(created.boards.all()) == [board]
    edit = reverse("cockpit:initiative_edit", args=[created.pk])
    page = manager.get(edit).content.decode()
    assert 'value="Monthly photo contest"' in page
    manager.post(edit, form_data(status="active", end_date="2026-04-01", boards=[board.pk]))
    created.refresh_from_db()
    assert (created.status, created.end_date) == ("active", dt.date(2026, 4, 1))
    listing = manager.get(LIST).content.decode()
    assert "In progress" in listing


def test_the_form_presets_the_kind_of_a_board_plan(manager: Client) -> None:
    html = manager.get(NEW + "?kind=board_merge").content.decode()
    assert '<option value="board_merge" selected>' in html


def test_bad_input_is_refused_on_the_field_and_kept(
    manager: Client, make_board: Callable[..., Any]
) -> None:
    board = make_board()
    cases = [
        (form_data(end_date="2026-02-01"), "The end is before the start."),
        (form_data(kind="board_open"), "Opening a board needs the new board&#x27;s name."),
        (form_data(kind="board_close"), "Closing a board needs the board to close."),
        (
            form_data(kind="board_merge", boards=[board.pk], merge_into=board.pk),
            "The board to merge into must differ from the boards merged into it.",
        ),
    ]
    for data, message in cases:
        response = manager.post(NEW, data)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html, message
        assert 'value="Monthly photo contest"' in html
    assert not Initiative.objects.exists()


def test_the_impact_view_too_early_then_a_comparison(
    manager: Client, make_board: Callable[..., Any]
) -> None:
    touched, other = make_board(), make_board()
    today = timezone.localdate()
    initiative = Initiative.objects.create(name="AI push", start_date=today - dt.timedelta(days=3))
    initiative.boards.set([touched])
    url = reverse("cockpit:initiative", args=[initiative.pk])
    early = manager.get(url).content.decode()
    assert "Too early to tell: fewer than 7 days have passed since the start." in early
    assert "This is a comparison, not proof" in early
    assert 'data-testid="impact-chart"' not in early

    start = today - dt.timedelta(days=8)
    initiative.start_date = start
    initiative.save()
    rows = []
    for i in range(1, 9):
        before = timezone.make_aware(dt.datetime.combine(start - dt.timedelta(days=i), dt.time(12)))
        after = timezone.make_aware(
            dt.datetime.combine(start + dt.timedelta(days=i - 1), dt.time(12))
        )
        rows += [Activity(action="reply", board_id=touched.pk, occurred_at=before)] * 2
        rows += [Activity(action="reply", board_id=touched.pk, occurred_at=after)] * 6
        rows += [Activity(action="reply", board_id=other.pk, occurred_at=before)] * 2
        rows += [Activity(action="reply", board_id=other.pk, occurred_at=after)] * 3
    Activity.objects.bulk_create(
        [Activity(action=r.action, board_id=r.board_id, occurred_at=r.occurred_at) for r in rows]
    )
    html = manager.get(url + "?metric=reply").content.decode()
    # touched 2 → 6 (+4), other 2 → 3 (+1): DiD +3, +150% of the baseline 2
    did = html.split('data-testid="impact-did"', 1)[1].split("</td>", 1)[0]
    assert "3.00" in did
    assert "+150.0%" in did
    assert 'data-testid="impact-chart"' in html
    assert "This is a comparison, not proof" in html


def test_the_list_reads_the_database_a_fixed_number_of_times(
    manager: Client, make_board: Callable[..., Any]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    board = make_board()

    def plant(n: int) -> None:
        for i in range(n):
            item = Initiative.objects.create(name=f"Plan {i}", start_date=dt.date(2026, 1, 1))
            item.boards.set([board])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert manager.get(LIST).status_code == 200
        return len(queries)

    plant(2)
    count()  # the first request fills caches
    few = count()
    plant(6)
    assert count() == few
