"""The shape every analysis has: ``to_query`` builds the tree, ``calculate`` runs and shapes it."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Generic, TypeVar, cast

from django.core.cache import cache
from sqlglot import exp

from hearth.analytics.store.engine import Engine, Result

R = TypeVar("R")

CACHE_SECONDS = 24 * 3600


class AnalyticsQuery(ABC, Generic[R]):
    """One analysis. Subclasses set ``name`` and implement ``to_query`` and ``shape``."""

    name: ClassVar[str]

    @abstractmethod
    def to_query(self) -> exp.Expression:
        """The analysis as a syntax tree over the store's logical tables."""

    @abstractmethod
    def shape(self, result: Result) -> R:
        """Turn the engine's rows into the analysis' result."""

    @abstractmethod
    def cache_key(self) -> str:
        """What identifies the parameters (the store's version is added)."""

    def calculate(self, engine: Engine, *, raw: bool = False) -> R:
        """The answer: from the store's materialised results when they hold it, else computed
        (``raw`` always computes; the rollups themselves are built that way)."""
        if not raw:
            found = self.from_rollup(engine)
            if found is not None:
                return found
        return self.compute(engine)

    def compute(self, engine: Engine) -> R:
        return self.shape(engine.run(self.to_query()))

    def from_rollup(self, engine: Engine) -> R | None:
        """The answer read from ``results`` (see :mod:`~hearth.analytics.store.rollups`), if kept."""
        return None

    def sql(self, engine: Engine) -> str:
        return engine.sql(self.to_query()) if hasattr(engine, "sql") else self.to_query().sql()

    def run(self, engine: Engine, *, use_cache: bool = True) -> R:
        """The result, from the cache when the store has not changed since it was computed."""
        if not use_cache:
            return self.calculate(engine)
        key = self._full_key(engine)
        found: Any = cache.get(key)
        if found is not None:
            return cast(R, found)
        value = self.calculate(engine)
        cache.set(key, value, CACHE_SECONDS)
        return value

    def _full_key(self, engine: Engine) -> str:
        from hearth.analytics.store.version import store_version

        raw = f"{self.name}|{engine.name}|{store_version(engine)}|{self.cache_key()}"
        return "analytics:" + hashlib.sha256(raw.encode()).hexdigest()
