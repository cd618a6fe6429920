"""The query side of `newskg serve`: a worker process that holds the store open read-only and
answers one query at a time, and the content negotiation both sides agree on. Kept free of
rdflib and of the server so that a fresh worker starts fast."""
from __future__ import annotations

import pickle
import struct
import sys

# media type -> (result kind, pyoxigraph format name); the first of each kind is its default
KINDS: dict[str, tuple[str, str]] = {
    "application/sparql-results+json": ("solutions", "JSON"),
    "application/json": ("solutions", "JSON"),
    "application/sparql-results+xml": ("solutions", "XML"),
    "application/xml": ("solutions", "XML"),
    "text/csv": ("solutions", "CSV"),
    "text/tab-separated-values": ("solutions", "TSV"),
    "text/turtle": ("graph", "TURTLE"),
    "application/n-triples": ("graph", "N_TRIPLES"),
    "application/rdf+xml": ("graph", "RDF_XML"),
    "application/ld+json": ("graph", "JSON_LD"),
}
DEFAULTS = {"solutions": "application/sparql-results+json", "graph": "text/turtle"}


def negotiate(accept: str | None) -> list[str]:
    """Media types the client takes, best first; ``*/*`` (or no header) allows the defaults."""
    if not accept:
        return ["*/*"]
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0] and q > 0:
            ranked.append((-q, i, fields[0].lower()))
    return [m for _, _, m in sorted(ranked)]


def choose(kind: str, accepted: list[str]) -> str | None:
    for media in accepted:
        if media in KINDS and KINDS[media][0] == kind:
            return media
        if media in ("*/*", "application/*", "text/*") and (media == "*/*" or DEFAULTS[kind].startswith(media[:-1])):
            return DEFAULTS[kind]
    return None


def _open(source: tuple[str, str]):
    import pyoxigraph as ox

    kind, location = source
    if kind == "oxigraph":
        return ox.Store.read_only(location)
    store = ox.Store()
    store.load(path=location, format=ox.RdfFormat.TRIG)
    # as in a store newskg writes: the default graph is the union of the named graphs, as a set
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def answer(store, request: tuple) -> tuple[int, str, bytes]:
    import pyoxigraph as ox

    sparql, accepted, default_graphs, named_graphs, prefixes = request
    try:
        result = store.query(sparql, prefixes=prefixes,
                             default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
                             named_graphs=[ox.NamedNode(g) for g in named_graphs] or None)
        if isinstance(result, ox.QueryTriples):
            media = choose("graph", accepted)
            if media is None:
                return _not_acceptable("graph", accepted)
            return 200, media, ox.serialize(result, None, getattr(ox.RdfFormat, KINDS[media][1]))
        media = choose("solutions", accepted)
        if media is None:
            return _not_acceptable("solutions", accepted)
        return 200, media, result.serialize(format=getattr(ox.QueryResultsFormat, KINDS[media][1]))
    except SyntaxError as exc:
        return 400, "text/plain", f"bad SPARQL query: {exc}\n".encode()
    except (ValueError, OSError) as exc:
        return 400, "text/plain", f"query failed: {exc}\n".encode()


def _not_acceptable(kind: str, accepted: list[str]) -> tuple[int, str, bytes]:
    offered = [m for m, (k, _) in KINDS.items() if k == kind]
    msg = f"cannot answer in {', '.join(accepted)}; this result is available as: {', '.join(offered)}\n"
    return 406, "text/plain", msg.encode()


def send(stream, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">Q", len(data)) + data)
    stream.flush()


def receive(stream) -> object:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("the other side closed the pipe")
    (size,) = struct.unpack(">Q", head)
    return pickle.loads(stream.read(size))  # noqa: S301 - our own parent/child pipe


def main(argv: list[str]) -> int:
    """``python -m newskg.graph.serve_worker oxigraph|trig LOCATION``: answer requests on stdin."""
    source = (argv[0], argv[1])
    try:
        store, error = _open(source), ""
    except Exception as exc:  # noqa: BLE001 - reported to the server, which stops with the message
        store, error = None, f"cannot open the graph {source[1]}: {exc}"
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            request = receive(inp)
        except EOFError:
            return 0
        send(out, answer(store, request) if store is not None else (500, "text/plain", error.encode()))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
