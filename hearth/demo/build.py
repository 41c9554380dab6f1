"""The demo community: build it from a seed, tell whether it exists, reset it.

``demo_build`` simulates a community (:mod:`hearth.demo.sim`, planted effects
in :mod:`hearth.demo.effects`), then writes it with bulk inserts. Every member,
staff account and the admin share one password, ``DEMO_PASSWORD``, hashed once,
so a demo visitor can log in as any member.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import MemberFollow, User
from hearth.analytics.backfill import activity_backfill
from hearth.analytics.services import activity_reset
from hearth.analytics.store.locate import open_store
from hearth.analytics.store.sync import store_rebuild, store_sync
from hearth.community.models import (
    Board,
    BoardFollow,
    Bookmark,
    Like,
    Read,
    Reply,
    Share,
    Tag,
    Topic,
    TopicRevision,
)
from hearth.core.brand import brand_update
from hearth.demo.attribution import attribution_plant
from hearth.demo.banks import THEME_BANKS
from hearth.demo.events import events_plant, events_reset
from hearth.demo.goals import goals_plant, goals_reset
from hearth.demo.insights import demo_alerts_raise, demo_insights_reset, demo_metric_ensure
from hearth.demo.links import links_plant, links_reset
from hearth.demo.moderation import moderation_plant
from hearth.demo.moderation.reset import moderation_reset
from hearth.demo.onboarding import onboarding_plant
from hearth.demo.outreach import outreach_plant, outreach_reset
from hearth.demo.reports import reports_plant, reports_reset
from hearth.demo.rings import like_ring_plant
from hearth.demo.showcases import showcases_plant
from hearth.demo.spec import simulate, spec_for
from hearth.demo.spend import spend_plant, spend_reset
from hearth.demo.strategy import strategy_plant, strategy_reset
from hearth.demo.viral import viral_day_plant
from hearth.demo.writer import DemoWriter
from hearth.gamification.models import LikeRingAlert
from hearth.gamification.services import badges_backfill, like_rings_detect, points_backfill
from hearth.goals.data import goals_store
from hearth.notifications.models import Notification

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "hearth-demo"  # noqa: S105 (printed by `hearth demo` on purpose)
THEMES: dict[str, str] = {key: bank.label for key, bank in THEME_BANKS.items()}
ICP_NUMBER = "京ICP备2026000000号-1"
PUBLIC_SECURITY_NUMBER = "京公网安备11010502000001号"


def demo_exists() -> bool:
    """True when the demo was built: the admin exists and there are topics."""
    return User.objects.filter(username=DEMO_USERNAME).exists() and Topic.objects.exists()


def demo_reset() -> None:
    """Delete the community's data (members, content, actions, notifications, moderation)."""
    activity_reset()
    with transaction.atomic():
        moderation_reset()
        demo_insights_reset()
        events_reset()
        outreach_reset()
        spend_reset()
        reports_reset()
        strategy_reset()
        goals_reset()
        links_reset()  # after the spend rows, which protect campaigns
        for model in (
            LikeRingAlert,
            Notification,
            Like,
            Read,
            Share,
            Bookmark,
            BoardFollow,
            MemberFollow,
            TopicRevision,
        ):
            model.objects.all().delete()
        Topic.tags.through.objects.all().delete()
        Reply.objects.update(quote=None)
        Reply.objects.all().delete()
        Topic.objects.all().delete()
        Tag.objects.all().delete()
        Board.objects.all().delete()
        User.objects.all().delete()


def demo_build(
    *,
    seed: int,
    theme: str,
    members: int,
    reset: bool,
    progress: Callable[[str], object],
    now: dt.datetime | None = None,
) -> str:
    """Build the demo community (``reset`` first deletes the existing data); return a summary.

    ``now`` fixes the end of the simulated period (default: now), so that a seed
    always gives the same data.
    """
    if theme not in THEME_BANKS:
        raise ValidationError(
            _("Unknown theme %(theme)s; choose one of: %(themes)s")
            % {"theme": theme, "themes": ", ".join(THEMES)}
        )
    if members < 50:
        raise ValidationError(_("The demo needs at least 50 members."))
    started = time.monotonic()
    if reset:
        progress(_("Deleting the existing community data…"))
        demo_reset()
    elif Topic.objects.exists() or Board.objects.exists():
        raise ValidationError(
            _("The database already has boards or topics; pass --reset to replace them.")
        )
    bank = THEME_BANKS[theme]
    now = now or timezone.now()
    spec = spec_for(bank=bank, seed=seed, members=members, now=now)
    result = simulate(spec, progress)
    DemoWriter(
        bank=bank, result=result, seed=seed, password=DEMO_PASSWORD, progress=progress
    ).write()
    brand_update(
        community_name=bank.community_name,
        tagline=bank.tagline,
        description=bank.description,
        primary_colour=bank.primary_colour,
        rules_markdown=bank.rules_markdown,
        culture_markdown=bank.culture_markdown,
        icp_number=ICP_NUMBER,
        public_security_number=PUBLIC_SECURITY_NUMBER,
        theme=bank.key,
    )
    progress(_("Deriving points, levels and leaderboards from the history…"))
    like_ring_plant(seed=seed, now=now)
    points_backfill()  # the bulk writer fires no events: award from the rows, then rank
    badges_backfill()
    showcases_plant(seed=seed)
    like_rings_detect(now=now)
    moderation_plant(seed=seed, now=now)
    viral_day_plant(seed=seed, theme=bank.key, now=now)
    attribution_plant(seed=seed, now=now)
    links_plant(seed=seed, now=now)
    spend_plant(seed=seed, now=now)
    events_plant(seed=seed, now=now)
    outreach_plant(seed=seed, now=now)  # before the analytics backfill: its returns are reads
    onboarding_plant()  # progress from the history, after every planted read, follow and post
    progress(_("Recording the history for analytics…"))
    activity_backfill()
    with open_store() as engine:
        store_rebuild(engine)
        progress(_("Defining a custom metric and looking for anomalies…"))
        demo_metric_ensure()
        demo_alerts_raise(now=now, engine=engine)
    progress(_("Setting this quarter's goals and computing their progress…"))
    with open_store() as engine:
        store_sync(engine)
        with goals_store(engine):  # ~50 computations over one open store
            goals_plant(now=now, theme=bank.key)
        strategy_plant(seed=seed, now=now)  # its initiatives link to the goals
        progress(_("Writing the latest weekly and monthly operations reports…"))
        reports_plant(now=now, engine=engine)
    return demo_summary(seconds=time.monotonic() - started, seed=seed)


def demo_counts() -> dict[str, int]:
    return {
        "members": User.objects.count(),
        "boards": Board.objects.count(),
        "topics": Topic.objects.count(),
        "replies": Reply.objects.count(),
        "likes": Like.objects.count(),
        "reads": Read.objects.count(),
        "shares": Share.objects.count(),
        "bookmarks": Bookmark.objects.count(),
        "board_follows": BoardFollow.objects.count(),
        "member_follows": MemberFollow.objects.count(),
    }


def demo_summary(*, seconds: float, seed: int) -> str:
    counts = demo_counts()
    return _(
        "Built in %(seconds).1f s (seed %(seed)d): %(members)d members, %(boards)d boards, "
        "%(topics)d topics, %(replies)d replies, %(likes)d likes, %(reads)d reads, "
        "%(shares)d shares, %(bookmarks)d bookmarks, %(board_follows)d board follows, "
        "%(member_follows)d member follows."
    ) % {"seconds": seconds, "seed": seed, **counts}
