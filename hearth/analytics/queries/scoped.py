"""The store narrowed to part of the community: a channel's members, a segment's, or one board.

:class:`ScopedEngine` wraps an engine. Every tree it runs reads, in place of the
logical tables, common table expressions narrowed to the scope, so any analysis
runs unchanged over a board, a segment or a channel and stays one set-based
query:

* **channel** and **segment** — ``members``, ``activity`` and ``member_days``
  keep the rows of the scope's members (``scope_members``: the members whose
  first-touch channel is the key, or the segment's members). Rows without a
  member (anonymous visits) are left out.
* **board** — ``activity`` keeps the board's rows (rows without a board are
  left out); ``member_days`` is rebuilt from them (the OR of the action bits
  per member and day), so a member is active on a day when they acted on that
  board; ``members`` keeps the members whose *first board* — the board of their
  first action that carries one (read, topic, reply, like …; ties by row id) —
  is that board, so "new members of the board" are those it brought in.
* ``sync_state`` loses the rollups' entries and ``results`` is empty, so no
  analysis answers from the community-wide materialised results: a scoped
  metric is always computed.

The engine's ``name`` carries the scope and a digest of its SQL, so cached
answers never mix scopes (nor a segment's definitions before and after an edit).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import cast

import pyarrow as pa
from sqlglot import exp

from hearth.analytics.queries.retention import first_boards
from hearth.analytics.store.engine import Engine, Result
from hearth.analytics.store.sync import action_bit_expression

SCOPE_MEMBERS = "scope_members"
PREFIX = "scoped_"
ROLLUP_STATE = ("rollup_actions", "rollup_first", "rollup_until")


@dataclass(frozen=True)
class Narrowing:
    """What a scope keeps of each logical table (bodies over the real tables)."""

    label: str  # names the scope in the engine's name, e.g. "channel=seo"
    tables: dict[str, exp.Query] = field(default_factory=dict)
    helpers: dict[str, exp.Query] = field(default_factory=dict)  # CTEs the bodies read


def _always() -> dict[str, exp.Query]:
    not_rollup = exp.column("name").isin(*[exp.Literal.string(n) for n in ROLLUP_STATE]).not_()
    return {
        "sync_state": exp.select("*").from_("sync_state").where(not_rollup),
        "results": exp.select("*").from_("results").where(exp.false()),
    }


def by_members(label: str, members: exp.Select) -> Narrowing:
    """The rows of the members ``members`` selects (a ``SELECT member_id …`` over the store)."""
    in_scope = exp.column("member_id").isin(query=exp.select("member_id").from_(SCOPE_MEMBERS))
    return Narrowing(
        label,
        {
            "members": exp.select("*").from_("members").where(in_scope),
            "activity": exp.select("*").from_("activity").where(in_scope),
            "member_days": exp.select("*").from_("member_days").where(in_scope),
            **_always(),
        },
        {SCOPE_MEMBERS: members},
    )


def channel_narrowing(key: str) -> Narrowing:
    members = (
        exp.select("member_id")
        .from_("members")
        .where(exp.column("channel").eq(exp.Literal.string(key)))
    )
    return by_members(f"channel={key}", members)


def segment_narrowing(pk: int, members: exp.Select) -> Narrowing:
    return by_members(f"segment={pk}", members)


def board_narrowing(board_id: int) -> Narrowing:
    on_board = exp.column("board_id").eq(exp.Literal.number(board_id))
    days = (
        exp.select(
            exp.column("member_id"),
            exp.column("day"),
            exp.func("BIT_OR", action_bit_expression()).as_("mask"),
        )
        .from_("activity")
        .where(exp.and_(on_board, exp.column("member_id").is_(exp.null()).not_()))
        .group_by("member_id", "day")
    )
    brought = (
        exp.select("member_id").from_(first_boards(posts_only=False).subquery("fb")).where(on_board)
    )
    return Narrowing(
        f"board={board_id}",
        {
            "members": exp.select("*")
            .from_("members")
            .where(exp.column("member_id").isin(query=brought)),
            "activity": exp.select("*").from_("activity").where(on_board),
            "member_days": days,
            **_always(),
        },
    )


def _rename(node: exp.Expr, names: frozenset[str]) -> exp.Expr:
    """A logical table read as its narrowed CTE, keeping the name it was known by."""
    if not isinstance(node, exp.Table) or node.args.get("db") or node.name not in names:
        return node
    alias = node.alias or node.name
    return exp.Table(
        this=exp.to_identifier(PREFIX + node.name),
        alias=exp.TableAlias(this=exp.to_identifier(alias)),
    )


class ScopedEngine:
    """An engine whose reads see only the scope's rows (read-only: no loads, no writes)."""

    def __init__(self, inner: Engine, narrowing: Narrowing) -> None:
        self.inner = inner
        self.narrowing = narrowing
        self.dialect = inner.dialect
        bodies = [*narrowing.helpers.values(), *narrowing.tables.values()]
        rendered = "|".join(b.sql(dialect=inner.dialect) for b in bodies)
        digest = hashlib.sha256(rendered.encode()).hexdigest()[:16]
        self.name = f"{inner.name}[{narrowing.label}:{digest}]"

    def narrow(self, tree: exp.Expression) -> exp.Expression:
        """``tree`` reading the narrowed tables (a query; anything else is refused)."""
        if not isinstance(tree, exp.Query):
            raise TypeError("a scoped store only answers queries")
        names = frozenset(self.narrowing.tables)
        narrowed = cast(exp.Query, tree.transform(lambda node: _rename(node, names), copy=True))
        ctes = [
            exp.CTE(this=body.copy(), alias=exp.TableAlias(this=exp.to_identifier(name)))
            for name, body in self.narrowing.helpers.items()
        ] + [
            exp.CTE(this=body.copy(), alias=exp.TableAlias(this=exp.to_identifier(PREFIX + name)))
            for name, body in self.narrowing.tables.items()
        ]
        existing = narrowed.args.get("with_")
        if isinstance(existing, exp.With):
            existing.set("expressions", [*ctes, *existing.expressions])
        else:
            narrowed.set("with_", exp.With(expressions=ctes))
        return cast(exp.Expression, narrowed)

    def physical(self, table: str) -> str:
        return self.inner.physical(table)

    def sql(self, tree: exp.Expression) -> str:
        inner_sql = getattr(self.inner, "sql", None)
        narrowed = self.narrow(tree)
        return inner_sql(narrowed) if inner_sql else narrowed.sql(dialect=self.dialect)

    def run(self, tree: exp.Expression) -> Result:
        return self.inner.run(self.narrow(tree))

    def load(self, table: str, batch: pa.Table) -> None:
        raise TypeError("a scoped store is read-only")

    def create(self) -> None:
        raise TypeError("a scoped store is read-only")

    def drop(self) -> None:
        raise TypeError("a scoped store is read-only")
