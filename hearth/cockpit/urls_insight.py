"""Cockpit pages: insight (included by cockpit.urls, names in the cockpit namespace).

Candidates for featuring, recommending a topic on the home page, and the
moderation metrics.
"""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views import insight, topics

urlpatterns: list[URLPattern | URLResolver] = [
    path("content/candidates/", insight.candidates, name="candidates"),
    path(
        "content/topics/<int:pk>/recommend/",
        topics.topic_recommend_set,
        name="topic_recommend",
    ),
    path("insight/moderation/", insight.moderation_metrics, name="moderation_metrics"),
]
