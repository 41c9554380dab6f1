"""Member pages: standing, appeals and the community rules (included by moderation.urls)."""

from django.urls import URLPattern, URLResolver, path

from hearth.moderation.views import appeals, rules, standing

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/standing/", standing.my_standing, name="standing"),
    path("me/standing/seen/", standing.standing_seen, name="standing_seen"),
    path("appeals/item/<int:pk>/", appeals.appeal_item, name="appeal_item"),
    path("appeals/sanction/<int:pk>/", appeals.appeal_sanction, name="appeal_sanction"),
    path("community-rules/", rules.rules, name="rules"),
]
