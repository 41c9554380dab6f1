"""Turn the OpenAPI document into plain rows for the self-hosted docs page.

The document is a machine contract and stays in English; its summaries,
descriptions and tags are marked with ``gettext_noop`` where they are written
(routers and schemas), so the rows here translate them in the active language
by looking up the English text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_noop

METHOD_ORDER = ("get", "post", "put", "patch", "delete")
OTHER_TAG = gettext_noop("other")
# Where a parameter goes, as OpenAPI names it, marked for translation.
PARAMETER_PLACES = {"path": gettext_noop("path"), "query": gettext_noop("query")}


def translated(text: object) -> str:
    """English text from the OpenAPI document in the active language ("" stays "")."""
    return gettext(str(text)) if text else ""


@dataclass
class FieldDoc:
    name: str
    type: str
    required: bool
    description: str
    where: str = ""


@dataclass
class EndpointDoc:
    method: str
    path: str
    summary: str
    description: str
    auth: str  # "none", "optional" or "required"
    parameters: list[FieldDoc] = field(default_factory=list)
    body: list[FieldDoc] = field(default_factory=list)
    body_name: str = ""
    statuses: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return (
            f"{self.method}{self.path}".lower().replace("/", "-").replace("{", "").replace("}", "")
        )


@dataclass
class GroupDoc:
    tag: str
    endpoints: list[EndpointDoc]


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        resolved: dict[str, Any] = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
        return resolved
    return schema


def _type_name(schema: dict[str, Any], document: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    options = schema.get("anyOf") or schema.get("oneOf")
    if options:
        return " | ".join(_type_name(option, document) for option in options)
    if schema.get("type") == "array":
        return f"list[{_type_name(schema.get('items', {}), document)}]"
    return str(schema.get("type", "object"))


def _auth(operation: dict[str, Any]) -> str:
    security = operation.get("security")
    if not security:
        return "none"
    return "optional" if {} in security else "required"


def _parameters(operation: dict[str, Any], document: dict[str, Any]) -> list[FieldDoc]:
    return [
        FieldDoc(
            name=str(p["name"]),
            type=_type_name(p.get("schema", {}), document),
            required=bool(p.get("required")),
            description=translated(p.get("description") or p.get("schema", {}).get("description")),
            where=translated(PARAMETER_PLACES.get(str(p.get("in")), p.get("in"))),
        )
        for p in operation.get("parameters", [])
    ]


def _body(operation: dict[str, Any], document: dict[str, Any]) -> tuple[str, list[FieldDoc]]:
    content: dict[str, dict[str, Any]] = operation.get("requestBody", {}).get("content", {})
    schema: dict[str, Any] | None = next(iter(content.values()), {}).get("schema")
    if not schema:
        return "", []
    name = _type_name(schema, document)
    resolved = _resolve(schema, document)
    required = set(resolved.get("required", []))
    fields = [
        FieldDoc(
            name=prop_name,
            type=_type_name(prop, document),
            required=prop_name in required,
            description=translated(prop.get("description")),
        )
        for prop_name, prop in resolved.get("properties", {}).items()
    ]
    return name, fields


def endpoint_groups(document: dict[str, Any]) -> list[GroupDoc]:
    """Endpoints grouped by tag, in the order the tags first appear, in the active language."""
    groups: dict[str, list[EndpointDoc]] = {}
    for path, operations in document.get("paths", {}).items():
        for method in METHOD_ORDER:
            operation = operations.get(method)
            if operation is None:
                continue
            body_name, body = _body(operation, document)
            endpoint = EndpointDoc(
                method=method.upper(),
                path=path,
                summary=translated(operation.get("summary")),
                description=translated(operation.get("description")),
                auth=_auth(operation),
                parameters=_parameters(operation, document),
                body=body,
                body_name=body_name,
                statuses=sorted(str(code) for code in operation.get("responses", {})),
            )
            tag = translated((operation.get("tags") or [OTHER_TAG])[0])
            groups.setdefault(tag, []).append(endpoint)
    return [GroupDoc(tag=tag, endpoints=endpoints) for tag, endpoints in groups.items()]
