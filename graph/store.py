"""Where a built graph lives: TriG (one named graph per document) and Turtle (the union) in the
output folder; loading a folder gives back the Dataset."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from newskg.extract.errors import StoreError, UnknownChoice

from .rdf import bind_prefixes, new_dataset, union_graph

EXPORT_FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
QUAD_FORMATS = {"trig", "nq", "jsonld"}


def save_dataset(ds: Dataset, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    trig, ttl = out_dir / "graph.trig", out_dir / "graph.ttl"
    # write to a temporary name and rename, so that a crash never leaves half a file
    for path, data in ((trig, lambda p: ds.serialize(p, format="trig")),
                       (ttl, lambda p: union_graph(ds).serialize(p, format="turtle"))):
        tmp = path.with_suffix(path.suffix + ".tmp")
        data(tmp)
        tmp.replace(path)
    return {"trig": trig, "ttl": ttl}


def load_dataset(out_dir: str | Path) -> Dataset:
    path = Path(out_dir)
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
    if fmt in QUAD_FORMATS:
        return ds.serialize(format=EXPORT_FORMATS[fmt])
    return union_graph(ds).serialize(format=EXPORT_FORMATS[fmt])
