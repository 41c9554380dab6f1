"""The demo's moderation history, so that every moderation page has something to show.

:func:`moderation_plant` runs at the end of ``demo_build``; what it plants is
listed, with its numbers, in :mod:`hearth.demo.moderation.effects` and measured
back by ``tests/demo/test_moderation_demo.py``.
"""

from hearth.demo.moderation.plant import moderation_plant

__all__ = ["moderation_plant"]
