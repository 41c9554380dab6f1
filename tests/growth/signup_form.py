"""The sign-up form as a visitor fills it, for the attribution and invite tests."""

from __future__ import annotations

SIGNUP = "/accounts/signup/"


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "username": "xiaoming",
        "email": "xiaoming@example.com",
        "password": "a-long-secret-42",
        "password_confirm": "a-long-secret-42",
        "invite_code": "",
        "privacy": "on",
    }
    data.update(overrides)
    return data
