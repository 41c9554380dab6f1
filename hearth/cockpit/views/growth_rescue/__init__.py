"""Cockpit pages of the first-week rescue: the at-risk queue, outreach, assignments."""
