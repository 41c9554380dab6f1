"""Attribution (渠道归因): where members come from, first touch to sign-up.

The public face other apps use:

- :func:`channel_for_source` / :func:`channel_cache_clear`: utm_source → channel key;
- :func:`landing_source_for`: the sign-up page's ``LandingSource`` (touches included);
- :func:`search_engine_for`: a referrer → organic search engine name;
- :func:`credit_for` / :func:`linear_by_channel`: first, last and linear credit.

``middleware.AttributionMiddleware`` keeps anonymous visitors' touches in a
signed cookie; ``subscribers`` records them when ``MemberJoined`` is published.
"""

from hearth.growth.attribution.crediting import Credit, credit_for, linear_by_channel
from hearth.growth.attribution.registry import channel_cache_clear, channel_for_source
from hearth.growth.attribution.search import search_engine_for
from hearth.growth.attribution.signup import landing_source_for

__all__ = [
    "Credit",
    "channel_cache_clear",
    "channel_for_source",
    "credit_for",
    "landing_source_for",
    "linear_by_channel",
    "search_engine_for",
]
