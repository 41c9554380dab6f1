"""The dump reader streams rows with their lines and stops clearly on bad XML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hearth.imports.errors import ImportFailed
from hearth.imports.stackexchange import reader


def test_rows_are_streamed_chunk_by_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "CHUNK_BYTES", 256)
    path = tmp_path / "Posts.xml"
    body = "".join(f'  <row Id="{i}" CreationDate="2015-02-01T12:00:00" />\n' for i in range(2000))
    path.write_text(f'\ufeff<?xml version="1.0" encoding="utf-8"?>\n<posts>\n{body}<row Id="')
    rows = reader.rows(path)
    first = next(rows)  # the broken end, 100 kB further, has not been read yet
    assert (first.file, first.line, first.attrs) == (
        "Posts.xml",
        3,
        {"Id": "0", "CreationDate": "2015-02-01T12:00:00"},
    )
    assert first.moment("CreationDate") == dt.datetime(2015, 2, 1, 12, tzinfo=dt.UTC)
    with pytest.raises(ImportFailed, match=r"Posts\.xml, line 2003, column 1: .*cut short"):
        list(rows)


def test_optional_attributes(tmp_path: Path) -> None:
    path = tmp_path / "Users.xml"
    path.write_text('<users>\n<row Id="7" Location="" />\n</users>\n')
    (row,) = reader.rows(path)
    assert row.optional_integer("AccountId") is None
    assert row.optional_text("Location") == ""
    assert row.optional_moment("LastAccessDate") is None
    assert row.integer("Id") == 7
    with pytest.raises(ImportFailed, match="line 2: the row has no DisplayName attribute"):
        row.text("DisplayName")
