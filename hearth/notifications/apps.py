from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "hearth.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from hearth.notifications import subscribers  # noqa: F401
