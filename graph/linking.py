"""Corpus-wide entity resolution kept up to date in the build cache, one document at a time.

Of all the documents' names, ``resolve_corpus`` reads only, per provisional key, how often each
surface form and each type occurs and in which order the types first occur (``ClusterStats``).
The cache keeps those counts (graph/workspace.py: ``clusters``, ``cluster_docs``) and adds or
subtracts a document's share when it comes, changes or goes. A build then resolves from the
counts of a few thousand keys instead of loading the names of every document, and gets what
``resolve_corpus`` gives over all the names (tests/test_incremental_resolution.py).

A document's signature is computed from its compact names (a digest of their keys and types)
and the resolution of the keys they use, so that checking 10,000 unchanged documents costs a
hash each, not their names.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

from newskg.extract.model import Document
from newskg.extract.clusters import ClusterStats, Resolution, resolve_clusters

from .workspace import Workspace

US = "\x1f"   # joins a document's provisional keys (they are folded ASCII or gazetteer keys)


def compact(doc: Document, names: list) -> list[list[str]]:
    """What resolution reads of a document's names: [provisional key, type, surface] each."""
    return [[n.entity, n.type, n.text(doc)] for n in names]


def _digest(names: list[list[str]]) -> str:
    return hashlib.sha256(json.dumps([[p, t] for p, t, _ in names]).encode()).hexdigest()[:32]


def _doc_types(names: list[list[str]]) -> dict[str, list[list]]:
    """provisional key -> [type, count] pairs in the order the document's names show the types."""
    out: dict[str, Counter] = {}
    for p, t, _ in names:
        out.setdefault(p, Counter())[t] += 1
    return {p: [[t, n] for t, n in c.items()] for p, c in out.items()}


def update(ws: Workspace, analysed: dict[str, str]) -> int:
    """Bring the statistics in line with the analysed members (doc id -> analysis key); one
    transaction, so that a build killed at any point leaves counts that match ``linked``.
    Returns how many documents came, changed or went."""
    from .analysis import fingerprint

    # a document's share is recorded under its analysis key and this module's code (which
    # decides what a share holds)
    code = fingerprint(("graph/linking.py",))[:8]
    current = {i: f"{k}:{code}" for i, k in analysed.items()}
    linked = ws.linked()
    gone = [i for i, row in linked.items() if current.get(i) != row[0]]
    new = sorted(i for i, k in current.items() if i not in linked or linked[i][0] != k)
    if not gone and not new:
        return 0
    old_names = ws.linked_names(gone)
    new_names = {i: compact(doc, names) for i, (doc, names) in ws.names_of(new)}
    touched = {p for names in (*old_names.values(), *new_names.values()) for p, _, _ in names}
    counts = {k: (Counter(f), Counter(t)) for k, (f, t) in ws.clusters(touched).items()}
    for sign, group in ((-1, old_names.values()), (1, new_names.values())):
        for names in group:
            for p, t, form in names:
                forms, types = counts.setdefault(p, (Counter(), Counter()))
                forms[form] += sign
                types[t] += sign
    cleaned = {k: ({f: n for f, n in forms.items() if n > 0}, {t: n for t, n in types.items() if n > 0})
               for k, (forms, types) in counts.items()}
    rows = [(i, current[i], _digest(n), US.join(sorted({p for p, _, _ in n})), n) for i, n in new_names.items()]
    uses = [(p, i, types) for i, n in new_names.items() for p, types in _doc_types(n).items()]
    ws.put_linked(gone, rows, uses, cleaned)
    return len(set(gone) | set(new))


def resolve(ws: Workspace) -> Resolution:
    """``resolve_clusters`` over the cached counts. A key whose names have several types needs the
    order the types first occur in (documents sorted by id): read from its documents' rows."""
    stats: dict[str, ClusterStats] = {}
    for pkey, (forms, types) in ws.clusters().items():
        if len(types) > 1:
            types = {t: types[t] for t in ws.type_order(pkey, len(types))}
        stats[pkey] = ClusterStats(Counter(forms), Counter(types))
    return resolve_clusters(stats)


def apply(res: Resolution, names: Iterable) -> None:
    """Give a document's names (provisional keys) their corpus-wide keys and types."""
    for n in names:
        if n.entity in res.retyped:
            n.type = "Person"
        n.entity = res.final[n.entity]


def signatures(res: Resolution, rows: dict[str, tuple[str, str, str]], graph_fp: str) -> dict[str, str]:
    """doc id -> signature of everything its graph depends on except its look-ups: its analysis,
    the graph code, its names' keys and types, and the resolution of those keys (entity key,
    whether the names become persons, the entity's name, type and Wikidata id)."""
    def state(pkey: str) -> str:
        ent = res.entities[res.final[pkey]]
        return json.dumps([ent.key, pkey in res.retyped, ent.name, ent.type, ent.wikidata])

    resolved = {p: state(p) for p in res.final}
    out = {}
    for doc_id, (akey, digest, pkeys) in rows.items():
        parts = [akey, graph_fp, digest, *(resolved[p] for p in pkeys.split(US) if p)]
        out[doc_id] = hashlib.sha256(US.join(parts).encode()).hexdigest()[:32]
    return out
