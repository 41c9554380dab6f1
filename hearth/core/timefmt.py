"""Relative times ("3 minutes ago", then the date), one wording on every page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_UNITS = (
    (3600 * 24, "day"),
    (3600, "hour"),
    (60, "minute"),
)


class NaturalTime:
    """ "3 minutes ago", "5 hours ago", "2 days ago", then the date: translated once per page."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.now = now or timezone.now()
        self.year = timezone.localtime(self.now).year
        self._labels: dict[tuple[str, int], str] = {}
        self.just_now = _("just now")

    def _ago(self, unit: str, n: int) -> str:
        key = (unit, n)
        if key not in self._labels:
            if unit == "day":
                text = ngettext("%(n)d day ago", "%(n)d days ago", n)
            elif unit == "hour":
                text = ngettext("%(n)d hour ago", "%(n)d hours ago", n)
            else:
                text = ngettext("%(n)d minute ago", "%(n)d minutes ago", n)
            self._labels[key] = text % {"n": n}
        return self._labels[key]

    def __call__(self, value: dt.datetime) -> str:
        seconds = (self.now - value).total_seconds()
        if seconds < 60:
            return self.just_now
        if seconds < 7 * 24 * 3600:
            for size, unit in _UNITS:
                if seconds >= size:
                    return self._ago(unit, int(seconds // size))
        local = timezone.localtime(value)
        return f"{local:%m-%d}" if local.year == self.year else f"{local:%Y-%m-%d}"


def ago(value: dt.datetime | None) -> str:
    """One relative time, for templates (``{{ value|ago }}``)."""
    return NaturalTime()(value) if value is not None else ""
