"""Running ``hearth analytics`` in a test: what it prints, as text."""

from __future__ import annotations

import io

from django.core.management import call_command


def run(*args: str) -> str:
    """``hearth analytics ARGS…``'s output (the store is the test's own, see ``tests/conftest.py``)."""
    out = io.StringIO()
    call_command("analytics", *args, stdout=out)
    return out.getvalue()
