"""Cockpit pages of the strategy (/ops/goals/strategy/): positioning, aims, boards plan, content
mix, competitors."""
