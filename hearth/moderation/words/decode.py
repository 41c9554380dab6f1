"""Bytes of an uploaded lexicon file → text: UTF-8 (with or without BOM), UTF-16, GB18030."""

from __future__ import annotations

import codecs

from django.utils.translation import gettext as _

from hearth.moderation.text.lexicon import RowError
from hearth.moderation.words.rows import ImportFailed


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> str:
    """The file's text; ``ImportFailed`` naming the line of the first byte that is not text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _not_text(data, error.start) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise _not_text(data, utf8_error.start) from utf8_error
    if "\x00" in text:
        raise _not_text(data, data.index(b"\x00"))
    return text


def _not_text(data: bytes, offset: int) -> ImportFailed:
    row = _line_of(data, offset)
    message = _(
        "Row %(row)d: the file is not text in UTF-8 or GB18030 (byte %(offset)d). "
        "Save it as UTF-8 and import it again."
    ) % {"row": row, "offset": offset + 1}
    return ImportFailed([RowError(row, message)])
