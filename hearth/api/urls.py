from django.urls import path

app_name = "api"

urlpatterns: list = []  # filled in by the api pages
