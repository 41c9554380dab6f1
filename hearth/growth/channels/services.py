"""Writes to the channel registry: create and edit channels, with their other UTM sources.

A channel's ``key`` is what members carry (``User.channel``) and what tracked
links send as ``utm_source``; its ``source_aliases`` are other ``utm_source``
values meaning the same channel. Keys and aliases are lowercase and unique
across the whole registry, so a source resolves to at most one channel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hearth.accounts.models import User
from hearth.growth.attribution import channel_cache_clear
from hearth.growth.models import Channel, ChannelKind, MemberAttribution, Touch

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
ALIAS_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,99}$")


def aliases_parse(raw: str | Iterable[str]) -> list[str]:
    """Split ``raw`` (commas, spaces or new lines) into lowercase sources, first one kept."""
    items = re.split(r"[\s,，、;；]+", raw) if isinstance(raw, str) else list(raw)
    seen: list[str] = []
    for item in items:
        value = item.strip().lower()
        if value and value not in seen:
            seen.append(value)
    return seen


def channel_key_in_use(key: str) -> bool:
    """Whether members carry ``key`` (as their channel, or on a recorded touch)."""
    return (
        User.objects.filter(channel=key).exists()
        or Touch.objects.filter(channel=key).exists()
        or MemberAttribution.objects.filter(first_channel=key).exists()
        or MemberAttribution.objects.filter(last_channel=key).exists()
    )


def _taken_sources(exclude_pk: int | None) -> dict[str, str]:
    """Every key and alias of the other channels → the name of the channel holding it."""
    taken: dict[str, str] = {}
    others = Channel.objects.only("key", "name", "source_aliases")
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    for channel in others:
        taken[channel.key] = channel.name
        for alias in channel.source_aliases or []:
            taken[str(alias).lower()] = channel.name
    return taken


def _checked(
    *, channel: Channel | None, key: str, name: str, kind: str, aliases: list[str]
) -> list[str]:
    """Raise a ValidationError naming each bad field; return the aliases to keep."""
    errors: dict[str, list[str]] = {}
    taken = _taken_sources(channel.pk if channel else None)
    if not KEY_RE.match(key):
        errors["key"] = [
            _("Use lowercase letters, digits, “-” and “_” (at most 40), e.g. weibo or food-fair.")
        ]
    elif key in taken:
        errors["key"] = [
            _("“%(key)s” is already used by the channel “%(channel)s”.")
            % {"key": key, "channel": taken[key]}
        ]
    elif channel is not None and key != channel.key and channel_key_in_use(channel.key):
        errors["key"] = [
            _("Members already carry the key “%(key)s”; it can no longer change.")
            % {"key": channel.key}
        ]
    if not name.strip():
        errors["name"] = [_("Give the channel a name.")]
    if kind not in ChannelKind.values:
        errors["kind"] = [_("Choose a channel type.")]
    kept = [alias for alias in aliases if alias != key]
    bad = [alias for alias in kept if not ALIAS_RE.match(alias)]
    clashes = [alias for alias in kept if alias in taken]
    if bad:
        errors["source_aliases"] = [
            _("Not a UTM source: %(sources)s. Use lowercase letters, digits, “.”, “-” and “_”.")
            % {"sources": ", ".join(bad)}
        ]
    elif clashes:
        errors["source_aliases"] = [
            _("“%(source)s” already means the channel “%(channel)s”.")
            % {"source": alias, "channel": taken[alias]}
            for alias in clashes
        ]
    if errors:
        raise ValidationError(errors)
    return kept


def _attribution_forget_channels() -> None:
    """Tell attribution that the registry changed: it caches utm_source → channel."""
    channel_cache_clear()


def _save(channel: Channel) -> Channel:
    channel.full_clean(exclude=["created_by"])
    channel.save()
    transaction.on_commit(_attribution_forget_channels)
    return channel


@transaction.atomic
def channel_create(
    *,
    actor: User | None,
    key: str,
    name: str,
    kind: str,
    description: str = "",
    source_aliases: str | Iterable[str] = (),
    active: bool = True,
) -> Channel:
    """Add a channel to the registry."""
    key = key.strip().lower()
    aliases = _checked(
        channel=None, key=key, name=name, kind=kind, aliases=aliases_parse(source_aliases)
    )
    channel = Channel(
        key=key,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        source_aliases=aliases,
        active=active,
        created_by=actor,
    )
    return _save(channel)


@transaction.atomic
def channel_update(
    *,
    actor: User | None,
    channel: Channel,
    key: str,
    name: str,
    kind: str,
    description: str = "",
    source_aliases: str | Iterable[str] = (),
    active: bool = True,
) -> Channel:
    """Edit a channel; its key changes only while no member carries it."""
    key = key.strip().lower()
    Channel.objects.select_for_update().filter(pk=channel.pk).first()
    aliases = _checked(
        channel=channel, key=key, name=name, kind=kind, aliases=aliases_parse(source_aliases)
    )
    channel.key = key
    channel.name = name.strip()
    channel.kind = kind
    channel.description = description.strip()
    channel.source_aliases = aliases
    channel.active = active
    return _save(channel)
