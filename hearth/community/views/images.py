"""Uploading a picture from the composer: JSON in, JSON out (called by ``composer.js``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.accounts.models import User
from hearth.community.services.images import (
    FIELD,
    UploadLimitReached,
    image_upload_refusal,
    post_image_markdown,
    post_image_upload,
)


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": {"message": message}}, status=status)


@require_POST
def image_upload(request: HttpRequest) -> JsonResponse:
    """POST ``image`` (multipart, with the CSRF token): ``{"url", "markdown"}`` or an error.

    403 when the member may not upload images (visitors included: a JSON
    answer, not a redirect to the login page), 429 at the daily limit, 400
    for a missing or unreadable picture.
    """
    refusal = image_upload_refusal(request.user)
    if refusal is not None or not isinstance(request.user, User):
        return _error(refusal or _("Log in to upload images."), 403)
    upload = request.FILES.get(FIELD)
    if upload is None:
        return _error(_("Choose an image to upload."), 400)
    try:
        image = post_image_upload(member=request.user, upload=upload)
    except PermissionDenied as exc:
        return _error(str(exc), 403)
    except UploadLimitReached as exc:
        return _error(" ".join(exc.messages), 429)
    except ValidationError as exc:
        return _error(" ".join(exc.messages), 400)
    return JsonResponse({"url": image.file.url, "markdown": post_image_markdown(image)}, status=201)
