"""`POST /api/documents`: one document through the full pipeline into the store. Needs an API key.

The body is a JSON object with the fields of a JSONL feed record (`text`, and optionally `title`,
`source`, `url`, `published`); it is read by the same `record_document` the feed reader uses, so
a posted document and the same record in a `.jsonl` file become the same stored document.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from vedette.api.read import api_key
from vedette.errors import VedetteError

router = APIRouter()
_pipeline_lock = threading.Lock()
"""One document at a time: the spaCy pipeline and SQLite's single writer both want it so."""


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text; paragraphs separated by blank lines")
    title: str | None = Field(None, description="headline")
    source: str | None = Field(None, description="the outlet that published it, e.g. Levant Monitor")
    url: str | None = Field(None, description="where it was published")
    published: datetime | None = Field(None, description="publication time, ISO 8601")


@router.post(
    "/api/documents",
    status_code=201,
    summary="Ingest a document through the full pipeline (needs `Authorization: Bearer KEY`)",
    responses={
        200: {"description": "already stored: the same text from the same outlet"},
        401: {"description": "no API key, or not a valid one"},
        413: {"description": "body too large"},
        422: {"description": "not a document"},
    },
)
def post_document(request: Request, document: DocumentIn, key: Annotated[str, Depends(api_key)]) -> JSONResponse:
    from vedette.ingest import record_document
    from vedette.pipeline import run_corpus_stages, with_outlet_history

    record = document.model_dump(exclude_none=True)
    if "published" in record:
        record["published"] = document.published.isoformat()  # type: ignore[union-attr]
    parsed = record_document(record, f"POST /api/documents by key '{key}'")
    if isinstance(parsed, VedetteError):
        raise VedetteError("V407") if parsed.code == "V105" else parsed
    store = request.app.state.store
    with _pipeline_lock:
        created = not store.known_ids([parsed.id])
        if created:
            history = store.outlet_history([parsed.source] if parsed.source else [])
            stored = _pipeline(request).process(with_outlet_history([parsed], history))
            store.add_documents(stored)
            run_corpus_stages(store)
    stored_document = request.app.state.queries.document(parsed.id)
    body: dict[str, Any] = {
        "ok": True,
        "id": parsed.id,
        "created": created,
        "url": f"/api/documents/{parsed.id}",
        "events": len(stored_document["events"]) if stored_document else 0,
        "places": len(stored_document["places"]) if stored_document else 0,
    }
    return JSONResponse(body, status_code=201 if created else 200, headers={"Location": body["url"]})


def _pipeline(request: Request) -> Any:
    """The app's pipeline, loaded on the first write (models and gazetteer load once per process)."""
    from vedette.pipeline import Pipeline

    if getattr(request.app.state, "pipeline", None) is None:
        request.app.state.pipeline = Pipeline()
    return request.app.state.pipeline
