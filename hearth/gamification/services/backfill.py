"""Points from history: the ledger the live subscribers would have written, derived in SQL.

The demo and ``hearth generate`` write content in bulk, without domain
events, so nobody has points. :func:`points_backfill` derives the awards from
the content rows with the current rules (points, board overrides, once
cycles, caps per day or hour in local time, no repeat for one target) and the
idempotency keys of :mod:`hearth.gamification.subscribers`, so a live replay
of an old event later finds its award and adds nothing. Each rule is one
INSERT … SELECT; then balances, levels and leaderboards are recomputed from
the ledger. Running it again adds nothing.

What history cannot tell is decided like this: a topic earns its featured
points at its current featured level (raising a level earns nothing live
either, since featured pays once per topic); likes count only on content
that is still published and never for one's own post; a like given by an
account younger than the fairness policy's new-account period earns its
receiver nothing (as live); the profile bonus goes to profiles complete now,
dated when the member joined. Rules with a floor and negative points (whose
amounts depend on the running balance) are skipped and reported.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone

from hearth.accounts.models import User
from hearth.community.models import Like, Reply, Status, Topic
from hearth.gamification.actions import Cycle, EntryKind, PointAction
from hearth.gamification.leaderboards import LocalPeriodKey
from hearth.gamification.models import CheckIn, FairnessPolicy, PointBalance, PointEntry, PointRule
from hearth.gamification.services.leaderboards import leaderboards_rebuild
from hearth.gamification.services.levels import levels_recompute

# Every candidate queryset is annotated with these (the bf_ prefix keeps clear of model fields).
CANDIDATE_COLUMNS = ("bf_member", "bf_source", "bf_target", "bf_board", "bf_at", "bf_times")
ENTRY_COLUMNS = (
    "member_id",
    "kind",
    "rule_id",
    "action",
    "amount",
    "lifetime_amount",
    "source_key",
    "target_key",
    "board_id",
    "idempotency_key",
    "cycle_key",
    "reason",
    "created_at",
)


@dataclass
class BackfillSummary:
    entries: dict[str, int] = field(default_factory=dict)  # action → entries added
    skipped: list[str] = field(default_factory=list)  # actions whose rule could not be applied
    balances: int = 0  # balances written or changed
    level_moves: int = 0
    scores: int = 0  # leaderboard rows written
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.entries.values())


def _text(expression: Any) -> Cast:
    return Cast(expression, output_field=CharField())


def _key(*parts: Any) -> Concat:
    return Concat(*[Value(p) if isinstance(p, str) else p for p in parts], output_field=CharField())


def _none() -> Cast:
    """A typed NULL board (an untyped one reads as text in PostgreSQL subqueries)."""
    return Cast(Value(None), output_field=BigIntegerField())


def _one() -> Value:
    return Value(1, output_field=IntegerField())


def _topics(*, featured: bool = False) -> QuerySet[Any]:
    topics = Topic.objects.filter(status=Status.PUBLISHED)
    source = _key("topic:", _text("pk"))
    if featured:
        return topics.filter(featured_level__gt=0).annotate(
            bf_member=F("author_id"),
            bf_source=_key("topic:", _text("pk"), ":featured:", _text("featured_level")),
            bf_target=source,
            bf_board=F("board_id"),
            bf_at=Coalesce(F("featured_at"), F("created_at")),
            bf_times=ExpressionWrapper(F("featured_level"), output_field=IntegerField()),
        )
    return topics.annotate(
        bf_member=F("author_id"),
        bf_source=source,
        bf_target=source,
        bf_board=F("board_id"),
        bf_at=F("created_at"),
        bf_times=_one(),
    )


def _replies() -> QuerySet[Any]:
    return Reply.objects.filter(status=Status.PUBLISHED).annotate(
        bf_member=F("author_id"),
        bf_source=_key("reply:", _text("pk")),
        bf_target=_key("topic:", _text("topic_id")),
        bf_board=F("topic__board_id"),
        bf_at=F("created_at"),
        bf_times=_one(),
    )


def _likes(*, received: bool) -> QuerySet[Any]:
    published = Q(reply__isnull=True, topic__status=Status.PUBLISHED) | Q(
        reply__status=Status.PUBLISHED
    )
    likes = (
        Like.objects.filter(published)
        .annotate(
            bf_receiver=Coalesce(F("reply__author_id"), F("topic__author_id")),
            bf_target=Case(
                When(reply__isnull=False, then=_key("reply:", _text("reply_id"))),
                default=_key("topic:", _text("topic_id")),
                output_field=CharField(),
            ),
        )
        .exclude(bf_receiver=F("member_id"))
    )
    if received:
        policy = FairnessPolicy.objects.filter(pk=1).first() or FairnessPolicy()
        if policy.new_account_days > 0 and not policy.new_account_likes_earn:
            young = dt.timedelta(days=policy.new_account_days)
            likes = likes.filter(created_at__gte=F("member__date_joined") + young)
    return likes.annotate(
        bf_member=F("bf_receiver") if received else F("member_id"),
        bf_source=_key("like:", _text("member_id"), ":", F("bf_target")),
        bf_board=_none(),
        bf_at=F("created_at"),
        bf_times=_one(),
    )


def _sign_ins() -> QuerySet[Any]:
    return CheckIn.objects.annotate(
        bf_member=F("member_id"),
        bf_source=_key("checkin:", _text("member_id"), ":", _text("day")),
        bf_target=Value("", output_field=CharField()),
        bf_board=_none(),
        bf_at=F("created_at"),
        bf_times=_one(),
    )


def _profiles() -> QuerySet[Any]:
    return (
        User.objects.exclude(display_name="")
        .exclude(bio="")
        .exclude(province="")
        .exclude(avatar="")
        .annotate(
            bf_member=F("pk"),
            bf_source=_key("profile:", _text("pk")),
            bf_target=Value("", output_field=CharField()),
            bf_board=_none(),
            bf_at=F("date_joined"),
            bf_times=_one(),
        )
    )


SOURCES: dict[str, Callable[[], QuerySet[Any]]] = {
    PointAction.TOPIC_CREATED: _topics,
    PointAction.FIRST_TOPIC: _topics,
    PointAction.REPLY_CREATED: _replies,
    PointAction.LIKE_RECEIVED: lambda: _likes(received=True),
    PointAction.LIKE_GIVEN: lambda: _likes(received=False),
    PointAction.TOPIC_FEATURED: lambda: _topics(featured=True),
    PointAction.SIGN_IN: _sign_ins,
    PointAction.PROFILE_COMPLETED: _profiles,
}


def _cycle_key(cycle: str) -> Any:
    if cycle == Cycle.DAILY:
        return LocalPeriodKey(F("bf_at"), unit="day")
    if cycle == Cycle.HOURLY:
        return LocalPeriodKey(F("bf_at"), unit="hour")
    return Value("once" if cycle == Cycle.ONCE else "all", output_field=CharField())


def _amount(rule: PointRule) -> ExpressionWrapper[Any]:
    overrides = {o.board_id: o.points for o in rule.board_overrides.all()}
    points = Case(
        *[When(bf_board=board, then=Value(value)) for board, value in sorted(overrides.items())],
        default=Value(rule.points),
        output_field=IntegerField(),
    )
    return ExpressionWrapper(points * F("bf_times"), output_field=IntegerField())


def _candidates(rule: PointRule) -> QuerySet[Any]:
    """The rule's awards not yet in the ledger, with what the caps need to pick among them."""
    rows = SOURCES[rule.action]().annotate(
        bf_key=_key(f"{rule.action}|", _text("bf_member"), "|", F("bf_source")),
        bf_cycle=_cycle_key(rule.cycle),
        bf_amount=_amount(rule),
    )
    rows = rows.annotate(
        bf_lifetime=Case(When(bf_amount__gt=0, then=F("bf_amount")), default=Value(0)),
        bf_used=Value(0, output_field=IntegerField()),
    )
    standing = PointEntry.objects.filter(
        action=rule.action, kind=EntryKind.AWARD, reversal__isnull=True
    )
    if PointEntry.objects.filter(action=rule.action).exists():  # live awards to fit around
        rows = rows.exclude(Exists(PointEntry.objects.filter(idempotency_key=OuterRef("bf_key"))))
        if rule.no_repeat_target:
            same_target = standing.filter(
                member_id=OuterRef("bf_member"), target_key=OuterRef("bf_target")
            )
            rows = rows.exclude(Exists(same_target))
        used = (
            standing.filter(member_id=OuterRef("bf_member"), cycle_key=OuterRef("bf_cycle"))
            .values("member_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rows = rows.annotate(bf_used=Coalesce(Subquery(used), Value(0)))
    columns = (*CANDIDATE_COLUMNS, "bf_key", "bf_cycle", "bf_amount", "bf_lifetime", "bf_used")
    result: QuerySet[Any] = rows.annotate(bf_order=F("pk")).values(*columns, "bf_order")
    return result


def _rule_insert(rule: PointRule) -> int:
    """One INSERT … SELECT of the rule's due awards; window functions apply no-repeat and caps."""
    select, params = _candidates(rule).query.sql_with_params()
    rows = f"({select})"
    order = "ORDER BY bf_at, bf_order"
    if rule.no_repeat_target:  # the first award per target only
        rows = (
            "(SELECT * FROM (SELECT bf_t.*, ROW_NUMBER() OVER "  # noqa: S608 (constants only)
            f"(PARTITION BY bf_member, bf_target {order}) AS bf_nth FROM {rows} bf_t) bf_n "
            "WHERE bf_nth = 1)"
        )
    cap = 1 if rule.cycle == Cycle.ONCE else rule.cap
    where, where_params = "1 = 1", []
    if cap is not None:
        rows = (
            "(SELECT bf_c.*, ROW_NUMBER() OVER "  # noqa: S608 (constants only)
            f"(PARTITION BY bf_member, bf_cycle {order}) AS bf_rank FROM {rows} bf_c)"
        )
        where, where_params = "bf_rank <= %s - bf_used", [cap]
    table = connection.ops.quote_name(PointEntry._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(ENTRY_COLUMNS)}) "  # noqa: S608 (constants and ORM SQL)
        "SELECT bf_member, %s, %s, %s, bf_amount, bf_lifetime, bf_source, bf_target, bf_board, "
        f"bf_key, bf_cycle, %s, bf_at FROM {rows} bf_rows WHERE {where} "
        "ORDER BY bf_member, bf_at, bf_order "  # member by member: index pages stay hot
        "ON CONFLICT (idempotency_key) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [EntryKind.AWARD, rule.pk, rule.action, "", *params, *where_params])
        return max(int(cursor.rowcount), 0)


def _balances_recompute() -> int:
    """Every balance set to its ledger sums (new rows for members' first points)."""
    balance = connection.ops.quote_name(PointBalance._meta.db_table)
    entry = connection.ops.quote_name(PointEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {balance} (member_id, lifetime, spendable, level_id, updated_at) "  # noqa: S608
            f"SELECT member_id, SUM(lifetime_amount), SUM(amount), NULL, %s FROM {entry} "
            "WHERE 1 = 1 GROUP BY member_id "
            "ON CONFLICT (member_id) DO UPDATE SET lifetime = excluded.lifetime, "
            "spendable = excluded.spendable, updated_at = excluded.updated_at "
            f"WHERE {balance}.lifetime <> excluded.lifetime "
            f"OR {balance}.spendable <> excluded.spendable",
            [timezone.now()],
        )
        return max(int(cursor.rowcount), 0)


def _floor_blocks(rule: PointRule) -> bool:
    """A floor on a penalty needs the running balance: not derivable in one statement."""
    values = [rule.points, *(o.points for o in rule.board_overrides.all())]
    return rule.floor is not None and min(values) < 0


def points_backfill() -> BackfillSummary:
    """Derive the ledger from history, then balances, levels and leaderboards; all or nothing.

    On PostgreSQL the balances are locked against live writers meanwhile (every
    award takes its member's balance lock first), so nothing slips between the
    derived entries and the recomputed sums.
    """
    started = time.monotonic()
    summary = BackfillSummary()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(PointBalance._meta.db_table)
                cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
                cursor.execute("SET LOCAL work_mem = '256MB'")  # the window sorts, in memory
        rules = PointRule.objects.filter(active=True, action__in=list(SOURCES))
        for rule in rules.prefetch_related("board_overrides").order_by("action"):
            if _floor_blocks(rule):
                summary.skipped.append(rule.action)
                continue
            summary.entries[rule.action] = _rule_insert(rule)
        summary.balances = _balances_recompute()
        summary.level_moves = levels_recompute()
        summary.scores = leaderboards_rebuild()
    summary.seconds = time.monotonic() - started
    return summary
