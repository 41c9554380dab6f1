"""Analytics: the activity log, the store (DuckDB or PostgreSQL) and the analyses over it."""
