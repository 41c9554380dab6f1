"""API tokens: issued once, stored as a hash, revocable; the management command."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from hearth.api.models import ApiToken
from hearth.api.services import api_token_authenticate, api_token_create, api_token_revoke

from .conftest import Api, error_of


def test_token_is_returned_once_and_only_its_hash_is_stored(alice: Any) -> None:
    issued = api_token_create(member=alice, name="laptop")

    row = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.plain.startswith("hth_")
    assert len(issued.plain) > 40
    assert row.token_hash == hashlib.sha256(issued.plain.encode()).hexdigest()
    assert row.prefix == issued.plain[:12]
    assert row.name == "laptop"
    assert row.member == alice
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        stored = " ".join(str(value) for line in cursor.fetchall() for value in line)
    assert issued.plain not in stored


def test_each_token_is_different(alice: Any) -> None:
    first = api_token_create(member=alice)
    second = api_token_create(member=alice)
    assert first.plain != second.plain
    assert first.token.token_hash != second.token.token_hash


def test_authenticate_finds_the_member_and_records_use(alice: Any) -> None:
    issued = api_token_create(member=alice)
    assert issued.token.last_used_at is None

    assert api_token_authenticate(plain=issued.plain) == alice
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


@pytest.mark.parametrize("plain", ["", "hth_wrong", "not-a-token", "hth_" + "x" * 200])
def test_authenticate_refuses_unknown_tokens(alice: Any, plain: str) -> None:
    api_token_create(member=alice)
    assert api_token_authenticate(plain=plain) is None


def test_revoked_token_stops_working(alice: Any) -> None:
    issued = api_token_create(member=alice)
    api = Api(Client(), token=issued.plain)
    assert api.get("/me").status_code == 200

    api_token_revoke(token=issued.token)

    assert issued.token.revoked_at is not None
    assert api_token_authenticate(plain=issued.plain) is None
    response = api.get("/me")
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_revoking_twice_keeps_the_first_date(alice: Any) -> None:
    token = api_token_create(member=alice).token
    first = api_token_revoke(token=token).revoked_at
    assert api_token_revoke(token=token).revoked_at == first


def test_token_of_a_deactivated_member_stops_working(alice: Any) -> None:
    issued = api_token_create(member=alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert api_token_authenticate(plain=issued.plain) is None


def test_token_name_is_limited(alice: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        api_token_create(member=alice, name="x" * 61)
    assert "name" in caught.value.message_dict


def test_command_prints_a_working_token(alice: Any) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "alice", "--name", "script", stdout=out, stderr=err)

    plain = out.getvalue().strip()
    assert api_token_authenticate(plain=plain) == alice
    token = ApiToken.objects.get(member=alice)
    assert token.name == "script"
    assert token.prefix in err.getvalue()


def test_command_lists_and_revokes(alice: Any) -> None:
    issued = api_token_create(member=alice, name="phone")
    out = io.StringIO()
    call_command("api_token", "alice", "--list", stdout=out)
    assert issued.token.prefix in out.getvalue()
    assert "phone" in out.getvalue()

    call_command("api_token", "alice", "--revoke", issued.token.prefix + "…", stdout=io.StringIO())
    assert api_token_authenticate(plain=issued.plain) is None


def test_command_refuses_an_unknown_member(db: None) -> None:
    with pytest.raises(CommandError, match="nobody"):
        call_command("api_token", "nobody")
