"""Public pages of growth: the short link's redirect and its QR codes."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_safe

from hearth.growth.links.codes import link_landing_url
from hearth.growth.links.qr import qr_image, scale_parse
from hearth.growth.links.selectors import link_for_code
from hearth.growth.links.services import link_visit

QR_CACHE_SECONDS = 24 * 3600


def short_url(request: HttpRequest, code: str) -> str:
    """The absolute short URL of a code, on the host the request came to."""
    return request.build_absolute_uri(reverse("growth:link_go", args=[code]))


@require_safe
def link_go(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Count the click and send the visitor on, tagged with the link's UTM parameters.

    An unknown or switched-off code goes quietly to the home page, uncounted and
    uncredited (a mistyped poster code is not an error page). A HEAD request (a
    link checker, a chat app's preview) gets the same answer but is not counted.
    """
    if request.method == "HEAD":
        found = link_for_code(code=code)
        link = found if found is not None and found.active else None
    else:
        link = link_visit(code=code)
    if link is None:
        return HttpResponseRedirect("/")
    target = link_landing_url(link)
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return HttpResponseRedirect("/")  # pragma: no cover - destinations are checked on save
    response = HttpResponseRedirect(target)
    response["Cache-Control"] = "no-store"  # every scan must reach us to be counted
    return response


def _qr(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    link = link_for_code(code=code)
    if link is None:
        raise Http404
    body = qr_image(
        short_url(request, link.code), kind=kind, scale=scale_parse(request.GET.get("scale"))
    )
    content_type = "image/svg+xml" if kind == "svg" else "image/png"
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={QR_CACHE_SECONDS}"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="qr-{link.code}.{kind}"'
    return response


@require_GET
def link_qr_png(request: HttpRequest, code: str) -> HttpResponse:
    return _qr(request, code, "png")


@require_GET
def link_qr_svg(request: HttpRequest, code: str) -> HttpResponse:
    return _qr(request, code, "svg")
