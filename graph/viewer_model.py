"""The viewer's model: the RDF graph (schema of graph/rdf.py) read once into a networkx graph.

Nodes are entities, edges are direct fact triples; every edge carries the indices of its
statements, and the side tables (statements, evidence, documents) hold the provenance the
page shows. One pass over the union of all named graphs builds an index, which is much faster
than one SPARQL query per entity on graphs with thousands of nodes.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Graph
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, Namespace

from newskg.extract.errors import UsageError
from newskg.ontology.relations import ENTITY_TYPES, RELATIONS, SYMMETRIC
from newskg.ontology.terms import NKG

SCHEMA = Namespace("https://schema.org/")
NKG_NS = str(NKG._NS)
RELATION_IRIS = {URIRef(NKG_NS + r): r for r in RELATIONS}
# most specific first: a Country is also a Place, a Place also an Entity
TYPE_ORDER = ("Person", "Organization", "Country", "City", "Award", "Place")
TYPE_IRIS = {URIRef(NKG_NS + t): t for t in (*ENTITY_TYPES, "Entity")}
LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, SKOS.altLabel)


@dataclass
class ViewerModel:
    graph: nx.MultiDiGraph                      # node = entity IRI, edge key = relation name
    statements: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    relation_labels: dict[str, str] = field(default_factory=dict)


def union_triples(graph: Graph):
    """All triples of a Graph, or of every named graph of a Dataset/ConjunctiveGraph."""
    if isinstance(graph, ConjunctiveGraph):  # rdflib's Dataset subclasses it
        for s, p, o, _ in graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph.triples((None, None, None))


def _index(graph: Graph) -> tuple[dict[Any, dict[Any, list[Any]]], Counter]:
    """subject -> predicate -> objects over the union, and in how many graphs each triple occurs."""
    index: dict[Any, dict[Any, list[Any]]] = defaultdict(lambda: defaultdict(list))
    seen: Counter = Counter()
    for triple in union_triples(graph):
        seen[triple] += 1
        if seen[triple] == 1:  # the same label or type is repeated in each document's graph
            s, p, o = triple
            index[s][p].append(o)
    return index, seen


def local_name(iri: Any) -> str:
    text = str(iri)
    return re.split(r"[/#]", text.rstrip("/#"))[-1] or text


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def pick_label(subject: Any, props: dict[Any, list[Any]], lang: str, fallback: str, seen: Counter | None = None) -> str:
    """The entity's name in ``lang`` (primary subtag match), else English, else any label.

    Among several, the one most documents use wins; then a fuller preferred name ("Vladimir
    Putin" over "Putin") but a shorter alternative one (the everyday "Nga" over "Liên bang Nga").
    """
    lang = lang.lower().split("-")[0]
    seen = seen if seen is not None else Counter()
    for want in (lang, "en", None):
        for pred in LABEL_PREDICATES:
            found = [o for o in props.get(pred, ())
                     if isinstance(o, Literal) and str(o).strip()
                     and (want is None or (o.language or "").lower().split("-")[0] == want)]
            if found:
                sign = 1 if pred == SKOS.altLabel else -1
                return str(min(found, key=lambda o: (-seen[(subject, pred, o)], sign * len(str(o)), str(o))))
    return fallback


def all_labels(props: dict[Any, list[Any]]) -> list[list[str]]:
    pairs = {(str(o), o.language or "") for pred in LABEL_PREDICATES for o in props.get(pred, ())
             if isinstance(o, Literal) and str(o).strip()}
    return [list(p) for p in sorted(pairs)]


def _first(props: dict[Any, list[Any]], pred: Any) -> Any:
    values = props.get(pred)
    return values[0] if values else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _number(value: Any) -> float | None:
    try:
        return float(value.toPython()) if isinstance(value, Literal) else None
    except (TypeError, ValueError):
        return None


def date_bounds(date: str | None) -> tuple[str | None, str | None]:
    """An ISO prefix (2018, 2018-11, 2018-11-02) as the first and last day it covers."""
    if not date or not re.fullmatch(r"-?\d{4}(-\d{2}(-\d{2})?)?", date):
        return None, None
    parts = date.split("-")
    if len(parts) == 3:
        return date, date
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1] if 1 <= int(parts[1]) <= 12 else 31
        return f"{date}-01", f"{date}-{last:02d}"
    return f"{date}-01-01", f"{date}-12-31"


def entity_type(types: list[Any]) -> str:
    names = {TYPE_IRIS[t] for t in types if t in TYPE_IRIS}
    return next((t for t in TYPE_ORDER if t in names), "Entity")


def build_model(graph: Graph, lang: str = "en") -> ViewerModel:
    index, seen = _index(graph)
    model = ViewerModel(nx.MultiDiGraph())
    G = model.graph

    def add_entity(iri: Any) -> None:
        if iri in G:
            return
        props = index.get(iri, {})
        G.add_node(iri, label=pick_label(iri, props, lang, local_name(iri), seen), type=entity_type(props.get(RDF.type, [])),
                   labels=all_labels(props), same_as=sorted(str(o) for o in props.get(OWL.sameAs, ())), st=[])

    for rel_iri, rel in RELATION_IRIS.items():
        props = index.get(rel_iri, {})
        model.relation_labels[rel] = pick_label(rel_iri, props, lang, "") or _words(rel)
    for subject, props in index.items():
        if any(t in TYPE_IRIS for t in props.get(RDF.type, ())):
            add_entity(subject)
        for rel_iri, rel in RELATION_IRIS.items():
            for obj in props.get(rel_iri, ()):
                if isinstance(obj, (URIRef, BNode)):  # a literal object cannot be drawn as a node
                    add_entity(subject)
                    add_entity(obj)
                    G.add_edge(subject, obj, key=rel, rel=rel, st=[])

    doc_ids: dict[Any, int] = {}

    def document(iri: Any) -> int:
        if iri not in doc_ids:
            props = index.get(iri, {})
            source = _text(_first(props, NKG.sourceFile))
            title = _text(_first(props, SCHEMA.headline))
            doc_ids[iri] = len(model.documents)
            model.documents.append({
                "iri": str(iri), "title": title, "file": source,
                "name": title or (source.rsplit("/", 1)[-1] if source else local_name(iri)),
                "date": _text(_first(props, SCHEMA.datePublished)),
                "lang": _text(_first(props, DCTERMS.language)), "url": _text(_first(props, SCHEMA.url)),
            })
        return doc_ids[iri]

    for st_iri, props in index.items():
        if NKG.Statement not in props.get(RDF.type, ()):
            continue
        rel_iri = _first(props, NKG.relation) or _first(props, RDF.predicate)
        subject, obj = _first(props, RDF.subject), _first(props, RDF.object)
        if rel_iri not in RELATION_IRIS or subject is None:
            continue
        rel = RELATION_IRIS[rel_iri]
        evidence = []
        for ev_iri in sorted(props.get(NKG.evidence, ()), key=str):
            ev = index.get(ev_iri, {})
            doc = _first(ev, PROV.wasDerivedFrom)
            evidence.append(len(model.evidence))
            model.evidence.append({
                "doc": document(doc) if doc is not None else None, "text": _text(_first(ev, NKG.sentence)) or "",
                "lang": _text(_first(ev, DCTERMS.language)) or (model.documents[document(doc)]["lang"] if doc else None),
                "trigger": _text(_first(ev, NKG.trigger)), "engine": _text(_first(ev, NKG.engine)),
            })
        docs = {model.evidence[i]["doc"] for i in evidence} - {None}
        count = _number(_first(props, NKG.sourceCount))
        date = _text(_first(props, NKG.date))
        start, end = date_bounds(date)
        status = _first(props, NKG.status)
        st = {
            "iri": str(st_iri), "s": str(subject), "o": _text(obj) if isinstance(obj, (URIRef, BNode)) else None,
            "value": str(obj) if isinstance(obj, Literal) else None, "rel": rel,
            "date": date, "d0": start, "d1": end, "status": local_name(status) if status is not None else "Occurred",
            "n": int(count) if count is not None else len(docs), "conf": _number(_first(props, NKG.confidence)),
            "place": _text(_first(props, NKG.place)), "role": _text(_first(props, NKG.role)),
            "amount": _number(_first(props, NKG.amount)), "currency": _text(_first(props, NKG.currency)),
            "ev": evidence,
            "langs": sorted({model.evidence[i]["lang"] for i in evidence} - {None}),
        }
        idx = len(model.statements)
        model.statements.append(st)
        for end_iri in (subject, obj):
            if isinstance(end_iri, (URIRef, BNode)) and end_iri in G:
                G.nodes[end_iri]["st"].append(idx)  # denied ones too: shown in the entity's panel
        if st["status"] in ("Denied", "Proposed") or obj is None:
            continue  # a denied or proposed fact has no direct triple and is never drawn
        pairs = [(subject, obj), (obj, subject)] if rel in SYMMETRIC else [(subject, obj)]
        for a, b in pairs:
            if G.has_edge(a, b, key=rel):
                G.edges[a, b, rel]["st"].append(idx)
    return model


def resolve_focus(model: ViewerModel, focus: str) -> Any:
    """The entity whose IRI, IRI slug or any label (any language, case-insensitive) is ``focus``."""
    G = model.graph
    wanted = focus.strip().casefold()
    matches = [n for n in G if str(n) == focus.strip() or local_name(n).casefold() == wanted
               or any(text.casefold() == wanted for text, _ in G.nodes[n]["labels"])
               or G.nodes[n]["label"].casefold() == wanted]
    if matches:
        return max(matches, key=lambda n: (G.degree(n), str(n)))  # the best-connected of namesakes
    from rapidfuzz import fuzz, process, utils

    names = sorted({text for n in G for text, _ in G.nodes[n]["labels"]} | {G.nodes[n]["label"] for n in G})
    close = [name for name, _, _ in process.extract(focus, names, scorer=fuzz.WRatio, limit=5,
                                                     processor=utils.default_process)]
    raise UsageError(f"unknown focus entity {focus!r}; close matches: {', '.join(close) or '(graph has no entities)'}")


def ego_subgraph(model: ViewerModel, center: Any, hops: int) -> nx.MultiDiGraph:
    if hops < 0:
        raise UsageError(f"bad --hops {hops}; expected 0 or more")
    return nx.ego_graph(model.graph, center, radius=hops, undirected=True)
