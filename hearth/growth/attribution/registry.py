"""utm_source → channel: the registry lookup attribution does on every touch, cached.

A source matches a channel by its key or one of its other UTM sources
(``source_aliases``), ignoring case. A source no channel claims goes to the
``other`` channel; the touch keeps the raw source, so the cockpit can list
unregistered sources. The map is a small dict kept for ``CACHE_SECONDS`` and
dropped by :func:`channel_cache_clear`, which the channel services call after
every change (and a change to a ``Channel`` row made elsewhere, e.g. in the
admin, is caught by the model signal receivers at the bottom).
"""

from __future__ import annotations

import threading
import time

from django.db.models.signals import post_delete, post_save

from hearth.growth.models import OTHER, Channel

CACHE_SECONDS = 300.0
_lock = threading.Lock()
_cache: dict[str, str] | None = None
_loaded_at = 0.0


def _sources_load() -> dict[str, str]:
    """Every key and alias, lowercased → the channel key (keys win over aliases)."""
    sources: dict[str, str] = {}
    rows = list(Channel.objects.values_list("key", "source_aliases"))
    for _key, aliases in rows:
        for alias in aliases if isinstance(aliases, list) else []:
            sources.setdefault(str(alias).strip().lower(), _key)
    for key, _aliases in rows:
        sources[key.lower()] = key
    return sources


def _sources() -> dict[str, str]:
    global _cache, _loaded_at
    with _lock:
        if _cache is None or time.monotonic() - _loaded_at > CACHE_SECONDS:
            _cache, _loaded_at = _sources_load(), time.monotonic()
        return _cache


def channel_for_source(source: str) -> str:
    """The key of the channel that ``source`` names, or ``other`` (never raises)."""
    value = source.strip().lower()
    if not value:
        return OTHER
    return _sources().get(value, OTHER)


def channel_cache_clear() -> None:
    """Forget the cached registry; the next lookup reads the channels again."""
    global _cache
    with _lock:
        _cache = None


def _on_channel_change(**_kwargs: object) -> None:
    channel_cache_clear()


post_save.connect(_on_channel_change, sender=Channel, dispatch_uid="attribution_channel_saved")
post_delete.connect(_on_channel_change, sender=Channel, dispatch_uid="attribution_channel_deleted")
