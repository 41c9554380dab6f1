from django.urls import include, path

from hearth.moderation import urls_reports, urls_standing

app_name = "moderation"

urlpatterns = [
    path("", include(urls_reports)),
    path("", include(urls_standing)),
]
