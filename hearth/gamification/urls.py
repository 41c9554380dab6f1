from django.urls import URLPattern, URLResolver, path

from hearth.gamification.views import badges, checkins, leaderboards, points

app_name = "gamification"

urlpatterns: list[URLPattern | URLResolver] = [
    path("points/", points.my_points, name="points"),
    path("badges/", badges.my_badges, name="badges"),
    path("points/check-in/", checkins.check_in, name="check_in"),
    path("leaderboards/", leaderboards.leaderboards, name="leaderboards"),
]
