"""The one error an import raises: its message is translated and names the file and line."""

from __future__ import annotations


class ImportFailed(Exception):
    """Bad input (a missing file, malformed XML, a row without a required attribute …).

    Raised inside the import's transaction, so nothing it wrote stays.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
