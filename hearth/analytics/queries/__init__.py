"""Analyses as query objects: typed parameters in, a syntax tree from ``to_query``, results out.

Each class renders one analysis for any engine (DuckDB, PostgreSQL; the
trees transpile to ClickHouse or Trino too). Results are cached per store
version, so a new sync invalidates them.
"""
