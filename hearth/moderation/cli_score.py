"""`hearth moderation score` (filled in by the pipeline work)."""
