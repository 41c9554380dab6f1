"""The report as a PDF (WeasyPrint, charts drawn by matplotlib) and as an e-mail body.

Both render the stored snapshot only. WeasyPrint may fetch nothing but ``data:`` URIs:
the charts are embedded, the fonts come from the system (fontconfig), and a remote URL
in a snapshot's text can never make the server fetch it.
"""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from hearth.core.brand import brand_get
from hearth.reporting.charts import line_chart_svg
from hearth.reporting.display import report_context, report_sections
from hearth.reporting.models import OperationsReport


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _context(report: OperationsReport) -> dict[str, Any]:
    context = report_context(report)
    brand = brand_get()
    context["brand"] = brand
    context["chart_images"] = [
        {
            "title": chart.title,
            "uri": _svg_uri(
                line_chart_svg(
                    days=chart.days, series=[(chart.title, chart.values)], title=chart.title
                )
            ),
        }
        for chart in context["charts"]
    ]
    return context


def _language(report: OperationsReport) -> str:
    return report_sections(report).get("language") or translation.get_language() or "zh-hans"


def report_pdf(report: OperationsReport) -> bytes:
    """The report as an A4 PDF, in the language it was built in."""
    with translation.override(_language(report)):
        html = render_to_string("reporting/report_print.html", _context(report))
    return html_pdf(html)


def html_pdf(html: str) -> bytes:
    """Print ``html`` with WeasyPrint, fetching nothing but ``data:`` URIs."""
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = HTML(string=html, url_fetcher=fetcher, base_url="data:,").write_pdf()
    return pdf


def report_html(report: OperationsReport) -> str:
    """The report as a self-contained HTML e-mail body (inline styles, no images)."""
    with translation.override(_language(report)):
        return render_to_string(
            "reporting/report_email.html", {**report_context(report), "brand": brand_get()}
        )
