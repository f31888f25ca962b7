"""API keys over a real server: keys from the real CLI, requests over loopback HTTP.

No key / wrong key / right key on `POST /api/documents`, revoked keys, closed reads, body validation
and oversized bodies (by Content-Length and streamed without one).
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ARTICLE = {
    "title": "Army shells rebel positions near Idlib",
    "text": "The Syrian army shelled rebel positions near Idlib on Monday, killing four fighters, "
    "according to local medics.\n\nResidents said the shelling lasted two hours.",
    "source": "Orontes Daily",
    "published": "2026-03-16T09:00:00Z",
}
LIMIT_KB = 4


def call(
    base: str,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    raw: bytes | Iterator[bytes] | None = None,
) -> tuple[int, dict[str, str], Any]:
    """One real HTTP request; returns status, headers and the parsed JSON body."""
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    sent = dict(headers or {})
    payload: Any = raw
    if body is not None:
        payload = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    try:
        try:
            conn.request(method, path, body=payload, headers=sent, encode_chunked=not isinstance(payload, bytes | None))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer (413) and close before a streamed body is fully sent: read its answer
        response = conn.getresponse()
        text = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(text or b"null")
    finally:
        conn.close()


@pytest.fixture(scope="module")
def write_db(tmp_path_factory: pytest.TempPathFactory, make_tiny_store: Callable[[Path], Path]) -> Path:
    return make_tiny_store(tmp_path_factory.mktemp("write") / "write.db")


@pytest.fixture(scope="module")
def keys(cli: Callable[..., Any], write_db: Path) -> dict[str, str]:
    made = {name: cli("keys", "create", name, "--db", str(write_db)).stdout.strip() for name in ("writer", "gone")}
    cli("keys", "revoke", "gone", "--db", str(write_db))
    return made


@pytest.fixture(scope="module")
def server(serve: Callable[..., str], write_db: Path, keys: dict[str, str]) -> str:
    return serve(write_db, VEDETTE_API_MAX_BODY_KB=str(LIMIT_KB))


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_keys_are_stored_hashed_and_shown_once(cli: Callable[..., Any], write_db: Path, keys: dict[str, str]) -> None:
    assert keys["writer"].startswith("vdk_") and len(keys["writer"]) > 40
    assert keys["writer"].encode() not in write_db.read_bytes()
    listed = json.loads(cli("keys", "list", "--db", str(write_db), "--json").stdout)
    assert [(k["name"], k["revoked_at"] is None) for k in listed] == [("writer", True), ("gone", False)]
    assert all(keys["writer"] not in json.dumps(k) for k in listed)


def test_keys_create_refuses_a_taken_name(cli: Callable[..., Any], write_db: Path, keys: dict[str, str]) -> None:
    result = cli("keys", "create", "writer", "--db", str(write_db), check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: [V410] an API key named 'writer' already exists in sqlite:///{write_db}; pick another name"
    )


def test_keys_revoke_names_an_unknown_key(cli: Callable[..., Any], write_db: Path) -> None:
    result = cli("keys", "revoke", "nobody", "--db", str(write_db), check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: [V409] no API key named 'nobody' in sqlite:///{write_db}"


@pytest.mark.parametrize(
    ("headers", "error"),
    [
        (
            {},
            "[V402] this endpoint needs an API key: send `Authorization: Bearer KEY` (create one with "
            "`vedette keys create`)",
        ),
        ({"Authorization": "Basic d3JpdGVyOnNlY3JldA=="}, "[V402]"),
        ({"Authorization": "Bearer "}, "[V402]"),
        (
            {"Authorization": "Bearer vdk_not-a-real-key"},
            "[V403] the API key is not valid (unknown or revoked); create one with `vedette keys create`",
        ),
    ],
)
def test_post_without_a_valid_key_is_401(server: str, headers: dict[str, str], error: str) -> None:
    status, response_headers, body = call(server, "POST", "/api/documents", ARTICLE, headers)
    assert status == 401 and body["status"] == 401 and body["error"].startswith(error)
    assert response_headers["www-authenticate"] == "Bearer"


def test_post_with_a_revoked_key_is_401(server: str, keys: dict[str, str]) -> None:
    status, _, body = call(server, "POST", "/api/documents", ARTICLE, bearer(keys["gone"]))
    assert status == 401 and body["error"].startswith("[V403]")


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"title": "no text"}, "body.text: Field required"),
        ({"text": ""}, "body.text: String should have at least 1 character"),
        (
            {"text": "   \n\n  "},
            "[V407] document text is empty after reading; send the article text in the `text` field",
        ),
        ({"text": 42}, "body.text: Input should be a valid string"),
        ({"text": "x", "author": "y"}, "body.author: Extra inputs are not permitted"),
        ({"text": "x", "published": "last week"}, None),
        ([ARTICLE], None),
    ],
)
def test_post_invalid_documents_are_422(server: str, keys: dict[str, str], payload: Any, error: str | None) -> None:
    status, _, body = call(server, "POST", "/api/documents", payload, bearer(keys["writer"]))
    assert status == 422 and body["ok"] is False, body
    if error:
        assert body["error"] == error


def test_post_malformed_json_is_422(server: str, keys: dict[str, str]) -> None:
    headers = {**bearer(keys["writer"]), "Content-Type": "application/json"}
    status, _, body = call(server, "POST", "/api/documents", raw=b'{"text": "unterminated', headers=headers)
    assert status == 422 and body["error"].startswith("body: not valid JSON")


def test_post_oversized_body_is_413(server: str, keys: dict[str, str]) -> None:
    big = {"text": "word " * (LIMIT_KB * 1024)}
    status, _, body = call(server, "POST", "/api/documents", big, bearer(keys["writer"]))
    assert status == 413
    assert body["error"] == (
        "[V404] request body is over the 4 KB limit; raise VEDETTE_API_MAX_BODY_KB to accept larger ones"
    )


def test_post_oversized_streamed_body_without_length_is_413(server: str, keys: dict[str, str]) -> None:
    chunks = (b'{"text": "' + b"x" * 1024 if i == 0 else b"x" * 1024 for i in range(LIMIT_KB + 2))
    headers = {**bearer(keys["writer"]), "Content-Type": "application/json"}
    status, _, body = call(server, "POST", "/api/documents", raw=chunks, headers=headers)
    assert status == 413 and body["error"].startswith("[V404]")


@pytest.mark.slow
def test_post_with_the_right_key_runs_the_pipeline_and_stores_the_document(server: str, keys: dict[str, str]) -> None:
    status, headers, body = call(server, "POST", "/api/documents", ARTICLE, bearer(keys["writer"]))
    assert status == 201, body
    assert body["ok"] is True and body["created"] is True and headers["location"] == f"/api/documents/{body['id']}"
    assert body["events"] >= 1 and body["places"] >= 1
    status, _, document = call(server, "GET", body["url"])
    assert status == 200 and document["source"] == "Orontes Daily"
    assert any(p["name"] == "Idlib" for p in document["places"])
    assert any(e["event_type"] == "ASSAULT" for e in document["events"])
    _, _, events = call(server, "GET", "/api/events?source=Orontes%20Daily")
    assert {f["properties"]["doc_id"] for f in events["features"]} == {body["id"]}
    # The same text from the same outlet again is the same document: stored once.
    status, _, again = call(server, "POST", "/api/documents", ARTICLE, bearer(keys["writer"]))
    assert status == 200 and again["created"] is False and again["id"] == body["id"]


def test_closed_reads_need_a_key(
    serve: Callable[..., str], make_tiny_store: Callable[[Path], Path], tmp_path: Path, cli: Callable[..., Any]
) -> None:
    db = make_tiny_store(tmp_path / "closed.db")
    key = cli("keys", "create", "reader", "--db", str(db)).stdout.strip()
    base = serve(db, VEDETTE_API_READS_OPEN="no")
    status, _, body = call(base, "GET", "/api/events")
    assert status == 401 and body["error"].startswith("[V402]")
    status, _, body = call(base, "GET", "/api/events", headers=bearer(key))
    assert status == 200 and body["total"] == 8
    assert call(base, "GET", "/api/stats", headers=bearer("vdk_wrong"))[0] == 401
