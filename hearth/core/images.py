"""Uploaded pictures (avatars, logos): checked before anything is kept."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PICTURE_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})


def picture_open(*, upload: UploadedFile, field: str, max_bytes: int) -> Image.Image:
    """Open an upload as a picture, or raise ValidationError keyed by ``field``.

    Refuses files over ``max_bytes``, files Pillow cannot read (or that are
    decompression bombs) and formats other than JPEG, PNG, GIF and WebP.
    """
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            {
                field: _("The image is %(size).1f MB; the largest allowed is %(max)d MB.")
                % {"size": upload.size / 1024 / 1024, "max": max_bytes // 1024 // 1024}
            }
        )
    try:
        image = Image.open(upload)
        image_format = image.format or ""
        image.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            {
                field: _(
                    "This file is not an image we can read. Upload a JPEG, PNG, GIF or WebP picture."
                )
            }
        ) from exc
    if image_format not in PICTURE_FORMATS:
        raise ValidationError({field: _("Upload a JPEG, PNG, GIF or WebP picture.")})
    return image
