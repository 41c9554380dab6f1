"""A few generated identicon avatars for demo members (drawn with Pillow, no downloads)."""

from __future__ import annotations

import io
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

AVATAR_COUNT = 24
_PALETTE = (
    "#4263eb", "#e64980", "#2f9e44", "#f08c00", "#7048e8",
    "#1098ad", "#e8590c", "#0ca678", "#d6336c", "#1c7ed6",
)  # fmt: skip


def avatar_names() -> list[str]:
    return [f"avatars/demo/identicon-{i:02d}.png" for i in range(AVATAR_COUNT)]


def _identicon(rng: random.Random, size: int = 160) -> bytes:
    colour = rng.choice(_PALETTE)
    image = Image.new("RGB", (size, size), "#f1f3f5")
    draw = ImageDraw.Draw(image)
    cell = size // 8
    for row in range(6):
        for col in range(3):
            if rng.random() < 0.5:
                for c in {col, 5 - col}:
                    x, y = cell * (c + 1), cell * (row + 1)
                    draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def avatars_ensure(seed: int) -> list[str]:
    """Write the demo avatars to media storage (once) and return their names."""
    rng = random.Random(seed)
    names = avatar_names()
    for name in names:
        data = _identicon(rng)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
    return names
