/* provenance report: draws the claims embedded as JSON in #report-data.
 *
 * Article text is untrusted: every string from the data is put in the page with textContent,
 * createElement or setAttribute of a fixed, harmless attribute; never as markup. Only http(s)
 * URLs become links. The graph is plain SVG (no library): pan by dragging, zoom with the wheel
 * or the buttons, click or press Enter on a node to see its evidence in context.
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var claims = {};
  data.claims.forEach(function (c) { claims[c.id] = c; });

  var SECTION_TITLES = {
    corroborated_by: "Corroborated by",
    conflicts_with: "Conflicts with",
    repeated_by: "Repeated by",
    repeats: "Repeats",
    updated_by: "Updated by",
    updates: "Updates"
  };
  var KIND_TITLES = {
    claim: "claim", document: "document", outlet: "outlet", relay: "relay",
    primary: "primary source", linked: "linked claim"
  };
  var NODE_W = 176, NODE_H = 56, COL = 226, ROW = 84;

  // ------------------------------------------------------------------ DOM helpers

  function el(tag, opts) {
    var node = document.createElement(tag);
    opts = opts || {};
    if (opts.cls) { node.className = opts.cls; }
    if (opts.text !== undefined && opts.text !== null) { node.textContent = String(opts.text); }
    if (opts.attrs) {
      Object.keys(opts.attrs).forEach(function (k) { node.setAttribute(k, opts.attrs[k]); });
    }
    (opts.children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/[^\s<>"'`\\]+$/i.test(url) ? url : null;
  }

  function link(url, text) {
    var ok = safeUrl(url);
    if (!ok) { return document.createTextNode(text || String(url || "")); }
    return el("a", {
      text: text || ok, attrs: { href: ok, rel: "noopener noreferrer nofollow", target: "_blank" }
    });
  }

  function badge(status) {
    return el("span", { cls: "badge " + (/^[a-z_]+$/.test(status) ? status : ""), text: status });
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // ------------------------------------------------------------------ evidence in context

  function highlighted(parent, text, ranges) {
    var cuts = [0, text.length];
    ranges.forEach(function (r) {
      [r.start, r.end].forEach(function (x) {
        if (x > 0 && x < text.length) { cuts.push(x); }
      });
    });
    cuts = cuts.filter(function (x, i, a) { return a.indexOf(x) === i; })
      .sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], classes = [];
      ranges.forEach(function (r) { if (r.start <= a && b <= r.end) { classes.push(r.cls); } });
      var piece = text.slice(a, b);
      parent.appendChild(classes.length ? el("mark", { cls: classes.join(" "), text: piece })
        : document.createTextNode(piece));
    }
  }

  function contextBlock(claim, mention) {
    var ev = claim.evidence;
    var p = el("p", { cls: "context evidence" });
    var gap = function (s) { return /\s$/.test(s) ? "" : " "; };
    if (ev.before) { p.appendChild(el("span", { cls: "around", text: ev.before + gap(ev.before) })); }
    var quote = el("span", { cls: "quote" });
    var ranges = [{ start: ev.claim[0], end: ev.claim[1], cls: "claim" }];
    if (mention) { ranges.push({ start: mention[0], end: mention[1], cls: "mention" }); }
    highlighted(quote, ev.quote, ranges);
    p.appendChild(quote);
    if (ev.after) {
      p.appendChild(el("span", { cls: "around", text: (/^\s/.test(ev.after) ? "" : " ") + ev.after }));
    }
    return p;
  }

  // ------------------------------------------------------------------ page skeleton

  var app = document.getElementById("app");
  var header = el("header", { children: [
    el("h1", { text: data.title }),
    el("p", { text: plural(data.counts.claims, "claim") + " from " +
      plural(data.counts.documents, "document") + " · " + plural(data.counts.actors, "actor") +
      (data.assessed ? " · statuses assessed for independence" : " · stored statuses") })
  ] });
  var listPane = el("section", { attrs: { id: "list", "aria-label": "claims" } });
  var detailPane = el("section", { attrs: { id: "detail", "aria-live": "polite" } });
  app.appendChild(header);
  app.appendChild(el("main", { children: [listPane, detailPane] }));

  // ------------------------------------------------------------------ the table of claims

  var listed = data.claims.filter(function (c) { return c.listed; });
  var search = el("input", { attrs: { type: "search", id: "filter-text",
    placeholder: "Search claims, speakers, relays…", "aria-label": "search" } });
  var speakerSel = el("select", { attrs: { id: "filter-speaker", "aria-label": "speaker" } });
  var statusSel = el("select", { attrs: { id: "filter-status", "aria-label": "status" } });
  var unattributed = el("input", { attrs: { type: "checkbox", id: "filter-unattributed" } });
  speakerSel.appendChild(el("option", { text: "all speakers", attrs: { value: "" } }));
  listed.map(function (c) { return c.speaker; })
    .filter(function (s, i, a) { return s && a.indexOf(s) === i; })
    .sort(function (a, b) { return a.localeCompare(b); })
    .forEach(function (s) { speakerSel.appendChild(el("option", { text: s, attrs: { value: s } })); });
  statusSel.appendChild(el("option", { text: "any status", attrs: { value: "" } }));
  ["confirmed", "unconfirmed", "disputed", "superseded"].forEach(function (s) {
    statusSel.appendChild(el("option", { text: s, attrs: { value: s } }));
  });
  listPane.appendChild(el("div", { cls: "filters", children: [
    search, speakerSel, statusSel,
    el("label", { children: [unattributed, " unattributed"] })
  ] }));
  var countLine = el("p", { cls: "count", attrs: { id: "claim-count" } });
  listPane.appendChild(countLine);
  var tbody = el("tbody");
  listPane.appendChild(el("table", { attrs: { id: "claims" }, children: [
    el("thead", { children: [el("tr", { children: [
      el("th", { text: "Claim" }), el("th", { text: "Speaker" }), el("th", { text: "Status" }),
      el("th", { text: "Published" })
    ] })] }),
    tbody
  ] }));

  var rows = {};
  listed.forEach(function (c) {
    var status = el("td", { children: [badge(c.status)] });
    if (c.assessment) {
      status.appendChild(el("div", { cls: "note", text: c.assessment.independent + " indep." }));
    }
    if (c.verdict) { status.appendChild(el("div", { cls: "verdict", text: c.verdict.label })); }
    var chain = c.via.length ? " via " + c.via.join(" → ") : "";
    var row = el("tr", { attrs: { "data-claim": c.id, tabindex: "0" }, children: [
      el("td", { text: c.text.length > 180 ? c.text.slice(0, 179) + "…" : c.text }),
      el("td", { children: [c.speaker || "(unattributed)",
        chain ? el("div", { cls: "note", text: chain }) : null] }),
      status,
      el("td", { text: c.published || "" })
    ] });
    row.addEventListener("click", function () { selectClaim(c.id); });
    row.addEventListener("keydown", function (e) { if (e.key === "Enter") { selectClaim(c.id); } });
    rows[c.id] = row;
    tbody.appendChild(row);
  });

  function applyFilters() {
    var q = search.value.trim().toLowerCase();
    var shown = 0;
    listed.forEach(function (c) {
      var hay = [c.text, c.speaker, c.via.join(" "), c.document_name, c.outlet || ""]
        .join(" ").toLowerCase();
      var ok = (!q || hay.indexOf(q) >= 0) &&
        (!speakerSel.value || c.speaker === speakerSel.value) &&
        (!statusSel.value || c.status === statusSel.value) &&
        (unattributed.checked || !c.unattributed);
      rows[c.id].hidden = !ok;
      if (ok) { shown++; }
    });
    countLine.textContent = shown + " of " + plural(listed.length, "claim") + " shown";
  }
  [search, speakerSel, statusSel, unattributed].forEach(function (input) {
    input.addEventListener("input", applyFilters);
    input.addEventListener("change", applyFilters);
  });

  // ------------------------------------------------------------------ graph

  function wrap(text, width, lines) {
    var words = String(text).split(/\s+/), out = [], line = "";
    for (var i = 0; i < words.length; i++) {
      var next = line ? line + " " + words[i] : words[i];
      if (next.length > width && line) {
        out.push(line);
        line = words[i];
        if (out.length === lines) { break; }
      } else { line = next; }
    }
    if (out.length < lines && line) { out.push(line); line = ""; }
    var rest = out.length === lines && (line || i < words.length);
    out = out.map(function (l) { return l.length > width ? l.slice(0, width - 1) + "…" : l; });
    if (rest) { out[lines - 1] = out[lines - 1].slice(0, width - 1).replace(/\s*$/, "") + "…"; }
    return out;
  }

  function buildGraph(claim) {
    var nodes = [], edges = [];
    var centre = { key: "claim", kind: "claim", label: claim.text, claim: claim, col: 0, row: 0 };
    nodes.push(centre);
    var prev = centre;
    claim.chain.forEach(function (hop, i) {
      var node = { key: "hop" + i, kind: hop.kind, label: hop.name, hop: hop, claim: claim,
        col: i + 1, row: 0 };
      nodes.push(node);
      edges.push({ from: prev, to: node, label: edgeLabel(prev, hop) });
      prev = node;
    });
    claim.linked.forEach(function (ln, k) {
      var other = claims[ln.claim];
      if (!other) { return; }
      var node = { key: "linked" + k, kind: "linked", label: other.text, claim: other,
        link: ln, col: 1, row: k + 1 };
      nodes.push(node);
      edges.push({ from: centre, to: node, label: SECTION_TITLES[ln.section].toLowerCase(),
        cls: ln.relation });
      var before = node;
      other.chain.forEach(function (hop, i) {
        var h = { key: "linked" + k + "hop" + i, kind: hop.kind, label: hop.name, hop: hop,
          claim: other, col: i + 2, row: k + 1 };
        nodes.push(h);
        edges.push({ from: before, to: h, label: edgeLabel(before, hop) });
        before = h;
      });
    });
    return { nodes: nodes, edges: edges };
  }

  function edgeLabel(from, hop) {
    if (from.kind === "claim" || from.kind === "linked") { return "appears in"; }
    if (hop.kind === "outlet") { return "published by"; }
    if (hop.kind === "relay") { return "relayed by"; }
    return "said by";
  }

  var view = { x: 20, y: 20, k: 1 };
  var graphSvg, graphLayer, selectedNode = null, extent = { w: 0, h: 0 };

  function applyView() {
    graphLayer.setAttribute("transform",
      "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
  }

  function fit() {
    var w = graphSvg.clientWidth || 800, h = graphSvg.clientHeight || 360;
    var k = Math.min(1.2, (w - 40) / Math.max(extent.w, 1), (h - 40) / Math.max(extent.h, 1));
    view.k = Math.max(0.2, k);
    view.x = (w - extent.w * view.k) / 2;
    view.y = Math.max(20, (h - extent.h * view.k) / 2);
    applyView();
  }

  function zoomAt(factor, cx, cy) {
    var k = Math.min(4, Math.max(0.15, view.k * factor));
    view.x = cx - (cx - view.x) * (k / view.k);
    view.y = cy - (cy - view.y) * (k / view.k);
    view.k = k;
    applyView();
  }

  function drawGraph(container, claim) {
    var g = buildGraph(claim);
    graphSvg = svg("svg", { id: "graph", role: "img", "aria-label": "sourcing chain" });
    var defs = svg("defs");
    var marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#8c959f" }));
    defs.appendChild(marker);
    graphSvg.appendChild(defs);
    graphLayer = svg("g");
    graphSvg.appendChild(graphLayer);
    var pos = function (n) { return { x: n.col * COL, y: n.row * ROW }; };
    extent = { w: 0, h: 0 };
    g.nodes.forEach(function (n) {
      var p = pos(n);
      extent.w = Math.max(extent.w, p.x + NODE_W);
      extent.h = Math.max(extent.h, p.y + NODE_H);
    });
    g.edges.forEach(function (e) {
      var a = pos(e.from), b = pos(e.to);
      var x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
      if (e.to.col <= e.from.col) { x1 = a.x + NODE_W / 2; y1 = a.y + NODE_H; x2 = b.x + NODE_W / 2; y2 = b.y; }
      if (e.from.kind === "claim" && e.to.kind === "linked") {
        x1 = a.x + NODE_W / 2; y1 = a.y + NODE_H; x2 = b.x; y2 = b.y + NODE_H / 2;
      }
      var d = "M" + x1 + "," + y1 + " C" + (x1 + (x2 > x1 ? 30 : 0)) + "," + (y1 + (y2 > y1 ? 30 : 0)) +
        " " + (x2 - 30) + "," + y2 + " " + x2 + "," + y2;
      graphLayer.appendChild(svg("path", { d: d, "class": "gedge " + (e.cls || ""),
        "marker-end": "url(#arrow)" }));
      var label = svg("text", { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, "class": "glabel",
        "text-anchor": "middle" });
      label.textContent = e.label;
      graphLayer.appendChild(label);
    });
    g.nodes.forEach(function (n) {
      var p = pos(n);
      var group = svg("g", { "class": "gnode " + n.kind, transform: "translate(" + p.x + "," + p.y + ")",
        tabindex: 0, role: "button", "data-node": n.key, "data-kind": n.kind });
      var title = svg("title");
      title.textContent = KIND_TITLES[n.kind] + ": " + n.label;
      group.appendChild(title);
      group.appendChild(svg("rect", { width: NODE_W, height: NODE_H, rx: 7, ry: 7 }));
      var kind = svg("text", { x: 9, y: 14, "class": "kind" });
      kind.textContent = n.kind === "linked" ? n.link.relation : KIND_TITLES[n.kind];
      group.appendChild(kind);
      wrap(n.label, 27, 2).forEach(function (line, i) {
        var t = svg("text", { x: 9, y: 30 + i * 14 });
        t.textContent = line;
        group.appendChild(t);
      });
      group.addEventListener("click", function (ev) { ev.stopPropagation(); selectNode(n, group); });
      group.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectNode(n, group); }
      });
      graphLayer.appendChild(group);
    });

    // As tall as the drawing needs (within bounds): a single chain needs one row.
    graphSvg.style.height = Math.max(200, Math.min(560, extent.h + 90)) + "px";
    var wrapDiv = el("div", { cls: "graph-wrap" });
    wrapDiv.appendChild(graphSvg);
    var zoomIn = el("button", { text: "+", attrs: { type: "button", title: "zoom in", id: "zoom-in" } });
    var zoomOut = el("button", { text: "−", attrs: { type: "button", title: "zoom out", id: "zoom-out" } });
    var zoomFit = el("button", { text: "⤢", attrs: { type: "button", title: "fit", id: "zoom-fit" } });
    zoomIn.addEventListener("click", function () { zoomAt(1.25, graphSvg.clientWidth / 2, graphSvg.clientHeight / 2); });
    zoomOut.addEventListener("click", function () { zoomAt(0.8, graphSvg.clientWidth / 2, graphSvg.clientHeight / 2); });
    zoomFit.addEventListener("click", fit);
    wrapDiv.appendChild(el("div", { cls: "zoom", children: [zoomIn, zoomOut, zoomFit] }));
    container.appendChild(wrapDiv);

    graphSvg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var r = graphSvg.getBoundingClientRect();
      zoomAt(ev.deltaY < 0 ? 1.1 : 1 / 1.1, ev.clientX - r.left, ev.clientY - r.top);
    }, { passive: false });
    var drag = null;
    graphSvg.addEventListener("pointerdown", function (ev) {
      if (ev.target.closest && ev.target.closest(".gnode")) { return; }
      drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
      graphSvg.classList.add("dragging");
      graphSvg.setPointerCapture(ev.pointerId);
    });
    graphSvg.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      view.x = drag.vx + ev.clientX - drag.x;
      view.y = drag.vy + ev.clientY - drag.y;
      applyView();
    });
    var stop = function () { drag = null; graphSvg.classList.remove("dragging"); };
    graphSvg.addEventListener("pointerup", stop);
    graphSvg.addEventListener("pointercancel", stop);
    fit();
  }

  // ------------------------------------------------------------------ node details

  var info;

  function selectNode(n, group) {
    if (selectedNode) { selectedNode.classList.remove("selected"); }
    selectedNode = group;
    group.classList.add("selected");
    clear(info);
    var c = n.claim;
    if (n.kind === "claim") {
      info.appendChild(el("h4", { text: "Evidence in context" }));
      info.appendChild(contextBlock(c, null));
      var how = [];
      if (c.cue) { how.push("cue “" + c.cue + "”"); }
      if (c.channel) { how.push("on " + c.channel); }
      if (c.hedged) { how.push("hedged" + (c.hedge ? " (“" + c.hedge + "”)" : "")); }
      if (how.length) { info.appendChild(el("p", { cls: "meta", text: how.join(" · ") })); }
      if (c.why) { info.appendChild(el("p", { cls: "note", text: "Why: " + c.why })); }
    } else if (n.kind === "linked") {
      info.appendChild(el("h4", { text: SECTION_TITLES[n.link.section] + ": “" + c.text + "”" }));
      if (n.link.note) { info.appendChild(el("p", { cls: "note", text: n.link.note + " (" + n.link.origin + ")" })); }
      info.appendChild(el("p", { cls: "meta", children: [
        badge(c.status), " " + (c.speaker || "unattributed") + " · " + c.document_name +
        (c.published ? " · " + c.published : "")
      ] }));
      info.appendChild(contextBlock(c, null));
      var open = el("button", { cls: "linkbtn", text: "Open this claim", attrs: { type: "button" } });
      open.addEventListener("click", function () { selectClaim(c.id); });
      info.appendChild(open);
    } else {
      var hop = n.hop;
      info.appendChild(el("h4", { text: hop.name + " — " + KIND_TITLES[hop.kind] }));
      var facts = [];
      if (hop.kind === "document") {
        if (hop.published) { facts.push("published " + hop.published); }
        if (hop.source) { facts.push("source " + hop.source); }
      } else {
        if (hop.actor_kind) { facts.push(hop.actor_kind.replace(/_/g, " ")); }
        if (hop.role) { facts.push(hop.role); }
        if (hop.affiliation) { facts.push("speaks for " + hop.affiliation); }
      }
      if (facts.length) { info.appendChild(el("p", { cls: "meta", text: facts.join(" · ") })); }
      if (hop.url) { info.appendChild(el("p", { cls: "meta", children: [link(hop.url)] })); }
      if (hop.kind !== "document") {
        info.appendChild(el("p", { cls: "note", text: hop.mention ?
          "Named as “" + c.evidence.quote.slice(hop.mention[0], hop.mention[1]) + "” in the evidence:" :
          "Not named in the evidence sentence:" }));
      }
      info.appendChild(contextBlock(c, hop.mention));
    }
  }

  // ------------------------------------------------------------------ claim details

  function selectClaim(id) {
    var c = claims[id];
    if (!c) { return; }
    Object.keys(rows).forEach(function (k) { rows[k].classList.toggle("selected", k === id); });
    if (rows[id] && rows[id].scrollIntoView) { rows[id].scrollIntoView({ block: "nearest" }); }
    if (history.replaceState) { history.replaceState(null, "", "#claim=" + encodeURIComponent(id)); }
    selectedNode = null;
    clear(detailPane);
    detailPane.appendChild(el("h2", { text: "Claim " + c.id }));
    detailPane.appendChild(el("p", { cls: "claim-text", attrs: { id: "claim-text" }, text: "“" + c.text + "”" }));
    var said = c.speaker ? "Said by " + c.speaker : "Unattributed statement";
    var speakerHop = c.chain.filter(function (h) { return h.kind === "primary"; })[0];
    if (speakerHop && speakerHop.role) { said += " (" + speakerHop.role + ")"; }
    detailPane.appendChild(el("p", { cls: "meta", text: said }));
    var docLine = el("p", { cls: "meta", children: ["In " + c.document_name +
      (c.outlet ? ", " + c.outlet : "") + (c.published ? ", published " + c.published : "")] });
    if (c.url) { docLine.appendChild(document.createTextNode(" · ")); docLine.appendChild(link(c.url)); }
    detailPane.appendChild(docLine);

    var status = el("p", { attrs: { id: "claim-status" }, children: [badge(c.status)] });
    if (c.assessment) {
      status.appendChild(document.createTextNode(" " +
        plural(c.assessment.independent, "independent source")));
    } else {
      status.appendChild(document.createTextNode(" (stored status)"));
    }
    if (c.verdict) {
      status.appendChild(document.createTextNode(" · verdict "));
      status.appendChild(el("span", { cls: "verdict", text: c.verdict.label }));
      var who = c.verdict.by || (c.verdict.checked ? "a fact-checker" : "");
      var by = (who ? (c.verdict.checked ? " already checked by " : " by ") + who : "") +
        " on " + c.verdict.at.slice(0, 10);
      status.appendChild(document.createTextNode(by));
      if (c.verdict.url) {
        status.appendChild(document.createTextNode(" · "));
        status.appendChild(el("a", { attrs: { href: c.verdict.url, rel: "noopener noreferrer" },
          text: "review" }));
      }
    }
    detailPane.appendChild(status);
    if (c.verdict && c.verdict.explanation) {
      detailPane.appendChild(el("p", { cls: "note", text: c.verdict.explanation }));
    }

    var chainLine = el("p", { cls: "chainline" });
    c.chain.forEach(function (hop, i) {
      if (i) { chainLine.appendChild(document.createTextNode(" → ")); }
      chainLine.appendChild(el("span", { cls: "hop", text: hop.kind === "document" ? "Document" : hop.name }));
    });
    detailPane.appendChild(chainLine);

    drawGraph(detailPane, c);
    info = el("div", { attrs: { id: "info" }, children: [
      el("p", { cls: "empty", text: "Click a node (or focus it and press Enter) to see its evidence in context." })
    ] });
    detailPane.appendChild(info);

    if (c.assessment && c.assessment.groups.length) {
      detailPane.appendChild(el("h3", { text: "Sources behind it" }));
      var ul = el("ul", { cls: "groups" });
      c.assessment.groups.forEach(function (g) {
        ul.appendChild(el("li", { children: [
          el("strong", { text: g.name }), " — " + g.members.join(", ") +
          (g.independent ? " (independent)" : " (not counted)") + (g.why ? ": " + g.why : "")
        ] }));
      });
      detailPane.appendChild(ul);
      c.assessment.reasons.forEach(function (r) {
        detailPane.appendChild(el("p", { cls: "note", text: r }));
      });
    }

    Object.keys(SECTION_TITLES).forEach(function (section) {
      var items = c.linked.filter(function (l) { return l.section === section && claims[l.claim]; });
      if (!items.length) { return; }
      detailPane.appendChild(el("h3", { text: SECTION_TITLES[section] }));
      var list = el("ul", { cls: "linked" });
      items.forEach(function (l) {
        var other = claims[l.claim];
        var a = el("button", { cls: "linkbtn", text: "“" + other.text + "”", attrs: { type: "button" } });
        a.addEventListener("click", function () { selectClaim(other.id); });
        var chain = other.chain.map(function (h) { return h.kind === "document" ? other.document_name : h.name; });
        list.appendChild(el("li", { children: [a, el("div", { cls: "note",
          text: chain.join(" → ") + (l.note ? " — " + l.note : "") })] }));
      });
      detailPane.appendChild(list);
    });
  }

  applyFilters();
  var wanted = /^#claim=(.+)$/.exec(location.hash);
  var first = wanted && claims[decodeURIComponent(wanted[1])] ? decodeURIComponent(wanted[1]) : null;
  if (!first) {
    var visible = listed.filter(function (c) { return !rows[c.id].hidden; });
    first = visible.length ? visible[0].id : (listed.length ? listed[0].id : null);
  }
  if (first) {
    selectClaim(first);
  } else {
    detailPane.appendChild(el("p", { cls: "empty", text: "No claims to show." }));
  }
})();
