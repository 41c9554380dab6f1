"""Strategy (战略): positioning, long-term aims, content mix targets and competitor figures."""
