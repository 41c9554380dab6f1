from django.urls import URLPattern, URLResolver

app_name = "gamification"

urlpatterns: list[URLPattern | URLResolver] = []
