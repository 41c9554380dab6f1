"""Writes of the moderation app. Import from the modules (``services.queue`` …)."""
