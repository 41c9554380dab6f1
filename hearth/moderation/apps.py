from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "hearth.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        # Answer the community's pre-publish screening and posting-standing questions,
        # and react to domain events (reports, review decisions, sanctions).
        from hearth.moderation import (
            screening_provider,
            standing_provider,
            subscribers,
            subscribers_sanctions,
        )

        del screening_provider, standing_provider, subscribers, subscribers_sanctions
