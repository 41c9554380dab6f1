"""Cockpit pages: words (included by cockpit.urls, names in the cockpit namespace).

Watched-word lists, their words and previews, variants, moderation policies
and the test box, under "Community order".
"""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views.words import entries, lists, policies, preview, testbox, variants

urlpatterns: list[URLPattern | URLResolver] = [
    path("order/words/", lists.word_lists, name="words"),
    path("order/words/import/", lists.word_list_import_view, name="word_list_import"),
    path("order/words/new/", lists.word_list_new, name="word_list_new"),
    path("order/words/export/<str:fmt>/", lists.words_export_enabled, name="words_export"),
    path("order/words/test/", testbox.word_test, name="word_test"),
    path("order/words/variants/", variants.word_variants, name="word_variants"),
    path("order/words/variants/<int:pk>/", variants.word_variant_edit, name="word_variant_edit"),
    path(
        "order/words/variants/<int:pk>/delete/",
        variants.word_variant_delete,
        name="word_variant_delete",
    ),
    path("order/words/<int:pk>/", entries.word_list_words, name="word_list"),
    path("order/words/<int:pk>/preview/", preview.word_list_preview_page, name="word_list_preview"),
    path(
        "order/words/<int:pk>/preview/run/",
        preview.word_list_preview_run,
        name="word_list_preview_run",
    ),
    path("order/words/<int:pk>/enable/", preview.word_list_enable, name="word_list_enable"),
    path("order/words/<int:pk>/disable/", preview.word_list_disable, name="word_list_disable"),
    path("order/words/<int:pk>/delete/", lists.word_list_delete_view, name="word_list_delete"),
    path("order/words/<int:pk>/export/<str:fmt>/", lists.word_list_export, name="word_list_export"),
    path("order/words/entry/<int:pk>/", entries.word_edit_view, name="word_edit"),
    path("order/words/entry/<int:pk>/delete/", entries.word_delete_view, name="word_delete"),
    path("order/policies/", policies.moderation_policies, name="moderation_policies"),
    path("order/policies/new/", policies.policy_new, name="policy_new"),
    path("order/policies/<int:pk>/", policies.policy_edit, name="policy_edit"),
    path("order/policies/<int:pk>/delete/", policies.policy_delete_view, name="policy_delete"),
]
