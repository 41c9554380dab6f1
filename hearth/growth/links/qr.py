"""QR codes of short links (segno): PNG and SVG for download, inline SVG for the poster."""

from __future__ import annotations

import io

import segno

SCALE_MIN = 1
SCALE_MAX = 40
SCALE_DEFAULT = 10
BORDER = 4
"""Quiet zone in modules: four is what the QR standard asks for, so scanners find the code."""


def scale_parse(raw: str | None, default: int = SCALE_DEFAULT) -> int:
    """``?scale=`` as an int within SCALE_MIN…SCALE_MAX (bad input gives the default)."""
    try:
        value = int(raw or default)
    except ValueError:
        return default
    return max(SCALE_MIN, min(SCALE_MAX, value))


def qr_image(url: str, *, kind: str, scale: int = SCALE_DEFAULT) -> bytes:
    """The QR code of ``url`` as PNG or SVG bytes (error correction M: 15 % may be damaged)."""
    qr = segno.make(url, error="m")
    out = io.BytesIO()
    if kind == "svg":
        qr.save(out, kind="svg", scale=scale, border=BORDER, xmldecl=True, svgns=True)
    else:
        qr.save(out, kind="png", scale=scale, border=BORDER)
    return out.getvalue()


def qr_svg_inline(url: str, *, scale: int = SCALE_DEFAULT) -> str:
    """An ``<svg>`` element to place in a page, sized by its container (a viewBox, no size)."""
    return str(segno.make(url, error="m").svg_inline(scale=scale, border=BORDER, omitsize=True))


def qr_pixels(url: str, *, scale: int) -> int:
    """The side of the PNG in pixels."""
    width, _height = segno.make(url, error="m").symbol_size(scale=scale, border=BORDER)
    return int(width)
