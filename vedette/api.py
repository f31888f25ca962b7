"""HTTP API and the map page (FastAPI). Serves only 127.0.0.1-local assets.

Every error answers with one JSON shape: `{"ok": false, "error": ..., "status": ...}`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from vedette.errors import VedetteError
from vedette.store import Store

WEB = Path(__file__).parent / "web"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)


def create_app(db: str | Path) -> FastAPI:
    store = Store(db, create=False)
    app = FastAPI(title="vedette", description="Located, attributed PLOVER events from conflict reporting.")

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        return _error(422, f"{where}: {first.get('msg')}")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @app.get("/api/events", summary="Events as a GeoJSON FeatureCollection")
    def api_events(
        type: str | None = Query(None, description="PLOVER event type, e.g. ASSAULT"),
        modality: str | None = Query(None, description="occurred, planned, hypothetical, negated or wished"),
    ) -> dict[str, Any]:
        features = [_feature(e) for e in store.events(event_type=type, modality=modality) if e["lat"] is not None]
        return {"type": "FeatureCollection", "features": features}

    @app.get("/api/documents/{doc_id}", summary="A document's text and segments")
    def api_document(doc_id: str) -> dict[str, Any]:
        document = store.document(doc_id)
        if document is None:
            raise HTTPException(404, f"no document with id '{doc_id}'")
        return document

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
            return _error(503, str(VedetteError("V401", path=vendor)))

    return app


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def _feature(event: dict[str, Any]) -> dict[str, Any]:
    actor, target = event.get("actor") or {}, event.get("target") or {}
    properties = {
        "id": event["id"], "event_type": event["event_type"], "mode": event.get("mode"),
        "modality": event["modality"], "actor": actor.get("name"), "actor_country": actor.get("country"),
        "target": target.get("name"), "place_name": event["place_name"], "place_inferred": event["place_inferred"],
        "country": event["country"], "date": event.get("date"), "sentence": event["sentence"],
        "sentence_start": event["sentence_start"], "sentence_end": event["sentence_end"],
        "doc_id": event["doc_id"], "source": event["source"], "title": event.get("title"),
        "attribution": event["attribution"], "confidence": event["confidence"],
    }
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
            "properties": properties}
