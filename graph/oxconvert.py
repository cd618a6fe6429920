"""rdflib terms to pyoxigraph terms and back, for the paths where going through oxrdflib's
Graph objects costs more than the work itself."""
from __future__ import annotations

from newskg.extract.errors import StoreError


def to_ox(term):
    """An rdflib term as a pyoxigraph one."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise StoreError(f"unexpected RDF term: {term!r}")


_IRIS: dict[str, object] = {}


def from_ox(term):
    """A pyoxigraph term as an rdflib one (IRIs cached: the same few thousand repeat)."""
    from rdflib import BNode, Literal, URIRef

    kind = type(term).__name__
    if kind == "NamedNode":
        iri = _IRIS.get(term.value)
        if iri is None:
            iri = URIRef(term.value)
            if len(_IRIS) < 200_000:
                _IRIS[term.value] = iri
        return iri
    if kind == "Literal":
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == "http://www.w3.org/2001/XMLSchema#string" else \
            Literal(term.value, datatype=from_ox(term.datatype))
    if kind == "BlankNode":
        return BNode(term.value)
    raise StoreError(f"unexpected RDF term from Oxigraph: {term!r}")
