"""The community pages: lists, topics, member actions and staff actions."""
