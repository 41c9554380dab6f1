"""``hearth report weekly|monthly``: generate (store) a report and write it out.

    hearth report weekly [--week 2026-W47] [--pdf out.pdf] [--html out.html] [--print]
    hearth report monthly [--month 2026-11] [--pdf …] [--html …] [--print]

Without ``--week`` / ``--month``: the latest complete period. The report is built in
``settings.LANGUAGE_CODE``. Bad input is a clear message and exit code 2, with nothing
written; the files are written only once the report is generated.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hearth.analytics.queries.params import QueryError
from hearth.reporting.models import OperationsReport
from hearth.reporting.periods import (
    MONTHLY,
    WEEKLY,
    Period,
    PeriodError,
    complete_checked,
    latest_complete,
    period_parse,
)


def add_arguments(parser: CommandParser) -> None:
    kinds = parser.add_subparsers(dest="kind", required=True)
    for kind, option, example in ((WEEKLY, "--week", "2026-W47"), (MONTHLY, "--month", "2026-11")):
        sub = kinds.add_parser(kind, help=f"the {kind} operations report")
        sub.add_argument(
            option, dest="period", help=f"e.g. {example} (default: the latest complete)"
        )
        sub.add_argument("--pdf", type=Path, help="write the PDF here")
        sub.add_argument("--html", type=Path, help="write the HTML (e-mail body) here")
        sub.add_argument("--print", action="store_true", help="print a summary")


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _period(kind: str, label: str | None, today: dt.date) -> Period:
    try:
        if label is None:
            return latest_complete(kind, today)
        return complete_checked(period_parse(kind, label), today)
    except PeriodError as exc:
        raise _fail(str(exc)) from exc


def _writable(path: Path | None) -> None:
    if path is not None and not path.resolve().parent.is_dir():
        raise _fail(
            _("Cannot write %(path)s: the folder %(folder)s does not exist.")
            % {"path": path, "folder": path.resolve().parent}
        )


def run(options: dict[str, Any], out: OutputWrapper) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _run(options, out)


def _run(options: dict[str, Any], out: OutputWrapper) -> None:
    from hearth.reporting.services import report_generate

    kind: str = options["kind"]
    period = _period(kind, options.get("period"), timezone.localdate())
    pdf_path, html_path = options.get("pdf"), options.get("html")
    _writable(pdf_path)
    _writable(html_path)
    try:
        report = report_generate(kind=kind, start=period.start)
    except (PeriodError, QueryError) as exc:
        raise _fail(str(exc)) from exc
    if pdf_path is not None:
        from hearth.reporting.pdf import report_pdf

        pdf_path.write_bytes(report_pdf(report))
        out.write(_("PDF written to %(path)s") % {"path": pdf_path} + "\n")
    if html_path is not None:
        from hearth.reporting.pdf import report_html

        html_path.write_text(report_html(report), encoding="utf-8")
        out.write(_("HTML written to %(path)s") % {"path": html_path} + "\n")
    if options.get("print"):
        out.write(summary(report))
    out.write(
        _("%(report)s generated (%(start)s – %(end)s).")
        % {"report": report, "start": report.period_start, "end": report.period_end}
        + "\n"
    )


def _figure(value: float | None, percent: bool) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value * 100:.1f}%"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.2f}"


def summary(report: OperationsReport) -> str:
    """The report's key figures and sections as plain text."""
    sections: dict[str, Any] = report.sections
    lines = [f"{report} · {sections['start']} – {sections['end']}"]
    if not sections.get("has_data"):
        lines.append(_("No activity was recorded in this period."))
        return "\n".join(lines) + "\n"
    for kpi in sections["kpis"]:
        change = kpi["change"]
        shown = "" if change is None else f" ({change * 100:+.1f}%)"
        lines.append(
            f"  {kpi['label']}: {_figure(kpi['value'], kpi['percent'])}"
            f" · {_('previous')} {_figure(kpi['previous'], kpi['percent'])}{shown}"
        )
    counts = (
        (_("Goals"), "goals"),
        (_("Channels"), "channels"),
        (_("Cohorts"), "cohorts"),
        (_("Top content"), "top_content"),
        (_("Top creators"), "top_creators"),
        (_("Rising KOL candidates"), "kol_candidates"),
        (_("Anomalies"), "anomalies"),
    )
    lines.extend(f"  {label}: {len(sections[key])}" for label, key in counts)
    moderation = sections["moderation"]
    lines.append(
        "  "
        + _("Moderation: %(reports)d reports, %(handled)d decided, %(removed)d removed")
        % {k: moderation[k] for k in ("reports", "handled", "removed")}
    )
    return "\n".join(lines) + "\n"
