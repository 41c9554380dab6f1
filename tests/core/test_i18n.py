"""Simplified Chinese is the default language and its catalogue is complete."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parents[2] / "hearth/locale/zh_Hans/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdf]|%\(size\)\.1f|%[sd]")


def _messages() -> list:
    with CATALOGUE.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_every_message_is_translated() -> None:
    untranslated = [
        m.id for m in _messages()
        if m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert untranslated == []


def test_translations_keep_their_placeholders() -> None:
    broken = []
    for message in _messages():
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        differs = sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target))
        if differs and not (message.pluralizable and not PLACEHOLDER.findall(target)):
            broken.append(source)
    assert broken == []
