"""Cockpit pages: community order — sanctions, the ladder, appeals, disputes, rules, the audit log
(included by cockpit.urls, names in the cockpit namespace)."""

from django.urls import URLPattern, URLResolver, path

from hearth.cockpit.views import appeals, audit, disputes, rules, sanctions

urlpatterns: list[URLPattern | URLResolver] = [
    path("order/sanctions/", sanctions.sanction_list, name="sanctions"),
    path("order/sanctions/new/", sanctions.sanction_new, name="sanction_new"),
    path("order/sanctions/<int:pk>/lift/", sanctions.sanction_lift_view, name="sanction_lift"),
    path("order/ladder/", rules.ladder_view, name="sanction_ladder"),
    path("order/ladder/save/", rules.ladder_edit, name="sanction_ladder_edit"),
    path("order/thresholds/", rules.settings_edit, name="sanction_settings"),
    path("order/appeals/", appeals.appeal_list, name="appeals"),
    path("order/appeals/<int:pk>/", appeals.appeal_detail, name="appeal"),
    path("order/disputes/", disputes.dispute_list, name="disputes"),
    path("order/disputes/new/", disputes.dispute_new, name="dispute_new"),
    path("order/disputes/<int:pk>/", disputes.dispute_detail, name="dispute"),
    path("order/disputes/<int:pk>/entry/", disputes.dispute_entry, name="dispute_entry"),
    path("order/disputes/<int:pk>/assign/", disputes.dispute_assign_view, name="dispute_assign"),
    path("order/disputes/<int:pk>/state/", disputes.dispute_state_view, name="dispute_state"),
    path("order/disputes/<int:pk>/resolve/", disputes.dispute_resolve_view, name="dispute_resolve"),
    path("order/disputes/<int:pk>/link/", disputes.dispute_link_view, name="dispute_link"),
    path("order/rules/", rules.rule_list, name="rules"),
    path("order/rules/new/", rules.rule_new, name="rule_new"),
    path("order/rules/<int:pk>/", rules.rule_edit, name="rule_edit"),
    path("order/rules/<int:pk>/move/", rules.rule_move_view, name="rule_move"),
    path("order/rules/<int:pk>/active/", rules.rule_active_view, name="rule_active"),
    path("order/rules/<int:pk>/delete/", rules.rule_delete_view, name="rule_delete"),
    path("order/audit/", audit.audit_log, name="audit"),
]
