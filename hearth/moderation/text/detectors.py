"""Detectors for contact details, links and flooding, each hit with a reason code.

They run on the *folded* text (``normalise.fold``: full-width → half-width,
lower case, look-alikes mapped), which has the length of the original, so
spans index the original text. Every pattern has bounded repetition only, so
each scan is linear in the length of the text.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hearth.moderation.text.normalise import fold


class Reason(enum.StrEnum):
    PHONE = "phone"
    WECHAT_ID = "wechat_id"
    QQ_ID = "qq_id"
    EMAIL = "email"
    LINK = "link"
    LINK_SHORTENER = "link_shortener"
    REPEATED_CHARS = "repeated_chars"


@dataclass(frozen=True, slots=True)
class Signal:
    """A detector hit: what fired, where in the original text, and the matched value."""

    reason: Reason
    start: int
    end: int
    value: str


SHORTENERS = frozenset(
    {
        "t.cn", "dwz.cn", "url.cn", "bit.ly", "tinyurl.com", "goo.gl", "is.gd", "ow.ly",
        "t.co", "suo.im", "suo.gg", "w.url.cn", "u.nu", "rebrand.ly", "cutt.ly", "s.id",
        "tb.cn", "m.tb.cn", "dwz.date", "xhslink.com", "b23.tv", "v.douyin.com",
    }
)  # fmt: skip

_SEP = r"[\s\-._·•/|,]{0,2}"
PHONE = re.compile(rf"(?<![0-9])1[3-9](?:{_SEP}[0-9]){{9}}(?![0-9])")
WECHAT = re.compile(
    r"(?:微信号?|威信|薇信|v信|wechat|weixin|vx|wx|加v)\s{0,3}[:：=]?\s{0,3}"
    r"([a-z][-_a-z0-9]{5,19})(?![-_a-z0-9])"
)
QQ = re.compile(r"(?:qq|扣扣|企鹅)(?:号|群)?\s{0,3}[:：=]?\s{0,3}([1-9][0-9]{4,11})(?![0-9])")
EMAIL = re.compile(r"(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}")
_TLD = (
    r"(?:com|cn|net|org|io|cc|me|top|xyz|info|ly|gl|co|tv|id|im|gd|vip|club|site|shop|gg|nu|date)"
)
LINK = re.compile(
    r"(?:https?://|www\.)([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8})[^\s<>\"'，。]{0,2000}"
    rf"|(?<![a-z0-9.@-])([a-z0-9-]{{1,63}}(?:\.[a-z0-9-]{{1,63}}){{0,6}}\.{_TLD})(?![a-z0-9-])"
    r"(?:/[^\s<>\"'，。]{0,2000})?"
)


def phones(folded: str) -> list[Signal]:
    """Mainland mobile numbers, with spaces, dashes or dots between the digits."""
    return [Signal(Reason.PHONE, m.start(), m.end(), m.group()) for m in PHONE.finditer(folded)]


def messenger_ids(folded: str) -> list[Signal]:
    """``微信: abc123``, ``vx abc_123``, ``QQ 12345678``."""
    found = [
        Signal(Reason.WECHAT_ID, m.start(), m.end(), m.group(1)) for m in WECHAT.finditer(folded)
    ]
    found += [Signal(Reason.QQ_ID, m.start(), m.end(), m.group(1)) for m in QQ.finditer(folded)]
    return found


def emails(folded: str) -> list[Signal]:
    return [Signal(Reason.EMAIL, m.start(), m.end(), m.group()) for m in EMAIL.finditer(folded)]


def links(folded: str) -> list[Signal]:
    """URLs and bare domains; known shorteners get their own reason."""
    found: list[Signal] = []
    for match in LINK.finditer(folded):
        host = (match.group(1) or match.group(2) or "").removeprefix("www.")
        reason = Reason.LINK_SHORTENER if host in SHORTENERS else Reason.LINK
        found.append(Signal(reason, match.start(), match.end(), match.group()))
    return found


def repeated_chars(folded: str, *, min_run: int = 8) -> list[Signal]:
    """Runs of one character repeated ``min_run`` times or more (``啊啊啊啊啊啊啊啊``)."""
    if len(folded) < min_run:
        return []
    pattern = re.compile(rf"(\S)\1{{{min_run - 1},}}")
    return [
        Signal(Reason.REPEATED_CHARS, m.start(), m.end(), m.group())
        for m in pattern.finditer(folded)
    ]


def detect(text: str, *, folded: str | None = None) -> list[Signal]:
    """Every detector over ``text``; pass ``folded`` when it is already at hand."""
    folded = folded if folded is not None else fold(text)
    if len(folded) != len(text):  # pragma: no cover - fold keeps the length
        raise ValueError("folded text must have the length of the original")
    signals = phones(folded) + messenger_ids(folded) + emails(folded) + links(folded)
    signals += repeated_chars(folded)
    signals.sort(key=lambda s: (s.start, s.end))
    return signals
