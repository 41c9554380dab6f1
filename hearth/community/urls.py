from django.urls import path

app_name = "community"

urlpatterns: list = []  # filled in by the community pages
