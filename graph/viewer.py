"""`newskg view`: one self-contained, offline HTML page of the knowledge graph.

Built on networkx (model, ego graph, layout) and pyvis (Network, Node, Edge and its Jinja
rendering), but with our own template in graph/viewer_assets/ set through pyvis's
``set_template_dir``: pyvis's stock template loads bootstrap and tom-select from a CDN even with
``cdn_resources="in_line"`` (a blank page offline), builds tooltips with innerHTML, and its
``add_edge`` scans every node per call (O(n*m), seconds on 10,000 edges), so nodes and edges
are appended as pyvis Node/Edge options directly. vis-network itself is pyvis's bundled copy.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from newskg.extract.errors import UsageError
from newskg.ontology.relations import SYMMETRIC

from .viewer_layout import layout
from .viewer_model import ViewerModel, build_model, ego_subgraph, local_name, resolve_focus

ASSETS = Path(__file__).with_name("viewer_assets")
TEMPLATE = "viewer.html"
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies
TYPE_COLORS = {"Person": "#D55E00", "Organization": "#E69F00", "Country": "#0072B2", "City": "#56B4E9",
               "Place": "#009E73", "Award": "#CC79A7", "Entity": "#999999"}
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def safe_json(value: Any) -> str:
    """JSON that cannot end its <script> element or be read as markup; ``value`` may already be JSON text."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    read = lambda name: (ASSETS / name).read_text(encoding="utf-8")  # noqa: E731
    return {"vis_js": read("vis-network.min.js"), "vis_css": read("vis-network.min.css"),
            "viewer_js": read("viewer.js"), "viewer_css": read("viewer.css")}


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _options(physics: bool) -> dict[str, Any]:
    big = not physics  # above the threshold: no hover hit-testing, no edges while dragging or zooming
    return {
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 150, "damping": 0.4},
                    "stabilization": {"enabled": physics, "iterations": 300, "fit": True}},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "interaction": {"hover": not big, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big, "keyboard": False},
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2, "color": {"color": "#9aa5b1", "highlight": "#333333"},
                  "font": {"size": 11, "align": "middle", "color": "#444444", "strokeWidth": 3}},
    }


def _page_data(model: ViewerModel, G: Any, lang: str) -> tuple[list[dict], list[dict], dict[str, Any]]:
    """vis items for the drawn nodes and edges, plus the statements, evidence and documents they cite."""
    from pyvis.edge import Edge
    from pyvis.node import Node

    full = model.graph
    st_ids: dict[int, int] = {}
    for _, data in G.nodes(data=True):
        st_ids.update((i, 0) for i in data["st"])
    for _, _, data in G.edges(data=True):
        st_ids.update((i, 0) for i in data["st"])
    st_ids = {old: new for new, old in enumerate(sorted(st_ids))}
    statements = [dict(model.statements[i]) for i in st_ids]
    ev_ids = {old: new for new, old in enumerate(sorted({e for s in statements for e in s["ev"]}))}
    evidence = [dict(model.evidence[i]) for i in ev_ids]
    doc_ids = {old: new for new, old in enumerate(sorted({e["doc"] for e in evidence} - {None}))}
    docs = [dict(model.documents[i], short=local_name(model.documents[i]["iri"])) for i in doc_ids]
    for s in statements:
        s["ev"] = [ev_ids[e] for e in s["ev"]]
        s["langs"] = [lang_or_und(x) for x in s["langs"]] or ["und"]
    for e in evidence:
        e["doc"] = doc_ids.get(e["doc"])
        e["lang"] = lang_or_und(e["lang"])
    positions = layout(G)
    nodes = []
    for iri, data in G.nodes(data=True):
        deg = G.degree(iri)
        color = TYPE_COLORS[data["type"]]
        x, y = positions[iri]
        nodes.append(Node(str(iri), "dot", label=data["label"], color={"background": color, "border": "#333333"},
                          size=round(10 + 5 * math.sqrt(deg), 1), x=x, y=y, type=data["type"], deg=deg,
                          labels=data["labels"], sameAs=data["same_as"],
                          st=[st_ids[i] for i in data["st"]]).options)
    edges, parallel = [], {}
    for n, (a, b, rel, data) in enumerate(G.edges(keys=True, data=True)):
        k = parallel[frozenset((a, b))] = parallel.get(frozenset((a, b)), -1) + 1
        # parallel relations between one pair would overlap as straight lines: bend the extra ones
        smooth = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW", "roundness": 0.2 * math.ceil(k / 2)} if k else False
        edges.append(Edge(str(a), str(b), directed=rel not in SYMMETRIC, id=f"e{n}", label=model.relation_labels[rel],
                          rel=rel, st=[st_ids[i] for i in data["st"]], smooth=smooth).options)
    referenced = {s[k] for s in statements for k in ("s", "o", "place") if s[k]}
    names = {iri: full.nodes[iri]["label"] if iri in full else local_name(iri) for iri in map(str, referenced)}
    node_types = [data["type"] for _, data in G.nodes(data=True)]
    extra = {
        "lang": lang, "st": statements, "ev": evidence, "docs": docs, "names": names,
        "rel_labels": model.relation_labels,
        "types": [[t, t, TYPE_COLORS[t], node_types.count(t)] for t in TYPE_COLORS if t in node_types],
        "relations": [[r, model.relation_labels[r], None, c] for r, c in sorted(_count(e["rel"] for e in edges).items())],
        # per language, how many statements cite a sentence in it ("und": no evidence or no language)
        "langs": [[x, x, None, c] for x, c in sorted(_count(x for s in statements for x in s["langs"]).items())],
    }
    return nodes, edges, extra


def lang_or_und(value: str | None) -> str:
    return value.lower() if value else "und"


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return counts


def render_html(model: ViewerModel, G: Any, lang: str, physics: bool) -> str:
    from pyvis.network import Network

    nodes, edges, extra = _page_data(model, G, lang)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.set_template_dir(str(ASSETS) + "/", TEMPLATE)
    net.nodes, net.edges, net.options = nodes, edges, _options(physics)
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    assets = _assets()
    net.templateEnv.filters["safe_json"] = safe_json
    net.templateEnv.globals.update(assets=assets, extra=extra,
                                   script_hashes=" ".join(_csp_hash(assets[k]) for k in ("vis_js", "viewer_js")))
    return net.generate_html(name="viewer.html")


def write_viewer(graph: Graph, path: str | Path, *, lang: str = "en", focus: str | None = None, hops: int = 1,
                 physics: bool | None = None, max_physics_nodes: int = 500) -> Path:
    """Write the viewer page for ``graph`` (a Graph, or a Dataset read as the union of its graphs).

    ``lang`` picks the labels shown; ``focus``/``hops`` draw only the ego graph of one entity;
    ``physics`` None turns the browser's physics on only up to ``max_physics_nodes`` nodes.
    """
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang or ""):
        raise UsageError(f"bad --lang {lang!r}; expected a language code such as en, vi, ru, pt-BR")
    if not isinstance(hops, int) or hops < 0:
        raise UsageError(f"bad --hops {hops!r}; expected a whole number, 0 or more")
    model = build_model(graph, lang)
    G = model.graph
    if focus is not None:
        G = ego_subgraph(model, resolve_focus(model, focus), hops)
    use_physics = len(G) <= max_physics_nodes if physics is None else physics
    out = Path(path)
    if out.is_dir():
        raise UsageError(f"bad output path {str(out)!r}; it is a folder, expected a file such as graph.html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(model, G, lang, use_physics), encoding="utf-8")
    return out
