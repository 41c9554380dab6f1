"""Fixtures for the Stack Exchange import: the shared dumps, small dumps written here, snapshots."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import quoteattr

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

FILES = ("Users.xml", "Posts.xml", "Comments.xml", "Votes.xml", "Badges.xml")
ROOTS = {"Users.xml": "users", "Posts.xml": "posts", "Comments.xml": "comments"}
ROOTS |= {"Votes.xml": "votes", "Badges.xml": "badges"}


@pytest.fixture(autouse=True)
def _db(db: None) -> None:
    """Every import test writes to the database."""


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are matched in English (the site's default language is Chinese)."""
    with translation.override("en"):
        yield


@pytest.fixture
def conlang(shared_data: Path) -> Path:
    return shared_data / "communities" / "se_conlang_meta_full"


@pytest.fixture
def bicycles(shared_data: Path) -> Path:
    return shared_data / "communities" / "se_bicycles_meta_full"


def run_import(directory: Path, *args: str, verbosity: int = 1) -> str:
    """``hearth import stackexchange DIR ARGS…`` in English; what it printed."""
    out = io.StringIO()
    with translation.override("en"):
        call_command(
            "import", "stackexchange", str(directory), *args, verbosity=verbosity, stdout=out
        )
    return out.getvalue()


def xml_rows(path: Path) -> Iterator[dict[str, str]]:
    """The attributes of every row, read independently of the importer (plain ElementTree)."""
    for _event, element in ElementTree.iterparse(path):
        if element.tag == "row":
            yield dict(element.attrib)
        element.clear()


def table_counts() -> dict[str, int]:
    """Rows of every table: the database 'as it was'."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.fixture
def copy_dump(tmp_path: Path) -> Callable[[Path], Path]:
    """A writable copy of a dump's five files, to damage in a test."""

    def copy(source: Path) -> Path:
        target = tmp_path / source.name
        target.mkdir()
        for name in FILES:
            shutil.copyfile(source / name, target / name)
        return target

    return copy


Rows = list[dict[str, Any]]


@pytest.fixture
def write_dump(tmp_path: Path) -> Callable[..., Path]:
    """A small dump written from rows: ``write_dump(users=[{"Id": 1, …}], posts=[…], …)``."""

    def write(name: str = "se_tiny", **tables: Rows) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file in FILES:
            rows = tables.get(file.removesuffix(".xml").lower(), [])
            lines = ['<?xml version="1.0" encoding="utf-8"?>', f"<{ROOTS[file]}>"]
            for row in rows:
                attrs = " ".join(f"{k}={quoteattr(str(v))}" for k, v in row.items())
                lines.append(f"  <row {attrs} />")
            lines.append(f"</{ROOTS[file]}>")
            (folder / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return folder

    return write
