"""Cockpit pages of spend, the channel quality table and the budget advice (growth)."""
