"""Reactions of the sanctions work to domain events: none needed so far.

Sanctions, lifts and appeals are written by their services, which own their
side effects (audit entry, notification, ``SanctionIssued`` and
``DecisionOverturned`` events); a review decision that sanctions calls
``sanction_issue`` itself. Expired sanctions need no job: they stop applying
when ``ends_at`` passes. Handlers go here when another app's event must
change a member's standing.
"""
