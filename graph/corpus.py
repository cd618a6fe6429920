"""The documents of an output folder and the store that holds their graph, kept in step.

``Corpus.sync`` is the one way the store changes: analyse what is new (cached per document),
resolve entities over all documents (from counts the cache keeps up to date, see linking.py), and
write the document graphs whose inputs moved (see incremental.py). A build adds documents then syncs; ``newskg remove`` forgets some then syncs; a
from-scratch build of the same documents gives the same graph (tests/test_incremental.py).
"""
from __future__ import annotations

import fcntl
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from newskg.extract.errors import NewsKGError, StoreError
from newskg.extract.model import Document, Entity

from . import analysis as an
from . import linking
from .incremental import Change, SyncStats, apply_changes, ensure_ontology, refresh_all_derived, stored_documents
from .rdf import add_document
from .store import StoreSpec, open_backend, write_config
from .workspace import Workspace, open_workspace

ANALYSE_BATCH = 32
BULK_DOCS = 200        # documents written in one build above which derived values are computed at the end
Advance = Callable[[int], None]
Tasks = Callable[[str, int], Advance]   # (label, total) -> advance(n)


@dataclass
class SyncReport:
    documents: int = 0
    languages: Counter = field(default_factory=Counter)
    entities: int = 0
    facts: int = 0
    analysed: int = 0
    unchanged: int = 0
    ontology_written: bool = False
    stats: SyncStats = field(default_factory=SyncStats)
    errors: list[NewsKGError] = field(default_factory=list)


class _Collector:
    """What ``rdf.add_document`` writes to, as a plain set of triples: an rdflib in-memory graph
    costs ~30 us a triple, ten times the rest of the work for a document."""

    def __init__(self) -> None:
        self.triples: set[tuple] = set()

    def graph(self, identifier) -> "_Collector":
        return self

    def add(self, triple: tuple) -> "_Collector":
        self.triples.add(triple)
        return self


class Corpus:
    """An open output folder: its cache, its store, and a lock so that one writer works at a time."""

    def __init__(self, out: Path, spec: StoreSpec):
        self.out, self.spec = out, spec
        out.mkdir(parents=True, exist_ok=True)
        self._lock = open(out / ".newskg.lock", "w")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self._lock.close()
            raise StoreError(f"{out} is in use by another newskg build or remove; wait for it to finish") from exc
        self.ws: Workspace = open_workspace(None if spec.kind == "memory" else out)
        try:
            self.backend = open_backend(spec)
        except BaseException:
            self.ws.close()
            self._lock.close()
            raise
        write_config(out, spec)

    def close(self) -> None:
        try:
            self.backend.close()
        finally:
            self.ws.close()
            self._lock.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def dataset(self) -> Dataset:
        return self.backend.dataset

    # --- membership -----------------------------------------------------------------------
    def add(self, docs: list[Document]) -> tuple[list[str], list[str]]:
        """Make these documents part of the graph. Returns (new ids, changed ids)."""
        known = self.ws.members()
        rows = [(d.id, an.input_hash(d), d) for d in docs]
        fresh = [r for r in rows if known.get(r[0]) != r[1]]
        self.ws.put_docs(fresh)
        return [r[0] for r in fresh if r[0] not in known], [r[0] for r in fresh if r[0] in known]

    def forget(self, ids: Sequence[str]) -> None:
        self.ws.forget(ids)

    def forget_all(self) -> None:
        self.ws.forget_all()

    def settings(self) -> tuple[str, list[str]] | None:
        rows = dict(self.ws.db.execute("SELECT key, value FROM meta"))
        if "engine" not in rows:
            return None
        return rows["engine"], rows["languages"].split(",")

    def _remember(self, engine: str, languages: Sequence[str]) -> None:
        with self.ws.transaction():
            self.ws.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                   [("engine", engine), ("languages", ",".join(languages))])

    # --- sync -----------------------------------------------------------------------------
    def sync(self, engine: str, languages: Sequence[str], given: dict[str, Document] | None = None,
             tasks: Tasks = lambda label, total: (lambda n: None)) -> SyncReport:
        report = SyncReport()
        self._remember(engine, languages)
        members = self.ws.members()
        akeys = {i: an.analysis_key(h, engine, languages) for i, h in members.items()}
        report.analysed, report.errors = self._analyse(engine, languages, akeys, given or {}, tasks)
        current = self.ws.current()
        linking.update(self.ws, {i: k for i, (k, _, _) in current.items()})
        res = linking.resolve(self.ws)
        entities = res.entities
        sigs = linking.signatures(res, self.ws.linked(), an.fingerprint(an.GRAPH_SOURCES))
        applied = self.ws.applied(self.spec.ident)
        stored = stored_documents(self.backend)
        report.documents, report.entities = len(current), len(entities)
        report.languages = Counter(lang or "und" for _, _, lang in current.values())
        pending: list[str] = []
        for doc_id, (_, chash, _) in sorted(current.items()):
            rec = applied.get(doc_id)
            if rec and rec[0] == sigs[doc_id] and an.lookups_hold(rec[1], entities) and stored.get(doc_id) == chash:
                report.facts += rec[2]
            else:
                pending.append(doc_id)
        report.unchanged = len(current) - len(pending)
        gone = sorted(set(stored) - set(current))

        def changes() -> Iterator[Change]:
            for start in range(0, len(pending), ANALYSE_BATCH):
                yield from batch(pending[start:start + ANALYSE_BATCH])
            for doc_id in gone:
                yield Change(doc_id, None)

        def batch(ids: list[str]) -> Iterator[Change]:
            for doc_id, (doc, names) in sorted(self.ws.names_of(ids), key=lambda row: row[0]):
                linking.apply(res, names)
                view = an.entity_view(doc, names, entities)
                pair = self.ws.pair(doc_id)
                try:
                    facts, lookups, attached = an.facts_for(pair, names, entities)
                except NewsKGError as exc:  # as in extract(): the document stays, without facts
                    report.errors.append(exc)
                    facts, lookups, attached = [], {"*": True}, {}
                for key, ent in attached.items():   # e.g. the state a capital stands for
                    view.setdefault(key, Entity(key, ent.name, ent.type, wikidata=ent.wikidata, docs={doc_id}))
                report.facts += len(facts)
                g = add_document(_Collector(), pair[0], view, facts, current[doc_id][1])
                yield Change(doc_id, g.triples, (sigs[doc_id], lookups, len(facts), len(g.triples)))

        advance = tasks("writing", len(pending) + len(gone))
        # many documents at once: derived values once at the end, not per batch (see apply_changes);
        # forgetting their fingerprint first makes a build killed meanwhile recompute them next time
        bulk = len(pending) + len(gone) >= BULK_DOCS
        if bulk:
            self._set_derived_fingerprint(None)
        report.stats = apply_changes(self.backend, changes(), on_written=self._note_written, advance=advance,
                                     derive=not bulk)
        report.errors.extend(report.stats.failed)
        report.ontology_written = ensure_ontology(self.backend)
        self._ensure_derived(recompute=bool(stored) or bulk)
        return report

    def _ensure_derived(self, recompute: bool) -> None:
        """Derived values (source counts, event links) follow the code that derives them: when it
        changed since this store was last synced, or a bulk load left them out, they are all
        recomputed once."""
        key, fp = f"derived:{self.spec.ident}", an.fingerprint(an.DERIVED_SOURCES)
        row = self.ws.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        if row and row[0] == fp:
            return
        if recompute:   # else a new store whose batches computed every value with this code
            refresh_all_derived(self.backend)
        self._set_derived_fingerprint(fp)

    def _set_derived_fingerprint(self, fp: str | None) -> None:
        key = f"derived:{self.spec.ident}"
        with self.ws.transaction():
            if fp is None:
                self.ws.db.execute("DELETE FROM meta WHERE key=?", (key,))
            else:
                self.ws.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, fp))

    def _note_written(self, changes: list[Change]) -> None:
        self.ws.put_applied(self.spec.ident, [(c.doc_id, *c.record) for c in changes if c.record])
        self.ws.drop_applied(self.spec.ident, [c.doc_id for c in changes if c.triples is None])

    def _analyse(self, engine: str, languages: Sequence[str], akeys: dict[str, str], given: dict[str, Document],
                 tasks: Tasks) -> tuple[int, list[NewsKGError]]:
        done = self.ws.analysis_keys()
        todo = sorted(i for i, k in akeys.items() if done.get(i) != k)
        errors: list[NewsKGError] = []
        if not todo:
            return 0, errors
        advance = tasks("analysing", len(todo))
        for start in range(0, len(todo), ANALYSE_BATCH):
            ids = todo[start:start + ANALYSE_BATCH]
            docs = [given[i] for i in ids if i in given]
            docs += [d for d in self.ws.raw_docs([i for i in ids if i not in given])]
            results, failed = an.analyse(docs, engine, languages)
            self.ws.put_analyses(
                (a.doc.id, akeys[a.doc.id],
                 an.content_hash(a.doc.original), a.doc.lang, (a.doc, *a.pair), (an.slim(a.doc), a.names))
                for a in results)
            ok = {a.doc.id for a in results}
            # a document that cannot be analysed is not part of the graph (as in a fresh build)
            self.ws.forget([i for i in ids if i not in ok])
            errors.extend(failed)
            advance(len(ids))
        return len(todo), errors
