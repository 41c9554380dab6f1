"""Pictures for posts: upload one, then put its Markdown in a topic or reply body."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from hearth.api.auth import MEMBER, member
from hearth.api.errors import ERRORS_WRITE, ErrorOut
from hearth.community.services.images import (
    UploadLimitReached,
    post_image_markdown,
    post_image_upload,
)

router = Router(tags=[gettext_noop("images")])


class ImageOut(Schema):
    id: int
    url: str = Field(description=gettext_noop("The picture's address on this site."))
    markdown: str = Field(
        description=gettext_noop("What to put in a topic or reply body to show the picture.")
    )
    width: int
    height: int
    bytes: int = Field(description=gettext_noop("Size of the stored file."))


@router.post(
    "/images",
    response={201: ImageOut, **ERRORS_WRITE, 429: ErrorOut},
    auth=MEMBER,
    summary=gettext_noop("Upload a picture for a post"),
    description=gettext_noop(
        "Multipart form with the file in `image`: a JPEG, PNG, GIF or WebP picture of at "
        "most 5 MB. It is stored without its metadata (EXIF, GPS) and at most 1600 px wide. "
        "403 when the member's level does not include the upload-images privilege, 422 for "
        "a file that is not such a picture, 429 after the daily number of uploads."
    ),
)
def image_upload(request: HttpRequest, image: File[UploadedFile]) -> Status[ImageOut]:
    me = member(request)
    try:
        picture = post_image_upload(member=me, upload=image)
    except UploadLimitReached as exc:
        raise HttpError(429, " ".join(exc.messages)) from exc
    out = ImageOut(
        id=picture.pk,
        url=picture.file.url,
        markdown=post_image_markdown(picture),
        width=picture.width,
        height=picture.height,
        bytes=picture.size_bytes,
    )
    return Status(201, out)
