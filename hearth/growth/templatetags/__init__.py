"""Template tags of the growth app."""
