from django.urls import path

app_name = "accounts"

urlpatterns: list = []  # filled in by the accounts pages
