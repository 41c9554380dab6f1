"""The PDF report: Chinese text and charts render (page 1 is not blank), from the snapshot only."""

from __future__ import annotations

import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image

from hearth.reporting import charts
from hearth.reporting.pdf import html_pdf, report_html, report_pdf
from tests.reporting.sections_fixture import empty_sections, make_report, weekly_sections

pytestmark = pytest.mark.django_db
SHOTS = Path("/tmp/shots-reportui")
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
TITLES = ("Commentary", "Key figures", "Goal status", "Channels", "Retention of recent cohorts",
          "Top content", "Top creators", "Rising KOL candidates", "Moderation", "Anomalies")  # fmt: skip
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")


def _page_png(pdf: bytes, tmp_path: Path, name: str) -> Path:
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(prefix)],
        check=True,
    )
    (png,) = tmp_path.glob(f"{name}*.png")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, SHOTS / f"{name}-page1.png")
    (SHOTS / f"{name}.pdf").write_bytes(pdf)
    return png


def _text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "text.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"],
        check=True,
        capture_output=True,
    )
    return done.stdout.decode()


def _titles(language: str) -> list[str]:
    """The section titles as the report's language says them."""
    with translation.override(language):
        return [gettext(title) for title in TITLES]


@needs_poppler
def test_page_one_shows_chinese_text_and_charts(tmp_path: Path) -> None:
    report = make_report(commentary="本周日活增长明显，摄影版块贡献最大。")
    with translation.override("zh-hans"):
        pdf = report_pdf(report)

    assert pdf.startswith(b"%PDF")
    png = _page_png(pdf, tmp_path, "weekly")
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        counts = rgb.getcolors(maxcolors=1 << 24) or []
        total = rgb.size[0] * rgb.size[1]
    ink = sum(n for n, (r, g, b) in counts if r + g + b < 720) / total
    assert ink > 0.05, f"page 1 is nearly blank ({ink:.1%} ink)"
    assert len(counts) > 50, f"page 1 has only {len(counts)} colours"
    # the charts' blue lines are drawn on page 1
    assert sum(n for n, (r, g, b) in counts if b > 150 and r < 80 and g < 140) > 200

    text = _text(pdf, tmp_path)
    for title in _titles("zh-hans"):
        assert title in text, title
    assert "本周日活增长明显" in text
    assert "本季度日活提升 30%" in text
    assert "摄影版块贡献了增量的 62%。" in text


@needs_poppler
def test_a_week_without_data_says_so(tmp_path: Path) -> None:
    report = make_report(empty_sections(), has_data=False)
    with translation.override("zh-hans"):
        pdf = report_pdf(report)

    _page_png(pdf, tmp_path, "empty")
    text = _text(pdf, tmp_path)
    with translation.override("zh-hans"):
        assert gettext("No activity was recorded in this period.") in text
    assert _titles("zh-hans")[1] not in text


def test_the_pdf_shows_the_snapshot_not_live_data(tmp_path: Path) -> None:
    sections = weekly_sections()
    sections["top_content"][0]["title"] = "A title only in the snapshot"
    report = make_report(sections)

    with translation.override("en"):
        html = report_html(report)

    assert "A title only in the snapshot" in html


def test_remote_urls_are_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []

    def record(self: object, url: object, *args: object, **kwargs: object) -> None:
        fetched.append(getattr(url, "full_url", str(url)))
        raise OSError("no network in tests")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", record)
    pdf = html_pdf(
        '<link rel="stylesheet" href="http://example.com/a.css">'
        '<p>x</p><img src="https://example.com/x.png"><img src="file:///etc/hostname">'
    )

    assert pdf.startswith(b"%PDF")
    assert fetched == []


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_charts_fall_back_without_a_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    charts.font_family.cache_clear()
    monkeypatch.setattr(charts, "CJK_FONTS", (Path("/nonexistent/font.ttc"),))
    try:
        svg = charts.line_chart_svg(
            days=["2026-11-16", "2026-11-17"], series=[("日活", [1.0, None])], title="日活"
        )
        assert charts.font_family() == "DejaVu Sans"
        assert svg.lstrip().startswith("<?xml")
    finally:
        charts.font_family.cache_clear()
