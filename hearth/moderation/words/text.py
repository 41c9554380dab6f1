"""Small text helpers shared by the readers and the forms."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_TAG_SEPARATORS = re.compile(r"[;；|,，]")


def clean(value: str) -> str:
    """Control characters dropped, runs of white space made one space, ends trimmed."""
    return _SPACES.sub(" ", _CONTROL.sub("", value)).strip()


def split_tags(value: str) -> tuple[str, ...]:
    """``"sexual; shock"`` → ``("sexual", "shock")``, lower case, each once, in order."""
    tags = (clean(tag).lower() for tag in _TAG_SEPARATORS.split(value))
    return tuple(dict.fromkeys(tag for tag in tags if tag))
