"""Onboarding (新手引导): the new member's checklist, kept by domain events.

Public face: :mod:`services` (writes), :mod:`selectors` (reads, incl. the
stall step used by the first-week rescue), :mod:`recommendations` (boards
for a member) and :mod:`backfill` (progress rows computed from history).
"""
