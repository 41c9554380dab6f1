"""Reads of the moderation app. Import from the modules (``selectors.queue`` …)."""
