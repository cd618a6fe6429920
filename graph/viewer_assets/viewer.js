/* newskg viewer: filters, search and the evidence panel over vis-network.
   Data reaches the DOM only through textContent / createElement, never innerHTML. */
(function () {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const $ = (id) => document.getElementById(id);
  const D = read("nkg-data");
  const options = read("nkg-options");
  const MAX_STATEMENTS = 60;  // a hub's panel shows this many, then a "more" button
  // vis-network draws every edge label in every frame, on screen or not: 10,000 labels cost
  // ~1.5 s a frame. Big graphs therefore label only edges whose middle is in view (at most 300).
  const LOD_EDGES = 1500, MAX_LABELS = 300;
  const edgeItems = read("nkg-edges");
  const lod = edgeItems.length > LOD_EDGES;
  for (const e of edgeItems) { e.relLabel = e.label; if (lod) e.label = ""; }
  const nodes = new vis.DataSet(read("nkg-nodes"));
  const edges = new vis.DataSet(edgeItems);

  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e[k] = v;  // DOM properties (type, checked, hidden, title): never parsed as markup
    }
    for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid);
    return e;
  }

  // ---------------------------------------------------------------- filters
  const all = (key) => new Set(D[key].map((x) => x[0]));
  const f = { types: all("types"), rels: all("relations"), langs: all("langs"), from: "", to: "", min: 1 };
  const typeOf = new Map(nodes.get().map((n) => [n.id, n.type]));

  function statementPasses(i) {
    const s = D.st[i];
    if (s.n < f.min) return false;
    if (f.from || f.to) {
      if (!s.d0 || (f.from && s.d1 < f.from) || (f.to && s.d0 > f.to)) return false;
    }
    if (f.langs.size < D.langs.length && !s.langs.some((l) => f.langs.has(l))) return false;
    return true;
  }
  function edgePasses(e) {
    if (!f.rels.has(e.rel) || !f.types.has(typeOf.get(e.from)) || !f.types.has(typeOf.get(e.to))) return false;
    if (!e.st.length) return !(f.from || f.to) && f.min <= 1 && f.langs.size === D.langs.length;
    return e.st.some(statementPasses);
  }
  const nodesView = new vis.DataView(nodes, { filter: (n) => f.types.has(n.type) });
  const edgesView = new vis.DataView(edges, { filter: edgePasses });

  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    relabel();  // defined below; refresh only runs once the page is set up
    $("counts").textContent = `${nodesView.length} of ${nodes.length} entities, ` +
      `${edgesView.length} of ${edges.length} relations shown`;
  }

  function checklist(listId, key, filterKey, swatches) {
    const list = $(listId);
    for (const [value, label, color, count] of D[key]) {
      const box = el("input", { type: "checkbox", checked: true, value: value });
      // f[filterKey], not a captured set: "Reset filters" replaces the sets
      box.addEventListener("change", () => { box.checked ? f[filterKey].add(value) : f[filterKey].delete(value); refresh(); });
      list.append(el("li", {}, el("label", {},
        box, swatches ? el("span", { class: "swatch", style: `background:${color}` }) : null,
        label, el("span", { class: "count", text: String(count) }))));
    }
  }
  checklist("f-types", "types", "types", true);
  checklist("f-rels", "relations", "rels", false);
  checklist("f-langs", "langs", "langs", false);
  $("f-from").addEventListener("change", (ev) => { f.from = ev.target.value; refresh(); });
  $("f-to").addEventListener("change", (ev) => { f.to = ev.target.value; refresh(); });
  $("f-min").addEventListener("input", (ev) => { f.min = Math.max(1, Number(ev.target.value) || 1); refresh(); });
  $("reset").addEventListener("click", () => {
    for (const key of ["types", "rels", "langs"]) f[key] = all(key === "rels" ? "relations" : key);
    document.querySelectorAll("#side input[type=checkbox][value]").forEach((b) => { b.checked = true; });
    f.from = f.to = ""; f.min = 1;
    $("f-from").value = $("f-to").value = ""; $("f-min").value = "1";
    refresh();
  });

  // ---------------------------------------------------------------- network
  const network = new vis.Network($("graph"), { nodes: nodesView, edges: edgesView }, options);
  const state = { ready: false, stabilized: !options.physics.enabled || nodes.length === 0 };
  $("physics").checked = options.physics.enabled;
  $("physics").addEventListener("change", (ev) => network.setOptions({ physics: { enabled: ev.target.checked } }));
  network.on("stabilizationIterationsDone", () => {
    state.stabilized = true;
    network.setOptions({ physics: { enabled: false } });  // no endless jiggling once laid out
    $("physics").checked = false;
  });
  network.on("afterDrawing", () => {
    if (!state.stabilized || state.drawn) return;
    state.drawn = true;
    // the canvas is rasterised after this event: ready once that frame has been presented
    requestAnimationFrame(() => setTimeout(() => { state.ready = true; state.readyAt = performance.now(); }));
  });

  let labelled = [];
  function labelEdgesInView() {
    if (!lod) return;
    const box = $("graph").getBoundingClientRect();
    const a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: box.width, y: box.height });
    const cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
    let wanted = [];
    if (network.getScale() * options.edges.font.size >= 5) {  // smaller text is not drawn anyway
      const pos = network.getPositions();
      for (const e of edgesView.get()) {
        const p = pos[e.from], q = pos[e.to];
        if (!p || !q) continue;
        const mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2;
        if (mx >= a.x && mx <= b.x && my >= a.y && my <= b.y) wanted.push([(mx - cx) ** 2 + (my - cy) ** 2, e.id]);
      }
      wanted = wanted.sort((u, v) => u[0] - v[0]).slice(0, MAX_LABELS).map((w) => w[1]);
    }
    const keep = new Set(wanted);
    const changes = labelled.filter((id) => !keep.has(id)).map((id) => ({ id, label: "" }));
    const had = new Set(labelled);
    for (const id of wanted) if (!had.has(id)) changes.push({ id, label: edges.get(id).relLabel });
    labelled = wanted;
    if (changes.length) edges.update(changes);
  }
  let labelTimer = null;
  const relabel = () => { clearTimeout(labelTimer); labelTimer = setTimeout(labelEdgesInView, 120); };
  for (const event of ["zoom", "dragEnd", "animationFinished", "stabilized"]) network.on(event, relabel);
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  // ---------------------------------------------------------------- evidence panel
  const name = (iri) => (nodes.get(iri) || {}).label || D.names[iri] || String(iri).split(/[/#]/).pop();
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const termsOf = (iri) => { const n = nodes.get(iri); return n ? [n.label, ...n.labels.map((l) => l[0])] : [name(iri)]; };

  function highlighted(text, terms, trigger) {
    // names start at a word boundary (no letter before) but may be inflected: "Путин" marks "Путина"
    const names = [...new Set(terms.filter((t) => t && t.length > 1))].sort((a, b) => b.length - a.length);
    const alts = [names.length ? `(${names.map(escapeRe).join("|")})` : "(?!)"];
    if (trigger) alts.push(`(${escapeRe(trigger)})`);
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})`, "giu");
    const out = document.createDocumentFragment();
    let last = 0;
    for (const m of text.matchAll(re)) {
      if (!m[0]) continue;
      out.append(text.slice(last, m.index), el("mark", { class: m[1] !== undefined ? "ent" : "trigger", text: m[0] }));
      last = m.index + m[0].length;
    }
    out.append(text.slice(last));
    return out;
  }

  function documentBox(d) {
    const rows = [["Title", d.title || d.name], ["Published", d.date], ["Language", d.lang], ["File", d.file], ["URL", d.url], ["IRI", d.iri]];
    return el("div", { class: "doc", hidden: true },
      ...rows.filter((r) => r[1]).map(([k, v]) => el("div", {}, el("b", { text: k + ": " }), v)));
  }

  function evidenceItem(i, terms) {
    const ev = D.ev[i];
    const d = ev.doc === null ? null : D.docs[ev.doc];
    const box = d ? documentBox(d) : null;
    const source = d ? el("button", { class: "source", type: "button", text: d.short,
      title: "show the source document", onclick: () => { box.hidden = !box.hidden; } }) : null;
    return el("li", { class: "ev" }, el("span", { class: "lang", text: ev.lang || "?" }),
      el("span", { class: "sentence" }, highlighted(ev.text, terms, ev.trigger)), " ", source, box);
  }

  function statementBlock(i, terms) {
    const s = D.st[i];
    const object = s.o ? name(s.o) : (s.value || "");
    const details = [s.date && `date ${s.date}`, `${s.n} source${s.n === 1 ? "" : "s"}`,
      s.conf !== null && `confidence ${s.conf}`, s.place && `in ${name(s.place)}`, s.role && `as ${s.role}`,
      s.amount !== null && `amount ${s.amount.toLocaleString("en")}${s.currency ? " " + s.currency : ""}`].filter(Boolean);
    return el("div", { class: `stmt ${s.status.toLowerCase()}` },
      el("div", { class: "head" }, el("b", { text: name(s.s) }), ` ${D.rel_labels[s.rel] || s.rel} `, el("b", { text: object }),
        el("span", { class: `status ${s.status}`, text: s.status })),
      el("div", { class: "meta", text: details.join(" · ") }),
      el("ul", { class: "evidence" }, ...s.ev.map((e) => evidenceItem(e, terms))));
  }

  function statementList(body, indices, terms) {
    const sorted = [...indices].sort((a, b) => String(D.st[b].date || "").localeCompare(String(D.st[a].date || "")));
    const more = (from) => {
      for (const i of sorted.slice(from, from + MAX_STATEMENTS)) body.append(statementBlock(i, terms));
      if (sorted.length > from + MAX_STATEMENTS) {
        const btn = el("button", { type: "button", text: `${sorted.length - from - MAX_STATEMENTS} more statements`,
          onclick: () => { btn.remove(); more(from + MAX_STATEMENTS); } });
        body.append(btn);
      }
    };
    if (!sorted.length) body.append(el("p", { class: "meta", text: "No recorded evidence." }));
    more(0);
  }

  function openPanel(...header) {
    const body = $("panel-body");
    body.replaceChildren(...header);
    $("panel").hidden = false;
    return body;
  }

  function showNode(id) {
    const n = nodes.get(id);
    if (!n) return;
    const labels = n.labels.map(([t, l]) => (l ? `${t} (${l})` : t)).join(", ");
    const body = openPanel(el("h2", { class: "title", text: n.label }),
      el("div", { class: "meta" }, el("span", { class: "swatch", style: `background:${n.color.background}` }), ` ${n.type}`),
      el("div", { class: "meta", text: labels }), el("div", { class: "meta iri", text: n.id }),
      ...n.sameAs.map((iri) => el("div", { class: "meta", text: `same as ${iri}` })));
    statementList(body, n.st, termsOf(id));
  }

  function showEdge(id) {
    const e = edges.get(id);
    if (!e) return;
    const body = openPanel(el("h2", { class: "title", text: `${name(e.from)} ${e.relLabel} ${name(e.to)}` }));
    statementList(body, e.st, [...termsOf(e.from), ...termsOf(e.to)]);
  }
  $("close").addEventListener("click", () => { $("panel").hidden = true; network.unselectAll(); });

  // ---------------------------------------------------------------- search
  const fold = (s) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  const index = nodes.get().flatMap((n) => [n.label, ...n.labels.map((l) => l[0])].map((t) => [fold(t), t, n.id]));

  function find(query) {
    const q = fold(query.trim());
    if (!q) return [];
    const rank = ([key]) => (key === q ? 0 : key.startsWith(q) ? 1 : key.includes(q) ? 2 : 9);
    const hits = index.filter((h) => rank(h) < 9)
      .sort((a, b) => rank(a) - rank(b) || nodes.get(b[2]).deg - nodes.get(a[2]).deg);
    const seen = new Set();
    return hits.filter((h) => !seen.has(h[2]) && seen.add(h[2])).slice(0, 8);
  }
  function focusNode(id) {
    if (!nodesView.get(id)) {  // filtered out: bring its type back rather than focus nothing
      f.types.add(nodes.get(id).type);
      document.querySelectorAll("#f-types input").forEach((b) => { if (b.value === nodes.get(id).type) b.checked = true; });
      refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    relabel();
    showNode(id);
  }
  $("search").addEventListener("input", (ev) => {
    $("matches").replaceChildren(...find(ev.target.value).map(([, text, id]) => el("li", {},
      el("button", { type: "button", text: text === name(id) ? text : `${text} → ${name(id)}`, onclick: () => focusNode(id) }))));
  });
  $("search").addEventListener("keydown", (ev) => {
    const hit = ev.key === "Enter" && find(ev.target.value)[0];
    if (hit) focusNode(hit[2]);
  });

  document.documentElement.lang = D.lang;
  refresh();
  window.nkgViewer = {
    network, nodes, edges, nodesView, edgesView, state, showNode, showEdge, find, focusNode,
    drawn: () => ({ nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length }),
  };
})();
