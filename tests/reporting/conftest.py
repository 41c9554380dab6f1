"""Reporting fixtures: the analytics store in every engine the database allows."""

from tests.analytics.conftest import engine  # noqa: F401  (the builder reads through it)
