"""The pure stages of the pipeline: analyse a text, then combine the signals under a policy.

Neither stage touches the database: :mod:`evaluate` gathers what the
policy needs to know about the author and earlier posts (a
:class:`Context`), and the benchmark runs both stages on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from hearth.core.screening import ContentKind, Decision, Reason, Screening
from hearth.moderation.models import SignalAction
from hearth.moderation.pipeline import reasons
from hearth.moderation.pipeline.fingerprints import text_fingerprint
from hearth.moderation.pipeline.policy import Policy
from hearth.moderation.pipeline.reasons import Texts
from hearth.moderation.pipeline.state import Compiled
from hearth.moderation.text.detectors import Reason as Detector
from hearth.moderation.text.detectors import Signal, detect
from hearth.moderation.text.lexicon import Action, Hit, censor

REPLACE = "replace"
_STRENGTH: dict[str, int] = {
    SignalAction.BLOCK: 3,
    SignalAction.HOLD: 2,
    SignalAction.FLAG: 1,
    REPLACE: 0,
}
_DECISIONS: dict[str, str] = {SignalAction.BLOCK: Decision.BLOCK, SignalAction.HOLD: Decision.HOLD}


# Named tuples: built for every post, and a frozen dataclass costs several times more.
class Analysis(NamedTuple):
    """What the text engine found: watched words (body, title), detector hits, fingerprint."""

    hits: Sequence[Hit] = ()
    title_hits: Sequence[Hit] = ()
    signals: Sequence[Signal] = ()
    fingerprint: int | None = None
    length: int = 0  # normalised characters of the body


class Duplicates(NamedTuple):
    own_recent: int = 0  # the author's near-duplicates in the last 24 hours
    repost_of: str = ""  # "topic:12": another member's published text, not linked to


NO_SCORES: Mapping[str, float] = MappingProxyType({})


class Context(NamedTuple):
    """What the policy needs beyond the text (read from the database by ``evaluate``)."""

    kind: str = ContentKind.REPLY
    board_id: int | None = None
    policy: Policy = Policy()
    exempt: bool = False  # staff who moderate the board: hold and flag rules do not apply
    first_post: int = 0  # the post's position within the held first posts; 0: rule off
    duplicates: Duplicates = Duplicates()
    scores: Mapping[str, float] = NO_SCORES


def analyse(
    compiled: Compiled, text: str, title: str = "", *, kind: str, board_id: int | None
) -> Analysis:
    lexicon = compiled.lexicon
    norm = lexicon.normalise(text)
    hits = lexicon.scan(text, board_id, norm=norm)
    signals = detect(text, folded=norm.folded)
    title_hits: list[Hit] = []
    if title:
        title_norm = lexicon.normalise(title)
        title_hits = lexicon.scan(title, board_id, norm=title_norm)
        signals += detect(title, folded=title_norm.folded)
    if kind == ContentKind.PROFILE:
        contact = [s for s in signals if s.reason in reasons.CONTACT]
        return Analysis(hits, title_hits, contact, None, len(norm.text))
    return Analysis(hits, title_hits, signals, text_fingerprint(norm.text), len(norm.text))


def _detector_action(policy: Policy, reason: Detector) -> str:
    if reason in reasons.CONTACT:
        return policy.contact_action
    if reason == Detector.LINK_SHORTENER:
        return policy.shortener_action
    if reason == Detector.LINK:
        return policy.link_action
    return policy.repeat_action


Fired = list[tuple[str, Reason]]  # (action, reason)


def _word_fired(analysis: Analysis, compiled: Compiled, context: Context, words: Texts) -> Fired:
    fired: Fired = []
    for hit in (*analysis.hits, *analysis.title_hits):
        action = REPLACE if hit.action is Action.REPLACE else str(hit.action)
        message = ""
        if hit.action is Action.BLOCK:
            key = (hit.term, str(hit.category), str(hit.action), hit.severity)
            message = compiled.word_message(key, context.board_id)
        fired.append((action, reasons.word_reason(hit, words, author_message=message)))
    return fired


def _detectors_fired(analysis: Analysis, context: Context, words: Texts) -> Fired:
    fired: Fired = []
    for signal in analysis.signals:
        action = _detector_action(context.policy, signal.reason)
        if action != SignalAction.IGNORE:
            block = action == SignalAction.BLOCK
            fired.append((action, reasons.detector_reason(signal, words, block=block)))
    return fired


def _history_fired(context: Context, words: Texts) -> Fired:
    """The first-posts rule, flooding and reposts (topics and replies only)."""
    policy, found = context.policy, context.duplicates
    fired: Fired = []
    if context.first_post:
        reason = reasons.first_posts_reason(context.first_post, policy.first_posts_held, words)
        fired.append((SignalAction.HOLD, reason))
    if found.own_recent >= 2 and policy.flood_action != SignalAction.IGNORE:
        block = policy.flood_action == SignalAction.BLOCK
        reason = reasons.flood_reason(found.own_recent, words, block=block)
        fired.append((policy.flood_action, reason))
    if found.repost_of and policy.repost_action != SignalAction.IGNORE:
        block = policy.repost_action == SignalAction.BLOCK
        reason = reasons.repost_reason(found.repost_of, words, block=block)
        fired.append((policy.repost_action, reason))
    return fired


def _classifier_fired(context: Context, words: Texts) -> Fired:
    policy = context.policy
    fired: Fired = []
    for name, score in sorted(context.scores.items()):
        if policy.classifier_block is not None and score >= policy.classifier_block:
            reason = reasons.classifier_reason(
                name, score, policy.classifier_block, words, block=True
            )
            fired.append((SignalAction.BLOCK, reason))
        elif policy.classifier_hold is not None and score >= policy.classifier_hold:
            reason = reasons.classifier_reason(
                name, score, policy.classifier_hold, words, block=False
            )
            fired.append((SignalAction.HOLD, reason))
    return fired


def _quiet(analysis: Analysis, context: Context) -> bool:
    """Nothing can fire: skip the message look-ups (most posts)."""
    found = context.duplicates
    return not (
        analysis.hits
        or analysis.title_hits
        or analysis.signals
        or context.first_post
        or found.own_recent >= 2
        or found.repost_of
        or context.scores
    )


def _kept(fired: Fired) -> tuple[Reason, ...]:
    seen: set[tuple[str, str]] = set()
    kept: list[Reason] = []
    for _action, reason in fired:
        if (reason.code, reason.detail) not in seen:
            seen.add((reason.code, reason.detail))
            kept.append(reason)
    return tuple(kept)


def combine(
    analysis: Analysis, context: Context, compiled: Compiled, text: str, title: str = ""
) -> Screening:
    """The decision: the strongest action that fired (block > hold > flag, replace, publish).

    Staff who moderate the board are exempt from hold and flag actions;
    blocks and replacements apply to everyone.
    """
    if _quiet(analysis, context):
        return Screening(text=text, title=title)
    words = reasons.texts()
    fired = _word_fired(analysis, compiled, context, words)
    fired += _detectors_fired(analysis, context, words)
    if context.kind != ContentKind.PROFILE:
        fired += _history_fired(context, words) + _classifier_fired(context, words)
    if context.exempt:
        fired = [f for f in fired if f[0] not in (SignalAction.HOLD, SignalAction.FLAG)]
    fired.sort(key=lambda f: -_STRENGTH.get(f[0], 0))
    strongest = fired[0][0] if fired else ""
    decision = _DECISIONS.get(strongest, Decision.PUBLISH)
    if any(h.action is Action.REPLACE for h in analysis.hits):
        text = censor(text, analysis.hits)
    if any(h.action is Action.REPLACE for h in analysis.title_hits):
        title = censor(title, analysis.title_hits)
    return Screening(
        decision=decision,
        reasons=_kept(fired),
        scores=dict(context.scores),
        text=text,
        title=title,
    )


def is_flagged(screening: Screening) -> bool:
    """Published, but a flag rule fired (a replacement alone is not a flag)."""
    return screening.decision == Decision.PUBLISH and any(
        r.code != "word_replaced" for r in screening.reasons
    )
