"""Cockpit pages: thin views that check a permission, call a selector or service, render."""
