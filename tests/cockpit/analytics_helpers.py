"""What the cockpit's analytics page tests read: tables of a page, CSV and XLSX downloads,
screenshots and Chinese labels in the browser. (The analyst is in ``analytics_fixtures``.)"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from hearth.core import roles
from tests.moderation.queue_fixtures import shot

# Who may open the analytics pages (200) and who may not (403).
ROLE_STATUS = [
    (roles.ADMIN, 200),
    (roles.COMMUNITY_MANAGER, 200),
    (roles.MEMBER_OPERATIONS, 200),
    (roles.ANALYST, 200),
    (roles.CONTENT_EDITOR, 403),
    (roles.EVENT_PLANNER, 403),
    (roles.MODERATOR, 403),
]


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


def full_shot(page: Any, name: str) -> None:
    """A screenshot of the whole page (charts and tables sit below the fold), beside shot()'s."""
    shot(page, name)
    folder = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
    page.screenshot(path=str(folder / f"{name}-full.png"), full_page=True)


def zh(message: str) -> str:
    """The Simplified Chinese the page shows for ``message``."""
    with translation.override("zh-hans"):
        return gettext(message)
