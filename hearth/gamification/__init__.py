"""Points (积分): rules, an append-only ledger and balances. Levels and badges come later."""
