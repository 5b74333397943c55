"""Domain errors -> HTTP: every error names the field and the reason, in ID and EN."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from shared.core.access.auth import AuthError
from shared.core.errors import DomainError, FieldError, InvalidInput
from shared.server.deps import language

STATUS = {
    "invalid": 422, "not_found": 404, "conflict": 409, "unavailable": 503, "too_many": 429,
    "unauthenticated": 401, "forbidden": 403,
}

_PYDANTIC_ID = {
    "missing": "wajib diisi",
    "bool_parsing": "harus true atau false",
    "bool_type": "harus true atau false",
    "string_type": "harus berupa teks",
    "int_parsing": "harus berupa angka bulat",
    "int_type": "harus berupa angka bulat",
    "int_from_float": "harus berupa angka bulat",
    "greater_than_equal": "paling kecil {ge}",
    "less_than_equal": "paling besar {le}",
    "json_invalid": "bukan JSON yang valid",
    "model_attributes_type": "harus berupa objek",
    "dict_type": "harus berupa objek",
    "string_unencodable": "berisi karakter yang bukan teks yang sah",
    "string_unicode": "berisi karakter yang bukan teks yang sah",
    "string_too_long": "terlalu panjang",
    "status_shape": "bentuk status perangkat tidak sesuai",
    "status_too_large": "status perangkat terlalu besar",
}


def _describe(error: FieldError | DomainError, lang: str) -> dict[str, Any]:
    return {
        "field": error.field,
        "code": error.code,
        "message": error.message(lang),
        "message_id": error.message_id,
        "message_en": error.message_en,
    }


def install(app: FastAPI) -> None:
    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, exc: InvalidInput) -> JSONResponse:
        lang = language(request)
        return JSONResponse(
            {"detail": [_describe(e, lang) for e in exc.errors]}, status_code=422
        )

    @app.exception_handler(DomainError)
    async def domain(request: Request, exc: DomainError) -> JSONResponse:
        headers = None if exc.retry_after is None else {"Retry-After": str(exc.retry_after)}
        if isinstance(exc, AuthError):
            headers = {"WWW-Authenticate": "Bearer"}
        return JSONResponse(
            {"detail": _describe(exc, language(request))},
            status_code=STATUS.get(exc.status, 409),
            headers=headers,
        )

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, exc: RequestValidationError) -> JSONResponse:
        lang = language(request)
        details = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ())]
            field = ".".join(loc[1:] if loc and loc[0] in ("body", "query", "path") else loc)
            kind = str(err.get("type", "invalid"))
            if kind == "json_invalid":  # its loc is the position in the text, not a field
                field = "body"
            reason_id = _PYDANTIC_ID.get(kind, "tidak valid").format_map(err.get("ctx") or {})
            details.append(_describe(FieldError(
                field or "body", kind, f"{field or 'Isian'}: {reason_id}.",
                f"{field or 'body'}: {err.get('msg', 'invalid')}.",
            ), lang))
        return JSONResponse({"detail": details}, status_code=422)

    @app.exception_handler(HTTPException)
    async def refused(request: Request, exc: HTTPException) -> Response:
        # FastAPI answers a body it could not parse with a plain 400; the causes are ours to
        # name: JSON nested deeper than the parser recurses, or bytes that are not UTF-8 (or a
        # number longer than Python reads).
        cause = exc.__cause__
        if exc.status_code == 400 and isinstance(cause, RecursionError | ValueError):
            deep = isinstance(cause, RecursionError)
            error = FieldError(
                "body", "json_too_deep" if deep else "json_invalid",
                "Isian: JSON bersarang terlalu dalam." if deep else
                "Isian: bukan JSON yang valid (atau bukan UTF-8).",
                "body: JSON nested too deep." if deep else "body: not valid JSON (or not UTF-8).",
            )
            return JSONResponse({"detail": [_describe(error, language(request))]},
                                status_code=422)
        return await http_exception_handler(request, exc)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        # Starlette logs the exception; the client gets the usual JSON shape, never a page.
        failed = DomainError("internal_error", "Terjadi kesalahan pada server.",
                             "The server failed.")
        return JSONResponse({"detail": _describe(failed, language(request))}, status_code=500)
