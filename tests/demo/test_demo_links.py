"""The demo's campaigns and tracked links: the registry shows them, booths share the spend's
campaigns, and a reset removes them."""

from __future__ import annotations

import pytest

from hearth.demo.links import CAMPAIGNS, LINKS
from hearth.growth.channels.selectors import channel_rows
from hearth.growth.models import Campaign, Spend, TrackedLink
from tests.demo.conftest import DemoWorld

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]  # one build a module


def test_demo_links_and_campaigns(demo_world: DemoWorld) -> None:
    links = {link.code: link for link in TrackedLink.objects.select_related("campaign", "channel")}
    assert set(links) == {spec.code for spec in LINKS}
    for link in links.values():
        assert link.campaign is not None
        assert link.campaign.channel == link.channel
        assert link.utm_source == link.channel.key
        assert link.clicks > 0
        assert link.last_clicked_at is not None
        assert link.last_clicked_at <= demo_world.now
    assert set(Campaign.objects.values_list("name", flat=True)) >= {c.name for c in CAMPAIGNS}
    booths = {"美食节展位", "科技展展位"}
    booth_links = [links["foodfair"], links["techfair"]]
    assert {link.campaign.name for link in booth_links if link.campaign} == booths
    # The booth costs of the spend plant sit under the same campaigns as the booth links.
    booth_spend = Spend.objects.filter(campaign__name__in=booths)
    assert booth_spend.exists()
    assert set(booth_spend.values_list("channel__key", flat=True)) == {"offline"}
    rows = {row.channel.key: row for row in channel_rows(now=demo_world.now)}
    assert rows["offline"].link_count == 3
    assert rows["offline"].clicks == sum(
        link.clicks for link in links.values() if link.channel.key == "offline"
    )
    assert rows["offline"].signups_total > 0
