from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve

urlpatterns = [
    path("", include("hearth.community.urls")),
    path("", include("hearth.core.urls")),
    path("", include("hearth.accounts.urls")),
    path("notifications/", include("hearth.notifications.urls")),
    path("", include("hearth.gamification.urls")),
    path("", include("hearth.moderation.urls")),
    path("", include("hearth.events.urls")),
    path("", include("hearth.urls_seo")),
    path("", include("hearth.growth.urls")),
    path("", include("hearth.growth.urls_outreach")),
    path("", include("hearth.growth.urls_onboarding")),
    path("ops/", include("hearth.cockpit.urls")),
    path("api/", include("hearth.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
]

if settings.HEARTH_SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
