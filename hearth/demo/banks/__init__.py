"""Word banks of the demo themes: board lists, title and body templates, replies.

All text is Hearth's own, written for the demo (Simplified Chinese).
"""

from __future__ import annotations

from hearth.demo.banks import education, fitness, food, parenting, tech
from hearth.demo.banks.base import BoardBank, ThemeBank

THEME_BANKS: dict[str, ThemeBank] = {
    bank.key: bank
    for bank in (tech.THEME, parenting.THEME, fitness.THEME, food.THEME, education.THEME)
}

__all__ = ["THEME_BANKS", "BoardBank", "ThemeBank"]
