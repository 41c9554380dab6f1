"""The analytics store: the activity log copied into a columnar engine, with rollups.

Two engines hold the same logical tables and run the same analyses:

* :class:`~hearth.analytics.store.duck.DuckDBEngine` — an embedded DuckDB
  file under ``HEARTH_VAR_DIR`` (the default);
* :class:`~hearth.analytics.store.postgres.PostgresEngine` — tables in the
  PostgreSQL database Django uses (the second engine, and the way towards a
  distributed one: the analyses are syntax trees rendered per dialect).
"""
