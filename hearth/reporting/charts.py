"""The PDF report's charts: SVG drawn by matplotlib (no browser, no network).

Chinese labels need a CJK font: Noto Sans CJK from Debian's ``fonts-noto-cjk`` is loaded
by its file; without it matplotlib falls back to its own font (the Chinese glyphs then
show as boxes, but nothing fails).
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

CJK_FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)
PALETTE = ("#0052d9", "#00a870", "#f5a623", "#8e56dd", "#e37318")
GREY = "#86909c"


@functools.cache
def font_family() -> str:
    """The name of the first CJK font found on this machine ("DejaVu Sans" without one)."""
    for path in CJK_FONTS:
        if path.exists():
            try:
                font_manager.fontManager.addfont(str(path))
                return font_manager.FontProperties(fname=str(path)).get_name()
            except (OSError, RuntimeError):  # an unreadable font file: try the next one
                logger.warning("Could not load the CJK font %s", path)
    logger.warning("No CJK font found; Chinese text in report charts will not render")
    return "DejaVu Sans"


def line_chart_svg(
    *,
    days: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    title: str,
    percent: bool = False,
    width: float = 3.6,
    height: float = 1.9,
) -> str:
    """A line chart of daily values as an SVG document (text drawn as paths)."""
    figure = Figure(figsize=(width, height), dpi=96)
    axes = figure.add_subplot()
    family = font_family()
    labels = [day[5:] for day in days]  # MM-DD
    positions = list(range(len(days)))
    for index, (name, values) in enumerate(series):
        points = [float("nan") if v is None else (v * 100 if percent else v) for v in values]
        colour = PALETTE[index % len(PALETTE)]
        axes.plot(
            positions, points, color=colour, linewidth=1.6, marker="o", markersize=2.5, label=name
        )
        axes.fill_between(positions, points, color=colour, alpha=0.08)
    axes.set_title(title, loc="left", fontsize=9, fontfamily=family, color="#1d2129", pad=8)
    step = max(1, len(days) // 10)
    axes.set_xticks(positions[::step], labels[::step])
    for tick in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        tick.set_fontfamily(family)
        tick.set_fontsize(6.5)
        tick.set_color(GREY)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", color="#e5e6eb", linewidth=0.8)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color("#c9cdd4")
    axes.tick_params(length=0)
    if len(series) > 1:
        axes.legend(prop={"family": family, "size": 7}, frameon=False, loc="upper left")
    figure.tight_layout(pad=0.6)
    out = io.StringIO()
    figure.savefig(out, format="svg")
    return out.getvalue()
