"""``hearth moderation_words import|export|preview``: watched-word lists from the command line.

- ``import PATH [--name N] [--format txt|csv|json] [--category C] [--action A]
  [--severity S] [--skip-duplicates]`` stores the file as a disabled list
  (all rows or none; every bad row is printed with its line number);
- ``export (--list ID_OR_NAME | --enabled) [--format F] [--output PATH]``;
- ``preview ID_OR_NAME [--enable]`` scans the published posts, prints the
  summary as JSON, and with ``--enable`` turns the list on afterwards.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.moderation.models import WordAction, WordCategory, WordList
from hearth.moderation.words.export import export_words
from hearth.moderation.words.preview import word_list_preview
from hearth.moderation.words.rows import Defaults, ImportFailed
from hearth.moderation.words.selectors import enabled_words
from hearth.moderation.words.services import word_list_import, word_list_set_enabled

FORMATS = ("txt", "csv", "json")


def _word_list(key: str) -> WordList:
    found = WordList.objects.filter(pk=int(key)).first() if key.isdigit() else None
    found = found or WordList.objects.filter(name=key).first()
    if found is None:
        raise CommandError(_("No word list with the id or name %(key)r.") % {"key": key})
    return found


class Command(BaseCommand):
    help = "Watched-word lists: import a lexicon file, export words, preview a list's hits."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="Import a lexicon file as a disabled list.")
        imp.add_argument("path", type=Path)
        imp.add_argument("--name", default="", help="List name (default: the file name).")
        imp.add_argument("--format", choices=FORMATS, default="", help="Default: by extension.")
        imp.add_argument("--category", choices=WordCategory.values, default="custom")
        imp.add_argument("--action", choices=WordAction.values, default="hold")
        imp.add_argument("--severity", type=int, choices=(1, 2, 3, 4), default=2)
        imp.add_argument(
            "--skip-duplicates", action="store_true", help="Keep the first of repeated terms."
        )
        exp = sub.add_parser("export", help="Write words as txt, CSV or JSON.")
        which = exp.add_mutually_exclusive_group(required=True)
        which.add_argument("--list", dest="word_list", help="A list's id or name.")
        which.add_argument("--enabled", action="store_true", help="Every word that is on.")
        exp.add_argument("--format", choices=FORMATS, default="csv")
        exp.add_argument("--output", type=Path, help="Default: standard output.")
        pre = sub.add_parser("preview", help="What a list would hit on published posts.")
        pre.add_argument("word_list", help="A list's id or name.")
        pre.add_argument("--enable", action="store_true", help="Turn the list on afterwards.")

    def handle(self, *args: Any, **options: Any) -> None:
        {"import": self._import, "export": self._export, "preview": self._preview}[
            options["subcommand"]
        ](options)

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["path"]
        try:
            data = path.read_bytes()
        except OSError as error:
            message = _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
            raise CommandError(message) from error
        defaults = Defaults(options["category"], options["action"], options["severity"])
        try:
            result = word_list_import(
                actor=None,
                data=data,
                filename=path.name,
                defaults=defaults,
                name=options["name"],
                fmt=options["format"],
                skip_duplicates=options["skip_duplicates"],
            )
        except ImportFailed as error:
            for row_error in error.errors:
                self.stderr.write(row_error.message)
            message = ngettext(
                "Nothing imported: %(n)d bad row.",
                "Nothing imported: %(n)d bad rows.",
                len(error.errors),
            ) % {"n": len(error.errors)}
            raise CommandError(message) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        summary = {
            "list": result.word_list.pk,
            "name": result.word_list.name,
            "words": result.imported,
            "skipped": len(result.skipped),
            "enabled": False,
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _export(self, options: dict[str, Any]) -> None:
        if options["enabled"]:
            words, name = enabled_words(), "enabled"
        else:
            word_list = _word_list(options["word_list"])
            words, name = word_list.words.all(), word_list.name
        content = export_words(words, options["format"], name=name)
        if options["output"]:
            options["output"].write_bytes(content)
        else:
            self.stdout.write(content.decode(), ending="")

    def _preview(self, options: dict[str, Any]) -> None:
        word_list = word_list_preview(word_list=_word_list(options["word_list"]))
        if options["enable"]:
            try:
                word_list = word_list_set_enabled(actor=None, word_list=word_list, enabled=True)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        summary = {"list": word_list.pk, "enabled": word_list.enabled, **word_list.preview}
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
