"""The ``hearth`` console command: Django's management commands under one name.

``hearth demo``, ``hearth serve`` and ``hearth generate`` are management
commands of Hearth's apps; everything else (``hearth migrate``,
``hearth shell`` …) passes through to Django.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hearth", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
