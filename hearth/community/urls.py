from django.urls import path

from hearth.community.views import actions, images, lists, staff, topics

app_name = "community"

urlpatterns = [
    path("", lists.home, name="home"),
    path("boards/", lists.boards, name="boards"),
    path("b/<slug:slug>/", lists.board, name="board"),
    path("b/<slug:slug>/follow/", lists.board_follow, name="board_follow"),
    path("b/<slug:slug>/unfollow/", lists.board_follow, {"undo": True}, name="board_unfollow"),
    path("bookmarks/", lists.bookmarks, name="bookmarks"),
    path("t/new/", topics.topic_new, name="topic_new"),
    path("t/<int:pk>/", topics.topic_detail, name="topic"),
    path("t/<int:pk>/edit/", topics.topic_edit, name="topic_edit"),
    path("t/<int:pk>/revisions/", topics.topic_revisions, name="topic_revisions"),
    path("t/<int:pk>/reply/", actions.reply, name="reply"),
    path("t/<int:pk>/like/", actions.like, {"kind": "topic"}, name="topic_like"),
    path("t/<int:pk>/unlike/", actions.like, {"kind": "topic", "undo": True}, name="topic_unlike"),
    path("r/<int:pk>/like/", actions.like, {"kind": "reply"}, name="reply_like"),
    path("r/<int:pk>/unlike/", actions.like, {"kind": "reply", "undo": True}, name="reply_unlike"),
    path("t/<int:pk>/share/", actions.share, name="topic_share"),
    path("s/<str:code>/", actions.share_visit, name="share_visit"),
    path("t/<int:pk>/bookmark/", actions.bookmark, name="topic_bookmark"),
    path("t/<int:pk>/read/", actions.read_beacon, name="topic_read"),
    path("t/<int:pk>/feature/", staff.topic_feature, name="topic_feature"),
    path("t/<int:pk>/pin/", staff.topic_pin, name="topic_pin"),
    path("t/<int:pk>/status/", staff.topic_status, name="topic_status"),
    path("uploads/images/", images.image_upload, name="image_upload"),
    # Last, so that the topic's sub-pages above (edit/, reply/ …) are never read as a slug.
    path("t/<int:pk>/<slug:slug>/", topics.topic_detail, name="topic_slug"),
]
