"""Facts to triples: the only place in newskg that turns extracted objects into RDF.

Layout (see README, "Graph model"): one named graph per source document holding what that
document supports, a derived graph with values computed over all documents (source counts),
and the ontology graph. Statements are keyed by (relation, subject, object, date) so that the
same event told by several documents is one node with several evidence nodes.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace

from newskg.extract.model import DateValue, Document, Entity, Evidence, Fact, Report, Status
from newskg.ontology.relations import SYMMETRIC
from newskg.ontology.terms import (BASE, DOC_NS, ENTITY_NS, EVIDENCE_NS, NKG, ONTOLOGY_FILE,
                                   STATEMENT_NS, WIKIDATA)

from .names import latin_form, normalize_label, spelling_key

SCHEMA = Namespace("https://schema.org/")
DERIVED_GRAPH = URIRef(BASE + "graph/derived")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
PREFIXES = {"nkg": NKG._NS, "ent": ENTITY_NS, "doc": DOC_NS, "st": STATEMENT_NS, "ev": EVIDENCE_NS,
            "schema": SCHEMA, "skos": SKOS, "prov": PROV, "owl": OWL, "dcterms": DCTERMS, "wd": WIKIDATA}
_STATUS = {Status.OCCURRED: NKG.Occurred, Status.PLANNED: NKG.Planned, Status.DENIED: NKG.Denied,
           Status.PROPOSED: NKG.Proposed}
_DATE_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def new_dataset() -> Dataset:
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    return ds


def bind_prefixes(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)


def entity_iri(key: str) -> URIRef:
    return ENTITY_NS[key]


def doc_iri(doc: Document) -> URIRef:
    return DOC_NS[doc.id]


def date_literal(date: DateValue) -> Literal:
    return Literal(date.value, datatype=_DATE_TYPE[date.precision])


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def statement_key(fact: Fact) -> tuple[str, str, str, str, str]:
    """What makes two reports the same event: relation, arguments (unordered if symmetric),
    date, and status (a denial is not the same statement as the event)."""
    s, o = fact.subject, fact.object
    if fact.relation in SYMMETRIC and o < s:
        s, o = o, s
    return (fact.relation, s, o, fact.date.value if fact.date else "", fact.status.value)


def statement_iri(fact: Fact) -> URIRef:
    return STATEMENT_NS[_digest(*statement_key(fact))]


def add_document(ds: Dataset, doc: Document, entities: dict[str, Entity], facts: Iterable[Fact],
                 content_hash: str) -> Graph:
    """Write one document's named graph: its metadata, the entities it names, its facts, and the
    event reports that ride along with them (``facts.reports``, see extract.model.Facts)."""
    d = doc_iri(doc)
    g = ds.graph(d)
    g.add((d, RDF.type, NKG.Document))
    g.add((d, NKG.sourceFile, Literal(doc.source)))
    g.add((d, NKG.contentHash, Literal(content_hash)))
    if doc.title:
        g.add((d, SCHEMA.headline, Literal(doc.title)))
    if doc.lang:
        g.add((d, DCTERMS.language, Literal(doc.lang)))
    if doc.published:
        g.add((d, SCHEMA.datePublished, date_literal(doc.published)))
    if doc.url:
        # evidence -> document -> the page it came from
        g.add((d, SCHEMA.url, URIRef(doc.url)))
        g.add((d, PROV.hadPrimarySource, URIRef(doc.url)))
    for ent in entities.values():
        if doc.id in ent.docs:
            _add_entity(g, ent, doc)
    for fact in facts:
        _add_fact(g, fact, d)
    for report in getattr(facts, "reports", ()):
        _add_report(g, report, d)
    return g


def _add_entity(g: Graph, ent: Entity, doc: Document) -> None:
    e = entity_iri(ent.key)
    g.add((e, RDF.type, NKG[ent.type]))
    g.add((e, RDFS.label, Literal(ent.name, lang="en")))
    g.add((e, SKOS.prefLabel, Literal(ent.name, lang="en")))
    g.add((e, NKG.mentionedIn, doc_iri(doc)))
    if ent.wikidata:
        g.add((e, OWL.sameAs, WIKIDATA[ent.wikidata]))
    keys = {normalize_label(ent.name)}
    for form, lang in ent.aliases:
        if lang == doc.lang and form != ent.name:
            g.add((e, SKOS.altLabel, Literal(form, lang=lang)))
            keys.add(normalize_label(form))
    # a name in another script also in Latin letters ("Максим Решетников": "Maksim Reshetnikov"),
    # with a spelling-tolerant key, so that an English query ("Maxim Reshetnikov") finds it
    for form in {ent.name} | {form for form, lang in ent.aliases if lang == doc.lang}:
        latin = latin_form(form)
        if latin:
            g.add((e, SKOS.altLabel, Literal(latin, lang=f"{doc.lang or 'und'}-Latn")))
            keys |= {normalize_label(latin), spelling_key(latin)}
    # one folded key per label, so that queries find the entity by an equality, not a scan
    for key in keys - {""}:
        g.add((e, NKG.lookupKey, Literal(key)))


def _add_fact(g: Graph, fact: Fact, d: URIRef) -> None:
    # a symmetric relation is written one way only, the way its statement key orders it, so
    # that "A met B" and "B met A" are one triple and one statement with one subject
    rel, subj, obj, *_ = statement_key(fact)
    s, o, p = entity_iri(subj), entity_iri(obj), NKG[rel]
    st = statement_iri(fact)
    if fact.status.asserted:
        g.add((s, p, o))
    g.add((st, RDF.type, NKG.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, NKG.relation, p))
    g.add((st, NKG.status, _STATUS[fact.status]))
    if fact.date:
        g.add((st, NKG.date, date_literal(fact.date)))
        g.add((st, NKG.datePrecision, Literal(fact.date.precision)))
    if fact.place:
        g.add((st, NKG.place, entity_iri(fact.place)))
    if fact.amount is not None:
        g.add((st, NKG.amount, Literal(fact.amount, datatype=XSD.decimal)))
        if fact.currency:
            g.add((st, NKG.currency, Literal(fact.currency)))
    if fact.role:
        g.add((st, NKG.role, Literal(fact.role)))
    ev_data = fact.evidence
    ev = EVIDENCE_NS[_digest(st, ev_data.doc_id, ev_data.start, ev_data.end)]
    g.add((st, NKG.evidence, ev))
    _add_evidence(g, ev, ev_data, d, fact.confidence, fact.trigger)


def _add_report(g: Graph, report: Report, d: URIRef) -> None:
    """An event report is evidence waiting for its statement: no direct triple, no statement;
    graph/events.py makes it evidence of the one statement it fits, in the derived graph."""
    ev_data = report.evidence
    ev = EVIDENCE_NS[_digest("report", report.relation, report.participant, report.date.value,
                             report.status.value, ev_data.doc_id, ev_data.start, ev_data.end)]
    g.add((ev, RDF.type, NKG.EventReport))
    g.add((ev, NKG.relation, NKG[report.relation]))
    g.add((ev, NKG.participant, entity_iri(report.participant)))
    g.add((ev, NKG.status, _STATUS[report.status]))
    g.add((ev, NKG.date, date_literal(report.date)))
    g.add((ev, NKG.datePrecision, Literal(report.date.precision)))
    if report.place:
        g.add((ev, NKG.place, entity_iri(report.place)))
    _add_evidence(g, ev, ev_data, d, report.confidence, report.trigger)


def _add_evidence(g: Graph, ev: URIRef, ev_data: Evidence, d: URIRef, confidence: float, trigger: str) -> None:
    g.add((ev, RDF.type, NKG.Evidence))
    g.add((ev, PROV.wasDerivedFrom, d))
    g.add((ev, NKG.sentence, Literal(ev_data.sentence)))
    g.add((ev, NKG.startOffset, Literal(ev_data.start)))
    g.add((ev, NKG.endOffset, Literal(ev_data.end)))
    g.add((ev, DCTERMS.language, Literal(ev_data.lang)))
    g.add((ev, NKG.engine, Literal(ev_data.engine)))
    g.add((ev, NKG.confidence, Literal(round(confidence, 3))))
    if trigger:
        g.add((ev, NKG.trigger, Literal(trigger)))


def refresh_derived(ds: Dataset) -> Graph:
    """Recompute values that depend on all documents: event reports and coarser-dated statements
    linked to the statement they describe, source counts and statement confidence (graph/events.py)."""
    from .events import derived_triples

    derived = ds.graph(DERIVED_GRAPH)
    derived.remove((None, None, None))
    for t in derived_triples(ds):
        derived.add(t)
    return derived


def add_ontology(ds: Dataset) -> None:
    g = ds.graph(ONTOLOGY_GRAPH)
    if len(g) == 0:
        g.parse(ONTOLOGY_FILE, format="turtle")


def remove_document(ds: Dataset, doc_id: str) -> None:
    ds.remove_graph(ds.graph(DOC_NS[doc_id]))


def union_graph(ds: Dataset) -> Graph:
    """A plain Graph with every triple of every named graph (for Turtle export and views)."""
    g = Graph()
    bind_prefixes(g)
    for t in ds.triples((None, None, None)):
        g.add(t)
    return g


__all__ = ["new_dataset", "add_document", "refresh_derived", "add_ontology", "remove_document",
           "union_graph", "entity_iri", "doc_iri", "statement_iri", "DERIVED_GRAPH", "ONTOLOGY_GRAPH",
           "BNode"]
