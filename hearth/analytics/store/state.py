"""The store's ``sync_state`` rows: named whole numbers (watermarks, refresh times, rollup span)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlglot import exp

from hearth.analytics.store.engine import Engine


def state_get(engine: Engine, *names: str) -> dict[str, int]:
    """The values of ``names`` that are set."""
    rows = engine.run(
        exp.select("name", "value").from_("sync_state").where(exp.column("name").isin(*names))
    ).rows
    return {str(name): int(value) for name, value in rows}


def state_set(engine: Engine, values: Mapping[str, int]) -> None:
    engine.run(exp.delete("sync_state").where(exp.column("name").isin(*values)))
    for name, value in values.items():
        engine.run(
            exp.insert(
                exp.select(exp.Literal.string(name), exp.Literal.number(value)),
                "sync_state",
                columns=["name", "value"],
            )
        )
