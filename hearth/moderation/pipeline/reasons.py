"""The reasons the pipeline gives, in words staff read (and, for a block, the author reads).

Codes are stable: ``word``, ``word_replaced``, ``contact``, ``link``,
``link_shortener``, ``repeated_chars``, ``new_member``, ``flood``,
``repost``, ``classifier``. A reason that blocks the text carries the code
with a ``block_`` prefix and a message meant for the author.

Messages are looked up once per language (:func:`texts`): a gettext call
costs more than the rest of a screening.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from hearth.core.screening import Reason
from hearth.moderation.models import WordCategory
from hearth.moderation.text.detectors import Reason as Detector
from hearth.moderation.text.detectors import Signal
from hearth.moderation.text.lexicon import Hit

BLOCK_PREFIX = "block_"
DETAIL_MAX = 80
CONTACT = frozenset({Detector.PHONE, Detector.WECHAT_ID, Detector.QQ_ID, Detector.EMAIL})

# Classifier categories named after what they catch; others fall under "custom".
CLASSIFIER_CATEGORIES = {
    "offensive": WordCategory.ABUSE,
    "sexism": WordCategory.ABUSE,
    "hate": WordCategory.ABUSE,
    "spam": WordCategory.ADVERTISING,
}


@dataclass(frozen=True)
class Texts:
    """Every message template, translated into one language."""

    categories: dict[str, str]
    contact_kinds: dict[str, str]
    word: str
    word_replaced: str
    word_block: str
    contact: str
    contact_block: str
    shortener: str
    shortener_block: str
    link: str
    link_block: str
    repeat: str
    repeat_block: str
    first_posts: str
    flood: str
    flood_block: str
    repost: str
    repost_block: str
    classifier: str
    classifier_block: str


@functools.lru_cache(maxsize=16)
def _texts_in(language: str | None) -> Texts:
    return Texts(
        categories={value: str(label) for value, label in WordCategory.choices},
        contact_kinds={
            Detector.PHONE: _("phone number"),
            Detector.WECHAT_ID: _("WeChat id"),
            Detector.QQ_ID: _("QQ number"),
            Detector.EMAIL: _("e-mail address"),
        },
        word=_("Watched word “%(term)s” (%(category)s, severity %(severity)d)"),
        word_replaced=_(
            "Watched word “%(term)s” replaced with *** (%(category)s, severity %(severity)d)"
        ),
        word_block=_(
            "Your text contains wording that is not allowed here (%(category)s). "
            "Please rephrase it and post again."
        ),
        contact=_("Contact details: %(kind)s “%(value)s”"),
        contact_block=_(
            "Contact details (phone numbers, WeChat or QQ ids, e-mail addresses) are "
            "not allowed here."
        ),
        shortener=_("Shortened link “%(value)s”"),
        shortener_block=_("Shortened links are not allowed here; post the full address."),
        link=_("Link “%(value)s”"),
        link_block=_("Links are not allowed here."),
        repeat=_("Repeated characters “%(value)s”"),
        repeat_block=_("Please do not repeat characters at length."),
        first_posts=_("New member: post %(position)d of the first %(held)d, which are always held"),
        flood=_("Copy-paste flooding: %(count)d near-duplicates by the same member in 24 hours"),
        flood_block=_(
            "You have posted this text %(count)d times in the last 24 hours; "
            "please do not repeat it."
        ),
        repost=_("Near-duplicate of another member's post (%(original)s), without a link to it"),
        repost_block=_(
            "This text copies another member's post. Link to the original or credit its "
            "author, then post again."
        ),
        classifier=_("Classifier: “%(name)s” scored %(score).2f (holds from %(threshold).2f)"),
        classifier_block=_(
            "The automatic check rated this text as %(category)s. Please rephrase it."
        ),
    )


def texts() -> Texts:
    """The message templates in the active language."""
    return _texts_in(translation.get_language())


def category_label(category: str, words: Texts) -> str:
    return words.categories.get(category, category)


def classifier_category(name: str) -> str:
    if name in WordCategory.values:
        return name
    return str(CLASSIFIER_CATEGORIES.get(name, WordCategory.CUSTOM))


def _short(value: str) -> str:
    return value if len(value) <= DETAIL_MAX else value[: DETAIL_MAX - 1] + "…"


def _reason(
    code: str, message: str, category: str, severity: int, detail: str, block: bool
) -> Reason:
    return Reason(BLOCK_PREFIX + code if block else code, message, str(category), severity, detail)


def word_reason(hit: Hit, words: Texts, *, author_message: str = "") -> Reason:
    """A watched word; for a block, the word's own message or one naming its category."""
    category = str(hit.category)
    label = category_label(category, words)
    if hit.action == "block":
        message = author_message or words.word_block % {"category": label}
        return Reason(BLOCK_PREFIX + "word", message, category, hit.severity, hit.term)
    values = {"term": hit.term, "category": label, "severity": hit.severity}
    if hit.action == "replace":
        message = words.word_replaced % values
        return Reason("word_replaced", message, category, hit.severity, hit.term)
    return Reason("word", words.word % values, category, hit.severity, hit.term)


def detector_reason(signal: Signal, words: Texts, *, block: bool) -> Reason:
    """A detector hit: contact details, a link, a shortened link, repeated characters."""
    value = _short(signal.value)
    if signal.reason in CONTACT:
        kind = words.contact_kinds.get(signal.reason, str(signal.reason))
        message = words.contact_block if block else words.contact % {"kind": kind, "value": value}
        return _reason("contact", message, WordCategory.ADVERTISING, 2, value, block)
    if signal.reason == Detector.LINK_SHORTENER:
        message = words.shortener_block if block else words.shortener % {"value": value}
        return _reason("link_shortener", message, WordCategory.ADVERTISING, 2, value, block)
    if signal.reason == Detector.LINK:
        message = words.link_block if block else words.link % {"value": value}
        return _reason("link", message, WordCategory.ADVERTISING, 1, value, block)
    message = words.repeat_block if block else words.repeat % {"value": value}
    return _reason("repeated_chars", message, WordCategory.CUSTOM, 1, value, block)


def first_posts_reason(position: int, held: int, words: Texts) -> Reason:
    message = words.first_posts % {"position": position, "held": held}
    return Reason("new_member", message, "", 1, f"{position}/{held}")


def flood_reason(count: int, words: Texts, *, block: bool) -> Reason:
    message = words.flood_block % {"count": count + 1} if block else words.flood % {"count": count}
    return _reason("flood", message, WordCategory.ADVERTISING, 2, str(count), block)


def repost_reason(original: str, words: Texts, *, block: bool) -> Reason:
    message = words.repost_block if block else words.repost % {"original": original}
    return _reason("repost", message, WordCategory.INFRINGEMENT, 3, original, block)


def classifier_reason(
    name: str, score: float, threshold: float, words: Texts, *, block: bool
) -> Reason:
    category = classifier_category(name)
    if block:
        message = words.classifier_block % {"category": category_label(category, words)}
    else:
        message = words.classifier % {"name": name, "score": score, "threshold": threshold}
    severity = 3 if block else 2
    return _reason("classifier", message, category, severity, f"{name}={score:.4f}", block)
