"""What an output folder remembers between builds, in one SQLite file (``OUT/cache.sqlite``):

- ``docs``: the documents the graph is made of, as read (so that a later build, or a change of
  engine or of newskg itself, can analyse them again without the input files);
- ``analyses``: each document's expensive NLP output (the engine's and the gazetteer's
  annotations) and its per-document names, keyed by content, engine, languages and a fingerprint
  of the extraction code and data;
- ``applied``: per store, what was last written for each document (a signature of everything its
  named graph depends on), so that an unchanged document costs nothing;
- ``linked``, ``clusters``, ``cluster_docs``: what corpus-wide entity resolution reads, kept up to
  date document by document (graph/linking.py), so that a build need not load every document's
  names: per document its names in compact form, per provisional key the counts of its surface
  forms and types, and which documents use the key.

SQLite transactions keep the file consistent through crashes. ``applied`` is written only after
the store has the data, so it can lag behind the store but never run ahead of it. The blobs are
pickles written by newskg itself: do not load a cache from an untrusted source.
"""
from __future__ import annotations

import json
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from newskg.extract.errors import StoreError

CACHE_FILE = "cache.sqlite"
SCHEMA_VERSION = "3"  # 2: union in the default graph; 3: applied lookups as JSON, triple counts
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY, input_hash TEXT NOT NULL, raw BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS analyses (doc_id TEXT PRIMARY KEY, akey TEXT NOT NULL, content_hash TEXT NOT NULL,
                                     lang TEXT, pair BLOB NOT NULL, names BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS applied (store TEXT NOT NULL, doc_id TEXT NOT NULL, sig TEXT NOT NULL,
                                    lookups TEXT NOT NULL, facts INTEGER NOT NULL, triples INTEGER NOT NULL,
                                    PRIMARY KEY (store, doc_id));
CREATE TABLE IF NOT EXISTS linked (doc_id TEXT PRIMARY KEY, akey TEXT NOT NULL, digest TEXT NOT NULL,
                                   pkeys TEXT NOT NULL, names TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clusters (pkey TEXT PRIMARY KEY, forms TEXT NOT NULL, types TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cluster_docs (pkey TEXT NOT NULL, doc_id TEXT NOT NULL, types TEXT NOT NULL,
                                         PRIMARY KEY (pkey, doc_id)) WITHOUT ROWID;
"""


def dumps(obj: object) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def loads(blob: bytes) -> object:
    return pickle.loads(blob)  # noqa: S301 - our own cache, see the module docstring


class Workspace:
    """The cache of one output folder; ``path=None`` keeps it in memory (one-shot builds)."""

    def __init__(self, path: Path | None):
        self.path = path
        try:
            self.db = sqlite3.connect(str(path) if path else ":memory:", timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL" if path else "PRAGMA journal_mode=MEMORY")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            row = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the build cache {path}: {exc}; delete it to start afresh") from exc
        if row is None:
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise StoreError(f"{path} was written by another version of newskg (cache schema {row[0]}, "
                             f"expected {SCHEMA_VERSION}); build again with --rebuild")

    def close(self) -> None:
        self.db.close()

    def transaction(self):
        return _Transaction(self.db)

    # --- documents -------------------------------------------------------------------------
    def members(self) -> dict[str, str]:
        """doc id -> input hash of every document of the graph."""
        return dict(self.db.execute("SELECT doc_id, input_hash FROM docs"))

    def put_docs(self, rows: Iterable[tuple[str, str, object]]) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?, ?)",
                                ((i, h, dumps(raw)) for i, h, raw in rows))

    def raw_docs(self, ids: Iterable[str]) -> Iterator[object]:
        for (blob,) in self._select("SELECT raw FROM docs WHERE doc_id IN ({})", ids):
            yield loads(blob)

    def forget(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self.transaction():
            for table in ("docs", "analyses", "applied"):
                self.db.executemany(f"DELETE FROM {table} WHERE doc_id = ?", ((i,) for i in ids))  # noqa: S608

    def forget_all(self) -> None:
        with self.transaction():
            for table in ("docs", "analyses", "applied"):
                self.db.execute(f"DELETE FROM {table}")  # noqa: S608

    # --- analyses --------------------------------------------------------------------------
    def analysis_keys(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT doc_id, akey FROM analyses"))

    def put_analyses(self, rows: Iterable[tuple[str, str, str, str | None, object, object]]) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?, ?, ?)",
                                ((i, k, h, lang, dumps(pair), dumps(names)) for i, k, h, lang, pair, names in rows))

    def current(self) -> dict[str, tuple[str, str, str | None]]:
        """doc id -> (analysis key, content hash, language) of every analysed member."""
        rows = self.db.execute("SELECT a.doc_id, a.akey, a.content_hash, a.lang FROM analyses a "
                               "JOIN docs d ON d.doc_id = a.doc_id")
        return {i: (k, h, lang) for i, k, h, lang in rows}

    def names_of(self, ids: Iterable[str]) -> Iterator[tuple[str, object]]:
        """(doc id, (slim document, names)) of these analysed documents."""
        for doc_id, blob in self._select("SELECT doc_id, names FROM analyses WHERE doc_id IN ({})", ids):
            yield doc_id, loads(blob)

    def pair(self, doc_id: str) -> object:
        row = self.db.execute("SELECT pair FROM analyses WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"the build cache lost the analysis of {doc_id}; build again with --rebuild")
        return loads(row[0])

    # --- what the store holds --------------------------------------------------------------
    def applied(self, store: str) -> dict[str, tuple[str, dict, int]]:
        """doc id -> (signature, look-ups, facts) of what the store holds for it."""
        rows = self.db.execute("SELECT doc_id, sig, lookups, facts FROM applied WHERE store = ?", (store,))
        return {i: (sig, json.loads(lk) if lk != "{}" else {}, n) for i, sig, lk, n in rows}

    def put_applied(self, store: str, rows: Iterable[tuple[str, str, dict, int, int]]) -> None:
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO applied VALUES (?, ?, ?, ?, ?, ?)",
                                ((store, i, sig, json.dumps(lk), n, t) for i, sig, lk, n, t in rows))

    def triples_held(self, store: str) -> int:
        """Triples in the document graphs the store holds (as last written)."""
        return self.db.execute("SELECT COALESCE(SUM(triples), 0) FROM applied WHERE store = ?",
                               (store,)).fetchone()[0]

    def drop_applied(self, store: str, ids: Iterable[str]) -> None:
        with self.transaction():
            self.db.executemany("DELETE FROM applied WHERE store = ? AND doc_id = ?", ((store, i) for i in ids))

    # --- entity resolution (graph/linking.py) ---------------------------------------------------
    def linked(self) -> dict[str, tuple[str, str, str]]:
        """doc id -> (analysis key, names digest, provisional keys joined by US) of the documents
        the resolution statistics include."""
        return {i: (k, d, p) for i, k, d, p in self.db.execute("SELECT doc_id, akey, digest, pkeys FROM linked")}

    def linked_names(self, ids: Iterable[str]) -> dict[str, list]:
        return {i: json.loads(n) for i, n in self._select("SELECT doc_id, names FROM linked WHERE doc_id IN ({})", ids)}

    def clusters(self, pkeys: Iterable[str] | None = None) -> dict[str, tuple[dict, dict]]:
        """provisional key -> (form counts, type counts); all keys when ``pkeys`` is None."""
        rows = self.db.execute("SELECT pkey, forms, types FROM clusters") if pkeys is None else \
            self._select("SELECT pkey, forms, types FROM clusters WHERE pkey IN ({})", pkeys)
        return {k: (json.loads(f), json.loads(t)) for k, f, t in rows}

    def type_order(self, pkey: str, n: int) -> list[str]:
        """The ``n`` types of ``pkey``'s names in the order they first occur, documents by id."""
        order: dict[str, None] = {}
        cur = self.db.execute("SELECT types FROM cluster_docs WHERE pkey = ? ORDER BY doc_id", (pkey,))
        try:
            for (types,) in cur:
                order.update((t, None) for t, _ in json.loads(types))
                if len(order) >= n:
                    break
        finally:
            cur.close()   # a statement left open would hold the read snapshot
        return list(order)

    def put_linked(self, gone: Iterable[str], rows: Iterable[tuple[str, str, str, str, list]],
                   uses: Iterable[tuple[str, str, list]], clusters: dict[str, tuple[dict, dict]]) -> None:
        """One transaction: drop ``gone`` documents, add ``rows`` (doc id, akey, digest, pkeys,
        names) and ``uses`` (pkey, doc id, types), replace ``clusters`` (empty counts: dropped)."""
        gone = list(gone)
        with self.transaction():
            self.db.executemany("DELETE FROM cluster_docs WHERE pkey = ? AND doc_id = ?",
                                [(p, i) for i, pkeys in self._gone_pkeys(gone) for p in pkeys])
            self.db.executemany("DELETE FROM linked WHERE doc_id = ?", ((i,) for i in gone))
            self.db.executemany("INSERT OR REPLACE INTO linked VALUES (?, ?, ?, ?, ?)",
                                ((i, k, d, p, json.dumps(n)) for i, k, d, p, n in rows))
            self.db.executemany("INSERT OR REPLACE INTO cluster_docs VALUES (?, ?, ?)",
                                ((p, i, json.dumps(t)) for p, i, t in uses))
            self.db.executemany("DELETE FROM clusters WHERE pkey = ?", ((k,) for k, (f, _) in clusters.items() if not f))
            self.db.executemany("INSERT OR REPLACE INTO clusters VALUES (?, ?, ?)",
                                ((k, json.dumps(f), json.dumps(t)) for k, (f, t) in clusters.items() if f))

    def _gone_pkeys(self, ids: list[str]) -> list[tuple[str, list[str]]]:
        return [(i, p.split("\x1f")) for i, p in self._select("SELECT doc_id, pkeys FROM linked WHERE doc_id IN ({})", ids)]

    def _select(self, sql: str, ids: Iterable[str]) -> Iterator[tuple]:
        ids = list(ids)
        for i in range(0, len(ids), 500):  # SQLite limits the number of parameters
            chunk = ids[i:i + 500]
            yield from self.db.execute(sql.format(",".join("?" * len(chunk))), chunk)


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, tb) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def open_workspace(out_dir: Path | None) -> Workspace:
    return Workspace(out_dir / CACHE_FILE if out_dir is not None else None)
