"""Touches (触点): what one landing says about where a visitor came from.

A touch is a landing with UTM parameters, a tracked link's landing (its UTM
parameters plus ``hl=<code>``), an invite link (``?invite=<code>``) or a
landing from another site (a search engine: organic search; any other site:
its host as the source). Internal navigation, assets, API calls and direct
visits are not touches.

Touches travel as small dicts with one-letter keys (the attribution cookie
and the ``MemberJoined`` event carry them); :func:`touch_parse` reads one back
and refuses anything of the wrong shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MAX_TOUCHES = 10
"""A visitor's touches kept: the first one and the latest ones."""
REPEAT_WINDOW = dt.timedelta(minutes=30)
"""The same touch again within this time is a reload, not a new touch."""
PATH_MAX, REFERRER_MAX, FIELD_MAX = 200, 200, 100


class TouchKind:
    UTM = "utm"
    LINK = "link"
    INVITE = "invite"
    SEARCH = "search"
    REFERRER = "referrer"
    DIRECT = "direct"
    ALL = frozenset({UTM, LINK, INVITE, SEARCH, REFERRER, DIRECT})


@dataclass(frozen=True)
class TouchData:
    """One touch before it is stored (``channel`` is resolved against the registry)."""

    at: dt.datetime
    kind: str
    channel: str = ""
    source: str = ""
    medium: str = ""
    campaign: str = ""
    term: str = ""
    content: str = ""
    link_id: int | None = None
    invite: str = ""
    referrer: str = ""
    landing_path: str = ""

    def same_as(self, other: TouchData) -> bool:
        """The same source (a reload, or the same link clicked again), whatever the page."""
        return self.identity() == other.identity()

    def identity(self) -> tuple[object, ...]:
        return (
            self.kind,
            self.source.lower(),
            self.medium,
            self.campaign,
            self.term,
            self.content,
            self.link_id,
            self.invite,
        )


# one-letter key → field; ``t`` (the time) is a whole number of seconds since 1970
_TEXT_KEYS = {
    "k": "kind",
    "c": "channel",
    "s": "source",
    "m": "medium",
    "n": "campaign",
    "e": "term",
    "o": "content",
    "i": "invite",
    "r": "referrer",
    "p": "landing_path",
}
_TEXT_MAX = {"referrer": REFERRER_MAX, "landing_path": PATH_MAX, "invite": 40, "channel": 40}


def touch_dump(touch: TouchData) -> dict[str, Any]:
    """The compact dict of ``touch`` (empty fields left out)."""
    data: dict[str, Any] = {"t": int(touch.at.timestamp())}
    for short, name in _TEXT_KEYS.items():
        value = getattr(touch, name)
        if value:
            data[short] = value
    if touch.link_id is not None:
        data["l"] = touch.link_id
    return data


def touch_parse(data: object) -> TouchData | None:
    """The touch a compact dict describes, or None when anything is of the wrong shape."""
    if not isinstance(data, Mapping) or not set(data) <= {*_TEXT_KEYS, "t", "l"}:
        return None
    stamp, link = data.get("t"), data.get("l")
    if type(stamp) is not int or not 0 < stamp < 2**34:
        return None
    if link is not None and (type(link) is not int or not 0 < link < 2**63):
        return None
    fields: dict[str, str] = {}
    for short, name in _TEXT_KEYS.items():
        value = data.get(short, "")
        if not isinstance(value, str) or len(value) > _TEXT_MAX.get(name, FIELD_MAX):
            return None
        fields[name] = value
    if fields["kind"] not in TouchKind.ALL:
        return None
    return TouchData(at=dt.datetime.fromtimestamp(stamp, tz=dt.UTC), link_id=link, **fields)


def touches_add(
    touches: Sequence[TouchData], touch: TouchData, *, now: dt.datetime
) -> list[TouchData] | None:
    """``touches`` with ``touch`` appended (first and latest kept), or None when it repeats one."""
    if any(t.same_as(touch) and now - t.at < REPEAT_WINDOW for t in touches):
        return None
    kept = [*touches, touch]
    if len(kept) > MAX_TOUCHES:
        kept = [kept[0], *kept[-(MAX_TOUCHES - 1) :]]
    return kept
