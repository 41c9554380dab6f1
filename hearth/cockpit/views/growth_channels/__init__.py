"""Cockpit pages of the channel registry, campaigns, tracked links and posters."""
