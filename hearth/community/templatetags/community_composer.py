"""The composer's tools beside a topic or reply text box."""

from __future__ import annotations

from django import template
from django.urls import reverse

from hearth.community.services.images import POST_IMAGE_MAX_BYTES, image_upload_refusal

register = template.Library()


@register.inclusion_tag("community/_composer_image.html", takes_context=True)
def composer_image(context: template.Context, textarea_id: str) -> dict[str, object]:
    """The "Insert image" button for the text box ``textarea_id``; disabled, with the
    reason, for members whose level does not include the upload privilege."""
    refusal = image_upload_refusal(context["user"])
    return {
        "allowed": refusal is None,
        "reason": refusal or "",
        "target": textarea_id,
        "upload_url": reverse("community:image_upload"),
        "max_bytes": POST_IMAGE_MAX_BYTES,
        "max_mb": POST_IMAGE_MAX_BYTES // 1024 // 1024,
    }
