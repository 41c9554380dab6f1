"""The moderation pipeline: every topic, reply and profile text, screened before it is saved.

``evaluate`` runs the text engine (normalisation, watched words, detectors),
near-duplicate lookups and the classifier, then combines the signals under
the policy for the board and the author's level; it never writes.
``screening_provider`` answers the community's ``screen``/``screening_record``
with it and keeps the records. ``words_changed`` recompiles the lexicon
everywhere after a change that sent no model signal (bulk imports).
"""

from hearth.moderation.pipeline.blocked import blocked_attempts_flush
from hearth.moderation.pipeline.decide import Analysis, Context, Duplicates, analyse, combine
from hearth.moderation.pipeline.evaluate import evaluate
from hearth.moderation.pipeline.fingerprints import simhash, text_fingerprint
from hearth.moderation.pipeline.policy import Policy, policy_resolve
from hearth.moderation.pipeline.record import screening_save
from hearth.moderation.pipeline.state import Compiled, compiled, words_changed

__all__ = [
    "Analysis",
    "Compiled",
    "Context",
    "Duplicates",
    "Policy",
    "analyse",
    "blocked_attempts_flush",
    "combine",
    "compiled",
    "evaluate",
    "policy_resolve",
    "screening_save",
    "simhash",
    "text_fingerprint",
    "words_changed",
]
