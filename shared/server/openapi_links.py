"""OpenAPI links in ``/openapi.json``: which answer's id feeds which next request (a ticket
just issued or called -> recall, finish, no-show, transfer, note, follow-up; a complaint ->
its update; a follow-up -> closing it). They document the API's workflow, and let a
stateful fuzzer (schemathesis, in the tests) chain real ids instead of guessing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

# (operation that answers with an object holding "id", its success status) -> parameter name
_TICKET_SOURCES = (("POST", "/api/v1/tickets", "201"),
                   ("POST", "/api/v1/desks/{desk}/call-next", "200"),
                   ("POST", "/api/v1/tickets/{ticket_id}/transfer", "201"))
_SOURCES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "ticket_id": _TICKET_SOURCES,
    "complaint_id": (("POST", "/api/v1/complaints", "201"),),
    "follow_up_id": (("POST", "/api/v1/tickets/{ticket_id}/follow-up", "201"),),
}


def install(app: FastAPI) -> None:
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi_with_links() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            _add_links(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi_with_links  # type: ignore[method-assign]


def _add_links(document: dict[str, Any]) -> None:
    paths: dict[str, dict[str, Any]] = document["paths"]
    for parameter, sources in _SOURCES.items():
        targets = [
            (method, op["operationId"])
            for path, ops in paths.items() if f"{{{parameter}}}" in path
            for method, op in ops.items()
        ]
        for method, path, status in sources:
            source = paths.get(path, {}).get(method.lower())
            if source is None or status not in source.get("responses", {}):
                continue
            links = source["responses"][status].setdefault("links", {})
            for _, operation_id in targets:
                links[operation_id] = {
                    "operationId": operation_id,
                    "parameters": {parameter: "$response.body#/id"},
                }
