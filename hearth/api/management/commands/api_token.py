"""``hearth api_token <username> [--name NAME]``: issue an API token and print it once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearth.accounts.models import User
from hearth.api.models import ApiToken
from hearth.api.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = (
        "Issue a JSON API token for a member and print it (it is shown only once). "
        "--list shows the member's tokens; --revoke PREFIX revokes one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label to recognise the token by.")
        parser.add_argument("--list", action="store_true", help="List the member's tokens.")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the token with this prefix.")

    def handle(self, *args: Any, **options: Any) -> None:
        member = User.objects.filter(username=options["username"]).first()
        if member is None:
            raise CommandError(f"No member with the username {options['username']!r}.")
        if options["list"]:
            self._list(member)
        elif options["revoke"]:
            self._revoke(member, options["revoke"])
        else:
            try:
                issued = api_token_create(member=member, name=options["name"])
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(issued.plain)
            self.stderr.write(
                f"Token {issued.token.prefix}… issued for {member.username}. "
                "Keep it secret: it is not stored and cannot be shown again."
            )

    def _list(self, member: User) -> None:
        for token in ApiToken.objects.filter(member=member):
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.prefix}…  {token.name or '-'}  created {token.created_at:%Y-%m-%d}  "
                f"last used {used}  {state}"
            )

    def _revoke(self, member: User, prefix: str) -> None:
        tokens = list(
            ApiToken.objects.filter(member=member, prefix__startswith=prefix.rstrip("….")[:12])
        )
        if len(tokens) != 1:
            raise CommandError(f"{len(tokens)} tokens of {member.username} match {prefix!r}.")
        api_token_revoke(token=tokens[0])
        self.stdout.write(f"Revoked {tokens[0].prefix}…")
