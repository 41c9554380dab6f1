"""The shape of a theme's word bank."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BoardBank:
    """A board of the theme and the subjects its topics talk about."""

    slug: str
    name: str
    description: str
    icon: str
    colour: str
    weight: float
    subjects: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class ThemeBank:
    """Everything the demo needs to write a theme's community in Chinese.

    Templates take ``{s}`` and ``{s2}`` (subjects of the board), ``{n}`` (a small
    number), ``{y}`` (this year) and ``{city}`` (the author's city).
    """

    key: str
    label: str
    community_name: str
    tagline: str
    description: str
    primary_colour: str
    rules_markdown: str
    culture_markdown: str
    boards: tuple[BoardBank, ...]
    titles: tuple[str, ...]
    openings: tuple[str, ...]
    middles: tuple[str, ...]
    points: tuple[str, ...]
    closings: tuple[str, ...]
    replies: tuple[str, ...]
    pgc_titles: tuple[str, ...]
    pgc_paragraphs: tuple[str, ...]
    band_weights: tuple[float, ...]
    """Weights of the age bands of hearth.accounts.models.AGE_BANDS, in order."""
    gender_weights: tuple[float, ...]
    """Weights of "" (unspecified), f, m, o."""
    welcome_title: str
    welcome_body: str
