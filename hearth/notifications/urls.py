from django.urls import path

app_name = "notifications"

urlpatterns: list = []  # filled in by the notifications pages
