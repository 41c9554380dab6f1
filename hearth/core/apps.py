from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender: AppConfig, **kwargs: Any) -> None:
    from hearth.core.roles import roles_sync

    roles_sync()


class CoreConfig(AppConfig):
    name = "hearth.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, dispatch_uid="hearth.core.roles_sync")
