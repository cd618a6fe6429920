"""A remote triple store: any SPARQL 1.1 Query + Update endpoint, through rdflib's SPARQL store.

Syntax: ``sparql+http://HOST:PORT/PATH`` (or ``sparql+https://``). The update endpoint is
``;update=URL`` when given, else the query URL with a last path segment ``query`` replaced by
``update`` (Oxigraph, Fuseki: ``/ds/query`` -> ``/ds/update``), else the query URL itself
(Blazegraph, Virtuoso). newskg keeps the store's default graph as the union of the named
graphs, each triple once, and queries read it: leave the endpoint's default graph as the real
default graph (no ``--union-default-graph`` in Oxigraph, no ``tdb:unionDefaultGraph`` in Fuseki).
Each write is one Update request; stores that apply a request atomically (Oxigraph, Fuseki/TDB2)
keep a document whole or absent.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from io import BytesIO
from urllib.parse import urlencode, urlsplit, urlunsplit

from rdflib import Dataset, Graph, Variable
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from newskg.extract.errors import QueryError, StoreError, UsageError

from .rdf import bind_prefixes

TIMEOUT_S = 300  # per HTTP request; a whole document's update is one request
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


def parse_sparql_spec(text: str) -> tuple[str, str]:
    """``sparql+URL[;update=URL]`` -> (query URL, update URL)."""
    body = text[len("sparql+"):]
    query_url, _, rest = body.partition(";update=")
    for url in filter(None, (query_url, rest)):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"bad store {text!r}; expected sparql+http://HOST[:PORT]/PATH[;update=URL]")
    if rest:
        return query_url, rest
    parts = urlsplit(query_url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last == "query":
        return query_url, urlunsplit(parts._replace(path=f"{head}/update"))
    return query_url, query_url


def _post(url: str, body: str, content_type: str, accept: str) -> tuple[bytes, str]:
    req = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                 headers={"Content-Type": content_type, "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as res:  # noqa: S310 - user-given endpoint
            return res.read(), res.headers.get("Content-Type", "").split(";")[0].strip()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:500]
        raise QueryError(f"{url} answered HTTP {exc.code}: {detail or exc.reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise StoreError(f"cannot reach the SPARQL endpoint {url}: {exc}") from exc


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def inline_bindings(query: str, values: dict[str, str]) -> str:
    """Bind variables for the whole WHERE group: ``VALUES (?a ?b) { (x y) }`` as its first line."""
    match = _WHERE.search(query) or re.search(r"\{", query)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    block = f"\n  VALUES ({' '.join('?' + k for k in values)}) {{ ({' '.join(values.values())}) }}\n"
    return query[:match.end()] + block + query[match.end():]


class QuadSPARQLStore(SPARQLStore):
    """rdflib's read-only SPARQL store, with errors that say what the server said and with quads
    (``Dataset.quads``, used by the viewer and the evaluator) answered from ``GRAPH ?g``."""

    def __init__(self, query_endpoint: str):
        super().__init__(query_endpoint=query_endpoint, returnFormat="json", method="POST")

    def query(self, query, initNs=None, initBindings=None, queryGraph=None, DEBUG=False):  # noqa: N803
        """rdflib's SPARQL store appends bindings as a VALUES block *after* the query, where they
        do not reach FILTERs inside it; put them at the start of the WHERE group instead."""
        if initBindings:
            query = inline_bindings(query, {k: self.node_to_sparql(v) for k, v in initBindings.items()})
        return super().query(query, initNs, None, queryGraph, DEBUG)

    def _query(self, query: str, default_graph: str | None = None, named_graph: str | None = None) -> Result:
        self._queries += 1
        url = self.query_endpoint
        if default_graph is not None:
            url += ("&" if "?" in url else "?") + urlencode({"default-graph-uri": str(default_graph)})
        data, ctype = _post(url, query, "application/sparql-query", _ACCEPT)
        return Result.parse(BytesIO(data), content_type=ctype or "application/sparql-results+json")

    def triples(self, spo, context=None) -> Iterator:  # type: ignore[override]
        if context is not None and getattr(context, "identifier", None) is not None and \
                self._is_contextual(context):
            for triple, _ in super().triples(spo, context):
                yield triple, iter((context,))
            return
        names = [Variable("s"), Variable("p"), Variable("o")]
        terms = [t if t is not None else v for t, v in zip(spo, names)]
        pattern = " ".join(self.node_to_sparql(t) for t in terms)
        rows = self._query(f"SELECT * WHERE {{ GRAPH ?g {{ {pattern} }} }}")
        for row in rows:
            triple = tuple(row.get(t, t) if isinstance(t, Variable) else t for t in terms)
            yield triple, iter((Graph(store=self, identifier=row.g),))


class SparqlBackend:
    """A store behind a SPARQL 1.1 Protocol endpoint (read) and an Update endpoint (write)."""

    def __init__(self, spec):
        self.spec = spec
        self.store = QuadSPARQLStore(spec.location)
        self.dataset = Dataset(store=self.store, default_union=True)
        bind_prefixes(self.dataset)

    def update(self, sparql: str) -> None:
        _post(self.spec.update_url, sparql, "application/sparql-update; charset=UTF-8", "*/*")

    def flush(self) -> None:
        """Each update request is committed by the server before it answers."""

    def close(self) -> None:
        pass

    def write_files(self, out_dir) -> dict:
        """graph.trig and graph.ttl from a dump of the endpoint's named graphs."""
        import pyoxigraph as ox

        from .oxconvert import to_ox
        from .store import OxigraphBackend, StoreSpec

        quads = self.store._query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")  # noqa: SLF001
        local = OxigraphBackend(StoreSpec("memory"))
        local.ox.extend(ox.Quad(to_ox(r.s), to_ox(r.p), to_ox(r.o), to_ox(r.g)) for r in quads)
        return local.write_files(out_dir)
