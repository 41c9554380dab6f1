"""Pictures in posts (帖子图片): uploaded by members whose level unlocks it.

An upload is checked with :func:`hearth.core.images.picture_open` (a real
JPEG, PNG, GIF or WebP picture, at most 5 MB), turned upright, scaled to at
most 1600 px wide and re-encoded from its pixels alone, so that EXIF (GPS
position, camera serial), XMP, ICC and comments never reach readers. The file
is kept under ``MEDIA_ROOT/posts/YYYY/MM/<random>.<ext>``; the composer then
inserts :func:`post_image_markdown` into the text.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps, ImageSequence

from hearth.accounts.models import User
from hearth.community import permissions
from hearth.community.models import PostImage
from hearth.core.images import picture_open
from hearth.core.privileges import privileges_for

POST_IMAGE_MAX_BYTES = 5 * 1024 * 1024
POST_IMAGE_MAX_WIDTH = 1600
POST_IMAGE_DAILY_LIMIT = 50
ANIMATION_MAX_PIXELS = 60_000_000  # all frames together, as uploaded
FIELD = "image"

_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
_SAVE_OPTIONS: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": False},
    "GIF": {},
    "WEBP": {"quality": 85, "method": 4},
}


class UploadLimitReached(ValidationError):
    """The member has uploaded the most images allowed today (pages and API answer 429)."""


@dataclass(frozen=True)
class EncodedPicture:
    content: bytes
    extension: str
    width: int
    height: int


def image_upload_refusal(user: permissions.AnyUser) -> str | None:
    """Why ``user`` may not upload images, or None when they may (one message, pages and API)."""
    if permissions.can_upload_images(user):
        return None
    if not user.is_authenticated:
        return _("Log in to upload images.")
    if not user.is_active:
        return _("This account cannot upload images.")
    level = privileges_for(user).level_name
    if level:
        return _(
            "Uploading images is a privilege of higher levels; your level, “%(level)s”, "
            "does not include it yet."
        ) % {"level": level}
    return _("Your level does not allow image uploads yet.")


def post_image_upload(*, member: User, upload: UploadedFile) -> PostImage:
    """Keep a picture for a post; returns it (insert :func:`post_image_markdown` into the text).

    Raises PermissionDenied when the member's level does not include the
    "upload images" privilege, :class:`UploadLimitReached` after
    :data:`POST_IMAGE_DAILY_LIMIT` uploads in the local day, and
    ValidationError (field ``image``) for anything but a readable picture.
    """
    refusal = image_upload_refusal(member)
    if refusal is not None:
        raise PermissionDenied(refusal)
    _daily_limit_check(member)  # early, before the work of decoding
    encoded = picture_reencode(
        picture_open(upload=upload, field=FIELD, max_bytes=POST_IMAGE_MAX_BYTES)
    )
    with transaction.atomic():
        # One upload at a time per member, so that the daily count holds under concurrency.
        User.objects.select_for_update().filter(pk=member.pk).values_list("pk").first()
        _daily_limit_check(member)
        image = PostImage(
            uploader=member,
            width=encoded.width,
            height=encoded.height,
            size_bytes=len(encoded.content),
            created_at=timezone.now(),
        )
        name = f"{secrets.token_urlsafe(12)}.{encoded.extension}"
        image.file.save(name, ContentFile(encoded.content), save=False)
        try:
            image.save()
        except BaseException:
            image.file.storage.delete(image.file.name)
            raise
    return image


def post_image_markdown(image: PostImage) -> str:
    """What the composer inserts into the text for ``image``."""
    return f"![]({image.file.url})"


def _daily_limit_check(member: User) -> None:
    since = permissions.local_day_start()
    uploaded = PostImage.objects.filter(uploader=member, created_at__gte=since).count()
    if uploaded >= POST_IMAGE_DAILY_LIMIT:
        raise UploadLimitReached(
            {
                FIELD: ngettext(
                    "You have uploaded %(n)d image today, the most allowed in a day. "
                    "Try again tomorrow.",
                    "You have uploaded %(n)d images today, the most allowed in a day. "
                    "Try again tomorrow.",
                    uploaded,
                )
                % {"n": uploaded}
            }
        )


def picture_reencode(image: Image.Image) -> EncodedPicture:
    """The picture's pixels alone, upright, at most :data:`POST_IMAGE_MAX_WIDTH` wide.

    The format stays (JPEG, PNG, GIF or WebP); animated GIF and WebP keep their frames.
    """
    image_format = image.format or "PNG"
    if getattr(image, "is_animated", False) and image_format in {"GIF", "WEBP"}:
        return _animation_reencode(image, image_format)
    upright = ImageOps.exif_transpose(image)
    picture = _pixels_only(_scaled(upright), opaque=image_format == "JPEG")
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **_SAVE_OPTIONS[image_format])
    return EncodedPicture(
        buffer.getvalue(), _EXTENSIONS[image_format], picture.width, picture.height
    )


def _animation_reencode(image: Image.Image, image_format: str) -> EncodedPicture:
    frame_count = int(getattr(image, "n_frames", 1))
    if frame_count * image.width * image.height > ANIMATION_MAX_PIXELS:
        raise ValidationError(
            {FIELD: _("This animation is too large. Upload a shorter or smaller one.")}
        )
    frames: list[Image.Image] = []
    durations: list[int] = []
    for frame in ImageSequence.Iterator(image):
        durations.append(int(frame.info.get("duration", 100)))
        frames.append(_pixels_only(_scaled(frame), opaque=False))
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format=image_format,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=int(image.info.get("loop", 0)),
        disposal=2,
        **_SAVE_OPTIONS[image_format],
    )
    return EncodedPicture(
        buffer.getvalue(), _EXTENSIONS[image_format], frames[0].width, frames[0].height
    )


def _scaled(picture: Image.Image) -> Image.Image:
    if picture.width <= POST_IMAGE_MAX_WIDTH:
        return picture
    height = max(1, round(picture.height * POST_IMAGE_MAX_WIDTH / picture.width))
    return picture.resize((POST_IMAGE_MAX_WIDTH, height), Image.Resampling.LANCZOS)


def _pixels_only(picture: Image.Image, *, opaque: bool) -> Image.Image:
    """A new image holding only the pixels: no EXIF, XMP, ICC profile, comment or other info."""
    has_alpha = picture.mode in {"RGBA", "LA", "PA"} or "transparency" in picture.info
    mode = "RGB" if opaque or not has_alpha else "RGBA"
    converted = picture.convert(mode)
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
    return clean
