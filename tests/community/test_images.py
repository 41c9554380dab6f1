"""Images in posts: gated by the level's "upload images" privilege, stored without metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import Client
from django.utils import timezone
from PIL import Image, ImageSequence

from hearth.community.models import PostImage
from hearth.community.services.images import (
    POST_IMAGE_DAILY_LIMIT,
    POST_IMAGE_MAX_BYTES,
    UploadLimitReached,
    post_image_upload,
)
from tests.community.pictures import (
    MEDIA_PATH,
    UPLOAD_URL,
    animated_gif,
    assert_no_metadata,
    default_ladder_fixture,  # noqa: F401 (fixture)
    give_points_fixture,  # noqa: F401 (fixture)
    gps_of,
    newcomer_fixture,  # noqa: F401 (fixture)
    picture,
    posts_files,
    stored_path,
    uploader_fixture,  # noqa: F401 (fixture)
)
from tests.community.pictures import upload_to_page as _upload

pytestmark = pytest.mark.django_db


# Who may upload ------------------------------------------------------------------


def test_a_level_one_member_is_refused_and_told_why(
    newcomer: Any, login: Callable[[Any], Client]
) -> None:
    response = _upload(login(newcomer), picture())

    assert response.status_code == 403
    message = response.json()["error"]["message"]
    assert "新手上路" in message
    assert "upload" in message.lower()
    assert PostImage.objects.count() == 0
    assert posts_files() == []


def test_a_visitor_gets_a_json_refusal_not_a_login_page(db: None) -> None:
    response = _upload(Client(), picture())

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["message"] == "Log in to upload images."


def test_the_service_refuses_a_level_one_member(newcomer: Any) -> None:
    with pytest.raises(PermissionDenied, match="新手上路"):
        post_image_upload(member=newcomer, upload=picture())


def test_reaching_level_two_unlocks_uploads(
    newcomer: Any, give_points: Callable[[Any, int], Any]
) -> None:
    give_points(newcomer, 50)

    image = post_image_upload(member=newcomer, upload=picture())

    assert image.uploader_id == newcomer.pk


def test_staff_may_upload_at_any_level(default_ladder: None, staff_member: Any) -> None:
    image = post_image_upload(member=staff_member, upload=picture())

    assert image.pk is not None


def test_the_endpoint_wants_the_csrf_token(uploader: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(uploader)

    response = _upload(client, picture())

    assert response.status_code == 403
    assert PostImage.objects.count() == 0


def test_the_endpoint_takes_only_post(uploader: Any, login: Callable[[Any], Client]) -> None:
    assert login(uploader).get(UPLOAD_URL).status_code == 405


# What is stored ------------------------------------------------------------------


def test_a_level_two_member_uploads_a_png_stored_without_metadata(
    uploader: Any, login: Callable[[Any], Client]
) -> None:
    upload = picture("PNG", (120, 80))
    assert gps_of(upload)[1] == "N"  # what is sent does carry a position

    response = _upload(login(uploader), upload)

    assert response.status_code == 201
    body = response.json()
    assert MEDIA_PATH.match(body["url"]), body["url"]
    assert body["markdown"] == f"![]({body['url']})"
    image = PostImage.objects.get()
    assert image.uploader_id == uploader.pk
    assert (image.width, image.height) == (120, 80)
    assert image.file.url == body["url"]
    path = stored_path(body["url"])
    assert image.size_bytes == path.stat().st_size
    assert body["url"].endswith(".png")
    assert_no_metadata(path)
    with Image.open(path) as stored:
        assert stored.format == "PNG"
        assert stored.convert("RGB").getpixel((10, 10)) == (20, 90, 200)
        assert stored.convert("RGB").getpixel((100, 70)) == (200, 60, 20)


def test_the_file_lands_under_the_month_of_the_upload(uploader: Any) -> None:
    image = post_image_upload(member=uploader, upload=picture())

    local = timezone.localtime(image.created_at)
    assert image.file.name.startswith(f"posts/{local:%Y/%m}/")
    assert image.file.name != "posts/photo.png"


def test_names_are_random_not_the_members_file_name(uploader: Any) -> None:
    first = post_image_upload(member=uploader, upload=picture(name="张三的身份证.png"))
    second = post_image_upload(member=uploader, upload=picture(name="张三的身份证.png"))

    assert "张三" not in first.file.name
    assert first.file.name != second.file.name


def test_a_jpeg_loses_its_gps_and_is_turned_upright(uploader: Any) -> None:
    # Orientation 6: the camera was turned; the picture must be shown rotated 90°.
    upload = picture("JPEG", (100, 50), orientation=6)
    assert gps_of(upload)[2] == (39.0, 54.0, 15.0)

    image = post_image_upload(member=uploader, upload=upload)

    path = stored_path(image.file.url)
    assert image.file.name.endswith(".jpg")
    assert (image.width, image.height) == (50, 100)
    assert_no_metadata(path)
    with Image.open(path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (50, 100)


def test_a_webp_stays_webp_without_metadata(uploader: Any) -> None:
    image = post_image_upload(member=uploader, upload=picture("WEBP", (64, 64)))

    assert image.file.name.endswith(".webp")
    assert_no_metadata(stored_path(image.file.url))


def test_wide_pictures_are_scaled_to_1600_pixels(uploader: Any) -> None:
    image = post_image_upload(member=uploader, upload=picture("PNG", (4000, 1000), exif=False))

    assert (image.width, image.height) == (1600, 400)
    with Image.open(stored_path(image.file.url)) as stored:
        assert stored.size == (1600, 400)


def test_narrow_pictures_keep_their_size(uploader: Any) -> None:
    image = post_image_upload(member=uploader, upload=picture("PNG", (1600, 3000), exif=False))

    assert (image.width, image.height) == (1600, 3000)


def test_an_animated_gif_keeps_its_frames(uploader: Any) -> None:
    image = post_image_upload(member=uploader, upload=animated_gif(3))

    with Image.open(stored_path(image.file.url)) as stored:
        assert stored.format == "GIF"
        colours = [f.convert("RGB").getpixel((5, 5)) for f in ImageSequence.Iterator(stored)]
    assert colours == [(255, 0, 0), (0, 255, 0), (0, 0, 255)]


# Refusals ------------------------------------------------------------------------


def test_an_oversize_file_is_refused_with_the_limit(
    uploader: Any, login: Callable[[Any], Client]
) -> None:
    data = picture().read() + b"\0" * POST_IMAGE_MAX_BYTES
    response = _upload(login(uploader), SimpleUploadedFile("big.png", data))

    assert response.status_code == 400
    assert "the largest allowed is 5 MB" in response.json()["error"]["message"]
    assert PostImage.objects.count() == 0
    assert posts_files() == []


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (SimpleUploadedFile("notes.png", b"just some text, not a picture"), "not an image"),
        (SimpleUploadedFile("script.gif", b"GIF89a<script>alert(1)</script>"), "not an image"),
        (SimpleUploadedFile("half.png", picture(exif=False).read()[:60]), "not an image"),
        (picture("BMP", exif=False), "Upload a JPEG, PNG, GIF or WebP picture."),
    ],
    ids=["text", "fake-gif", "truncated-png", "bmp"],
)
def test_files_that_are_not_allowed_pictures_are_refused(
    uploader: Any, login: Callable[[Any], Client], upload: SimpleUploadedFile, expected: str
) -> None:
    response = _upload(login(uploader), upload)

    assert response.status_code == 400
    assert expected in response.json()["error"]["message"]
    assert PostImage.objects.count() == 0
    assert posts_files() == []


def test_the_service_keys_its_errors_by_the_image_field(uploader: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        post_image_upload(member=uploader, upload=SimpleUploadedFile("x.png", b"nope"))

    assert list(caught.value.message_dict) == ["image"]


def test_a_request_without_a_file_is_refused(uploader: Any, login: Callable[[Any], Client]) -> None:
    response = login(uploader).post(UPLOAD_URL, {})

    assert response.status_code == 400
    assert response.json() == {"error": {"message": "Choose an image to upload."}}


def test_the_daily_limit_holds_and_resets_the_next_day(
    uploader: Any, login: Callable[[Any], Client]
) -> None:
    for _ in range(POST_IMAGE_DAILY_LIMIT):
        post_image_upload(member=uploader, upload=picture("PNG", (8, 8), exif=False))
    client = login(uploader)

    refused = _upload(client, picture())

    assert refused.status_code == 429
    assert (
        f"You have uploaded {POST_IMAGE_DAILY_LIMIT} images today"
        in (refused.json()["error"]["message"])
    )
    assert PostImage.objects.count() == POST_IMAGE_DAILY_LIMIT
    with pytest.raises(UploadLimitReached):
        post_image_upload(member=uploader, upload=picture())

    PostImage.objects.update(created_at=F("created_at") - dt.timedelta(days=1))
    assert _upload(client, picture()).status_code == 201


def test_the_daily_limit_is_per_member(
    uploader: Any, make_member: Callable[..., Any], give_points: Callable[[Any, int], Any]
) -> None:
    for _ in range(POST_IMAGE_DAILY_LIMIT):
        post_image_upload(member=uploader, upload=picture("PNG", (8, 8), exif=False))
    other = give_points(make_member("other"), 60)

    assert post_image_upload(member=other, upload=picture()).uploader_id == other.pk
