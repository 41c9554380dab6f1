"""Member-facing moderation pages (reports, my standing, appeals)."""
