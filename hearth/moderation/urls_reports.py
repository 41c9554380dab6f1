"""Member pages: reports (included by moderation.urls)."""

from django.urls import URLPattern, URLResolver, path

from hearth.moderation.views import reports

urlpatterns: list[URLPattern | URLResolver] = [
    path("report/<str:kind>/<int:pk>/", reports.report, name="report"),  # kind: topic or reply
    path("r/<int:pk>/resubmit/", reports.reply_resubmit, name="reply_resubmit"),
]
