"""Where a built graph lives.

A *store* holds the dataset (one named graph per document, the derived graph, the ontology):
- ``oxigraph`` (default): an embedded Oxigraph database on disk, ``OUT/store``, through oxrdflib so
  that rdflib stays the interface; ``oxigraph:DIR`` puts it elsewhere;
- ``memory``: an in-memory Oxigraph store for one-shot runs (nothing kept but the output files);
- ``sparql+URL``: any SPARQL 1.1 Query and Update endpoint (see remote.py).
Every write is one SPARQL Update request, which Oxigraph applies atomically: a document is stored
whole or not at all. The store's default graph holds the union of the named graphs, each triple
once; queries read it (see incremental.update_text for why). The output folder records which store a build used (``store.json``), so that
``query``, ``export``, ``evaluate``, ``view`` and ``serve`` read the same store; a folder without
one (or a ``memory`` build) is read from ``graph.trig``.
"""
from __future__ import annotations

import gc
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from newskg.extract.errors import StoreError, UnknownChoice

from .oxconvert import from_ox
from .rdf import PREFIXES, bind_prefixes, new_dataset, union_graph

EXPORT_FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
QUAD_FORMATS = {"trig", "nq", "jsonld"}
STORE_KINDS = ("oxigraph", "oxigraph:DIR", "memory", "sparql+http://HOST/query[;update=URL]")
CONFIG = "store.json"
STORE_DIR = "store"


@dataclass(frozen=True)
class StoreSpec:
    kind: str                      # "oxigraph" | "memory" | "sparql"
    location: str = ""             # folder (oxigraph; relative to the output folder when inside it) or query URL
    update_url: str = ""           # sparql only
    base: str = field(default="", compare=False)   # the output folder a relative location is in

    @property
    def path(self) -> str:
        """The Oxigraph folder: a relative location follows its output folder when that moves."""
        if self.base and self.location and not Path(self.location).is_absolute():
            return str(Path(self.base) / self.location)
        return self.location

    @property
    def ident(self) -> str:
        """What identifies the store's content: a cache of what was written is valid only for it."""
        return f"{self.kind}:{self.location}"

    def to_text(self) -> str:
        if self.kind == "oxigraph":
            return f"oxigraph:{self.path}"
        if self.kind == "sparql":
            return f"sparql+{self.location};update={self.update_url}"
        return self.kind


def parse_store(text: str | None, out_dir: str | Path) -> StoreSpec:
    """``None`` means: the store this folder used last, else an Oxigraph store in ``OUT/store``."""
    out = Path(out_dir)
    base = str(out.resolve())
    if text is None:
        recorded = read_config(out)
        return recorded if recorded else StoreSpec("oxigraph", STORE_DIR, base=base)
    if text == "memory":
        return StoreSpec("memory")
    if text == "oxigraph":
        return StoreSpec("oxigraph", STORE_DIR, base=base)
    if text.startswith("oxigraph:"):
        return StoreSpec("oxigraph", str(Path(text[len("oxigraph:"):]).expanduser().resolve()))
    if text.startswith("sparql+"):
        from .remote import parse_sparql_spec

        query_url, update_url = parse_sparql_spec(text)
        return StoreSpec("sparql", query_url, update_url)
    raise UnknownChoice("store", text, STORE_KINDS)


def read_config(out: Path) -> StoreSpec | None:
    path = out / CONFIG
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return StoreSpec(data["kind"], data.get("location", ""), data.get("update_url", ""), base=str(out.resolve()))
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"cannot read {path}: {exc}; delete it and build again") from exc


def write_config(out: Path, spec: StoreSpec) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / (CONFIG + ".tmp")
    tmp.write_text(json.dumps({"kind": spec.kind, "location": spec.location, "update_url": spec.update_url},
                              indent=1), encoding="utf-8")
    tmp.replace(out / CONFIG)


class Backend(Protocol):
    """A store as newskg uses it: an rdflib Dataset to read (default graph = union of all graphs),
    and atomic SPARQL Update requests to write."""

    spec: StoreSpec
    dataset: Dataset

    def update(self, sparql: str) -> None: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...
    def write_files(self, out_dir: Path) -> dict[str, Path]: ...


class OxDataset(Dataset):
    """A Dataset over an Oxigraph store written by newskg: queries read the default graph, which
    newskg keeps as the union of the named graphs *as a set* (see incremental.update_text), and
    ``quads`` gives the named graphs only (the default graph repeats them). Query prefixes may be
    rdflib's namespace classes (``initNs={"prov": PROV}``); Oxigraph wants strings."""

    def __init__(self, store) -> None:
        super().__init__(store=store, default_union=False)

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        ns = {k: str(v) for k, v in (initNs or dict(self.namespaces())).items()}
        return super().query(query_object, processor, result, ns, initBindings, use_store_provided, **kwargs)

    def quads(self, quad=None):
        for s, p, o, c in super().quads(quad):
            if c is not None and c != DATASET_DEFAULT_GRAPH_ID:
                yield s, p, o, c


class OxigraphBackend:
    """Embedded Oxigraph (on disk, or in memory when ``path`` is None) behind oxrdflib."""

    def __init__(self, spec: StoreSpec, *, read_only: bool = False):
        import pyoxigraph as ox
        from oxrdflib import OxigraphStore

        self.spec = spec
        try:
            if spec.kind == "memory":
                self.ox = ox.Store()
            elif read_only:
                self.ox = ox.Store.read_only(spec.path)
            else:
                self.ox = ox.Store(spec.path)
        except OSError as exc:
            hint = " (another newskg build or remove is using it; wait for it to finish)" if "lock" in str(exc).lower() else ""
            raise StoreError(f"cannot open the Oxigraph store {spec.path}{hint}: {exc}") from exc
        # the Dataset's identifier is an IRI, and reads use the union of the named graphs
        # (oxrdflib issue 31: a Graph with a blank-node identifier sees nothing after a reopen)
        self.dataset = OxDataset(OxigraphStore(store=self.ox))
        bind_prefixes(self.dataset)

    def update(self, sparql: str) -> None:
        try:
            self.ox.update(sparql)
        except (SyntaxError, OSError, ValueError) as exc:
            raise StoreError(f"the Oxigraph store refused an update: {exc}") from exc

    def graph_triples(self, name) -> set[tuple]:
        """One named graph, read straight from Oxigraph (no rdflib Graph in between)."""
        import pyoxigraph as ox

        return {(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                for q in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))}

    def document_hashes(self, prefix: str, hash_property: str) -> dict[str, str]:
        """doc id -> content hash of the document graphs, straight from Oxigraph (10,000 rows
        through rdflib cost a second)."""
        import pyoxigraph as ox

        # every document graph states its hash (rdf.add_document); the class adds a join that
        # costs four times as much
        rows = self.ox.query(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{hash_property}> ?h }} }}")
        return {r[0].value[len(prefix):]: r[1].value for r in rows
                if isinstance(r[0], ox.NamedNode) and r[0].value.startswith(prefix)}

    def flush(self) -> None:
        if self.spec.kind != "memory":
            self.ox.flush()

    def close(self) -> None:
        """Release the database now (its lock, too): rdflib's Dataset sits in reference cycles,
        so waiting for the garbage collector would keep the next build out."""
        self.flush()
        self.dataset.store.close()  # drops oxrdflib's reference to the database
        del self.ox
        gc.collect()  # unfinished query results in cycles may still hold it

    def write_files(self, out_dir: Path) -> dict[str, Path]:
        """graph.trig (every named graph) and graph.ttl (their union), with Oxigraph's own writers,
        which take seconds where rdflib's take minutes on a large graph."""
        import pyoxigraph as ox

        trig, ttl = out_dir / "graph.trig", out_dir / "graph.ttl"
        _atomic(trig, lambda p: _dump(self.ox, "trig", str(p)))
        _atomic(ttl, lambda p: _dump(self.ox, "ttl", str(p)))
        return {"trig": trig, "ttl": ttl}


def _atomic(path: Path, write) -> None:
    """Write to a temporary name and rename, so that a crash never leaves half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    write(tmp)
    tmp.replace(path)


def open_backend(spec: StoreSpec, *, read_only: bool = False) -> Backend:
    if spec.kind in ("oxigraph", "memory"):
        if spec.kind == "oxigraph" and read_only and not Path(spec.path).is_dir():
            raise StoreError(f"no store at {spec.path} (recorded in {Path(spec.base) / CONFIG}); "
                             "build again, or delete that file to read graph.trig")
        return OxigraphBackend(spec, read_only=read_only)
    if spec.kind == "sparql":
        from .remote import SparqlBackend

        return SparqlBackend(spec)
    raise UnknownChoice("store kind", spec.kind, ("oxigraph", "memory", "sparql"))


def save_dataset(ds: Dataset, out_dir: Path) -> dict[str, Path]:
    """graph.trig and graph.ttl from any rdflib Dataset."""
    out_dir.mkdir(parents=True, exist_ok=True)
    trig, ttl = out_dir / "graph.trig", out_dir / "graph.ttl"
    _atomic(trig, lambda p: ds.serialize(p, format="trig"))
    _atomic(ttl, lambda p: union_graph(ds).serialize(p, format="turtle"))
    return {"trig": trig, "ttl": ttl}


def load_dataset(out_dir: str | Path) -> Dataset:
    """The graph of a build folder, read-only: its store when it has one, else its graph.trig (or a
    TriG file given directly)."""
    path = Path(out_dir)
    spec = read_config(path) if path.is_dir() else None
    if spec is not None and spec.kind != "memory":
        return open_backend(spec, read_only=True).dataset
    trig = path / "graph.trig" if path.is_dir() else path
    if not trig.exists():
        raise StoreError(f"no graph in {out_dir}: expected {trig} (run `newskg build INPUT -o {out_dir}` first)")
    ds = new_dataset()
    try:
        ds.parse(trig, format="trig" if trig.suffix == ".trig" else None)
    except Exception as exc:  # rdflib raises many parser exception types
        raise StoreError(f"cannot read {trig}: {exc}") from exc
    bind_prefixes(ds)
    return ds


def export(ds: Dataset, fmt: str) -> str:
    if fmt not in EXPORT_FORMATS:
        raise UnknownChoice("format", fmt, EXPORT_FORMATS)
    native = _oxigraph_of(ds)
    if native is not None:
        return _export_native(native, fmt)
    if fmt in QUAD_FORMATS:
        return ds.serialize(format=EXPORT_FORMATS[fmt])
    return union_graph(ds).serialize(format=EXPORT_FORMATS[fmt])


def _oxigraph_of(ds: Graph):
    store = getattr(ds, "store", None)
    return getattr(store, "_inner", None) if type(store).__name__ == "OxigraphStore" else None


def _dump(store, fmt: str, path: str | None = None) -> bytes | None:
    """Oxigraph's own writers (seconds where rdflib's take minutes on a large graph): the named
    graphs for quad formats, the default graph (their union as a set) for triple formats."""
    import pyoxigraph as ox

    kind = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
            "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
    prefixes = {k: str(v) for k, v in PREFIXES.items()} if fmt in ("ttl", "trig") else None
    if fmt in QUAD_FORMATS:
        named = (q for q in store.quads_for_pattern(None, None, None, None)
                 if not isinstance(q.graph_name, ox.DefaultGraph))
        return ox.serialize(named, path, kind, prefixes=prefixes) if prefixes else ox.serialize(named, path, kind)
    if prefixes:
        return store.dump(path, format=kind, from_graph=ox.DefaultGraph(), prefixes=prefixes)
    return store.dump(path, format=kind, from_graph=ox.DefaultGraph())


def _export_native(store, fmt: str) -> str:
    return _dump(store, fmt).decode("utf-8")
