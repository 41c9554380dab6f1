"""Images in posts: gated by the level's "upload images" privilege, stored without metadata."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageSequence

from hearth.community.models import PostImage
from hearth.community.services import topic_create
from hearth.community.services.images import (
    POST_IMAGE_DAILY_LIMIT,
    POST_IMAGE_MAX_BYTES,
    UploadLimitReached,
    post_image_markdown,
    post_image_upload,
)
from hearth.core.markdown import render
from tests.community.test_xss import LiveCode

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/uploads/images/"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
MEDIA_PATH = re.compile(r"^/media/posts/\d{4}/\d{2}/[A-Za-z0-9_-]+\.(png|jpg|gif|webp)$")


# Pictures made with Pillow ---------------------------------------------------


def _exif(orientation: int | None = None) -> Image.Exif:
    """EXIF with a GPS position (Beijing) and a camera model: what must never be published."""
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (39.0, 54.0, 15.0), "E", (116.0, 23.0, 29.0)
    if orientation is not None:
        exif[ORIENTATION] = orientation
    return exif


def picture(
    fmt: str = "PNG",
    size: tuple[int, int] = (120, 80),
    *,
    exif: bool = True,
    orientation: int | None = None,
    name: str = "",
) -> SimpleUploadedFile:
    mode = "RGB" if fmt in {"JPEG", "BMP"} else "RGBA"
    image = Image.new(mode, size, (200, 60, 20) + (() if mode == "RGB" else (255,)))
    image.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 2))  # top-left quarter blue
    buffer = io.BytesIO()
    options: dict[str, Any] = {"exif": _exif(orientation)} if exif else {}
    if fmt == "PNG" and exif:
        from PIL import PngImagePlugin

        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "taken at home, 3rd floor")
        options["pnginfo"] = text
    image.save(buffer, format=fmt, **options)
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return SimpleUploadedFile(name or f"photo.{extension}", buffer.getvalue())


def animated_gif(frames: int = 3) -> SimpleUploadedFile:
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
    images = [Image.new("RGB", (40, 30), colours[i % len(colours)]) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer, format="GIF", save_all=True, append_images=images[1:], duration=120, loop=0
    )
    return SimpleUploadedFile("moving.gif", buffer.getvalue())


def stored_path(url: str) -> Path:
    assert url.startswith(settings.MEDIA_URL)
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)


def gps_of(upload: SimpleUploadedFile) -> dict[int, Any]:
    """The GPS tags of an upload (rewinds it for the next reader)."""
    upload.seek(0)
    with Image.open(upload) as image:
        gps = dict(image.getexif().get_ifd(GPS_IFD))
    upload.seek(0)
    return gps


def assert_no_metadata(path: Path) -> None:
    with Image.open(path) as stored:
        assert len(stored.getexif()) == 0
        assert not {"exif", "xmp", "icc_profile", "comment", "Comment"} & set(stored.info)
    raw = path.read_bytes()
    assert b"Secret Camera" not in raw
    assert b"3rd floor" not in raw


# Members at each level ---------------------------------------------------------


@pytest.fixture
def default_ladder(db: None) -> None:
    """The default ladder (level 2, 初级会员 at 50 points, is the first to upload images)."""
    from hearth.gamification.defaults import ladder_restore_defaults

    ladder_restore_defaults()


@pytest.fixture
def give_points(staff_member: Any) -> Callable[[Any, int], Any]:
    from hearth.core.privileges import privileges_forget
    from hearth.gamification.services import points_adjust

    def give(member: Any, amount: int) -> Any:
        points_adjust(actor=staff_member, member=member, amount=amount, reason="test set-up")
        privileges_forget(member)
        return member

    return give


@pytest.fixture
def newcomer(default_ladder: None, make_member: Callable[..., Any]) -> Any:
    """Level 1 (新手上路): no image uploads."""
    return make_member("newcomer")


@pytest.fixture
def uploader(
    default_ladder: None, make_member: Callable[..., Any], give_points: Callable[[Any, int], Any]
) -> Any:
    """Level 2 (初级会员): may upload images."""
    return give_points(make_member("uploader"), 60)


def _upload(client: Client, upload: SimpleUploadedFile) -> Any:
    return client.post(UPLOAD_URL, {"image": upload})


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))


def _posts_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "posts"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


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
    assert _posts_files() == []


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
    assert _posts_files() == []


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
    assert _posts_files() == []


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


# Rendering -------------------------------------------------------------------------


def test_the_markdown_renders_to_an_img_of_the_media_url(
    uploader: Any, board: Any, login: Callable[[Any], Client]
) -> None:
    image = post_image_upload(member=uploader, upload=picture())
    markdown = post_image_markdown(image)

    topic = topic_create(
        author=uploader, board=board, title="我的新桌面", body=f"看看这个：\n\n{markdown}"
    )
    page = login(uploader).get(reverse("community:topic", args=[topic.pk])).content.decode()

    assert f'<img src="{image.file.url}" alt="" loading="lazy">' in topic.body_html
    assert f'<img src="{image.file.url}"' in page


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("![cat](https://img.example.com/cat.png)", '<a href="https://img.example.com/cat.png"'),
        ("![](http://img.example.com/cat.png)", ">http://img.example.com/cat.png</a>"),
        ("![cat](//img.example.com/cat.png)", "cat"),
        ("![a](/media/avatars/1-2026.png)", '<a href="/media/avatars/1-2026.png"'),
        ("![a](/media/posts/2026/11/../../../admin.png)", "<a href="),
        ("![a](/media/posts/2026/11/x.svg)", "<a href="),
    ],
    ids=["https", "http-no-alt", "protocol-relative", "avatar", "traversal", "svg"],
)
def test_only_the_sites_own_post_images_are_shown(markdown: str, expected: str) -> None:
    html = render(markdown)

    assert "<img" not in html
    assert expected in html


@pytest.mark.parametrize(
    "markdown",
    [
        "![x](javascript:alert('xss-img-1'))",
        "![x\" onerror=\"alert('xss-img-2')](/media/posts/2026/11/abc.png)",
        '![x](/media/posts/2026/11/abc.png "t\\" onerror=\\"alert(\'xss-img-3\')")',
        "<img src=/media/posts/2026/11/abc.png onerror=\"alert('xss-img-4')\">",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[![x](/media/posts/2026/11/abc.png)](javascript:alert('xss-img-5'))",
    ],
)
def test_image_markdown_cannot_carry_script(markdown: str) -> None:
    html = render(markdown)

    checker = LiveCode()  # the XSS tests' checker: attributes as a browser parses them
    checker.feed(html)
    assert checker.problems == []
    tags = Tags()
    tags.feed(html)
    for tag, attrs in tags.seen:
        assert not [name for name, _value in attrs if name.startswith("on")], html
        if tag == "img":
            assert MEDIA_PATH.match(dict(attrs)["src"] or ""), html
        assert not (dict(attrs).get("href") or "").lower().startswith("javascript"), html


def test_own_images_render_with_alt_text_and_title(db: None) -> None:
    html = render('![我的 *桌面*](/media/posts/2026/11/Ab_-9.webp "标题")')

    assert html == (
        '<p><img src="/media/posts/2026/11/Ab_-9.webp" alt="我的 桌面" title="标题" '
        'loading="lazy"></p>\n'
    )


# The composer ------------------------------------------------------------------------


def test_the_composer_offers_the_button_to_members_who_may_upload(
    uploader: Any, board: Any, login: Callable[[Any], Client]
) -> None:
    client = login(uploader)
    topic = topic_create(author=uploader, board=board, title="标题", body="正文")

    for url in (
        reverse("community:topic_new"),
        reverse("community:topic", args=[topic.pk]),
        reverse("community:reply", args=[topic.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'data-testid="image-insert"' in page, url
        assert f'data-upload-url="{UPLOAD_URL}"' in page
        assert 'data-target="id_body"' in page
        assert "community/composer.js" in page
        assert reverse("javascript-catalog") in page
        assert 'data-testid="image-insert-locked"' not in page


def test_the_composer_shows_a_locked_button_with_the_reason(
    newcomer: Any, board: Any, login: Callable[[Any], Client]
) -> None:
    client = login(newcomer)
    topic = topic_create(author=newcomer, board=board, title="标题", body="正文")

    for url in (reverse("community:topic_new"), reverse("community:topic", args=[topic.pk])):
        page = client.get(url).content.decode()
        assert 'data-testid="image-insert"' not in page, url
        locked = re.search(r'<button[^>]*data-testid="image-insert-locked"[^>]*>', page)
        assert locked is not None
        assert " disabled" in locked.group(0)
        assert "your level, “新手上路”, does not include it yet" in page


def test_visitors_get_no_composer_script(topic: Any) -> None:
    page = Client().get(reverse("community:topic", args=[topic.pk])).content.decode()

    assert "composer.js" not in page
    assert "image-insert" not in page


def test_the_js_catalogue_page_serves(db: None) -> None:
    response = Client().get(reverse("javascript-catalog"))

    assert response.status_code == 200
    assert b"gettext" in response.content
