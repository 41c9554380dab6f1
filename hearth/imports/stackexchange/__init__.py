"""Stack Exchange data dumps (Users, Posts, Comments, Votes, Badges) into the community."""

from hearth.imports.stackexchange.context import ImportOptions
from hearth.imports.stackexchange.service import stackexchange_import

__all__ = ["ImportOptions", "stackexchange_import"]
