"""The officer console's page: one HTML shell, its script modules and style sheet, all served
by the queue server itself (the office LAN has no internet: no CDN, no build step).

The page keeps its session token in ``sessionStorage`` and sends it as a Bearer token, so no
cookie is ever sent by the browser on its own (nothing to forge from another site: no CSRF).
The price is that a script injected into the page could read the token; the page therefore
runs under a Content-Security-Policy that allows only its own script files, and it writes
every visitor-typed text with ``textContent``, never as HTML.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

CONSOLE_DIR = Path(__file__).resolve().parent

# The other security headers (nosniff, no-referrer, DENY framing) come from
# ``shared.server.guard`` on every answer; the console's own policy allows its own files.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
        " frame-ancestors 'none'"
    ),
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> RedirectResponse:
    """A browser pointed at the server lands on the officers' console."""
    return RedirectResponse("/console", status_code=307)


@router.get("/console")
def console() -> FileResponse:
    return FileResponse(CONSOLE_DIR / "index.html", media_type="text/html",
                        headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})


class _ConsoleFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        response.headers.update({**SECURITY_HEADERS, "Cache-Control": "no-cache"})
        return response


def install(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/console/static", _ConsoleFiles(directory=CONSOLE_DIR / "static"),
              name="console-static")
