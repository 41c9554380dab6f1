"""Member pages of the gamification app: points, levels, badges, leaderboards."""
