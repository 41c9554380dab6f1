"""Cockpit: watched words (敏感词) — lists, words, preview, variants, policies, the test box."""
