"""(filled in by the moderation work of issue 4)."""
