"""Extraction split for incremental builds: what is per document (and cached) and what is global.

``newskg.extract.pipeline.extract`` runs, for a whole corpus: prepare -> annotate -> per-document
names -> corpus-wide entity resolution -> facts. Here the same steps run in two halves:

1. ``analyse`` (per document, expensive, cached): prepare, annotate, name the mentions;
2. ``link`` (global, cheap): resolve entities over the names of *all* documents, then say for each
   document whether what its graph depends on changed since it was last written.

A document's facts depend on its own annotations and names, on the keys and types its names
resolved to, and on whatever ``extract_facts`` looked up in the corpus' entities (a capital stands
for its state only when the state is named somewhere). ``Recorder`` notes those look-ups, so that
a later build can tell, without running the facts step, that nothing a document read has moved.
tests/test_incremental.py checks that these halves give what ``extract`` gives.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from newskg.extract.errors import NewsKGError
from newskg.extract.model import Annotation, Document, Entity

ROOT = Path(__file__).resolve().parent.parent
# what the analysis depends on besides the document and the engine: extraction code and data
ANALYSIS_SOURCES = ("extract", "ontology")
# what a document's graph depends on besides its analysis: the RDF mapping, this module, linking
GRAPH_SOURCES = ("graph/rdf.py", "graph/analysis.py", "graph/incremental.py", "graph/linking.py")
# what derived values (source counts, event links) depend on: a change recomputes them all once
DERIVED_SOURCES = ("graph/rdf.py", "graph/events.py")


def _files(rel: str) -> Iterator[Path]:
    path = ROOT / rel
    if path.is_file():
        yield path
        return
    for p in sorted(path.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in (".py", ".tsv", ".json", ".ttl", ".txt", ".csv"):
            yield p


@lru_cache(maxsize=4)
def fingerprint(sources: tuple[str, ...]) -> str:
    """A hash of the code and data files under ``sources``: a change invalidates cached results."""
    h = hashlib.sha256()
    for rel in sources:
        for p in _files(rel):
            h.update(str(p.relative_to(ROOT)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:20]


def input_hash(doc: Document) -> str:
    """Everything a read document carries: a different hash means the document changed."""
    fields = {"id": doc.id, "text": doc.text, "original": doc.original, "source": doc.source, "url": doc.url,
              "title": doc.title, "lang": doc.lang, "published": doc.published.value if doc.published else None,
              "offset_map": doc.offset_map, "meta": doc.meta}
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def analysis_key(ihash: str, engine: str, languages: Sequence[str]) -> str:
    parts = [ihash, engine, ",".join(languages), fingerprint(ANALYSIS_SOURCES)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Analysis:
    doc: Document                         # prepared (language known, cleaned)
    pair: tuple[Annotation, Annotation]   # the engine's and the gazetteer's annotations
    names: list                           # newskg.extract.mentions.Named, entity keys provisional


def analyse(docs: list[Document], engine: str, languages: Sequence[str]) -> tuple[list[Analysis], list[NewsKGError]]:
    """Prepare, annotate and name a batch of documents (the per-document part of ``extract``)."""
    from newskg.extract.pipeline import annotate, prepare

    prepared, errors = [], []
    for doc in docs:
        try:
            prepared.append(prepare(doc, languages))
        except NewsKGError as exc:
            errors.append(exc)
    annotated, failed = annotate(prepared, engine)
    errors.extend(failed)
    out = []
    for doc in prepared:
        if doc.id in annotated:
            ann, gaz = annotated[doc.id]
            try:
                out.append(Analysis(doc, (ann, gaz), name_document(doc, ann, gaz)))
            except NewsKGError as exc:
                errors.append(exc)
    return out, errors


def name_document(doc: Document, ann: Annotation, gaz: Annotation) -> list:
    """The names of one document, resolved within it (the same step ``extract`` runs)."""
    from newskg.extract.pipeline import name_document as names_of

    return names_of(doc, ann, gaz)


def slim(doc: Document) -> Document:
    """What resolution reads of a document: its text, language and metadata, not the offset map."""
    return replace(doc, original="", offset_map=None)


def link(named: dict[str, tuple[Document, list]]) -> dict[str, Entity]:
    """Corpus-wide entity resolution over every document's names (their keys become final)."""
    from newskg.extract.resolve import resolve_corpus

    return resolve_corpus([d for d, _ in named.values()], {i: n for i, (_, n) in named.items()})


def _state(ent: Entity | None) -> list | None:
    return None if ent is None else [ent.key, ent.name, ent.type, ent.wikidata]


class Recorder(Mapping):
    """The corpus' entities as one document's facts step sees them. Reads of the corpus are noted
    (a later build checks that they still give the same answers); what the facts step adds or
    changes (a capital acting as its state makes the state a node of the document) stays with
    the document, on copies, so that no document depends on which ones ran before it. Reading
    all entities (iteration, length) marks the document as depending on the whole corpus."""

    def __init__(self, entities: dict[str, Entity]):
        self._base = entities
        self.local: dict[str, Entity] = {}
        self.seen: dict[str, list | None] = {}
        self.everything = False

    def _get(self, key: str) -> Entity | None:
        if key in self.local:
            return self.local[key]
        ent = self._base.get(key)
        self.seen[key] = _state(ent)
        if ent is not None:
            ent = replace(ent, aliases=set(ent.aliases), docs=set(ent.docs), roles=set(ent.roles))
            self.local[key] = ent
        return ent

    def get(self, key: str, default: Entity | None = None) -> Entity | None:
        ent = self._get(key)
        return default if ent is None else ent

    def __getitem__(self, key: str) -> Entity:
        ent = self._get(key)
        if ent is None:
            raise KeyError(key)
        return ent

    def __setitem__(self, key: str, entity: Entity) -> None:
        self.local[key] = entity

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._get(key) is not None

    def __iter__(self):
        self.everything = True
        return iter({**self._base, **self.local})

    def __len__(self) -> int:
        self.everything = True
        return len({**self._base, **self.local})

    def lookups(self, own: set[str]) -> dict:
        """What the facts read beyond the document's own entities (those are in its signature)."""
        return {"*": True} if self.everything else {k: v for k, v in self.seen.items() if k not in own}

    def attached(self, doc_id: str, own: set[str]) -> dict[str, Entity]:
        """Entities the facts step made nodes of this document, besides those it names."""
        return {k: e for k, e in self.local.items() if doc_id in e.docs and k not in own}


def lookups_hold(lookups: dict, entities: dict[str, Entity]) -> bool:
    """True when every look-up a document's facts made gives the same answer today."""
    if lookups.get("*"):
        return False
    return all(_state(entities.get(k)) == v for k, v in lookups.items())


def entity_view(doc: Document, names: list, entities: dict[str, Entity]) -> dict[str, Entity]:
    """The entities a document names, with the aliases and offices *it* gives them: a document's
    graph then holds what that document supports, and stays the same when others come and go."""
    own: dict[str, Entity] = {}
    for n in names:
        ent = entities.get(n.entity or "")
        if ent is None:
            continue
        view = own.setdefault(ent.key, Entity(ent.key, ent.name, ent.type, wikidata=ent.wikidata, docs={doc.id}))
        view.aliases.add((n.text(doc), doc.lang or "und"))
        if n.office:
            view.roles.add(n.office)
    return own


def facts_for(pair: tuple[Document, Annotation, Annotation], names: list, entities: dict[str, Entity]):
    """The facts of one document, the look-ups they made, and the entities they made its nodes."""
    from newskg.extract.facts import extract_facts

    doc, ann, _ = pair
    rec = Recorder(entities)
    facts = extract_facts(ann, names, rec)
    own = {n.entity for n in names if n.entity}
    return facts, rec.lookups(own), rec.attached(doc.id, own)
