from django.urls import URLPattern, URLResolver, include, path

from hearth.cockpit import urls_classifier, urls_insight, urls_order, urls_review, urls_words
from hearth.cockpit.views import (
    badges,
    boards,
    brand,
    fairness,
    ladder,
    ledger,
    overview,
    points,
    staff,
    topics,
)

app_name = "cockpit"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", overview.home, name="home"),
    path("content/topics/", topics.topic_list, name="topics"),
    path("content/topics/<int:pk>/feature/", topics.topic_feature_set, name="topic_feature"),
    path("content/topics/<int:pk>/pin/", topics.topic_pin_set, name="topic_pin"),
    path("engagement/badges/", badges.badge_list, name="badges"),
    path("engagement/badges/new/", badges.badge_new, name="badge_new"),
    path("engagement/badges/award/", badges.badge_award, name="badge_award"),
    path("engagement/badges/<int:pk>/", badges.badge_edit, name="badge_edit"),
    path("engagement/badges/<int:pk>/backfill/", badges.badge_backfill, name="badge_backfill"),
    path("engagement/levels/", ladder.ladder_edit, name="levels"),
    path("engagement/levels/preview/", ladder.ladder_preview, name="levels_preview"),
    path("engagement/points/", points.point_rules, name="point_rules"),
    path("engagement/points/restore/", points.point_rules_restore, name="point_rules_restore"),
    path("engagement/points/<str:action>/", points.point_rule_edit, name="point_rule_edit"),
    path("engagement/like-rings/", fairness.like_rings, name="like_rings"),
    path("engagement/like-rings/run/", fairness.like_rings_run, name="like_rings_run"),
    path("engagement/like-rings/<int:pk>/", fairness.like_ring_review, name="like_ring_review"),
    path("engagement/fairness/", fairness.fairness_policy_edit, name="fairness_policy"),
    path("engagement/members/", ledger.member_search, name="member_search"),
    path("engagement/members/<str:username>/points/", ledger.member_ledger, name="member_ledger"),
    path("team/staff/", staff.staff, name="staff"),
    path("team/staff/<int:pk>/remove/", staff.staff_remove, name="staff_remove"),
    path("settings/brand/", brand.brand_edit, name="brand"),
    path("settings/boards/", boards.board_list, name="boards"),
    path("settings/boards/new/", boards.board_new, name="board_new"),
    path("settings/boards/slug/", boards.board_slug_suggestion, name="board_slug"),
    path("settings/boards/<int:pk>/", boards.board_edit, name="board_edit"),
    path("settings/boards/<int:pk>/move/", boards.board_reorder, name="board_move"),
    path("", include(urls_review)),
    path("", include(urls_words)),
    path("", include(urls_order)),
    path("", include(urls_insight)),
    path("", include(urls_classifier)),
]
