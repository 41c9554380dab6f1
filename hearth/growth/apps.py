from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrowthConfig(AppConfig):
    name = "hearth.growth"
    label = "growth"
    verbose_name = _("Growth")

    def ready(self) -> None:
        from hearth.growth.attribution import subscribers as _attribution  # noqa: F401
        from hearth.growth.onboarding import subscribers  # noqa: F401  (progress from events)
