"""One error shape for the whole API.

Every failure answers ``{"error": {"code", "message", "fields"}}`` with the
matching status: 400 unreadable request, 401 no or bad credentials, 403
permission denied, 404 unknown (or invisible) object, 409 conflict with the
current state (a second like), 422 invalid input, naming each field. The
messages are the services' own translated messages, in the language the
request asked for (Accept-Language, through LocaleMiddleware).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str] = {}


class ErrorOut(Schema):
    """The body of every error response."""

    error: ErrorDetail


class NotFound(Http404):
    """A 404 with a message meant for the caller."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Conflict(Exception):
    """The request conflicts with the current state (409), e.g. a second like."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def error_body(code: str, message: str, fields: Mapping[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": dict(fields or {})}}


@contextmanager
def fields_renamed(names: Mapping[str, str]) -> Iterator[None]:
    """Report a service's field errors under the API's input names (``quote`` → ``quote_id``)."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {names.get(field, field): errors for field, errors in exc.error_dict.items()}
        ) from exc


def _schema_message(error: Mapping[str, Any]) -> str:
    """A translated message for one pydantic error (Django's wording where it has one)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("int_"):
        return _("Enter a whole number.")
    if kind.startswith("bool_"):
        return _("Enter true or false.")
    if kind in {"less_than_equal", "less_than"}:
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le", ctx.get("lt"))
        }
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge", ctx.get("gt"))
        }
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "list_type":
        return _("Enter a list of values.")
    if kind == "string_type":
        return _("Enter a text value.")
    return _("Enter a valid value.")


def _schema_field(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("body", "payload", "title")`` → ``"title"``; ``("query", "page")`` → ``"page"``."""
    parts = list(loc)
    parts = parts[2:] if parts and parts[0] == "body" else parts[1:]
    return str(parts[0]) if parts else ""


def _on_schema_error(exc: SchemaValidationError) -> dict[str, Any]:
    fields: dict[str, str] = {}
    for error in exc.errors:
        name = _schema_field(error.get("loc", ()))
        if not name:
            message = _("Send a JSON object in the request body.")
            return error_body("invalid", message)
        fields.setdefault(name, _schema_message(error))
    first = next(iter(fields.items()))
    return error_body("invalid", f"{first[0]}: {first[1]}", fields)


def _on_validation_error(exc: ValidationError) -> dict[str, Any]:
    if hasattr(exc, "error_dict"):
        fields = {
            ("" if name == "__all__" else name): " ".join(str(m) for m in messages)
            for name, messages in exc.message_dict.items()
        }
        fields.pop("", None)
        message = " ".join(exc.messages)
        return error_body("invalid", message, fields)
    return error_body("invalid", " ".join(str(m) for m in exc.messages))


_HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "throttled",
}


def _http_error_message(exc: HttpError) -> str:
    if isinstance(exc, AuthenticationError):
        if exc.message and exc.message != "Unauthorized":
            return exc.message
        return _("Authentication required: send a valid API token as 'Authorization: Bearer …'.")
    if exc.status_code == 400:
        return _("The request body could not be read: send valid JSON.")
    return exc.message


def _error_response_for(exc: BaseException) -> tuple[dict[str, Any], int]:
    """The body and status that answer ``exc``."""
    if isinstance(exc, SchemaValidationError):
        return _on_schema_error(exc), 422
    if isinstance(exc, ValidationError):
        return _on_validation_error(exc), 422
    if isinstance(exc, PermissionDenied):
        message = str(exc) or _("You do not have permission to do this.")
        return error_body("permission_denied", message), 403
    if isinstance(exc, Http404):
        message = exc.message if isinstance(exc, NotFound) else _("Not found.")
        return error_body("not_found", message), 404
    if isinstance(exc, Conflict):
        return error_body("conflict", exc.message), 409
    if isinstance(exc, HttpError):
        code = _HTTP_CODES.get(exc.status_code, "error")
        return error_body(code, _http_error_message(exc)), exc.status_code
    raise exc


def install_error_handlers(api: NinjaAPI) -> None:
    """Answer every expected failure with :class:`ErrorOut` and the right status."""

    def handle(request: HttpRequest, exc: BaseException | type[BaseException]) -> HttpResponse:
        body, status = _error_response_for(exc if isinstance(exc, BaseException) else exc())
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    for exc_class in (
        SchemaValidationError,
        ValidationError,
        PermissionDenied,
        Http404,
        Conflict,
        HttpError,
    ):
        api.add_exception_handler(exc_class, handle)


# Documented on every operation that can fail this way.
ERRORS_READ: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
ERRORS_WRITE: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}
