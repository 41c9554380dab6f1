"""Public growth URLs: ``/go/<code>/`` (short links; ``/s/`` is the members' share links)."""

from django.urls import URLPattern, path

from hearth.growth import views

app_name = "growth"

urlpatterns: list[URLPattern] = [
    path("go/<str:code>/", views.link_go, name="link_go"),
    path("go/<str:code>/qr.png", views.link_qr_png, name="link_qr_png"),
    path("go/<str:code>/qr.svg", views.link_qr_svg, name="link_qr_svg"),
]
