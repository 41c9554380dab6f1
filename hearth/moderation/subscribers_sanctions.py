"""(filled in by the sanctions work of issue 4)."""
