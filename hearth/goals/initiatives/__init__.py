"""Initiatives (举措): plan items linked to goals, and their impact (difference-in-differences)."""
