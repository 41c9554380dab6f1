from django.urls import URLPattern, URLResolver, path

from hearth.notifications import views

app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.notifications_page, name="list"),
    path("read/", views.notifications_read_all, name="read_all"),
    path("badge/", views.notifications_badge, name="badge"),
    path("<int:pk>/", views.notification_open, name="open"),
]
