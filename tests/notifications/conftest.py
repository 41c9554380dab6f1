"""The notification pages reuse the member pages' fixtures."""

from tests.accounts.conftest import _english, _fast_passwords, client_as, post_topic  # noqa: F401
