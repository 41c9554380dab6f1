"""Pictures made with Pillow for the image-upload tests, and checks on what was stored."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, PngImagePlugin

UPLOAD_URL = "/uploads/images/"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
MEDIA_PATH = re.compile(r"^/media/posts/\d{4}/\d{2}/[A-Za-z0-9_-]+\.(png|jpg|gif|webp)$")


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


def upload_to_page(client: Client, upload: SimpleUploadedFile) -> Any:
    return client.post(UPLOAD_URL, {"image": upload})


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))


def posts_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "posts"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# Members at each level (import these fixtures into the test module) -----------------


@pytest.fixture(name="default_ladder")
def default_ladder_fixture(db: None) -> None:
    """The default ladder (level 2, 初级会员 at 50 points, is the first to upload images)."""
    from hearth.gamification.defaults import ladder_restore_defaults

    ladder_restore_defaults()


@pytest.fixture(name="give_points")
def give_points_fixture(staff_member: Any) -> Callable[[Any, int], Any]:
    from hearth.core.privileges import privileges_forget
    from hearth.gamification.services import points_adjust

    def give(member: Any, amount: int) -> Any:
        points_adjust(actor=staff_member, member=member, amount=amount, reason="test set-up")
        privileges_forget(member)
        return member

    return give


@pytest.fixture(name="newcomer")
def newcomer_fixture(default_ladder: None, make_member: Callable[..., Any]) -> Any:
    """Level 1 (新手上路): no image uploads."""
    return make_member("newcomer")


@pytest.fixture(name="uploader")
def uploader_fixture(
    default_ladder: None, make_member: Callable[..., Any], give_points: Callable[[Any, int], Any]
) -> Any:
    """Level 2 (初级会员): may upload images."""
    return give_points(make_member("uploader"), 60)
