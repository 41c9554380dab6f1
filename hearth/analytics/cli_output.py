"""What every ``hearth analytics`` command shares: its arguments and its output.

An analysis prints ``{"analysis": name, "rows": [...]}`` as JSON, or its rows
as CSV (a list in a row becomes numbered columns ``key_0``, ``key_1``, …).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from hearth.analytics.store.engine import Engine
from hearth.analytics.store.locate import open_store
from hearth.analytics.store.sync import store_sync

FORMATS = ("json", "csv")


def date_argument(value: str) -> dt.date:
    """An ``argparse`` type: a day as YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def format_add(cmd: argparse.ArgumentParser, *, sync: bool = False) -> None:
    """``--format json|csv`` and, for commands that read the store, ``--no-sync``."""
    cmd.add_argument("--format", choices=FORMATS, default="json")
    if sync:
        cmd.add_argument("--no-sync", action="store_true", help="Query the store as it is.")


@contextlib.contextmanager
def store_open(options: dict[str, Any]) -> Iterator[Engine]:
    """The analytics store, brought up to date first unless ``--no-sync``."""
    with open_store() as engine:
        if not options.get("no_sync"):
            store_sync(engine)
        yield engine


def answer_json(answer: dict[str, Any]) -> str:
    return json.dumps(answer, ensure_ascii=False, default=str) + "\n"


def table_csv(fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows(rows)
    return buffer.getvalue()


def rows_render(
    name: str, rows: list[dict[str, Any]], form: str, *, empty: Sequence[str] = ("value",)
) -> str:
    """An analysis' rows as JSON or CSV (``empty``: the CSV header when there are none)."""
    if form == "json":
        return answer_json({"analysis": name, "rows": rows})
    flat = [_flatten(row) for row in rows]
    fields = list(flat[0]) if flat else list(empty)
    return table_csv(fields, ([row.get(f, "") for f in fields] for row in flat))


def _flatten(row: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, list):
            flat.update({f"{key}_{i}": v for i, v in enumerate(value)})
        else:
            flat[key] = value
    return flat
