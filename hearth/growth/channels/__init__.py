"""The channel registry's services and selectors (渠道管理)."""
