"""POST /api/v1/images: the same service and privilege as the composer, in the API's error shape."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from hearth.community.models import PostImage
from hearth.community.services.images import POST_IMAGE_DAILY_LIMIT, post_image_upload
from tests.api.conftest import PREFIX, Api, error_of
from tests.community.pictures import MEDIA_PATH, assert_no_metadata, gps_of, picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def default_ladder(db: None) -> None:
    from hearth.gamification.defaults import ladder_restore_defaults

    ladder_restore_defaults()


@pytest.fixture
def level_two(default_ladder: None, make_member: Callable[..., Any], staff_member: Any) -> Any:
    from hearth.gamification.services import points_adjust

    member = make_member("carol")
    points_adjust(actor=staff_member, member=member, amount=50, reason="test set-up")
    return member


def _upload(api: Api, upload: SimpleUploadedFile | None) -> Any:
    data = {} if upload is None else {"image": upload}
    return api.client.post(PREFIX + "/images", data, headers=api._headers())


def test_a_level_one_member_is_refused_with_403(
    default_ladder: None, api_as: Callable[[Any], Api], bob: Any
) -> None:
    response = _upload(api_as(bob), picture())

    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "permission_denied"
    assert "新手上路" in error["message"]
    assert PostImage.objects.count() == 0


def test_without_a_token_the_answer_is_401(anon: Api) -> None:
    response = _upload(anon, picture())

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_a_level_two_member_uploads_a_png(level_two: Any, api_as: Callable[[Any], Api]) -> None:
    upload = picture("PNG", (2000, 500))
    assert gps_of(upload)

    response = _upload(api_as(level_two), upload)

    assert response.status_code == 201
    body = response.json()
    image = PostImage.objects.get()
    assert body == {
        "id": image.pk,
        "url": image.file.url,
        "markdown": f"![]({image.file.url})",
        "width": 1600,
        "height": 400,
        "bytes": image.size_bytes,
    }
    assert MEDIA_PATH.match(body["url"])
    assert image.uploader_id == level_two.pk
    path = Path(settings.MEDIA_ROOT) / image.file.name
    assert_no_metadata(path)
    with Image.open(path) as stored:
        assert stored.size == (1600, 400)


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (SimpleUploadedFile("notes.png", b"plain text"), "not an image"),
        (SimpleUploadedFile("big.png", b"\x89PNG" + b"\0" * (5 * 1024 * 1024)), "5 MB"),
    ],
    ids=["not-an-image", "oversize"],
)
def test_bad_files_are_422_naming_the_image_field(
    level_two: Any, api_as: Callable[[Any], Api], upload: SimpleUploadedFile, expected: str
) -> None:
    response = _upload(api_as(level_two), upload)

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid"
    assert expected in error["fields"]["image"]
    assert PostImage.objects.count() == 0


def test_a_missing_file_is_422(level_two: Any, api_as: Callable[[Any], Api]) -> None:
    response = _upload(api_as(level_two), None)

    assert response.status_code == 422
    assert "image" in error_of(response)["fields"]


def test_the_daily_limit_is_429(level_two: Any, api_as: Callable[[Any], Api]) -> None:
    for _ in range(POST_IMAGE_DAILY_LIMIT):
        post_image_upload(member=level_two, upload=picture("PNG", (8, 8), exif=False))

    response = _upload(api_as(level_two), picture())

    assert response.status_code == 429
    error = error_of(response)
    assert error["code"] == "throttled"
    assert "Try again tomorrow" in error["message"]
    assert PostImage.objects.count() == POST_IMAGE_DAILY_LIMIT


def test_the_browser_session_needs_the_csrf_token(level_two: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(level_two)

    response = client.post(PREFIX + "/images", {"image": picture()})

    assert response.status_code == 403
    assert "CSRF" in error_of(response)["message"]
    assert PostImage.objects.count() == 0


def test_the_operation_is_documented(anon: Api) -> None:
    schema = anon.client.get(PREFIX + "/openapi.json").json()

    operation = schema["paths"][PREFIX + "/images"]["post"]
    assert set(operation["responses"]) >= {"201", "403", "422", "429"}
    assert "multipart/form-data" in operation["requestBody"]["content"]
