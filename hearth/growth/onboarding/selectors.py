"""Reads of onboarding progress."""

from __future__ import annotations

from hearth.growth.onboarding.stall import (
    onboarding_stall_step,
    progress_with_stall_step,
    stall_step_expression,
)

__all__ = ["onboarding_stall_step", "progress_with_stall_step", "stall_step_expression"]
