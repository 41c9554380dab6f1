from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "hearth.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from hearth.analytics import subscribers  # noqa: F401  (registers the handlers)
