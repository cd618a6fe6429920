"""Bring a store in line with the documents of a build, writing only what changed.

Each document's facts live in their own named graph. A *batch* of document changes (new graph,
changed graph, graph removed) goes to the store as ONE SPARQL Update request, together with the
derived values (source counts, confidence) of every statement those documents touch, recomputed
by ``rdf.refresh_derived`` from the evidence of all the documents that report them. Oxigraph
applies a request atomically, so whatever point a build is killed at, the store holds each
document whole or not at all, and derived values that agree with the documents it holds.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from newskg.extract.errors import InputError, NewsKGError, StoreError
from newskg.ontology.terms import DOC_NS, NKG, ONTOLOGY_FILE

from .rdf import DERIVED_GRAPH, ONTOLOGY_GRAPH, refresh_derived
# Edit, norm, term_text and update_text are also imported from here (tests)
from .sparql_text import Edit, Triple, norm, norm_set, term_text, update_text, values_text

__all__ = ["BATCH_DOCS", "BATCH_TRIPLES", "Change", "Edit", "SyncStats", "apply_changes", "commit",
           "ensure_ontology", "graph_triples", "norm", "refresh_all_derived", "stored_documents",
           "term_text", "update_text"]

BATCH_DOCS = 64          # documents per update request
BATCH_TRIPLES = 50_000   # ... or fewer, when their graphs are large
VALUES_CHUNK = 1_000     # statement IRIs per VALUES block in a read


@dataclass
class Change:
    """One document graph to write: ``triples`` None removes the graph."""
    doc_id: str
    triples: set[Triple] | None
    record: tuple | None = None   # what the cache notes once the store has it (sig, lookups, facts)


@dataclass
class SyncStats:
    written: int = 0          # document graphs written or replaced
    removed: int = 0          # document graphs dropped
    same: int = 0             # recomputed, found identical in the store, not written
    failed: list[NewsKGError] = field(default_factory=list)


# --- reading the store ------------------------------------------------------------------------

def graph_triples(backend, name: URIRef) -> set[Triple]:
    """The triples of one named graph (the backend's own reader when it has one)."""
    reader = getattr(backend, "graph_triples", None)
    if reader is not None:
        return reader(name)
    result = backend.dataset.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {term_text(name)} {{ ?s ?p ?o }} }}")
    return set(result.graph) if result.graph is not None else set()


def stored_documents(backend) -> dict[str, str]:
    """doc id -> content hash of every document graph in the store."""
    reader = getattr(backend, "document_hashes", None)
    if reader is not None:
        return reader(str(DOC_NS), str(NKG.contentHash))
    rows = backend.dataset.query("SELECT ?g ?h WHERE { GRAPH ?g { ?g nkg:contentHash ?h } }",
                    initNs={"nkg": NKG._NS})
    return {str(g)[len(str(DOC_NS)):]: str(h) for g, h in rows if str(g).startswith(str(DOC_NS))}


def _other_evidence(ds: Dataset, statements: list[URIRef], excluded: set[URIRef], evidence: bool = True) -> set[Triple]:
    """What other documents say about these statements (or reports) and, unless ``evidence`` is
    False, about their evidence."""
    out: set[Triple] = set()
    skip = f"FILTER(?g NOT IN ({', '.join(term_text(g) for g in excluded)}))" if excluded else ""
    ev = f"UNION {{ ?st <{NKG.evidence}> ?ev . ?ev ?q ?v }}" if evidence else ""
    for i in range(0, len(statements), VALUES_CHUNK):
        chunk = values_text(statements[i:i + VALUES_CHUNK])
        q = f"""CONSTRUCT {{ ?st ?p ?o . ?ev ?q ?v }} WHERE {{
                  VALUES ?st {{ {chunk} }}
                  GRAPH ?g {{ {{ ?st ?p ?o }} {ev} }}
                  FILTER(?g != {term_text(DERIVED_GRAPH)}) {skip} }}"""
        result = ds.query(q)
        out.update(result.graph or ())
    return out


def _derived_of(ds: Dataset, statements: list[URIRef]) -> set[Triple]:
    out: set[Triple] = set()
    for i in range(0, len(statements), VALUES_CHUNK):
        q = f"""CONSTRUCT {{ ?st ?p ?o }} WHERE {{ VALUES ?st {{ {values_text(statements[i:i + VALUES_CHUNK])} }}
                  GRAPH {term_text(DERIVED_GRAPH)} {{ ?st ?p ?o }} }}"""
        out.update(ds.query(q).graph or ())
    return out


# --- writing ----------------------------------------------------------------------------------

def _statements(triples: Iterable[Triple]) -> set[URIRef]:
    return {s for s, p, o in triples if p == RDF.type and o == NKG.Statement}


def commit(backend, changes: list[Change], derive: bool = True) -> tuple[list[Change], list[Change]]:
    """Write a batch as one update request, with the derived values it changes unless ``derive`` is
    false (a bulk load recomputes them all at its end). Returns (written, unchanged) changes."""
    ds = backend.dataset
    todo, same, olds = [], [], {}
    old_statements: set[URIRef] = set()
    for ch in changes:
        old = graph_triples(backend, DOC_NS[ch.doc_id])
        if (ch.triples is None and not old) or (ch.triples is not None and norm_set(old) == norm_set(ch.triples)):
            same.append(ch)
            continue
        old_statements |= _statements(old)
        todo.append(ch)
        olds[ch.doc_id] = old
    if not todo:
        return [], same
    edits = [Edit(DOC_NS[ch.doc_id], olds[ch.doc_id], ch.triples or set()) for ch in todo]
    if not derive:
        backend.update(update_text(edits))
        return todo, same
    new_graphs = {DOC_NS[ch.doc_id]: ch.triples for ch in todo if ch.triples is not None}
    affected, derived_new = _recompute_derived(ds, old_statements, set().union(*olds.values()),
                                               {DOC_NS[ch.doc_id] for ch in todo}, new_graphs)
    derived_old = _derived_of(ds, affected)
    if norm_set(derived_old) != norm_set(derived_new):
        edits.append(Edit(DERIVED_GRAPH, derived_old, derived_new, drop=False))
    backend.update(update_text(edits))
    return todo, same


def _recompute_derived(ds: Dataset, old_statements: set[URIRef], old_triples: set[Triple],
                       replaced: set[URIRef], new_graphs: dict[URIRef, set[Triple]]) -> tuple[list[URIRef], set[Triple]]:
    """The statements whose derived values this batch may change, and those values as
    ``refresh_derived`` computes them over the documents the store holds once the batch is written.
    Besides the statements the batch's documents state, that is every statement of the event
    families (relation, entity) they touch: a report or a finer-dated statement that comes or goes
    changes which statement a report or a coarse statement stands for (graph/events.py)."""
    import pyoxigraph as ox

    from .events import families, family_nodes, with_reports
    from .oxconvert import to_ox
    from .store import OxigraphBackend, StoreSpec

    new_triples = set().union(*new_graphs.values())
    touched = families(old_triples) | families(new_triples)
    in_families, partners = family_nodes(ds, touched, replaced) if touched else (set(), set())
    # (reports among them have no derived values: harmless)
    affected = set(old_statements) | _statements(new_triples) | in_families
    if not affected:
        return [], set()
    # a statement's values depend on the families of both its arguments: which statement each
    # report of the other argument's family stands for (their descriptions, not their evidence);
    # a family without reports changes nothing outside itself
    partners = with_reports(ds, partners - touched) if partners - touched else set()
    context, _ = family_nodes(ds, partners, replaced) if partners else (set(), set())
    # refresh_derived's queries run in Oxigraph, on the default graph (the union, as in the store)
    scratch = OxigraphBackend(StoreSpec("memory"))
    triples = _other_evidence(ds, sorted(affected), replaced) | new_triples
    triples |= _other_evidence(ds, sorted(context - affected), replaced, evidence=False)
    scratch.ox.extend(ox.Quad(*map(to_ox, t)) for t in triples)
    return sorted(affected), {t for t in refresh_derived(scratch.dataset) if t[0] in affected}


def refresh_all_derived(backend) -> bool:
    """Every derived value recomputed from the document graphs the store holds: after an upgrade
    changed how they are derived (graph/events.py), when no batch would touch most statements.
    True when the derived graph changed."""
    import pyoxigraph as ox

    from .oxconvert import to_ox
    from .store import OxigraphBackend, StoreSpec

    skip = {str(DERIVED_GRAPH), str(ONTOLOGY_GRAPH)}
    scratch = OxigraphBackend(StoreSpec("memory"))   # the documents' union, without derived values
    native = getattr(backend, "ox", None)
    if native is not None:   # Oxigraph to Oxigraph: no rdflib terms on the way (a million quads)
        skip_ox = {ox.NamedNode(g) for g in skip}
        scratch.ox.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                          for q in native.quads_for_pattern(None, None, None, None)
                          if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name not in skip_ox)
    else:
        rows = backend.dataset.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ?t } }")
        for (g,) in rows:
            if str(g) not in skip:
                scratch.ox.extend(ox.Quad(*map(to_ox, t)) for t in graph_triples(backend, URIRef(g)))
    fresh = set(refresh_derived(scratch.dataset))
    current = graph_triples(backend, DERIVED_GRAPH)
    if norm_set(current) == norm_set(fresh):
        return False
    backend.update(update_text([Edit(DERIVED_GRAPH, current, fresh)]))
    return True


def ensure_ontology(backend) -> bool:
    """The ontology graph, replaced when the ontology file changed. True when written."""
    g = Graph().parse(ONTOLOGY_FILE, format="turtle")  # no blank nodes (term_text refuses them)
    current = graph_triples(backend, ONTOLOGY_GRAPH)
    if norm_set(current) == norm_set(g):
        return False
    backend.update(update_text([Edit(ONTOLOGY_GRAPH, current, set(g))]))
    return True


def apply_changes(backend, changes: Iterable[Change], *, on_written: Callable[[list[Change]], None],
                  advance: Callable[[int], None] = lambda n: None, flush_every_s: float = 10.0,
                  derive: bool = True) -> SyncStats:
    """Write changes in batches; ``on_written`` gets the changes the store durably holds (after a
    flush), so that the cache never claims more than the store has. ``derive=False`` leaves the
    derived values to the caller (``refresh_all_derived``): a batch's event families grow with the
    store, so recomputing them per batch makes a large first build quadratic."""
    stats = SyncStats()
    batch: list[Change] = []
    size = 0
    held: list[Change] = []
    last_flush = time.monotonic()

    def run(batch: list[Change]) -> None:
        nonlocal last_flush
        try:
            written, same = commit(backend, batch, derive)
        except StoreError as exc:
            if len(batch) == 1:
                stats.failed.append(InputError(f"not stored: {exc}", batch[0].doc_id))
                return
            for ch in batch:  # find the document the store refused; the others go on
                run([ch])
            return
        stats.written += sum(ch.triples is not None for ch in written)
        stats.removed += sum(ch.triples is None for ch in written)
        stats.same += len(same)
        held.extend(written + same)
        if time.monotonic() - last_flush > flush_every_s:
            backend.flush()
            on_written(held[:])
            held.clear()
            last_flush = time.monotonic()

    for ch in changes:
        batch.append(ch)
        size += len(ch.triples or ())
        if len(batch) >= BATCH_DOCS or size >= BATCH_TRIPLES:
            run(batch)
            advance(len(batch))
            batch, size = [], 0
    if batch:
        run(batch)
        advance(len(batch))
    backend.flush()
    on_written(held)
    return stats
