"""``/api/``: version 1 of the JSON API, its OpenAPI document and docs page.

No ``app_name`` here: the versioned API is its own namespace, ``api-v1``
(``reverse("api-v1:openapi-json")``, ``reverse("api-v1:docs")``).
"""

from django.urls import URLPattern, URLResolver, include, path, re_path

from hearth.api import views
from hearth.api.main import api

_v1_patterns, _app_name, _namespace = api.urls

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "v1/",
        include(
            (
                [
                    path("", views.index, name="index"),
                    path("docs", views.docs, name="docs"),
                    *_v1_patterns,
                    re_path(r"^.+$", views.not_found, name="not-found"),
                ],
                _app_name,
            ),
            namespace=_namespace,
        ),
    ),
]
