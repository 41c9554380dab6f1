"""Cockpit pages: review (included by cockpit.urls, names in the cockpit namespace)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views import review

urlpatterns: list[URLPattern | URLResolver] = [
    path("content/review/", review.review_queue, name="review"),
    path("content/review/bulk/", review.review_bulk, name="review_bulk"),
    path("content/review/<int:pk>/", review.review_item, name="review_item"),
    path("content/review/<int:pk>/claim/", review.review_claim, name="review_claim"),
    path("content/review/<int:pk>/approve/", review.review_approve, name="review_approve"),
    path("content/review/<int:pk>/edit/", review.review_edit, name="review_edit"),
    path("content/review/<int:pk>/reject/", review.review_reject, name="review_reject"),
    path("content/review/<int:pk>/escalate/", review.review_escalate, name="review_escalate"),
    path("order/reports/", review.report_list, name="reports"),
]
