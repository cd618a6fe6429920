"""Ontology terms as an rdflib DefinedNamespace: a typo raises instead of minting a new IRI."""
from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

BASE = "https://w3id.org/newskg/"
ONTOLOGY_FILE = Path(__file__).with_name("newskg.ttl")


class NKG(DefinedNamespace):
    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # entity classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Award: URIRef
    # provenance classes and statuses
    Document: URIRef
    Statement: URIRef
    Evidence: URIRef
    EventReport: URIRef
    Status: URIRef
    Occurred: URIRef
    Planned: URIRef
    Denied: URIRef
    Proposed: URIRef
    Relation: URIRef
    # the fifteen relations
    met: URIRef
    talkedTo: URIRef
    visited: URIRef
    invited: URIRef
    lends: URIRef
    aids: URIRef
    sanctions: URIRef
    signedAgreement: URIRef
    supports: URIRef
    condemns: URIRef
    awarded: URIRef
    succeeded: URIRef
    holdsPosition: URIRef
    accompanied: URIRef
    quoted: URIRef
    # statement details and provenance
    relation: URIRef
    date: URIRef
    datePrecision: URIRef
    place: URIRef
    amount: URIRef
    currency: URIRef
    role: URIRef
    status: URIRef
    confidence: URIRef
    sourceCount: URIRef
    evidence: URIRef
    participant: URIRef
    sameEventAs: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    engine: URIRef
    trigger: URIRef
    mentionedIn: URIRef
    lookupKey: URIRef
    sourceFile: URIRef
    contentHash: URIRef


ENTITY_NS = Namespace(BASE + "entity/")
DOC_NS = Namespace(BASE + "doc/")
STATEMENT_NS = Namespace(BASE + "statement/")
EVIDENCE_NS = Namespace(BASE + "evidence/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
