"""Profile settings and avatar upload."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from hearth.accounts.models import User
from tests.accounts.conftest import png_bytes

SETTINGS = "/accounts/settings/"
AVATAR = "/accounts/settings/avatar/"


def profile_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "display_name": "小明",
        "bio": "写代码，也拍照。",
        "province": "广东",
        "city": "深圳",
        "birth_year": str(timezone.localdate().year - 28),
        "gender": "m",
        "interests": "摄影，跑步、AI, 摄影",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_settings_need_a_login() -> None:
    response = Client().get(SETTINGS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_profile_is_saved(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    member = make_member("xiaoming")
    response = client_as(member).post(SETTINGS, profile_data(), follow=True)
    assert "Your profile is saved." in response.content.decode()
    member.refresh_from_db()
    assert member.display_name == "小明"
    assert (member.province, member.city) == ("广东", "深圳")
    assert member.birth_year == timezone.localdate().year - 28
    assert member.gender == "m"
    assert member.interests == ["摄影", "跑步", "AI"]  # split on any comma, duplicates dropped


def test_the_settings_page_shows_the_saved_profile(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    member = make_member("xiaoming")
    client = client_as(member)
    client.post(SETTINGS, profile_data())
    html = client.get(SETTINGS).content.decode()
    assert 'value="小明"' in html
    assert '<option value="广东" selected>' in html
    assert "写代码，也拍照。" in html


def test_a_bad_birth_year_is_refused_and_nothing_typed_is_lost(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    member = make_member("xiaoming")
    response = client_as(member).post(SETTINGS, profile_data(birth_year="1800"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a birth year between" in html
    assert 'value="1800"' in html
    assert 'value="小明"' in html
    assert "写代码，也拍照。" in html
    assert 'value="深圳"' in html
    member.refresh_from_db()
    assert member.display_name == ""
    assert member.birth_year is None


def test_a_non_numeric_birth_year_is_refused(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    response = client_as(make_member()).post(SETTINGS, profile_data(birth_year="nineteen"))
    assert "Enter a whole number." in response.content.decode()


def test_an_unknown_province_is_refused(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    response = client_as(make_member()).post(SETTINGS, profile_data(province="Atlantis"))
    assert "Select a valid choice." in response.content.decode()


def test_htmx_saves_return_the_form_alone(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    member = make_member()
    response = client_as(member).post(SETTINGS, profile_data(), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="profile-card"' in html
    assert "Your profile is saved." in html
    member.refresh_from_db()
    assert member.city == "深圳"


def stored_avatar(member: Any) -> Image.Image:
    member.refresh_from_db()
    with member.avatar.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_a_png_avatar_is_resized_to_256_square(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    member = make_member()
    upload = SimpleUploadedFile("me.png", png_bytes(900, 600), content_type="image/png")
    response = client_as(member).post(AVATAR, {"avatar": upload}, follow=True)
    assert "Your new avatar is in place." in response.content.decode()
    image = stored_avatar(member)
    assert image.size == (256, 256)
    assert image.format == "PNG"


def test_a_non_image_avatar_is_refused_with_a_clear_message(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    member = make_member()
    upload = SimpleUploadedFile("me.png", b"%PDF-1.4 not a picture", content_type="image/png")
    response = client_as(member).post(AVATAR, {"avatar": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This file is not an image we can read." in html
    assert 'id="profile-card"' in html  # the rest of the page is still there
    member.refresh_from_db()
    assert not member.avatar


def test_a_20_mb_avatar_is_refused_with_a_clear_message(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    member = make_member()
    big = png_bytes(64, 64) + b"\0" * (20 * 1024 * 1024)
    upload = SimpleUploadedFile("big.png", big, content_type="image/png")
    response = client_as(member).post(AVATAR, {"avatar": upload})
    html = response.content.decode()
    assert "The image is 20.0 MB; the largest allowed is 5 MB." in html
    member.refresh_from_db()
    assert not member.avatar


def test_no_file_is_refused(
    make_member: Callable[..., Any], client_as: Callable[[Any], Client]
) -> None:
    response = client_as(make_member()).post(AVATAR, {})
    assert "Choose a picture to upload." in response.content.decode()


def test_a_new_avatar_replaces_the_old_file(
    make_member: Callable[..., Any],
    client_as: Callable[[Any], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    member = make_member()
    client = client_as(member)
    client.post(AVATAR, {"avatar": SimpleUploadedFile("a.png", png_bytes(300, 300))})
    member.refresh_from_db()
    first = member.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            AVATAR,
            {"avatar": SimpleUploadedFile("b.png", png_bytes(300, 300, "#ff0000"))},
            headers={"HX-Request": "true"},
        )
    assert 'id="avatar-card"' in response.content.decode()
    member.refresh_from_db()
    assert member.avatar.name != first
    assert stored_avatar(member).getpixel((10, 10)) == (255, 0, 0)
    storage = User.objects.get(pk=member.pk).avatar.storage
    assert storage.exists(member.avatar.name)
    assert not storage.exists(first)
