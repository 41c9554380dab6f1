"""The store's version: changes whenever a sync adds rows, so cached results expire with it."""

from __future__ import annotations

from sqlglot import exp

from hearth.analytics.store.engine import Engine


def store_version(engine: Engine) -> str:
    found = engine.run(exp.select("name", "value").from_("sync_state").order_by("name"))
    return ";".join(f"{name}={value}" for name, value in found.rows)
