"""Brand settings edited in the cockpit apply to every page at once."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from hearth.cockpit.services import LOGO_MAX_BYTES, brand_settings_update
from hearth.core import roles
from hearth.core.brand import brand_get

GOOD = {
    "community_name": "极客社区",
    "tagline": "热爱技术的人",
    "description": "一个讨论人工智能与数码的社区",
    "primary_colour": "#1A7F37",
    "rules_markdown": "## 社区规则\n\n1. 友善交流",
    "culture_markdown": "我们重视**分享**。",
    "privacy_markdown": "我们只收集必要的信息。",
    "icp_number": "京ICP备12345678号-1",
    "public_security_number": "京公网安备11010502000001号",
}


def _png(size: tuple[int, int] = (600, 200), fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1a7f37").save(buffer, format=fmt)
    return SimpleUploadedFile(f"logo.{fmt.lower()}", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def manager(make_staff: Callable[..., Any]) -> Any:
    return make_staff(roles.COMMUNITY_MANAGER)


def test_form_shows_current_settings(manager: Any, login: Any) -> None:
    brand_settings_update(actor=manager, **GOOD)
    html = login(manager).get(reverse("cockpit:brand")).content.decode()
    assert 'value="极客社区"' in html
    assert 'value="#1a7f37"' in html
    assert "京ICP备12345678号-1" in html
    assert 'type="color"' in html


def test_saving_changes_header_and_footer_of_every_page(manager: Any, login: Any) -> None:
    client = login(manager)
    rules_page = reverse("core:rules")
    assert "极客社区" not in client.get(rules_page).content.decode()  # the brand is cached …
    response = client.post(reverse("cockpit:brand"), GOOD)
    assert response.status_code == 302
    html = login(None).get(rules_page).content.decode()  # … and refreshed on save
    header = html.split("</header>", 1)[0]
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<span class="brand-name">极客社区</span>' in header
    assert "--brand: #1a7f37" in html
    assert '<span data-testid="icp">京ICP备12345678号-1</span>' in footer
    assert "京公网安备11010502000001号" in footer
    assert "热爱技术的人" in footer
    assert "<h2>社区规则</h2>" in html  # the rules page renders the new Markdown
    assert "<strong>分享</strong>" in login(None).get(reverse("core:culture")).content.decode()


@pytest.mark.parametrize("colour", ["red", "#12345", "#GGGGGG", "1a7f37", "#1a7f37ff", ""])
def test_bad_colour_is_refused_and_nothing_is_lost(colour: str, manager: Any, login: Any) -> None:
    response = login(manager).post(reverse("cockpit:brand"), {**GOOD, "primary_colour": colour})
    assert response.status_code == 400
    html = response.content.decode()
    field = html.split('data-field="primary_colour"', 1)[1].split('data-field="logo"', 1)[0]
    assert 'class="errorlist"' in field
    assert "京ICP备12345678号-1" in html  # what was typed is kept
    assert "## 社区规则" in html
    assert brand_get().community_name != "极客社区"


def test_logo_upload_is_checked_resized_and_shown(manager: Any, login: Any) -> None:
    client = login(manager)
    response = client.post(reverse("cockpit:brand"), {**GOOD, "logo": _png((1200, 300))})
    assert response.status_code == 302
    brand = brand_get()
    assert brand.logo.name.endswith(".png")
    with Image.open(brand.logo.path) as stored:
        assert stored.size == (512, 128)
    html = login(None).get(reverse("core:rules")).content.decode()
    assert f'src="{brand.logo.url}"' in html.split("</header>", 1)[0]
    # Saving again without a file keeps the logo; ticking "remove" drops it.
    client.post(reverse("cockpit:brand"), GOOD)
    assert brand_get().logo.name == brand.logo.name
    client.post(reverse("cockpit:brand"), {**GOOD, "remove_logo": "on"})
    assert not brand_get().logo


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"<svg onload=alert(1)></svg>", "image/png"),
            "not an image",
        ),
        (SimpleUploadedFile("logo.txt", b"just text", "text/plain"), "not an image"),
    ],
)
def test_non_image_logo_gets_a_clear_error(
    upload: SimpleUploadedFile, message: str, manager: Any, login: Any
) -> None:
    response = login(manager).post(reverse("cockpit:brand"), {**GOOD, "logo": upload})
    assert response.status_code == 400
    html = response.content.decode()
    logo_field = html.split('data-field="logo"', 1)[1].split("</section>", 1)[0]
    assert message in logo_field
    assert 'value="极客社区"' in html  # the rest of the form is kept
    assert not brand_get().logo
    assert brand_get().community_name != "极客社区"


def test_oversized_or_wrong_format_logo_is_refused(manager: Any) -> None:
    big = SimpleUploadedFile("big.png", b"\0" * (LOGO_MAX_BYTES + 1), "image/png")
    with pytest.raises(ValidationError, match="largest allowed is 2 MB") as info:
        brand_settings_update(actor=manager, logo=big, **GOOD)
    assert list(info.value.message_dict) == ["logo"]
    bmp = _png((40, 40), fmt="BMP")
    with pytest.raises(ValidationError, match="JPEG, PNG, GIF or WebP"):
        brand_settings_update(actor=manager, logo=bmp, **GOOD)
    assert brand_get().community_name == "Hearth"


def test_empty_name_is_refused(manager: Any, login: Any) -> None:
    response = login(manager).post(reverse("cockpit:brand"), {**GOOD, "community_name": "  "})
    assert response.status_code == 400
    assert brand_get().community_name == "Hearth"


def test_only_brand_editors_may_save(make_staff: Callable[..., Any], login: Any) -> None:
    editor = make_staff(roles.CONTENT_EDITOR)
    assert login(editor).post(reverse("cockpit:brand"), GOOD).status_code == 403
    with pytest.raises(PermissionDenied):
        brand_settings_update(actor=editor, community_name="被篡改")
    assert brand_get().community_name == "Hearth"
