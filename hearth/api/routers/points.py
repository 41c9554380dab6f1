"""Points, levels, sign-in, badges and leaderboards: the same selectors and services as the pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Router, Schema

from hearth.api import selectors
from hearth.api.auth import ANYONE, MEMBER, OPTIONAL_AUTH_EXTRA, caller, member
from hearth.api.errors import ERRORS_READ, ERRORS_WRITE, NotFound
from hearth.core.privileges import privileges_for
from hearth.gamification import member_points
from hearth.gamification import selectors as points_selectors
from hearth.gamification.badge_selectors import badges_held
from hearth.gamification.leaderboards import leaderboard_page, period_parse
from hearth.gamification.models import SITE_WIDE, Level
from hearth.gamification.services import check_in

router = Router(tags=[gettext_noop("points")])


class LevelOut(Schema):
    position: int
    name: str
    threshold: int

    @classmethod
    def of(cls, level: Level | None) -> LevelOut | None:
        if level is None:
            return None
        return cls(position=level.position, name=level.name, threshold=level.threshold)


class PrivilegesOut(Schema):
    post_restricted: bool
    upload_images: bool
    daily_post_limit: int | None
    custom_title: bool
    invite_codes: int
    event_early_hours: int


class PointsOut(Schema):
    lifetime: int
    spendable: int
    level: LevelOut | None
    next_level: LevelOut | None
    points_to_next: int
    progress_percent: int
    privileges: PrivilegesOut
    signed_in_today: bool
    streak: int


class EntryOut(Schema):
    created_at: dt.datetime
    kind: str
    action: str
    amount: int
    lifetime_amount: int
    reason: str


class HistoryOut(Schema):
    page: int
    has_next: bool
    entries: list[EntryOut]


class CheckInOut(Schema):
    day: dt.date
    streak: int


class BadgeOut(Schema):
    slug: str
    name: str
    icon: str
    tier: str
    granted_at: dt.datetime
    times: int


class RankRowOut(Schema):
    rank: int
    username: str
    name: str
    level: str
    points: int


class LeaderboardOut(Schema):
    period: str
    period_key: str
    board: str | None
    page: int
    has_next: bool
    rows: list[RankRowOut]


@router.get(
    "/me/points",
    response={200: PointsOut, **ERRORS_READ},
    auth=MEMBER,
    summary=gettext_noop("Get the caller's points, level and privileges"),
)
def my_points(request: HttpRequest) -> PointsOut:
    me = member(request)
    progress = member_points.level_progress_for(member=me)
    held = privileges_for(me)
    return PointsOut(
        lifetime=progress.lifetime,
        spendable=progress.spendable,
        level=LevelOut.of(progress.level),
        next_level=LevelOut.of(progress.next_level),
        points_to_next=progress.points_to_next,
        progress_percent=progress.percent,
        privileges=PrivilegesOut(
            post_restricted=held.post_restricted,
            upload_images=held.upload_images,
            daily_post_limit=held.daily_post_limit,
            custom_title=held.custom_title,
            invite_codes=held.invite_codes,
            event_early_hours=held.event_early_hours,
        ),
        signed_in_today=points_selectors.check_in_today(member=me) is not None,
        streak=points_selectors.streak_for(member=me),
    )


@router.get(
    "/me/points/history",
    response={200: HistoryOut, **ERRORS_READ},
    auth=MEMBER,
    summary=gettext_noop("List the caller's points history, newest first"),
)
def my_points_history(request: HttpRequest, page: int = 1) -> HistoryOut:
    entries = member_points.points_history_page(member=member(request), page_number=page)
    return HistoryOut(
        page=entries.number,
        has_next=entries.has_next(),
        entries=[
            EntryOut(
                created_at=e.created_at,
                kind=e.kind,
                action=e.action,
                amount=e.amount,
                lifetime_amount=e.lifetime_amount,
                reason=e.reason,
            )
            for e in entries
        ],
    )


@router.post(
    "/me/check-in",
    response={200: CheckInOut, **ERRORS_WRITE},
    auth=MEMBER,
    summary=gettext_noop("Sign in for today (签到)"),
    description=gettext_noop("Once a local day; a second call that day answers the same sign-in."),
)
def my_check_in(request: HttpRequest) -> CheckInOut:
    row = check_in(member=member(request))
    return CheckInOut(day=row.day, streak=row.streak)


@router.get(
    "/members/{username}/badges",
    response={200: list[BadgeOut], **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("List the badges a member holds"),
)
def member_badges(request: HttpRequest, username: str) -> list[BadgeOut]:
    found = selectors.member_get_public(username=username)
    if found is None:
        raise NotFound(_("There is no member with this username."))
    return [
        BadgeOut(
            slug=held.badge.slug,
            name=held.badge.name,
            icon=held.badge.icon,
            tier=held.badge.tier,
            granted_at=held.granted_at,
            times=held.times,
        )
        for held in badges_held(member_id=found.pk)
    ]


@router.get(
    "/leaderboards",
    response={200: LeaderboardOut, **ERRORS_READ},
    auth=ANYONE,
    openapi_extra=OPTIONAL_AUTH_EXTRA,
    summary=gettext_noop("Get a page of a leaderboard"),
    description=gettext_noop(
        "period: week, month or all (default all); board: a board's slug for its own ranking."
    ),
)
def leaderboard(
    request: HttpRequest, period: str = "all", board: str = "", page: int = 1
) -> LeaderboardOut:
    board_id = SITE_WIDE
    if board:
        found = selectors.board_get_visible(user=caller(request), slug=board)
        if found is None:
            raise NotFound(_("There is no board with this name, or you cannot see it."))
        board_id = found.pk
    ranking = leaderboard_page(period=period_parse(period), board_id=board_id, page=page)
    return LeaderboardOut(
        period=ranking.period.value,
        period_key=ranking.period_key,
        board=board or None,
        page=ranking.number,
        has_next=ranking.has_next,
        rows=[
            RankRowOut(
                rank=row.rank,
                username=row.username,
                name=row.name,
                level=row.level_name,
                points=row.points,
            )
            for row in ranking.rows
        ],
    )
