"""Content planning: planned; see the open issues. Nothing here yet."""
