"""The moderation text engine: normalisation, watched words and detectors (pure Python, no DB)."""

from hearth.moderation.text.detectors import Reason, Signal, detect
from hearth.moderation.text.lexicon import (
    Action,
    Category,
    Entry,
    Hit,
    Lexicon,
    LexiconError,
    RowError,
    censor,
)
from hearth.moderation.text.normalise import Normalised, Variants, fold, normalise

__all__ = [
    "Action",
    "Category",
    "Entry",
    "Hit",
    "Lexicon",
    "LexiconError",
    "Normalised",
    "Reason",
    "RowError",
    "Signal",
    "Variants",
    "censor",
    "detect",
    "fold",
    "normalise",
]
