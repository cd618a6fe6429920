"""Benchmark (not a test): how long until a big graph is drawn and interactive in headless Chromium.

    python benchmarks/viewer_bench.py [--nodes 5000] [--edges 10000] [--runs 3]

Builds a random graph following the RDF schema (each edge with one statement, one or two
evidence sentences), writes the viewer page, opens it in Debian's /usr/bin/chromium with every
non-file request blocked, and reports:
  write   seconds for write_viewer (RDF -> networkx -> layout -> HTML)
  ready   ms from navigation start until the first frame is drawn (page's performance.now())
  click   ms from a mouse click on a node until its evidence panel is shown
Goal: ready + click under 3 s for 5,000 nodes and 10,000 edges.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, PROV, SKOS

from newskg.graph.viewer import write_viewer
from newskg.ontology.relations import ENTITY_TYPES, RELATIONS
from newskg.ontology.terms import DOC_NS, ENTITY_NS, EVIDENCE_NS, NKG, STATEMENT_NS

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def random_graph(n_nodes: int, n_edges: int, seed: int = 1) -> Graph:
    rng = random.Random(seed)
    g = Graph()
    docs = [DOC_NS[f"doc{i}"] for i in range(max(1, n_edges // 20))]
    for i, doc in enumerate(docs):
        g.add((doc, RDF.type, NKG.Document))
        g.add((doc, DCTERMS.language, Literal(("en", "vi", "ru")[i % 3])))
    ents = [ENTITY_NS[f"e{i}"] for i in range(n_nodes)]
    for i, e in enumerate(ents):
        g.add((e, RDF.type, NKG[ENTITY_TYPES[i % len(ENTITY_TYPES)]]))
        g.add((e, RDFS.label, Literal(f"Entity {i}", lang="en")))
        g.add((e, SKOS.altLabel, Literal(f"Thực thể {i}", lang="vi")))
    pairs: set[tuple[int, int, str]] = set()
    while len(pairs) < n_edges:
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if a != b:
            pairs.add((a, b, rng.choice(RELATIONS)))
    for k, (a, b, rel) in enumerate(sorted(pairs)):
        st = STATEMENT_NS[f"s{k}"]
        g.add((ents[a], NKG[rel], ents[b]))
        for p, o in ((RDF.type, NKG.Statement), (RDF.subject, ents[a]), (RDF.predicate, NKG[rel]), (RDF.object, ents[b]),
                     (NKG.relation, NKG[rel]), (NKG.status, NKG.Occurred),
                     (NKG.date, Literal(f"20{10 + k % 14}-0{1 + k % 9}-1{k % 10}", datatype=XSD.date))):
            g.add((st, p, o))
        n_ev = 1 + k % 2
        g.add((st, NKG.sourceCount, Literal(n_ev)))
        for j in range(n_ev):
            ev = EVIDENCE_NS[f"s{k}-{j}"]
            doc = docs[(k + j) % len(docs)]
            g.add((st, NKG.evidence, ev))
            g.add((ev, RDF.type, NKG.Evidence))
            g.add((ev, PROV.wasDerivedFrom, doc))
            g.add((ev, NKG.sentence, Literal(f"Entity {a} {rel} Entity {b} according to source {j}.")))
            g.add((ev, DCTERMS.language, Literal(("en", "vi", "ru")[(k + j) % 3])))
    return g


def measure(page_path: Path, runs: int) -> tuple[list[float], list[float], list[str]]:
    from playwright.sync_api import sync_playwright

    ready, click, blocked = [], [], []
    with sync_playwright() as p:
        for _ in range(runs):  # a fresh profile each run: nothing cached
            with tempfile.TemporaryDirectory() as profile:
                ctx = p.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", headless=True,
                                                           args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900})
                page = ctx.new_page()
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                           else (blocked.append(r.request.url), r.abort()))
                page.goto(page_path.as_uri())
                page.wait_for_function("() => !!(window.nkgViewer && window.nkgViewer.state.ready)", timeout=120_000, polling=20)
                ready.append(page.evaluate("nkgViewer.state.readyAt"))
                # click the best-connected node, as a user would, and wait for its panel
                x, y = page.evaluate("""(() => { const v = nkgViewer, n = v.nodes.get().sort((a, b) => b.deg - a.deg)[0];
                    v.network.moveTo({position: v.network.getPosition(n.id), scale: 1});
                    const p = v.network.canvasToDOM(v.network.getPosition(n.id));
                    const r = document.getElementById('graph').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; })()""")
                page.wait_for_timeout(200)
                t0 = time.perf_counter()
                page.mouse.click(x, y)
                page.wait_for_selector("#panel:not([hidden]) .stmt", timeout=30_000)
                click.append((time.perf_counter() - t0) * 1000)
                ctx.close()
    return ready, click, blocked


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    g = random_graph(args.nodes, args.edges)
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "graph.html"
        t0 = time.perf_counter()
        write_viewer(g, page_path)
        write_s = time.perf_counter() - t0
        size_mb = page_path.stat().st_size / 1e6
        ready, click, blocked = measure(page_path, args.runs)
    print(f"graph: {args.nodes} nodes, {args.edges} edges, {len(g)} triples; page {size_mb:.1f} MB")
    print(f"write_viewer: {write_s:.2f} s")
    print(f"ready (drawn): median {statistics.median(ready):.0f} ms  runs {[round(r) for r in ready]}")
    print(f"click -> panel: median {statistics.median(click):.0f} ms  runs {[round(c) for c in click]}")
    total = statistics.median(ready) + statistics.median(click)
    print(f"drawn and interactive: {total / 1000:.2f} s (goal < 3 s)  non-file requests: {len(blocked)}")
    return 0 if not blocked else 1


if __name__ == "__main__":
    sys.exit(main())
