"""Browser tests for the offline web map page (vedette/web/static/).

Runs the page in Debian's Chromium through Playwright (the Python package
only: `playwright install` is never used, it would download a browser).

Fixtures expected from tests/conftest.py:
  live_server_url     -- "http://127.0.0.1:PORT" serving the bundled sample corpus
  hostile_server_url  -- same app, whose only document has a sentence containing
                         <script>window.__pwned=1</script> and
                         <img src=x onerror="window.__pwned=2">
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

import playwright.sync_api as sync_api  # installed by `make test` (.[test]); never skipped

CHROMIUM = os.environ.get("VEDETTE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = "127.0.0.1"
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO_ROOT / "build" / "screenshots" / "map.png"
TIMEOUT_MS = 15_000


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class PageRecorder:
    """A fresh page that records every request and JS error, and refuses non-local traffic."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.requests: list[str] = []
        self.page_errors: list[str] = []
        self.page.on("request", lambda req: self.requests.append(req.url))
        self.page.on("pageerror", lambda err: self.page_errors.append(str(err)))
        # Record first (above), then make sure nothing non-local can actually go out.
        self.context.route("**/*", self._only_local)

    @staticmethod
    def _only_local(route):
        url = urllib.parse.urlsplit(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != LOCAL_HOST:
            route.abort()
        else:
            route.continue_()

    def open_map(self, base_url: str):
        self.page.goto(base_url + "/")
        self.page.wait_for_selector('body[data-state="ready"]')
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def recorder(browser):
    rec = PageRecorder(browser)
    try:
        yield rec
    finally:
        rec.close()


# ----------------------------------------------------------------- helpers


def fetch_events(base_url: str) -> list[dict]:
    with urllib.request.urlopen(base_url + "/api/events", timeout=30) as resp:
        collection = json.load(resp)
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


def attr_selector(name: str, value: str) -> str:
    # json.dumps gives a double-quoted string with backslash escapes: a valid CSS string.
    return f"[{name}={json.dumps(value)}]"


def marker_count(page) -> int:
    return int(page.locator("#marker-count").inner_text().strip())


def open_event_from_list(page, event_id: str):
    page.locator("#event-list li" + attr_selector("data-event-id", event_id)).click()
    page.wait_for_selector(
        "#provenance" + attr_selector("data-event-id", event_id) + '[data-state="loaded"]'
    )
    return page.locator("#provenance")


# ------------------------------------------------------------------- tests


def test_page_loads_and_markers_match_api(recorder, live_server_url):
    features = fetch_events(live_server_url)
    assert features, "the sample corpus should yield at least one located event"

    page = recorder.open_map(live_server_url)

    assert page.locator("path.event-marker").count() == len(features)
    assert marker_count(page) == len(features)
    assert page.locator("#event-list li[data-event-id]").count() == len(features)

    # Each modality gets its own marker class, with the right number of markers.
    for modality, n in Counter(f["properties"]["modality"] for f in features).items():
        assert page.locator(f"path.event-marker.modality-{modality}").count() == n, modality

    # Every list item refers to an event the API returned.
    ids = {str(f["properties"]["id"]) for f in features}
    listed = set(page.locator("#event-list li[data-event-id]").evaluate_all(
        "items => items.map(li => li.dataset.eventId)"))
    assert listed == ids
    assert recorder.page_errors == []


def test_type_filter_changes_marker_count(recorder, live_server_url):
    features = fetch_events(live_server_url)
    by_type = Counter(f["properties"]["event_type"] for f in features)
    page = recorder.open_map(live_server_url)

    options = page.locator("#type-filter option").evaluate_all("opts => opts.map(o => o.value)")
    assert options[0] == "all"
    assert set(options[1:]) == set(by_type)

    for event_type, expected in by_type.items():
        page.select_option("#type-filter", event_type)
        page.wait_for_function(
            "n => document.querySelector('#marker-count').textContent.trim() === String(n)", arg=expected
        )
        assert marker_count(page) == expected
        assert page.locator("path.event-marker").count() == expected
        listed = set(page.locator("#event-list li[data-event-id]").evaluate_all(
            "items => items.map(li => li.dataset.eventId)"))
        assert listed == {
            str(f["properties"]["id"]) for f in features if f["properties"]["event_type"] == event_type
        }

    page.select_option("#type-filter", "all")
    page.wait_for_function(
        "n => document.querySelector('#marker-count').textContent.trim() === String(n)", arg=len(features)
    )
    assert page.locator("path.event-marker").count() == len(features)


def test_clicking_list_item_highlights_evidence(recorder, live_server_url):
    features = fetch_events(live_server_url)
    page = recorder.open_map(live_server_url)

    # Open two events in turn: the pane must follow the latest selection.
    for feature in features[:2]:
        props = feature["properties"]
        pane = open_event_from_list(page, str(props["id"]))
        evidence = pane.locator("mark.evidence")
        assert evidence.count() == 1
        assert evidence.text_content() == props["sentence"]
        # The page found the sentence at the API's offsets (code points), no fallback needed.
        assert pane.locator(".warning").count() == 0, pane.locator(".warning").all_text_contents()
        assert pane.get_by_text("Reader comments (not used for events)", exact=True).is_visible()

    # The provenance pane shows the document's metadata.
    with urllib.request.urlopen(
        f"{live_server_url}/api/documents/{urllib.parse.quote(str(props['doc_id']), safe='')}", timeout=30
    ) as resp:
        doc = json.load(resp)
    pane_text = page.locator("#provenance").text_content()
    if doc.get("title"):
        assert doc["title"] in pane_text
    for name in props.get("attribution") or []:
        assert name in pane_text
    # Comments are not part of the document-text block.
    doc_text = page.locator("#provenance .doc-text").text_content()
    segments = doc.get("segments", [])
    non_comment = "\n".join(
        doc["text"][s["start"]:s["end"]] for s in segments if s["kind"] != "comment")
    comments_text = page.locator("#provenance .comments").text_content()
    for seg in segments:
        chunk = doc["text"][seg["start"]:seg["end"]].strip()
        if seg["kind"] == "comment" and chunk:
            assert chunk in comments_text
            if chunk not in non_comment:
                assert chunk not in doc_text
    assert recorder.page_errors == []


def test_clicking_marker_opens_provenance(recorder, live_server_url):
    feature = fetch_events(live_server_url)[-1]
    props = feature["properties"]
    page = recorder.open_map(live_server_url)

    marker = page.locator("path.event-marker" + attr_selector("data-event-id", str(props["id"])))
    # Markers can overlap at one place; dispatch the click to this very path.
    marker.dispatch_event("click")
    page.wait_for_selector(
        "#provenance" + attr_selector("data-event-id", str(props["id"])) + '[data-state="loaded"]'
    )
    assert page.locator("#provenance mark.evidence").text_content() == props["sentence"]


def test_no_request_leaves_localhost(recorder, live_server_url):
    features = fetch_events(live_server_url)
    page = recorder.open_map(live_server_url)
    page.wait_for_selector('body[data-basemap="loaded"]')
    open_event_from_list(page, str(features[0]["properties"]["id"]))
    page.locator("path.event-marker").last.hover()  # tooltips (the last drawn is on top)
    page.wait_for_load_state("networkidle")

    assert recorder.requests, "no requests were recorded"
    offenders = []
    for url in recorder.requests:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob"):
            continue  # not network traffic
        if parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname != LOCAL_HOST:
            offenders.append(url)
    assert offenders == []

    # The libraries and basemap really come from the local /vendor/ mount.
    paths = {urllib.parse.urlsplit(u).path for u in recorder.requests}
    for vendored in (
        "/vendor/leaflet/dist/leaflet.js",
        "/vendor/leaflet/dist/leaflet.css",
        "/vendor/topojson-client/dist/topojson-client.min.js",
        "/vendor/world-atlas/countries-50m.json",
    ):
        assert vendored in paths
    assert page.locator("path.basemap-country").count() > 100


def test_screenshot(recorder, live_server_url):
    features = fetch_events(live_server_url)
    page = recorder.open_map(live_server_url)
    page.wait_for_selector('body[data-basemap="loaded"]')
    open_event_from_list(page, str(features[0]["properties"]["id"]))
    page.wait_for_timeout(400)  # let pan animations settle

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


def test_hostile_document_renders_inert(recorder, hostile_server_url):
    features = fetch_events(hostile_server_url)
    hostile = [f for f in features if "<script>" in f["properties"]["sentence"]]
    assert hostile, "the hostile fixture should contain a sentence with <script>"
    props = hostile[0]["properties"]

    page = recorder.open_map(hostile_server_url)
    page.wait_for_selector('body[data-basemap="loaded"]')
    page.locator("path.event-marker").last.hover()  # render a tooltip too (the last drawn is on top)
    pane = open_event_from_list(page, str(props["id"]))
    page.wait_for_timeout(500)  # give any injected onerror handler time to fire

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert pane.get_by_text("<script>window.__pwned=1</script>", exact=False).first.is_visible()
    assert "<script>window.__pwned=1</script>" in pane.inner_text()
    assert page.locator("#provenance mark.evidence").text_content() == props["sentence"]
    # Document text never became markup anywhere on the page.
    assert page.locator("#provenance script, #provenance img, #event-list script, #event-list img").count() == 0
    assert page.locator(".leaflet-tooltip img, .leaflet-tooltip script").count() == 0
    # The page never tried to load the injected <img src=x>.
    assert not [u for u in recorder.requests if urllib.parse.urlsplit(u).path.endswith("/x")]
    assert recorder.page_errors == []
