"""Imports of other communities' data (a Stack Exchange dump today), kept idempotent."""
