"""One event from many reports: derived links between what documents say about the same event.

A statement gathers the documents that report the same (relation, arguments, date, status).
Two more kinds of report describe an event that already has a statement:
- an event report (nkg:EventReport) names one participant only ("after the talks at the Kremlin
  on 2 November, Putin said"): it becomes evidence of the one statement of its relation, status
  and participant whose date and place agree with it;
- a statement dated coarsely ("met in 2016") when its relation, arguments and status have exactly
  one finer-dated event within that date ("met in May 2016"): ``coarse nkg:sameEventAs fine``,
  and the fine statement counts the coarse one's evidence.
Ambiguous cases (two fitting statements) link nothing. Everything here is derived: computed over
the documents present (rdf.refresh_derived), so it follows additions and removals. The values of a
statement depend only on the statements and reports of its two *families* (relation, entity),
and of its year (dates one within the other share their year), which is what an incremental
batch recomputes (``families``, ``family_nodes``).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from newskg.ontology.terms import NKG

from .sparql_text import term_text

Triple = tuple
# relations whose statements are single events, so that a coarse date with one finer event of the
# same arguments inside it is that event (a sanction or a support goes on; they are not linked)
LINKED = frozenset({"met", "talkedTo", "visited", "signedAgreement", "invited", "awarded"})
_LINKED_IRIS = frozenset(NKG[r] for r in LINKED)
_PREFIXES = f"PREFIX nkg: <{NKG._NS}>\nPREFIX prov: <{PROV}>\nPREFIX rdf: <{RDF}>\n"
_VALUES = " ".join(f"<{NKG[r]}>" for r in sorted(LINKED))


@dataclass
class _Event:
    relation: URIRef
    args: tuple            # (subject, object) of a statement, (participant,) of a report
    status: URIRef
    date: str              # ISO prefix: 2016, 2016-05, 2016-05-12
    places: set


def _contains(coarse: str, fine: str) -> bool:
    return fine.startswith(coarse + "-")


def _read(ds) -> tuple[dict[URIRef, _Event], dict[URIRef, _Event]]:
    """Dated statements and event reports of the linked relations, with their places."""
    statements: dict[URIRef, _Event] = {}
    reports: dict[URIRef, _Event] = {}
    q = _PREFIXES + f"""SELECT ?x ?rel ?s ?o ?p ?status ?date ?place WHERE {{
        VALUES ?rel {{ {_VALUES} }}
        {{ ?x a nkg:Statement ; nkg:relation ?rel ; rdf:subject ?s ; rdf:object ?o }}
        UNION {{ ?x a nkg:EventReport ; nkg:relation ?rel ; nkg:participant ?p }}
        ?x nkg:status ?status ; nkg:date ?date .
        OPTIONAL {{ ?x nkg:place ?place }} }}"""
    for x, rel, s, o, p, status, date, place in ds.query(q):
        into, args = (reports, (p,)) if p is not None else (statements, (s, o))
        ev = into.get(x)
        if ev is None:
            ev = into[x] = _Event(rel, args, status, str(date), set())
        if place is not None:
            ev.places.add(place)
    return statements, reports


def same_events(statements: dict[URIRef, _Event]) -> dict[URIRef, URIRef]:
    """coarse statement -> the one finest statement of its relation, arguments and status dated
    within its date (2016 -> 2016-05; 2016 with 2016-05 and 2016-07: nothing)."""
    groups: dict[tuple, list[tuple[str, URIRef]]] = defaultdict(list)
    for st, ev in statements.items():
        groups[(ev.relation, ev.args, ev.status)].append((ev.date, st))
    out = {}
    for members in groups.values():
        for date, st in members:
            finer = [(d, t) for d, t in members if _contains(date, d)]
            leaves = [t for d, t in finer if not any(_contains(d, d2) for d2, _ in finer)]
            if len(leaves) == 1:
                out[st] = leaves[0]
    return out


def report_links(statements: dict[URIRef, _Event], reports: dict[URIRef, _Event],
                 same: dict[URIRef, URIRef]) -> dict[URIRef, URIRef]:
    """report -> the one statement it fits: same relation and status, the participant on either
    side, dates one within the other, and no other place. A coarse statement that stands for a
    finer one counts as that one."""
    family: dict[tuple, list[URIRef]] = defaultdict(list)
    for st, ev in statements.items():
        for who in ev.args:
            family[(ev.relation, who, ev.status)].append(st)
    out = {}
    for r, rep in reports.items():
        pool = set()
        for st in family.get((rep.relation, rep.args[0], rep.status), ()):
            ev = statements[st]
            if (ev.date == rep.date or _contains(ev.date, rep.date) or _contains(rep.date, ev.date)) \
                    and not (ev.places and rep.places and not ev.places & rep.places):
                pool.add(same.get(st, st))
        # a coarse statement whose arguments also have a finer candidate here is that one, or
        # another event of the same pair: it does not make the report ambiguous
        pool = {st for st in pool if not any(
            o != st and statements[o].args == statements[st].args and _contains(statements[st].date, statements[o].date)
            for o in pool)}
        if len(pool) == 1:
            out[r] = pool.pop()
    return out


def _evidence(ds) -> dict[URIRef, set[tuple]]:
    """node -> {(evidence, document, confidence)}: a statement's own evidence; a report is its own."""
    out: dict[URIRef, set[tuple]] = defaultdict(set)
    q = _PREFIXES + """SELECT ?x ?ev ?doc ?c WHERE {
        { ?x nkg:evidence ?ev } UNION { ?x a nkg:EventReport . BIND(?x AS ?ev) }
        ?ev prov:wasDerivedFrom ?doc ; nkg:confidence ?c }"""
    for x, ev, doc, c in ds.query(q):
        out[x].add((ev, doc, float(c)))
    return out


def derived_triples(ds) -> set[Triple]:
    """The derived graph over the documents in ``ds`` (its derived graph left out): links, then
    per statement its source count (distinct documents) and confidence."""
    statements, reports = _read(ds)
    same = same_events(statements)
    links = report_links(statements, reports, same)
    evidence = _evidence(ds)
    gained: dict[URIRef, set[tuple]] = defaultdict(set)
    out: set[Triple] = set()
    for coarse, fine in same.items():
        out.add((coarse, NKG.sameEventAs, fine))
        gained[fine] |= evidence.get(coarse, set())
    for r, st in links.items():
        gained[st] |= evidence.get(r, set())
    for st, rows in gained.items():
        out.update((st, NKG.evidence, ev) for ev, _, _ in rows)
    for st, rows in evidence.items():
        if st in reports:
            continue
        rows = rows | gained.get(st, set())
        n = len({doc for _, doc, _ in rows})
        conf = max(c for _, _, c in rows)
        out.add((st, NKG.sourceCount, Literal(n)))
        # several independent sources make a fact more credible
        out.add((st, NKG.confidence, Literal(round(min(1.0, conf + 0.1 * (n - 1)), 3))))
    return out


# --- what an incremental batch recomputes ----------------------------------------------------

def _year(date) -> str:
    return str(date).split("-")[0]


def families(triples: Iterable[Triple]) -> set[tuple[URIRef, URIRef, str]]:
    """(relation, entity, year) of every dated linked statement's two arguments and every report's
    participant: the nodes whose derived values a change of these triples may change."""
    by_node: dict[URIRef, dict] = defaultdict(dict)
    for s, p, o in triples:
        if p in (NKG.relation, RDF.subject, RDF.object, NKG.participant, NKG.date):
            by_node[s][p] = o
    out = set()
    for props in by_node.values():
        rel, date = props.get(NKG.relation), props.get(NKG.date)
        if rel in _LINKED_IRIS and date is not None:
            out.update((rel, props[k], _year(date)) for k in (RDF.subject, RDF.object, NKG.participant) if k in props)
    return out


def family_nodes(ds, fams: set[tuple], excluded: set[URIRef], chunk: int = 500) -> tuple[set[URIRef], set[tuple]]:
    """The statements and reports of these families in the store's document graphs (not those in
    ``excluded``), and the families of their statements' other arguments."""
    nodes: set[URIRef] = set()
    partners: set[tuple] = set()
    skip = f"FILTER(?g NOT IN ({', '.join(term_text(g) for g in excluded)}))" if excluded else ""
    fams_sorted = sorted(fams)
    for i in range(0, len(fams_sorted), chunk):
        rows = " ".join(f'({term_text(r)} {term_text(x)} "{y}")' for r, x, y in fams_sorted[i:i + chunk])
        # the entity first: Oxigraph joins in the order written, and from the relation it would
        # walk every statement of that relation for each family (quadratic in the corpus)
        q = _PREFIXES + f"""SELECT DISTINCT ?n ?rel ?other ?year WHERE {{
            VALUES (?rel ?x ?year) {{ {rows} }}
            GRAPH ?g {{ {{ ?n rdf:subject ?x . ?n nkg:relation ?rel ; rdf:object ?other }}
                        UNION {{ ?n rdf:object ?x . ?n nkg:relation ?rel ; rdf:subject ?other }}
                        UNION {{ ?n nkg:participant ?x . ?n nkg:relation ?rel }}
                        ?n nkg:date ?date }}
            FILTER(STRBEFORE(CONCAT(STR(?date), "-"), "-") = ?year)
            FILTER(STRSTARTS(STR(?g), "{_doc_prefix()}")) {skip} }}"""
        for n, rel, other, year in ds.query(q):
            nodes.add(n)
            if other is not None:
                partners.add((rel, other, str(year)))
    return nodes, partners


def with_reports(ds, fams: set[tuple], chunk: int = 500) -> set[tuple]:
    """The families among these that hold at least one event report: only through a report does
    a family change the values of statements outside it (a quick look, by participant)."""
    out: set[tuple] = set()
    fams_sorted = sorted(fams)
    for i in range(0, len(fams_sorted), chunk):
        rows = " ".join(f'({term_text(r)} {term_text(x)} "{y}")' for r, x, y in fams_sorted[i:i + chunk])
        q = _PREFIXES + f"""SELECT DISTINCT ?rel ?x ?year WHERE {{
            VALUES (?rel ?x ?year) {{ {rows} }}
            ?n nkg:participant ?x . ?n nkg:relation ?rel ; nkg:date ?date
            FILTER(STRBEFORE(CONCAT(STR(?date), "-"), "-") = ?year) }}"""
        out.update((rel, x, str(year)) for rel, x, year in ds.query(q))
    return out


def _doc_prefix() -> str:
    from newskg.ontology.terms import DOC_NS

    return str(DOC_NS)
