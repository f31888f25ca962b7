/*
 * vedette offline event map.
 *
 * Plain ES2020, no build step. Loads Leaflet and topojson-client from /vendor/
 * (npm packages served by the backend), events from /api/events and documents
 * from /api/documents/{doc_id}. Nothing is ever requested from another host:
 * the basemap is world-atlas country outlines drawn as a GeoJSON layer.
 *
 * Security: document and event text is hostile input. It is only ever put into
 * the page through textContent / text nodes (see el() below), never innerHTML,
 * and Leaflet tooltips are given DOM nodes, never strings (Leaflet would parse
 * a string as HTML).
 */
"use strict";

(() => {
  const BASEMAP_URL = "/vendor/world-atlas/countries-50m.json";
  const EVENTS_URL = "/api/events";
  const documentUrl = (docId) => `/api/documents/${encodeURIComponent(docId)}`;

  // How each modality is drawn. Occurred events are filled; everything that did
  // not (or not yet) happen is hollow, with a dash pattern per modality.
  const MODALITY_STYLES = {
    occurred: {
      label: "Occurred",
      color: "#7f1d12", weight: 1.5, dashArray: null,
      fillColor: "#d1432e", fillOpacity: 0.85,
    },
    planned: {
      label: "Planned",
      color: "#c2590f", weight: 2, dashArray: "4 3",
      fillColor: "#c2590f", fillOpacity: 0.06,
    },
    hypothetical: {
      label: "Hypothetical",
      color: "#6b46a3", weight: 2, dashArray: "1 3.5",
      fillColor: "#6b46a3", fillOpacity: 0.04,
    },
    wished: {
      label: "Wished",
      color: "#1f6aa5", weight: 2, dashArray: "6 2 1 2",
      fillColor: "#1f6aa5", fillOpacity: 0.04,
    },
    negated: {
      label: "Negated",
      color: "#6b7280", weight: 1.5, dashArray: "2 2",
      fillColor: "#6b7280", fillOpacity: 0,
    },
  };
  const UNKNOWN_MODALITY = {
    label: "Other",
    color: "#374151", weight: 1.5, dashArray: "3 3",
    fillColor: "#9ca3af", fillOpacity: 0.3,
  };
  const MARKER_RADIUS = 7;

  const NON_COMMENT_KINDS = new Set(["headline", "attribution", "body", "boilerplate"]);
  const SEGMENT_KINDS = new Set([...NON_COMMENT_KINDS, "comment"]);

  const state = {
    features: [],          // valid GeoJSON features from /api/events
    byId: new Map(),       // event id -> feature
    markers: new Map(),    // event id -> L.CircleMarker
    typeFilter: "all",
    selectedId: null,
    documents: new Map(),  // doc_id -> Promise<document>
    provenanceToken: 0,    // guards against out-of-order document responses
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
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  /** Modality as a safe CSS class token. */
  function modalityKey(modality) {
    return typeof modality === "string" && Object.prototype.hasOwnProperty.call(MODALITY_STYLES, modality) ? modality : "unknown";
  }

  function modalityStyle(modality) {
    return MODALITY_STYLES[modalityKey(modality)] || UNKNOWN_MODALITY;
  }

  function textOr(value, fallback) {
    return typeof value === "string" && value.trim() !== "" ? value : fallback;
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

  function visibleFeatures() {
    return state.features.filter(
      (f) => state.typeFilter === "all" || f.properties.event_type === state.typeFilter,
    );
  }

  // -------------------------------------------------------------------- map

  const map = L.map("map", {
    zoomSnap: 0.25,
    minZoom: 1.5,
    maxZoom: 13,
    worldCopyJump: false,
    preferCanvas: false, // SVG, so every marker is a <path class="event-marker ...">
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet · Boundaries: Natural Earth via world-atlas");
  map.setView([25, 20], 2);

  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = "250"; // under the overlay pane (400)
  map.getPane("basemap").style.pointerEvents = "none";

  const eventLayer = L.layerGroup().addTo(map);
  const selectionRing = L.circleMarker([0, 0], {
    radius: MARKER_RADIUS + 6,
    className: "selection-ring",
    color: "#111827",
    weight: 2,
    fill: false,
    interactive: false,
  });

  async function loadBasemap() {
    try {
      const topology = await fetchJSON(BASEMAP_URL);
      const countries = topojson.feature(topology, topology.objects.countries);
      L.geoJSON(countries, {
        pane: "basemap",
        interactive: false,
        style: {
          color: "#a8a29a",
          weight: 0.7,
          fillColor: "#f3f1ec",
          fillOpacity: 1,
          className: "basemap-country",
        },
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
      stroke: style.color, "stroke-width": style.weight, "stroke-dasharray": style.dashArray,
      "stroke-linecap": "round",
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
        box.append(el("div", { className: `legend-row modality-${key}` },
          legendSwatch(style, "legend-swatch"),
          el("span", { className: "legend-label", text: style.label }),
          count));
      }
      box.append(el("div", { className: "legend-note", text: "Filled = occurred · hollow = did not (yet) happen" }));
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });
  new LegendControl().addTo(map);

  function updateLegend(features) {
    const counts = new Map();
    for (const f of features) {
      const key = modalityKey(f.properties.modality);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    for (const [key, countEl] of legendRows) {
      const n = counts.get(key) || 0;
      countEl.textContent = String(n);
      countEl.parentElement.classList.toggle("empty", n === 0);
      // "Other" only appears when the API sends a modality this page does not know.
      if (key === "unknown") countEl.parentElement.hidden = n === 0;
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
      props.date ? el("span", { className: "tooltip-date", text: ` · ${props.date}` }) : null,
    );
  }

  function createMarker(feature) {
    const props = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const key = modalityKey(props.modality);
    const style = modalityStyle(props.modality);
    const classes = ["event-marker", `modality-${key}`];
    if (props.place_inferred) classes.push("place-inferred");
    const marker = L.circleMarker([lat, lon], {
      radius: MARKER_RADIUS,
      className: classes.join(" "),
      color: style.color,
      weight: style.weight,
      dashArray: style.dashArray,
      fillColor: style.fillColor,
      fillOpacity: style.fillOpacity,
      bubblingMouseEvents: false,
    });
    marker.bindTooltip(tooltipContent(props), { direction: "top", offset: [0, -MARKER_RADIUS], opacity: 0.95 });
    marker.on("click", () => selectEvent(String(props.id), { pan: false }));
    marker.on("add", () => {
      const path = marker.getElement();
      if (path) path.dataset.eventId = String(props.id);
    });
    return marker;
  }

  // ------------------------------------------------------------------- list

  function listItem(feature) {
    const props = feature.properties;
    const key = modalityKey(props.modality);
    const actor = textOr(props.actor, "—");
    const target = textOr(props.target, "—");
    const li = el("li", {
      className: `event-item modality-${key}`,
      attrs: { "data-event-id": String(props.id), tabindex: "0", role: "button", "aria-pressed": "false" },
    },
    el("div", { className: "event-head" },
      legendSwatch(modalityStyle(props.modality), "event-swatch"),
      el("span", { className: "event-type", text: textOr(props.event_type, "EVENT") }),
      el("span", { className: "event-modality", text: textOr(props.modality, "unknown") }),
      el("span", { className: "event-date", text: textOr(props.date, "undated") })),
    el("div", { className: "event-place" },
      textOr(props.place_name, "unnamed place"),
      props.place_inferred ? el("span", { className: "tag", text: "place inferred", attrs: { title: "The place was not named in the sentence; it was inferred from context." } }) : null),
    el("div", { className: "event-actors" },
      el("span", { className: "actor", text: actor }),
      el("span", { className: "arrow", text: " → " }),
      el("span", { className: "target", text: target })),
    el("div", { className: "event-sentence", text: textOr(props.sentence, "") }),
    el("div", { className: "event-source", text: textOr(props.source, "unknown source") }));
    li.addEventListener("click", () => selectEvent(String(props.id), { pan: true }));
    li.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        selectEvent(String(props.id), { pan: true });
      }
    });
    return li;
  }

  // ----------------------------------------------------------------- render

  function render() {
    const features = visibleFeatures();

    eventLayer.clearLayers();
    for (const f of features) eventLayer.addLayer(state.markers.get(String(f.properties.id)));
    document.getElementById("marker-count").textContent = String(eventLayer.getLayers().length);

    const list = document.getElementById("event-list");
    list.replaceChildren(...features.map(listItem));
    if (features.length === 0) {
      list.append(el("li", { className: "empty-list", text: "No events for this filter." }));
    }

    updateLegend(features);
    highlightSelection();
  }

  function populateTypeFilter() {
    const select = document.getElementById("type-filter");
    const counts = new Map();
    for (const f of state.features) {
      const t = f.properties.event_type;
      if (typeof t === "string" && t) counts.set(t, (counts.get(t) || 0) + 1);
    }
    const options = [el("option", { attrs: { value: "all" }, text: `All types (${state.features.length})` })];
    for (const type of [...counts.keys()].sort()) {
      const option = el("option", { text: `${type} (${counts.get(type)})` });
      option.value = type;
      options.push(option);
    }
    select.replaceChildren(...options);
    select.value = "all";
    select.addEventListener("change", () => {
      state.typeFilter = select.value;
      render();
    });
  }

  function fitToEvents() {
    if (state.features.length === 0) return;
    const bounds = L.latLngBounds(state.features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
    if (state.features.length === 1 || bounds.getNorthEast().equals(bounds.getSouthWest())) {
      map.setView(bounds.getCenter(), 7);
    } else {
      // Extra room on the right/bottom so the legend does not hide markers.
      map.fitBounds(bounds, { paddingTopLeft: [60, 40], paddingBottomRight: [200, 60], maxZoom: 9 });
    }
  }

  // -------------------------------------------------------------- selection

  function highlightSelection() {
    const id = state.selectedId;
    for (const li of document.querySelectorAll("#event-list li[data-event-id]")) {
      const selected = li.dataset.eventId === id;
      li.classList.toggle("selected", selected);
      li.setAttribute("aria-pressed", selected ? "true" : "false");
    }
    const marker = id !== null ? state.markers.get(id) : null;
    if (marker && eventLayer.hasLayer(marker)) {
      selectionRing.setLatLng(marker.getLatLng());
      if (!map.hasLayer(selectionRing)) selectionRing.addTo(map);
      marker.bringToFront();
    } else if (map.hasLayer(selectionRing)) {
      selectionRing.remove();
    }
  }

  function selectEvent(id, { pan }) {
    const feature = state.byId.get(id);
    if (!feature) return;
    state.selectedId = id;
    highlightSelection();

    const li = document.querySelector(`#event-list li[data-event-id="${CSS.escape(id)}"]`);
    if (li) li.scrollIntoView({ block: "nearest" });

    const marker = state.markers.get(id);
    if (pan && marker) {
      // Only move the map when the marker is off-screen or hugging the edge.
      const inner = map.getBounds().pad(-0.03);
      if (!inner.contains(marker.getLatLng())) map.panTo(marker.getLatLng());
    }
    showProvenance(feature);
  }

  // ------------------------------------------------------------- provenance

  function getDocument(docId) {
    const key = String(docId);
    if (!state.documents.has(key)) {
      const promise = fetchJSON(documentUrl(key));
      promise.catch(() => state.documents.delete(key)); // allow a retry
      state.documents.set(key, promise);
    }
    return state.documents.get(key);
  }

  /**
   * The API's offsets count Unicode code points (Python str indices) while JS
   * strings index UTF-16 code units; they differ after any astral character
   * (e.g. an emoji). Returns a converter from code-point offset to UTF-16
   * index, giving NaN for offsets outside the text.
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
    if (offsetsValid && (sentence === null || text.slice(start, end) === sentence)) {
      return { start, end, note: null };
    }
    if (sentence) {
      const found = text.indexOf(sentence);
      if (found >= 0) {
        return { start: found, end: found + sentence.length, note: "The event's character offsets do not match the document; the sentence was located by text search." };
      }
    }
    if (offsetsValid) {
      return { start, end, note: "The text at the event's offsets differs from the event's sentence." };
    }
    return null;
  }

  /** Segments sorted, clamped, non-overlapping, with uncovered non-blank text filled in as body. */
  function normaliseSegments(doc, text, toUnits) {
    // Out-of-range offsets are clamped to the text (end) or dropped (start).
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

  /** Append text[start:end) to container, wrapping the part inside the evidence range in <mark class="evidence">. */
  function appendWithEvidence(container, text, start, end, evidence) {
    // Trim surrounding whitespace of the segment for display (never into the evidence).
    while (start < end && /\s/.test(text[start]) && !(evidence && start >= evidence.start && start < evidence.end)) start += 1;
    while (end > start && /\s/.test(text[end - 1]) && !(evidence && end - 1 >= evidence.start && end - 1 < evidence.end)) end -= 1;

    if (!evidence || evidence.end <= start || evidence.start >= end) {
      container.append(text.slice(start, end));
      return;
    }
    const a = Math.max(start, evidence.start);
    const b = Math.min(end, evidence.end);
    container.append(text.slice(start, a));
    container.append(el("mark", { className: "evidence", text: text.slice(a, b) }));
    container.append(text.slice(b, end));
  }

  const KIND_LABELS = {
    headline: "Headline",
    attribution: "Attribution",
    body: null,
    boilerplate: "Boilerplate",
  };

  function renderSegment(seg, text, evidence) {
    const block = el("div", { className: `segment segment-${seg.kind}` });
    const label = KIND_LABELS[seg.kind];
    if (label) {
      block.append(el("span", { className: "segment-label", text: seg.author ? `${label} · ${seg.author}` : label }));
    }
    const body = el("div", { className: "segment-text" });
    appendWithEvidence(body, text, seg.start, seg.end, evidence);
    block.append(body);
    return block;
  }

  function renderComment(seg, text, evidence) {
    const block = el("div", { className: "comment" });
    block.append(el("div", { className: "comment-author", text: seg.author || "Anonymous reader" }));
    const body = el("div", { className: "segment-text" });
    appendWithEvidence(body, text, seg.start, seg.end, evidence);
    block.append(body);
    return block;
  }

  function metaRow(dl, term, value, className) {
    dl.append(el("dt", { text: term }), el("dd", { className, text: value }));
  }

  function renderAttributionChain(props, doc) {
    const chain = el("ol", { className: "attribution-chain" });
    const outlet = textOr(props.source, textOr(doc.source, null));
    chain.append(el("li", { className: "chain-outlet" },
      el("span", { className: "chain-role", text: "outlet" }),
      outlet || "unknown outlet"));
    const attribution = Array.isArray(props.attribution) ? props.attribution : [];
    for (const who of attribution) {
      chain.append(el("li", { className: "chain-source" },
        el("span", { className: "chain-role", text: "citing" }),
        String(who)));
    }
    if (attribution.length === 0) {
      chain.append(el("li", { className: "chain-none", text: "no further attribution stated" }));
    }
    return chain;
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

  function renderProvenance(feature, doc) {
    const props = feature.properties;
    const text = typeof doc.text === "string" ? doc.text : "";
    const toUnits = codePointConverter(text);
    const evidence = locateEvidence(props, text, toUnits);
    const segments = normaliseSegments(doc, text, toUnits);
    const frag = document.createDocumentFragment();

    frag.append(el("h3", { className: "doc-title", text: textOr(doc.title, "(untitled document)") }));

    const meta = el("dl", { className: "doc-meta" });
    metaRow(meta, "Source", textOr(doc.source, textOr(props.source, "unknown")));
    metaRow(meta, "Published", textOr(doc.published, "unknown"));
    if (textOr(doc.url, null)) metaRow(meta, "URL", doc.url, "doc-url"); // shown as text: never a live link
    metaRow(meta, "Document", textOr(doc.id, String(props.doc_id)), "doc-id");
    frag.append(meta);

    frag.append(el("h4", { text: "Attribution chain" }), renderAttributionChain(props, doc));
    frag.append(el("h4", { text: "Event" }), renderEventSummary(props));

    if (!evidence) {
      frag.append(el("p", { className: "warning", text: "The event's sentence could not be found in the document text:" }),
        el("blockquote", { className: "orphan-sentence", text: textOr(props.sentence, "") }));
    } else if (evidence.note) {
      frag.append(el("p", { className: "warning", text: evidence.note }));
    }

    const docText = el("section", { className: "doc-text" }, el("h4", { text: "Document text" }));
    for (const seg of segments) {
      if (seg.kind !== "comment") docText.append(renderSegment(seg, text, evidence));
    }
    frag.append(docText);

    const comments = segments.filter((s) => s.kind === "comment");
    const commentSection = el("section", { className: "comments" },
      el("h4", { text: "Reader comments (not used for events)" }));
    if (comments.length === 0) {
      commentSection.append(el("p", { className: "muted", text: "None." }));
    } else {
      for (const seg of comments) commentSection.append(renderComment(seg, text, evidence));
    }
    frag.append(commentSection);
    return frag;
  }

  async function showProvenance(feature) {
    const props = feature.properties;
    const pane = document.getElementById("provenance");
    const token = ++state.provenanceToken;
    pane.dataset.state = "loading";
    pane.dataset.eventId = String(props.id);
    pane.replaceChildren(el("p", { className: "muted", text: "Loading document…" }));

    let doc;
    try {
      doc = await getDocument(props.doc_id);
    } catch (err) {
      if (token !== state.provenanceToken) return;
      pane.dataset.state = "error";
      pane.replaceChildren(el("p", { className: "warning", text: `Could not load document ${props.doc_id}: ${err.message}` }));
      return;
    }
    if (token !== state.provenanceToken) return; // a newer selection superseded this one

    pane.replaceChildren(renderProvenance(feature, doc || {}));
    pane.dataset.state = "loaded";
    pane.scrollTop = 0;
    const mark = pane.querySelector("mark.evidence");
    if (mark) {
      const offset = mark.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      pane.scrollTop = Math.max(0, offset - pane.clientHeight / 3);
    }
  }

  // ------------------------------------------------------------------- boot

  async function loadEvents() {
    let collection;
    try {
      collection = await fetchJSON(EVENTS_URL);
    } catch (err) {
      setStatus(`Could not load events: ${err.message}`, true);
      document.body.dataset.state = "error";
      return;
    }
    const all = collection && Array.isArray(collection.features) ? collection.features : [];
    state.features = all.filter(isValidFeature).sort(compareEvents);
    for (const f of state.features) {
      const id = String(f.properties.id);
      state.byId.set(id, f);
      state.markers.set(id, createMarker(f));
    }

    populateTypeFilter();
    render();
    fitToEvents();

    const docs = new Set(state.features.map((f) => String(f.properties.doc_id)));
    const skipped = all.length - state.features.length;
    const n = state.features.length;
    let message = `${n} event${n === 1 ? "" : "s"} from ${docs.size} document${docs.size === 1 ? "" : "s"}`;
    if (skipped > 0) message += ` (${skipped} without usable coordinates not shown)`;
    setStatus(message);
    document.body.dataset.state = "ready";
  }

  loadBasemap();
  loadEvents();
})();
