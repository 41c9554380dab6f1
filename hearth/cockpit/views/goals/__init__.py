"""Cockpit pages of the goals (/ops/goals/): the list, a goal, its form, the thresholds."""
