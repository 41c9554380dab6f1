"""Cockpit analytics pages: dashboard, trends, retention, lifecycle, and saved views."""
