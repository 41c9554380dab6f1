"""What the cockpit's analytics page tests share: an analyst's client and readers of pages
and downloads. Import the fixtures into a test module to use them (``analyst``, ``client``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from hearth.core import roles


@pytest.fixture
def analyst(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.ANALYST, username="ana")


@pytest.fixture
def client(analyst: Any, login: Callable[[Any], Client]) -> Client:
    """The analyst, logged in, browsing in English."""
    return login(analyst)


def html_of(response: Any) -> str:
    return str(response.content.decode())


def table_rows(html: str, testid: str) -> list[list[str]]:
    """The text of each cell of the table ``data-testid=testid`` (header row first)."""
    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        ]
        for row in rows
    ]


def csv_rows(response: Any) -> list[list[str]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(text[1:])))


def xlsx_sheet(response: Any) -> Any:
    book = load_workbook(io.BytesIO(response.content))
    return book.active
