"""Feedback and tickets: planned; see the open issues. Nothing here yet."""
