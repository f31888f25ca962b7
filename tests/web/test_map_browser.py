"""Browser tests for the offline map page (vedette/web/static/), in Debian's Chromium through Playwright.

Only the Python package is used: `playwright install` would download a browser and is never run.
Expectations come from the API the page talks to, so "as the data says" is checked against the
same server: counts per filter, per timeline range, and the sentence each event was read from.

Fixtures from tests/conftest.py:
  live_server_url     -- "http://127.0.0.1:PORT" serving the bundled sample corpus
  hostile_server_url  -- the same app over one document whose sentence holds
                         <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=2">
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

import playwright.sync_api as sync_api  # installed by `make test` (.[test]); never skipped  # noqa: E402

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
        self.context = browser.new_context(viewport={"width": 1280, "height": 860})
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


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return json.load(resp)


def fetch_events(base_url: str, query: str = "") -> list[dict]:
    """Every event the API returns for a query, all pages."""
    features, url = [], f"{base_url}/api/events?limit=10000&{query}"
    while url:
        collection = get_json(url)
        assert collection["type"] == "FeatureCollection"
        features += collection["features"]
        url = collection["next"]
    return features


def attr_selector(name: str, value: str) -> str:
    # json.dumps gives a double-quoted string with backslash escapes: a valid CSS string.
    return f"[{name}={json.dumps(value)}]"


def marker_count(page) -> int:
    return int(page.locator("#marker-count").inner_text().strip())


def drawn_events(page) -> int:
    """Events drawn on the map: the numbers on the cluster icons plus the markers drawn on their own."""
    clustered = sum(int(n) for n in page.locator(".event-cluster .cluster-count").all_inner_texts())
    return clustered + page.locator("path.event-marker").count()


def wait_for_count(page, expected: int) -> None:
    page.wait_for_function(
        "n => document.body.dataset.state === 'ready'"
        " && document.querySelector('#marker-count').textContent.trim() === String(n)",
        arg=expected,
    )


def listed_ids(page) -> set[str]:
    items = page.locator("#event-list li[data-event-id]")
    return set(items.evaluate_all("items => items.map(li => li.dataset.eventId)"))


def open_event_from_list(page, event_id: str):
    page.locator("#event-list li" + attr_selector("data-event-id", event_id)).click()
    page.wait_for_selector("#provenance" + attr_selector("data-event-id", event_id) + '[data-state="loaded"]')
    return page.locator("#provenance")


def marker_path(page, event_id: str):
    return page.locator("path.event-marker" + attr_selector("data-event-id", event_id))


# ------------------------------------------------------------------- tests


def test_page_loads_and_markers_match_api(recorder, live_server_url):
    features = fetch_events(live_server_url)
    assert features, "the sample corpus should yield at least one located event"

    page = recorder.open_map(live_server_url)

    assert marker_count(page) == len(features)
    assert drawn_events(page) == len(features)  # every event is on the map, alone or in a cluster
    assert page.locator(".event-cluster").count() >= 1  # and markercluster groups them
    assert listed_ids(page) == {str(f["properties"]["id"]) for f in features}

    # The legend counts each modality as the API does.
    for modality, n in Counter(f["properties"]["modality"] for f in features).items():
        row = page.locator(".legend-row" + attr_selector("data-modality", modality))
        assert row.locator(".legend-count").inner_text() == str(n), modality
    assert recorder.page_errors == []


def test_type_filter_changes_marker_count(recorder, live_server_url):
    features = fetch_events(live_server_url)
    by_type = Counter(f["properties"]["event_type"] for f in features)
    page = recorder.open_map(live_server_url)

    options = page.locator("#type-filter option").evaluate_all("opts => opts.map(o => o.value)")
    assert options[0] == "all"
    assert set(options[1:]) == set(by_type)

    for event_type, expected in by_type.most_common(4):
        page.select_option("#type-filter", event_type)
        wait_for_count(page, expected)
        assert drawn_events(page) == expected
        assert listed_ids(page) == {
            str(f["properties"]["id"]) for f in features if f["properties"]["event_type"] == event_type
        }

    page.select_option("#type-filter", "all")
    wait_for_count(page, len(features))
    assert drawn_events(page) == len(features)


@pytest.mark.parametrize(
    ("select", "param"),
    [
        ("#actor-filter", "actor"),
        ("#modality-filter", "modality"),
        ("#source-filter", "source"),
        ("#min-sources-filter", "min_sources"),
    ],
)
def test_each_filter_shows_what_the_api_returns_for_it(recorder, live_server_url, select, param):
    page = recorder.open_map(live_server_url)
    values = page.locator(select + " option").evaluate_all("opts => opts.map(o => o.value)")
    if param == "min_sources" and values == ["all"]:
        # Degrades visibly when the store has no corroboration data, exactly when the API has none.
        assert page.locator(select).is_disabled()
        assert get_json(f"{live_server_url}/api/stats")["independent_sources"] == {}
        return
    assert values[0] == "all" and len(values) > 1
    for value in values[1:3]:
        expected = fetch_events(live_server_url, urllib.parse.urlencode({param: value}))
        assert expected, f"{param}={value} is offered but matches nothing"
        page.select_option(select, value)
        wait_for_count(page, len(expected))
        assert drawn_events(page) == len(expected)
        assert listed_ids(page) == {str(f["properties"]["id"]) for f in expected}
    page.click("#reset-filters")
    wait_for_count(page, len(fetch_events(live_server_url)))


def drag(page, locator, dx: float) -> None:
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    page.mouse.up()


def days_between(first: str, last: str) -> int:
    return (date.fromisoformat(last) - date.fromisoformat(first)).days


def drag_to_day(page, handle: str, day: str) -> None:
    """Drag a timeline handle onto the middle of that day's bar."""
    bar = page.locator(".timeline-bar" + attr_selector("data-day", day)).bounding_box()
    grip = page.locator(handle).bounding_box()
    drag(page, page.locator(handle), bar["x"] + bar["width"] / 2 - (grip["x"] + grip["width"] / 2))


def test_timeline_range_filters_the_map(recorder, live_server_url):
    features = fetch_events(live_server_url)
    page = recorder.open_map(live_server_url)
    timeline = page.locator("#timeline")
    assert timeline.get_attribute("data-full") == "true"
    stats = get_json(f"{live_server_url}/api/stats")
    bars = page.locator(".timeline-bar")
    assert bars.count() == len(stats["days"])
    heights = bars.evaluate_all("bs => bs.map(b => [b.dataset.day, Number(b.dataset.count)])")
    assert {day: n for day, n in heights} == {d["date"]: d["total"] for d in stats["days"]}

    # A range from the day of the 40th to the day of the 80th percentile event.
    dated = sorted(f["properties"]["date"] for f in features if f["properties"]["date"])
    start, end = dated[len(dated) * 2 // 5], dated[len(dated) * 4 // 5]
    drag_to_day(page, ".brush-start", start)
    drag_to_day(page, ".brush-end", end)
    assert (timeline.get_attribute("data-start"), timeline.get_attribute("data-end")) == (start, end)
    assert timeline.get_attribute("data-full") == "false"
    expected = [f for f in features if f["properties"]["date"] and start <= f["properties"]["date"] <= end]
    assert 0 < len(expected) < len(features)
    wait_for_count(page, len(expected))
    assert drawn_events(page) == len(expected)
    assert listed_ids(page) == {str(f["properties"]["id"]) for f in expected}

    # Dragging the window moves both ends by the same number of days.
    width = page.locator("#timeline-chart").bounding_box()["width"]
    drag(page, page.locator(".brush-window"), -width * 0.05)
    moved_start, moved_end = timeline.get_attribute("data-start"), timeline.get_attribute("data-end")
    assert moved_start < start and moved_end < end
    assert days_between(moved_start, moved_end) == days_between(start, end)
    moved = [f for f in features if f["properties"]["date"] and moved_start <= f["properties"]["date"] <= moved_end]
    wait_for_count(page, len(moved))

    page.click("#timeline-reset")
    wait_for_count(page, len(features))
    assert timeline.get_attribute("data-full") == "true"


def test_clicking_a_marker_shows_the_highlighted_source_sentence(recorder, live_server_url):
    sentences = {str(f["properties"]["id"]): f["properties"]["sentence"] for f in fetch_events(live_server_url)}
    page = recorder.open_map(live_server_url)
    markers = page.locator("path.event-marker")
    # Open clusters the way a user does (zoom in, or spread them at the deepest zoom) until markers show.
    for _ in range(8):
        if markers.count():
            break
        page.locator(".event-cluster").first.click()
        page.wait_for_timeout(700)
    marker = markers.first
    event_id = marker.get_attribute("data-event-id")
    marker.click()
    page.wait_for_selector("#provenance" + attr_selector("data-event-id", event_id) + '[data-state="loaded"]')
    assert page.locator("#provenance mark.evidence").text_content() == sentences[event_id]
    item = page.locator("#event-list li" + attr_selector("data-event-id", event_id))
    assert item.get_attribute("aria-pressed") == "true"  # the list follows the map


def test_list_item_reveals_its_marker_and_the_provenance(recorder, live_server_url):
    features = fetch_events(live_server_url)
    page = recorder.open_map(live_server_url)
    # Open two events in turn: the pane must follow the latest selection.
    with_comments = None
    for feature in features[:2]:
        props = feature["properties"]
        pane = open_event_from_list(page, str(props["id"]))
        marker_path(page, str(props["id"])).wait_for(state="visible")  # zoomed to or spread out of its cluster
        evidence = pane.locator("mark.evidence")
        assert evidence.count() == 1 and evidence.text_content() == props["sentence"]
        assert pane.locator(".warning").count() == 0, pane.locator(".warning").all_text_contents()
        chain = pane.locator(".attribution-chain").text_content()
        for name in [props.get("source"), *(props.get("attribution") or [])]:
            if name:
                assert name in chain
    doc = get_json(f"{live_server_url}/api/documents/{urllib.parse.quote(str(props['doc_id']), safe='')}")
    assert doc["title"] in page.locator("#provenance .doc-title").text_content()
    # Every place the document names is marked in its text.
    assert page.locator("#provenance mark.place").count() == len(doc["places"])
    with_comments = next(
        (
            f
            for f in features
            if any(
                s["kind"] == "comment"
                for s in get_json(f"{live_server_url}/api/documents/{f['properties']['doc_id']}")["segments"]
            )
        ),
        None,
    )
    assert with_comments, "the sample corpus has pages with reader comments"
    open_event_from_list(page, str(with_comments["properties"]["id"]))
    comments = page.locator("#provenance .comments")
    assert comments.get_by_text("Reader comments (not used for events)", exact=True).is_visible()
    assert comments.locator(".comment").count() >= 1
    # Comment stance sits with the comments, apart from the article and its corroboration.
    assert comments.locator(".comment-stance").count() == 1
    apart = "#provenance .doc-text .comment-stance, #provenance .corroboration .comment-stance"
    assert page.locator(apart).count() == 0
    assert page.locator("#provenance .doc-text .comment").count() == 0
    assert recorder.page_errors == []


def test_list_can_follow_the_map_view(recorder, live_server_url):
    total = len(fetch_events(live_server_url))
    page = recorder.open_map(live_server_url)
    page.check("#in-view-only")
    assert len(listed_ids(page)) == total  # framed on all events: all in view
    sizes = page.locator(".event-cluster .cluster-count").all_inner_texts()
    page.locator(".event-cluster").nth(max(range(len(sizes)), key=lambda i: int(sizes[i]))).click()  # zoom in
    page.wait_for_function("n => document.querySelectorAll('#event-list li[data-event-id]').length < n", arg=total)
    in_view = len(listed_ids(page))
    assert 0 < in_view < total and page.locator("#list-count").inner_text() == f"({in_view})"
    page.uncheck("#in-view-only")
    assert len(listed_ids(page)) == total


def test_provenance_explains_corroboration_as_the_api_does(recorder, live_server_url):
    feature = fetch_events(live_server_url)[0]
    props = feature["properties"]
    page = recorder.open_map(live_server_url)
    pane = open_event_from_list(page, str(props["id"]))
    box = pane.locator(".corroboration")
    if props["incident_id"]:
        incident = get_json(f"{live_server_url}/api/incidents/{props['incident_id']}")
        assert incident["explanation"] in box.text_content()
        assert f"{incident['independent_sources']} independent source" in box.text_content()
        assert box.locator(".incident-reports .report").count() == len(incident["reports"])
    else:
        assert "the credibility stage has not run on this store" in box.text_content()


def test_planned_and_hypothetical_events_are_drawn_apart_from_occurred(recorder, live_server_url):
    features = fetch_events(live_server_url)
    first_of = {}
    for f in features:
        first_of.setdefault(f["properties"]["modality"], str(f["properties"]["id"]))
    assert {"occurred", "planned", "hypothetical"} <= set(first_of), set(first_of)
    page = recorder.open_map(live_server_url)
    drawn = {}
    for modality in ("occurred", "planned", "hypothetical"):
        open_event_from_list(page, first_of[modality])
        path = marker_path(page, first_of[modality])
        path.wait_for(state="visible")
        assert modality in path.get_attribute("class")
        drawn[modality] = (path.get_attribute("stroke-dasharray"), float(path.get_attribute("fill-opacity")))
    assert drawn["occurred"][0] is None and drawn["occurred"][1] > 0.5  # filled, solid outline
    for modality in ("planned", "hypothetical"):
        assert drawn[modality][0] and drawn[modality][1] < 0.2, drawn  # hollow, dashed outline
    assert drawn["planned"][0] != drawn["hypothetical"][0]


def test_no_request_leaves_localhost(recorder, live_server_url):
    features = fetch_events(live_server_url)
    page = recorder.open_map(live_server_url)
    page.wait_for_selector('body[data-basemap="loaded"]')
    event_id = str(features[0]["properties"]["id"])
    open_event_from_list(page, event_id)
    marker_path(page, event_id).hover()  # a tooltip
    drag(page, page.locator(".brush-start"), 60)  # a filtered reload
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

    # The libraries and basemaps really come from the local /vendor/ and /static/ mounts.
    paths = {urllib.parse.urlsplit(u).path for u in recorder.requests}
    for vendored in (
        "/vendor/leaflet/dist/leaflet.js",
        "/vendor/leaflet/dist/leaflet.css",
        "/vendor/leaflet.markercluster/dist/leaflet.markercluster.js",
        "/vendor/leaflet.markercluster/dist/MarkerCluster.css",
        "/vendor/topojson-client/dist/topojson-client.min.js",
        "/vendor/world-atlas/countries-50m.json",
        "/static/basemap/admin1.topo.json",
    ):
        assert vendored in paths
    assert page.locator("path.basemap-country").count() > 100
    assert page.locator("path.basemap-admin1").count() >= 1


def test_api_docs_render_offline(recorder, live_server_url):
    page = recorder.page
    page.goto(live_server_url + "/docs")
    page.wait_for_selector(".opblock-summary-path")  # Swagger UI drew the operations from /openapi.json
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/events", "/api/documents", "/api/stats", "/api/places"} <= {p.strip() for p in paths}
    assert all(
        urllib.parse.urlsplit(u).hostname == LOCAL_HOST
        for u in recorder.requests
        if urllib.parse.urlsplit(u).scheme in ("http", "https")
    )
    assert "/vendor/swagger-ui-dist/swagger-ui-bundle.js" in {urllib.parse.urlsplit(u).path for u in recorder.requests}


def test_screenshot(recorder, live_server_url):
    features = fetch_events(live_server_url)
    page = recorder.open_map(live_server_url)
    page.wait_for_selector('body[data-basemap="loaded"]')
    open_event_from_list(page, str(features[0]["properties"]["id"]))
    page.locator(".fit-all").click()  # back to all events, the provenance stays open
    page.wait_for_timeout(500)

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000

    # Into the largest cluster: the admin-1 boundaries of the corpus countries show at this scale.
    sizes = page.locator(".event-cluster .cluster-count").all_inner_texts()
    page.locator(".event-cluster").nth(max(range(len(sizes)), key=lambda i: int(sizes[i]))).click()
    page.wait_for_timeout(700)
    zoomed = SCREENSHOT.with_name("map-zoomed.png")
    page.screenshot(path=str(zoomed))
    assert zoomed.stat().st_size > 10_000


def test_hostile_document_renders_inert(recorder, hostile_server_url):
    features = fetch_events(hostile_server_url)
    hostile = [f for f in features if "<script>" in f["properties"]["sentence"]]
    assert hostile, "the hostile fixture should contain a sentence with <script>"
    props = hostile[0]["properties"]

    page = recorder.open_map(hostile_server_url)
    page.wait_for_selector('body[data-basemap="loaded"]')
    pane = open_event_from_list(page, str(props["id"]))
    marker_path(page, str(props["id"])).hover()  # render its tooltip too
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
