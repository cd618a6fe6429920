"""`newskg build`: read, extract, write the graph (Turtle, TriG) and the viewer."""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newskg.extract.errors import NewsKGError
from newskg.extract.pipeline import DEFAULT_LANGUAGES, Extraction, extract

from .rdf import add_document, add_ontology, new_dataset, refresh_derived
from .store import save_dataset


@dataclass
class BuildResult:
    out_dir: Path
    documents: int = 0
    languages: Counter = field(default_factory=Counter)
    entities: int = 0
    facts: int = 0
    statements: int = 0
    triples: int = 0
    errors: list[NewsKGError] = field(default_factory=list)
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)
    extraction: Extraction | None = None

    def summary(self) -> str:
        langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.languages.items())) or "none"
        lines = [f"documents: {self.documents} ({langs})",
                 f"entities:  {self.entities}",
                 f"facts:     {self.facts} ({self.statements} statements, {self.triples} triples)",
                 f"time:      {self.seconds:.1f} s"]
        lines += [f"wrote:     {path}" for path in self.files.values()]
        if self.errors:
            lines.append(f"skipped:   {len(self.errors)} document(s)")
            lines += [f"  - {err}" for err in self.errors]
        return "\n".join(lines)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, engine: str = "auto",
          languages: Sequence[str] = DEFAULT_LANGUAGES, view_lang: str = "en", viewer: bool = True,
          max_bytes: int = 10_000_000) -> BuildResult:
    from newskg.extract.readers import read_inputs

    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs, errors = read_inputs(inputs, max_bytes=max_bytes)
    ex = extract(docs, engine=engine, languages=languages)
    ds = new_dataset()
    add_ontology(ds)
    for doc in ex.docs:
        add_document(ds, doc, ex.entities, ex.facts.get(doc.id, []), content_hash(doc.original))
    refresh_derived(ds)
    result = BuildResult(out, errors=[*errors, *ex.errors], extraction=ex)
    result.files = save_dataset(ds, out)
    if viewer:
        from .viewer import write_viewer

        result.files["html"] = write_viewer(ds, out / "graph.html", lang=view_lang)
    result.documents = len(ex.docs)
    result.languages = Counter(d.lang or "und" for d in ex.docs)
    result.entities = len(ex.entities)
    result.facts = sum(len(f) for f in ex.facts.values())
    result.statements = _count_statements(ds)
    result.triples = len(ds)
    result.seconds = time.perf_counter() - t0
    return result


def _count_statements(ds) -> int:
    from rdflib.namespace import RDF

    from newskg.ontology.terms import NKG

    return len(set(ds.subjects(RDF.type, NKG.Statement)))
