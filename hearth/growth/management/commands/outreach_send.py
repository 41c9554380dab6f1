"""``hearth outreach_send``: finish the outreach still sending, and refresh returns.

A send from the cockpit handles one batch in the request; a large audience
(or one held back by the hourly e-mail cap) is finished by this command, run
every few minutes from cron until the background workers of issue #7 take it
over. It then records which recipients of recent sends came back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hearth.growth.models import Outreach, OutreachStatus
from hearth.growth.outreach.lift import outreach_returns_update
from hearth.growth.outreach.services import outreach_send

RETURNS_DAYS = 60
"""Returns are refreshed for outreach sent within this many days."""


class Command(BaseCommand):
    help = "Send the rest of every outreach still sending, then refresh recipients' returns."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site-url",
            required=True,
            help="The community's public address, for links in e-mails (https://…).",
        )
        parser.add_argument("--batches", type=int, default=20, help="Most batches per outreach.")

    def handle(self, *args: Any, **options: Any) -> None:
        site_url: str = options["site_url"]
        if not site_url.startswith(("http://", "https://")):
            raise CommandError("--site-url must start with http:// or https://")
        site_url = site_url.rstrip("/") + "/"
        for outreach in Outreach.objects.filter(status=OutreachStatus.SENDING).order_by("pk"):
            sent = 0
            for _batch in range(options["batches"]):
                report = outreach_send(outreach=outreach, site_url=site_url)
                sent += report.notified + report.emailed
                if report.capped or report.remaining == 0:
                    break
            self.stdout.write(
                f"{outreach.name}: {sent} deliveries, {report.remaining} recipients left"
                + (" (hourly e-mail cap reached)" if report.capped else "")
            )
        since = timezone.now() - dt.timedelta(days=RETURNS_DAYS)
        returned = sum(
            outreach_returns_update(outreach)
            for outreach in Outreach.objects.filter(sent_at__gte=since).exclude(
                status=OutreachStatus.DRAFT
            )
        )
        self.stdout.write(f"Returns recorded: {returned}.")
