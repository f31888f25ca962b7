"""The FastAPI app: one error shape, security headers, a body-size limit, the routes and the map page.

Every error answers `{"ok": false, "error": ..., "status": ...}`; bad input is a 4xx, never a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vedette import config
from vedette.api.queries import Queries
from vedette.errors import VedetteError
from vedette.store import Store

WEB = Path(__file__).resolve().parent.parent / "web"
SWAGGER = "/vendor/swagger-ui-dist"
"""Swagger UI for /docs comes from npm like the map's libraries, never from a CDN."""
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'"
)
STATUS_OF_CODE = {"V402": 401, "V403": 401, "V404": 413, "V201": 503, "V202": 503}
"""HTTP status of a library error; any other code is the client's input (422)."""

log = logging.getLogger("vedette.api")


def create_app(db: str | Path, reads_open: bool | None = None, max_body_kb: int | None = None) -> FastAPI:
    """The app over the store at `db`; settings default to `vedette.config` (VEDETTE_API_*)."""
    from vedette.api.read import router as read_router
    from vedette.api.write import router as write_router

    limit_kb = int(config.get("api_max_body_kb")) if max_body_kb is None else max_body_kb
    store = Store(db, create=False)
    app = FastAPI(
        title="vedette",
        description="Located, attributed, corroborated PLOVER events from conflict reporting. Reads are open unless "
        "VEDETTE_API_READS_OPEN=no; writes need `Authorization: Bearer KEY` (keys from `vedette keys create`). "
        'Errors always have the shape {"ok": false, "error": "...", "status": N}.',
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.queries = Queries(store)
    app.state.reads_open = _reads_open() if reads_open is None else reads_open

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(VedetteError)
    async def library_error(_request: Request, exc: VedetteError) -> JSONResponse:
        status = STATUS_OF_CODE.get(exc.code, 422)
        return error_response(status, str(exc), {"WWW-Authenticate": "Bearer"} if status == 401 else None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _validation_message(exc.errors()))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(500, f"internal error while answering {request.url.path}; see the server log")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        docs = request.url.path == "/docs"
        response.headers["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY if docs else CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.add_middleware(BodyLimit, limit_kb=limit_kb)
    app.include_router(read_router)
    app.include_router(write_router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="vedette API",
            swagger_js_url=SWAGGER + "/swagger-ui-bundle.js",
            swagger_css_url=SWAGGER + "/swagger-ui.css",
            swagger_favicon_url="data:,",
        )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "static" / "index.html")

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    vendor = WEB / "node_modules"
    if vendor.is_dir():
        app.mount("/vendor", StaticFiles(directory=vendor), name="vendor")
    else:

        @app.get("/vendor/{path:path}", include_in_schema=False)
        def vendor_missing(path: str) -> JSONResponse:
            return error_response(503, str(VedetteError("V401", path=vendor)))

    return app


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)


def _reads_open() -> bool:
    value = config.get("api_reads_open").strip().lower()
    if value not in ("yes", "no"):
        raise VedetteError("V408", value=value)
    return value == "yes"


def _validation_message(errors: Any) -> str:
    """The first problem as `where: what`, e.g. `query.limit: Input should be less than or equal to 10000`."""
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    if first.get("type") == "json_invalid":
        return f"body: not valid JSON ({first.get('ctx', {}).get('error', 'cannot parse')})"
    return f"{where}: {first.get('msg')}"


class BodyLimit:
    """Refuse request bodies over the limit with 413 in the one error shape, before the app reads them.

    A body with a Content-Length is judged by it; a streamed one (chunked, no length) is read here
    up to the limit and handed on only if it fits. (FastAPI's own `max_body_size` answers some of
    these cases in plain text, outside the error shape.)
    """

    def __init__(self, app: ASGIApp, limit_kb: int) -> None:
        self.app = app
        self.limit_kb = limit_kb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_kb * 1024
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > limit:
                await self._refuse(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        buffered: list[Message] = []
        size = 0
        while True:
            message = await receive()
            buffered.append(message)
            size += len(message.get("body", b""))
            if size > limit:
                await self._refuse(scope, receive, send)
                return
            if message["type"] != "http.request" or not message.get("more_body", False):
                break

        async def replay() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = str(VedetteError("V404", limit_kb=self.limit_kb))
        await error_response(413, message, {"Connection": "close"})(scope, receive, send)
