from django.urls import path

app_name = "cockpit"

urlpatterns: list = []  # filled in by the cockpit pages
