"""`newskg build` and `newskg remove`: keep an output folder's graph in step with its documents.

A build adds the documents it reads to those the folder already has (a document whose content
changed replaces its old version), analyses only what is new, and rewrites only the document
graphs that changed; then it writes graph.trig, graph.ttl and graph.html. ``rebuild=True`` starts
from the given documents alone.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newskg.extract.errors import NewsKGError, StoreError, UsageError
from newskg.extract.pipeline import DEFAULT_LANGUAGES

from .corpus import Corpus, SyncReport
from .store import parse_store, read_config

PROGRESS_MIN_DOCS = 20  # fewer documents than this: no progress bar


@dataclass
class BuildResult:
    out_dir: Path
    documents: int = 0                       # documents in the graph after this build
    languages: Counter = field(default_factory=Counter)
    entities: int = 0
    facts: int = 0
    statements: int = 0
    triples: int = 0                         # triples in the document graphs (a triple two documents state counts twice)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    analysed: int = 0
    graphs_written: int = 0
    store: str = ""
    errors: list[NewsKGError] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def summary(self) -> str:
        langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.languages.items())) or "none"
        lines = [f"documents: {self.documents} ({langs})",
                 f"changes:   {len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed, "
                 f"{self.unchanged} unchanged; {self.analysed} analysed, {self.graphs_written} graph(s) written",
                 f"entities:  {self.entities}",
                 f"facts:     {self.facts} ({self.statements} statements, {self.triples} triples in document graphs)",
                 f"store:     {self.store}",
                 f"time:      {self.seconds:.1f} s ("
                 + ", ".join(f"{k} {v:.1f}" for k, v in self.timings.items()) + ")"]
        lines += [f"wrote:     {path}" for path in self.files.values()]
        if self.errors:
            lines.append(f"skipped:   {len(self.errors)} document(s)")
            lines += [f"  - {err}" for err in self.errors]
        return "\n".join(lines)


@contextmanager
def _progress(enabled: bool | None, total: int):
    """Progress bars on standard error for builds of many documents (rich), else nothing."""
    if enabled is None:
        enabled = sys.stderr.isatty() and total >= PROGRESS_MIN_DOCS
    if not enabled:
        yield lambda label, n: (lambda k: None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True)) as bar:
        def task(label: str, n: int):
            tid = bar.add_task(label, total=n)
            return lambda k: bar.advance(tid, k)
        yield task


def build(inputs: Iterable[str | Path], out_dir: str | Path, *, engine: str = "auto",
          languages: Sequence[str] = DEFAULT_LANGUAGES, view_lang: str = "en", viewer: bool = True,
          max_bytes: int = 10_000_000, store: str | None = None, rebuild: bool = False,
          progress: bool | None = None, export: bool = True) -> BuildResult:
    """Add the documents read from ``inputs`` to the graph in ``out_dir`` (see the module doc)."""
    from newskg.extract.engines import ENGINES
    from newskg.extract.errors import UnknownChoice
    from newskg.extract.readers import read_inputs

    if engine != "auto" and engine not in ENGINES:
        raise UnknownChoice("engine", engine, [*ENGINES, "auto"])
    t0 = time.perf_counter()
    out = Path(out_dir)
    spec = parse_store(store, out)
    docs, errors = read_inputs(inputs, max_bytes=max_bytes)
    result = BuildResult(out, store=spec.to_text())
    result.timings["read"] = time.perf_counter() - t0
    with Corpus(out, spec) as corpus:
        if rebuild:
            corpus.forget_all()
        result.added, result.changed = corpus.add(docs)
        with _progress(progress, len(docs)) as tasks:
            report = corpus.sync(engine, list(languages), {d.id: d for d in docs}, tasks)
        # a document that could not be analysed is not in the graph: it was skipped, not added
        kept = set(corpus.ws.members())
        result.added = [i for i in result.added if i in kept]
        result.changed = [i for i in result.changed if i in kept]
        _finish(corpus, result, report, errors, view_lang, viewer, export, t0)
    return result


def remove(out_dir: str | Path, refs: Sequence[str], *, store: str | None = None, view_lang: str = "en",
           viewer: bool = True, progress: bool | None = None, export: bool = True) -> BuildResult:
    """Take documents (ids, IRIs or source files) out of the graph: their facts go, and entities
    and events that no remaining document supports go with them."""
    t0 = time.perf_counter()
    out = Path(out_dir)
    if store is None and read_config(out) is None:
        raise StoreError(f"no graph in {out_dir} (run `newskg build INPUT -o {out_dir}` first)")
    spec = parse_store(store, out)
    result = BuildResult(out, store=spec.to_text())
    with Corpus(out, spec) as corpus:
        settings = corpus.settings()
        if settings is None:
            raise StoreError(f"{out_dir} has no documents to remove (its build cache is empty)")
        result.removed = _resolve_refs(corpus, refs)
        corpus.forget(result.removed)
        with _progress(progress, len(result.removed)) as tasks:
            report = corpus.sync(*settings, tasks=tasks)
        _finish(corpus, result, report, [], view_lang, viewer, export, t0)
    return result


def _resolve_refs(corpus: Corpus, refs: Sequence[str]) -> list[str]:
    """Document ids from what a user may type: the id, the document IRI, the source file."""
    from newskg.ontology.terms import DOC_NS

    members = sorted(corpus.ws.members())
    ids = set(members)
    keys = {ref: ref[len(str(DOC_NS)):] if ref.startswith(str(DOC_NS)) else ref for ref in refs}
    by_source = {}
    # reading every stored document costs seconds on a large graph: only when a ref is no id
    if any(k not in ids for k in keys.values()):
        for doc in corpus.ws.raw_docs(members):
            if doc.source:
                by_source[doc.source] = doc.id
                by_source[str(Path(doc.source).resolve())] = doc.id
    found, unknown = [], []
    for ref in refs:
        key = keys[ref]
        hit = key if key in ids else by_source.get(ref) or by_source.get(str(Path(ref).resolve()))
        (found if hit else unknown).append(hit or ref)
    if unknown:
        shown = ", ".join(members[:20]) + (f", ... ({len(members)} in all)" if len(members) > 20 else "")
        raise UsageError(f"unknown document(s) {', '.join(map(repr, unknown))}; the graph has: {shown or 'none'}")
    return sorted(set(found))


def _finish(corpus: Corpus, result: BuildResult, report: SyncReport, errors: list, view_lang: str,
            viewer: bool, export: bool, t0: float) -> None:
    t1 = time.perf_counter()
    result.timings["sync"] = t1 - t0 - result.timings.get("read", 0.0)
    result.documents, result.languages = report.documents, report.languages
    result.entities, result.facts = report.entities, report.facts
    result.unchanged, result.analysed = report.unchanged, report.analysed
    result.graphs_written = report.stats.written + report.stats.removed
    result.errors = [*errors, *report.errors]
    result.statements = _statements(corpus.dataset)
    result.triples = corpus.ws.triples_held(corpus.spec.ident)
    files = {"trig": corpus.out / "graph.trig", "ttl": corpus.out / "graph.ttl"}
    if export and (result.graphs_written or report.ontology_written or not all(p.exists() for p in files.values())):
        result.files = corpus.backend.write_files(corpus.out)  # seconds per million triples
    elif export:
        result.files = files   # nothing changed: the files are up to date
    result.timings["files"] = time.perf_counter() - t1
    if viewer:
        from .viewer import write_viewer

        t2 = time.perf_counter()
        result.files["html"] = write_viewer(corpus.dataset, corpus.out / "graph.html", lang=view_lang)
        result.timings["viewer"] = time.perf_counter() - t2
    result.seconds = time.perf_counter() - t0


def _statements(ds) -> int:
    """Statements with a source count (every statement a document in the store reports)."""
    from .rdf import DERIVED_GRAPH

    rows = ds.query(f"SELECT (COUNT(?st) AS ?n) WHERE {{ GRAPH <{DERIVED_GRAPH}> "
                    "{ ?st <https://w3id.org/newskg/ontology#sourceCount> ?c } }")
    return int(next(iter(rows))[0])
