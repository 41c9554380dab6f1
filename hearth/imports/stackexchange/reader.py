"""Rows of a Stack Exchange dump file, streamed: ``<row Id="1" … />`` as a :class:`Row`.

The file is fed to defusedxml's SAX parser (expat, with entity expansion and
external references refused) in chunks; each ``row`` element becomes a
:class:`Row` carrying its attributes and line, and no tree is built, so
memory stays flat whatever the file's size. Malformed or truncated XML
raises :class:`ImportFailed` naming the file, line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

import defusedxml.sax
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

from hearth.imports.errors import ImportFailed

CHUNK_BYTES = 1 << 20
# 2018-02-06T20:19:50.957 (UTC, milliseconds optional)
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?$")


@dataclass(frozen=True, slots=True)
class Row:
    """One ``row`` element: its attributes, and where it is for error messages."""

    file: str
    line: int
    attrs: dict[str, str]

    def _bad(self, name: str, message: str) -> ImportFailed:
        return ImportFailed(
            message
            % {"file": self.file, "line": self.line, "attribute": name, "value": self.attrs[name]}
        )

    def text(self, name: str) -> str:
        """A required attribute; a row without it stops the import."""
        value = self.attrs.get(name)
        if value is None:
            raise ImportFailed(
                _("%(file)s, line %(line)d: the row has no %(attribute)s attribute.")
                % {"file": self.file, "line": self.line, "attribute": name}
            )
        return value

    def optional_text(self, name: str) -> str:
        return self.attrs.get(name, "")

    def integer(self, name: str) -> int:
        value = self.text(name)
        try:
            return int(value)
        except ValueError:
            raise self._bad(
                name, _("%(file)s, line %(line)d: %(attribute)s=“%(value)s” is not a whole number.")
            ) from None

    def optional_integer(self, name: str) -> int | None:
        return self.integer(name) if self.attrs.get(name, "") != "" else None

    def moment(self, name: str) -> dt.datetime:
        """A dump timestamp (UTC, no offset written) as an aware datetime."""
        value = self.text(name)
        if not _MOMENT.match(value):
            raise self._bad(
                name,
                _("%(file)s, line %(line)d: %(attribute)s=“%(value)s” is not a date and time."),
            )
        try:
            return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
        except ValueError:
            raise self._bad(
                name,
                _("%(file)s, line %(line)d: %(attribute)s=“%(value)s” is not a date and time."),
            ) from None

    def optional_moment(self, name: str) -> dt.datetime | None:
        return self.moment(name) if self.attrs.get(name, "") != "" else None


class _RowCollector(ContentHandler):
    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file
        self.rows: list[Row] = []
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        if name == "row":
            line = (self.locator.getLineNumber() if self.locator is not None else None) or 0
            self.rows.append(Row(self.file, line, dict(attrs.items())))


def _malformed(file: str, error: SAXParseException) -> ImportFailed:
    return ImportFailed(
        _(
            "%(file)s, line %(line)d, column %(column)d: the XML is malformed or cut short "
            "(%(error)s)."
        )
        % {
            "file": file,
            "line": error.getLineNumber() or 0,
            "column": (error.getColumnNumber() or 0) + 1,  # expat counts columns from 0
            "error": error.getMessage(),
        }
    )


def rows(path: Path) -> Iterator[Row]:
    """Every ``row`` element of the file at ``path``, in file order."""
    collector = _RowCollector(path.name)
    parser: Any = defusedxml.sax.make_parser()
    parser.setContentHandler(collector)
    # Fed in chunks, the expat reader never hands out its locator (parse() does): it is one.
    collector.setDocumentLocator(parser)
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK_BYTES):
                parser.feed(chunk)
                yield from collector.rows
                collector.rows.clear()
            parser.close()
            yield from collector.rows
    except SAXParseException as error:
        raise _malformed(path.name, error) from None
    except DefusedXmlException as error:
        raise ImportFailed(
            _("%(file)s uses XML features that are refused for safety (%(error)s).")
            % {"file": path.name, "error": error}
        ) from None
