"""Analytics: planned; see the open issues. Nothing here yet."""
