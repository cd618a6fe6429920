"""Triples as SPARQL text: terms, data blocks, and the one Update request a batch of graph edits
becomes (graph/incremental.py sends it). Also the comparable form of a term, since stores write
literals in canonical form and a change is judged on that form."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from newskg.extract.errors import StoreError

Triple = tuple

# --- terms ------------------------------------------------------------------------------------

_ESCAPE = re.compile(r'[\\"\n\r]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_BAD_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_IRI_TEXT: dict[URIRef, str] = {}   # entity, predicate and class IRIs repeat in every document


def term_text(t) -> str:
    if isinstance(t, URIRef):
        text = _IRI_TEXT.get(t)
        if text is None:
            if _BAD_IRI.search(t):
                raise StoreError(f"cannot store the IRI <{t}>: it has characters IRIs may not carry")
            text = f"<{t}>"
            if len(_IRI_TEXT) < 200_000:
                _IRI_TEXT[t] = text
        return text
    if isinstance(t, Literal):
        body = '"' + _ESCAPE.sub(lambda m: _ESCAPES[m.group()], str(t)) + '"'
        if t.language:
            return f"{body}@{t.language}"
        if t.datatype and t.datatype != XSD.string:
            return f"{body}^^<{t.datatype}>"
        return body
    raise StoreError(f"newskg graphs have no blank nodes; got {t!r}")


def norm(t):
    """A comparable form: stores write literals in canonical form ("50000000.0" -> "50000000")."""
    if isinstance(t, Literal):
        value = t.toPython()
        if isinstance(value, Literal):
            value = str(t)
        dt = "" if t.datatype in (None, XSD.string) else str(t.datatype)
        return ("L", value, dt, (t.language or "").lower())
    return t


def norm_set(triples: Iterable[Triple]) -> set:
    return {(s, p, norm(o)) for s, p, o in triples}


def _line(t: Triple) -> str:
    return " ".join(term_text(x) for x in t)


def _lines(triples: Iterable[Triple]) -> str:
    return " .\n".join(_line(t) for t in triples)


def _data_block(graph: URIRef, triples: Iterable[Triple]) -> str:
    lines = _lines(triples)
    return f"GRAPH {term_text(graph)} {{\n{lines} }}" if lines else ""


def values_text(terms: Iterable) -> str:
    return " ".join(term_text(t) for t in terms)


# --- update requests --------------------------------------------------------------------------

@dataclass
class Edit:
    """One named graph's change: ``drop`` replaces the graph, else ``removed`` triples are deleted."""
    name: URIRef
    removed: set[Triple]
    added: set[Triple]
    drop: bool = True


def update_text(edits: list[Edit]) -> str:
    """One SPARQL Update request for a set of graph edits. The store's default graph is kept as
    the union of the named graphs *as a set*: a triple that several documents state is there
    once, so queries on it count it once (Oxigraph's union default graph repeats it per graph,
    and a label repeated in 80 documents multiplies every join by 80). A triple leaves the
    default graph when no named graph holds it any more."""
    parts, blocks, default, gone = [], [], set(), []
    for e in edits:
        if e.drop:
            parts.append(f"DROP SILENT GRAPH {term_text(e.name)}")
        elif e.removed:
            parts.append(f"DELETE DATA {{ {_data_block(e.name, e.removed)} }}")
        if e.added:
            blocks.append(_data_block(e.name, e.added))
            default |= e.added
        kept = norm_set(e.added)
        gone.extend(t for t in e.removed if (t[0], t[1], norm(t[2])) not in kept)
    if blocks:
        parts.append("INSERT DATA {\n" + "\n".join(blocks) + "\n" + _lines(default) + " }")
    if gone:
        rows = "\n".join(f"({_line(t)})" for t in gone)
        parts.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows} }}\n"
                     f"  FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")
    return " ;\n".join(parts)
