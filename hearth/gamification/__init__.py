"""Levels and points: planned; see the open issues. Nothing here yet."""
