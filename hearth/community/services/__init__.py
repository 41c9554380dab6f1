"""Writes in the community: one service per action. Views and the API call these."""

from hearth.community.services.counters import counters_recompute
from hearth.community.services.follows import board_follow, board_unfollow
from hearth.community.services.reactions import (
    bookmark_toggle,
    like_give,
    like_withdraw,
    share_create,
    share_visit,
)
from hearth.community.services.reads import read_record, topic_view_count
from hearth.community.services.replies import reply_create, reply_edit, reply_set_status
from hearth.community.services.topics import (
    topic_create,
    topic_edit,
    topic_feature,
    topic_pin,
    topic_recommend,
    topic_set_status,
)

__all__ = [
    "board_follow",
    "board_unfollow",
    "bookmark_toggle",
    "counters_recompute",
    "like_give",
    "like_withdraw",
    "read_record",
    "reply_create",
    "reply_edit",
    "reply_set_status",
    "share_create",
    "share_visit",
    "topic_create",
    "topic_edit",
    "topic_feature",
    "topic_pin",
    "topic_recommend",
    "topic_set_status",
    "topic_view_count",
]
