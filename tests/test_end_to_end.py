"""The whole path on the seed articles: files in, Turtle/TriG/viewer out, with provenance."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, RDFS

from newskg.ontology.relations import RELATIONS
from newskg.ontology.terms import NKG

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

pytestmark = pytest.mark.slow


def _oxigraph_graph(path, fmt) -> Graph:
    """Parse with pyoxigraph (an independent parser) and copy into rdflib for comparison."""
    from newskg.graph.oxconvert import from_ox

    g = Graph()
    for q in pyoxigraph.parse(path=str(path), format=fmt):
        g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return g


def test_build_writes_turtle_trig_and_viewer(seeds_build):
    files = seeds_build.files
    assert {"ttl", "trig", "html"} <= set(files)
    assert seeds_build.documents == 5
    assert seeds_build.languages == {"vi": 2, "en": 3}
    assert seeds_build.errors == []


def test_turtle_and_trig_parse_isomorphic_with_rdflib_and_oxigraph(seeds_build):
    ttl = Graph().parse(seeds_build.files["ttl"], format="turtle")
    ds = Dataset()
    ds.parse(seeds_build.files["trig"], format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(ttl, union)
    assert isomorphic(ttl, _oxigraph_graph(seeds_build.files["ttl"], pyoxigraph.RdfFormat.TURTLE))
    assert isomorphic(union, _oxigraph_graph(seeds_build.files["trig"], pyoxigraph.RdfFormat.TRIG))


def test_trig_has_one_named_graph_per_document(seeds_build):
    ds = Dataset()
    ds.parse(seeds_build.files["trig"], format="trig")
    doc_graphs = {str(g.identifier) for g in ds.graphs() if "/doc/" in str(g.identifier)}
    assert len(doc_graphs) == 5


def test_every_fact_has_a_statement_whose_evidence_is_in_the_source(seeds_build):
    g = Graph().parse(seeds_build.files["ttl"], format="turtle")
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    facts = [(s, p, o) for s, p, o in g if str(p).startswith(str(NKG._NS)) and p.split("#")[-1] in RELATIONS]
    assert len(facts) >= 20
    for s, p, o in facts:
        statements = set(g.subjects(RDF.subject, s)) & set(g.subjects(RDF.predicate, p)) & set(g.subjects(RDF.object, o))
        assert statements, (s, p, o)
        for st in statements:
            for ev in g.objects(st, NKG.evidence):
                doc = g.value(ev, PROV.wasDerivedFrom)
                start, end = int(g.value(ev, NKG.startOffset)), int(g.value(ev, NKG.endOffset))
                text = texts[str(doc).rsplit("/", 1)[-1]]
                assert text[start:end] == str(g.value(ev, NKG.sentence))


def test_viewer_names_every_entity(seeds_build):
    import re

    g = Graph().parse(seeds_build.files["ttl"], format="turtle")
    html = seeds_build.files["html"].read_text(encoding="utf-8")
    nodes = json.loads(re.search(r'<script id="nkg-nodes" type="application/json">(.*?)</script>', html, re.S).group(1))
    # each node carries its shown label and all (text, language) labels
    drawn = {node["label"] for node in nodes} | {text for node in nodes for text, _ in node.get("labels", [])}
    labels = {str(g.value(e, RDFS.label)) for e in g.subjects(NKG.mentionedIn, None)}
    assert labels
    assert labels - drawn == set()
