from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GamificationConfig(AppConfig):
    name = "hearth.gamification"
    label = "gamification"
    verbose_name = _("Levels and points")

    def ready(self) -> None:
        from hearth.gamification import (
            privileges,  # noqa: F401  (registers the provider)
            subscribers,  # noqa: F401
            subscribers_badges,  # noqa: F401
            subscribers_moderation,  # noqa: F401
        )
