"""The reasons the pipeline gives, in words staff read (and, for a block, the author reads).

Codes are stable: ``word``, ``word_replaced``, ``contact``, ``link``,
``link_shortener``, ``repeated_chars``, ``new_member``, ``flood``,
``repost``, ``classifier``. A reason that blocks the text carries the code
with a ``block_`` prefix and a message meant for the author.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from hearth.core.screening import Reason
from hearth.moderation.models import WordCategory
from hearth.moderation.text.detectors import Reason as Detector
from hearth.moderation.text.detectors import Signal
from hearth.moderation.text.lexicon import Hit

BLOCK_PREFIX = "block_"
DETAIL_MAX = 80

# Classifier categories named after what they catch; others fall under "custom".
CLASSIFIER_CATEGORIES = {
    "offensive": WordCategory.ABUSE,
    "sexism": WordCategory.ABUSE,
    "hate": WordCategory.ABUSE,
    "spam": WordCategory.ADVERTISING,
}


def category_label(category: str) -> str:
    if category in WordCategory.values:
        return str(WordCategory(category).label)
    return category


def classifier_category(name: str) -> str:
    if name in WordCategory.values:
        return name
    return str(CLASSIFIER_CATEGORIES.get(name, WordCategory.CUSTOM))


def _short(value: str) -> str:
    return value if len(value) <= DETAIL_MAX else value[: DETAIL_MAX - 1] + "…"


def word_reason(hit: Hit, *, author_message: str = "") -> Reason:
    """A watched word; for a block, the word's own message or one naming its category."""
    category = str(hit.category)
    values = {"term": hit.term, "category": category_label(category), "severity": hit.severity}
    if hit.action == "block":
        message = author_message or _(
            "Your text contains wording that is not allowed here (%(category)s). "
            "Please rephrase it and post again."
        ) % {"category": category_label(category)}
        return Reason(BLOCK_PREFIX + "word", message, category, hit.severity, hit.term)
    if hit.action == "replace":
        message = _(
            "Watched word “%(term)s” replaced with *** (%(category)s, severity %(severity)d)"
        )
        return Reason("word_replaced", message % values, category, hit.severity, hit.term)
    message = _("Watched word “%(term)s” (%(category)s, severity %(severity)d)") % values
    return Reason("word", message, category, hit.severity, hit.term)


def _contact_kind(reason: Detector) -> str:
    return {
        Detector.PHONE: _("phone number"),
        Detector.WECHAT_ID: _("WeChat id"),
        Detector.QQ_ID: _("QQ number"),
        Detector.EMAIL: _("e-mail address"),
    }.get(reason, str(reason))


CONTACT = frozenset({Detector.PHONE, Detector.WECHAT_ID, Detector.QQ_ID, Detector.EMAIL})


def detector_reason(signal: Signal, *, block: bool) -> Reason:
    """A detector hit: contact details, a link, a shortened link, repeated characters."""
    value = _short(signal.value)
    if signal.reason in CONTACT:
        if block:
            message = _(
                "Contact details (phone numbers, WeChat or QQ ids, e-mail addresses) are "
                "not allowed here."
            )
        else:
            message = _("Contact details: %(kind)s “%(value)s”") % {
                "kind": _contact_kind(signal.reason),
                "value": value,
            }
        return _reason("contact", message, WordCategory.ADVERTISING, 2, value, block)
    if signal.reason == Detector.LINK_SHORTENER:
        message = (
            _("Shortened links are not allowed here; post the full address.")
            if block
            else _("Shortened link “%(value)s”") % {"value": value}
        )
        return _reason("link_shortener", message, WordCategory.ADVERTISING, 2, value, block)
    if signal.reason == Detector.LINK:
        message = (
            _("Links are not allowed here.") if block else _("Link “%(value)s”") % {"value": value}
        )
        return _reason("link", message, WordCategory.ADVERTISING, 1, value, block)
    message = (
        _("Please do not repeat characters at length.")
        if block
        else _("Repeated characters “%(value)s”") % {"value": value}
    )
    return _reason("repeated_chars", message, WordCategory.CUSTOM, 1, value, block)


def _reason(
    code: str, message: str, category: str, severity: int, detail: str, block: bool
) -> Reason:
    return Reason(BLOCK_PREFIX + code if block else code, message, str(category), severity, detail)


def first_posts_reason(position: int, held: int) -> Reason:
    message = _("New member: post %(position)d of the first %(held)d, which are always held") % {
        "position": position,
        "held": held,
    }
    return Reason("new_member", message, "", 1, f"{position}/{held}")


def flood_reason(count: int, *, block: bool) -> Reason:
    if block:
        message = _(
            "You have posted this text %(count)d times in the last 24 hours; "
            "please do not repeat it."
        ) % {"count": count + 1}
    else:
        message = _(
            "Copy-paste flooding: %(count)d near-duplicates by the same member in 24 hours"
        ) % {"count": count}
    return _reason("flood", message, WordCategory.ADVERTISING, 2, str(count), block)


def repost_reason(original: str, *, block: bool) -> Reason:
    if block:
        message = _(
            "This text copies another member's post. Link to the original or credit its "
            "author, then post again."
        )
    else:
        message = _(
            "Near-duplicate of another member's post (%(original)s), without a link to it"
        ) % {"original": original}
    return _reason("repost", message, WordCategory.INFRINGEMENT, 3, original, block)


def classifier_reason(name: str, score: float, threshold: float, *, block: bool) -> Reason:
    category = classifier_category(name)
    if block:
        message = _("The automatic check rated this text as %(category)s. Please rephrase it.") % {
            "category": category_label(category)
        }
    else:
        message = _("Classifier: “%(name)s” scored %(score).2f (holds from %(threshold).2f)") % {
            "name": name,
            "score": score,
            "threshold": threshold,
        }
    severity = 3 if block else 2
    return _reason("classifier", message, category, severity, f"{name}={score:.4f}", block)
