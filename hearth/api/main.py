"""The JSON API, version 1: one NinjaAPI, one router per resource.

Served under ``/api/v1/``; the OpenAPI document is ``/api/v1/openapi.json``
and a self-hosted page describing it is ``/api/v1/docs`` (ninja's own docs
page loads Swagger UI from a CDN, which Hearth never does).
"""

from __future__ import annotations

from ninja import NinjaAPI

from hearth.api.errors import install_error_handlers
from hearth.api.routers import (
    boards,
    events,
    images,
    likes,
    members,
    notifications,
    points,
    replies,
    reports,
    shares,
    topics,
)

DESCRIPTION = """\
The community's JSON API: boards, topics, replies, likes, shares, post images,
members, points, badges, leaderboards and notifications. It calls the same services and permission rules as the pages.

Authenticate with `Authorization: Bearer <token>`; a member's token is issued
with `hearth api_token <username> --name <label>`. Browser pages may instead
use their logged-in session, sending the CSRF token (`X-CSRFToken`) on writes.
Public content can be read without authentication.

Errors always answer `{"error": {"code", "message", "fields"}}`: 400 unreadable
body, 401 missing or bad token, 403 not allowed, 404 unknown or invisible,
409 conflict (e.g. a second like), 422 invalid input (each field named).
Messages follow the Accept-Language header.
"""

api = NinjaAPI(
    title="Hearth API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,
)
install_error_handlers(api)

for module in (
    boards,
    topics,
    replies,
    likes,
    shares,
    images,
    members,
    points,
    notifications,
    reports,
    events,
):
    api.add_router("", module.router)
