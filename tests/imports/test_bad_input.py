"""Bad input stops the import with a message naming the file and line; nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management.base import CommandError

from .conftest import run_import, table_counts
from .test_rows import BADGES, COMMENTS, POSTS, USERS, VOTES


@pytest.fixture
def existing(make_member: Any, make_board: Any) -> dict[str, int]:
    """A community with a member and a board already; the counts every failure must leave."""
    make_member("already-here")
    make_board(name="Already here", slug="already-here")
    return table_counts()


def failure(directory: Path, *args: str) -> str:
    with pytest.raises(CommandError) as raised:
        run_import(directory, *args)
    return str(raised.value)


@pytest.mark.shared_data
def test_a_truncated_posts_file_names_the_line_and_imports_nothing(
    conlang: Path, copy_dump: Callable[[Path], Path], existing: dict[str, int]
) -> None:
    folder = copy_dump(conlang)
    data = (folder / "Posts.xml").read_bytes()
    cut = data[: len(data) // 2]
    (folder / "Posts.xml").write_bytes(cut)
    message = failure(folder)
    last_line = cut.count(b"\n") + 1
    assert f"Posts.xml, line {last_line}, column " in message
    assert "malformed or cut short" in message
    assert "Nothing was imported." in message
    # Users.xml was read (and its members written) before Posts.xml failed: all rolled back.
    assert table_counts() == existing


def test_malformed_xml_names_line_and_column(
    write_dump: Callable[..., Path], existing: dict[str, int]
) -> None:
    folder = write_dump(users=USERS, posts=POSTS)
    lines = (folder / "Comments.xml").read_text().splitlines()
    lines.insert(2, '  <row Id="7" PostId="10" Text="a < b" />')
    (folder / "Comments.xml").write_text("\n".join(lines))
    column = lines[2].index("< b") + 1  # counted from 1
    message = failure(folder)
    assert f"Comments.xml, line 3, column {column}:" in message
    assert "not well-formed" in message
    assert table_counts() == existing


def test_a_missing_required_attribute_is_named(
    write_dump: Callable[..., Path], existing: dict[str, int]
) -> None:
    posts = [dict(row) for row in POSTS]
    del posts[1]["CreationDate"]  # the answer 11, on line 4 of Posts.xml
    message = failure(write_dump(users=USERS, posts=posts, comments=COMMENTS, votes=VOTES))
    assert message == (
        "Posts.xml, line 4: the row has no CreationDate attribute. Nothing was imported."
    )
    assert table_counts() == existing


@pytest.mark.parametrize(
    ("table", "index", "attribute", "value", "expected"),
    [
        ("users", 0, "CreationDate", "yesterday", "is not a date and time"),
        ("votes", 2, "PostId", "ten", "is not a whole number"),
        ("badges", 1, "Date", "2015-13-01T10:00:00.000", "is not a date and time"),
    ],
)
def test_a_bad_value_is_named(
    write_dump: Callable[..., Path],
    existing: dict[str, int],
    table: str,
    index: int,
    attribute: str,
    value: str,
    expected: str,
) -> None:
    tables = {"users": USERS, "posts": POSTS, "comments": COMMENTS, "votes": VOTES}
    tables["badges"] = BADGES
    rows = [dict(row) for row in tables[table]]
    rows[index][attribute] = value
    message = failure(write_dump(**{**tables, table: rows}))
    assert f"{table.title()}.xml, line {index + 3}: {attribute}=“{value}” {expected}." in message
    assert table_counts() == existing


def test_a_missing_file_is_named(write_dump: Callable[..., Path], existing: dict[str, int]) -> None:
    folder = write_dump(users=USERS, posts=POSTS)
    (folder / "Votes.xml").unlink()
    message = failure(folder)
    assert message.startswith(f"Votes.xml missing from {folder}")
    assert table_counts() == existing
    assert "is not a folder" in failure(folder / "nowhere")


def test_xml_entities_are_refused(
    write_dump: Callable[..., Path], existing: dict[str, int]
) -> None:
    folder = write_dump(users=USERS, posts=POSTS)
    (folder / "Badges.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE badges [<!ENTITY lol "lol">]>\n'
        '<badges><row Id="1" UserId="1" Name="&lol;" Date="2015-04-01T10:00:00.000" /></badges>\n'
    )
    assert "Badges.xml uses XML features that are refused for safety" in failure(folder)
    assert table_counts() == existing


def test_bad_options(write_dump: Callable[..., Path], existing: dict[str, int]) -> None:
    folder = write_dump(users=USERS)
    assert "cannot name an import source" in failure(folder, "--source", "Not a name!")
    assert "is not a board slug" in failure(folder, "--board", "no spaces")
    assert table_counts() == existing
