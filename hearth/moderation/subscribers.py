"""What the reports and review queue hook into at start-up (imported in ``ready``).

The community's topic page asks its registered provider for extra HTML on each
reply row; moderation answers with the report button and the author's notice.
The queue's own effects (points after an upheld report, notifications) follow
from the services and the events they publish, not from here.
"""

from __future__ import annotations

from hearth.community.fragments import reply_row_extras_provider
from hearth.moderation.templatetags.moderation_reports import reply_row_extras

reply_row_extras_provider(reply_row_extras)
