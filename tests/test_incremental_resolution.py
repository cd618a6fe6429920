"""Incremental entity resolution: the counts the build cache keeps (graph/linking.py), updated one
document at a time in any order, resolve every document's names as ``resolve_corpus`` does over all
of them at once; and a build that adds, changes or removes documents one at a time gives the graph
of a build from scratch, also when a new document changes how another document's names resolve
(a full name introduced later for an earlier surname-only mention)."""
from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF
from test_incremental import snapshot

from newskg.extract.model import Document
from newskg.extract.mentions import Named
from newskg.extract.resolve import fold, resolve_corpus
from newskg.graph import analysis as an
from newskg.graph import linking
from newskg.graph.build import build, remove
from newskg.graph.workspace import Workspace
from newskg.ontology.terms import DOC_NS, ENTITY_NS, NKG

# doc id -> versions (hand-written; people the gazetteer does not know, so resolution is corpus-wide)
VERSIONS = {
    "short": ["Kowalski met Xi Jinping in Beijing on 3 May 2019.",
              "Kowalski and Petrova visited Kyiv on 9 May 2019."],
    "full": ["Polish diplomat Adam Kowalski met Vladimir Putin in Moscow on 2 May 2019.",
             "Polish diplomat Jan Nowak met Vladimir Putin in Moscow on 2 May 2019."],
    "twin": ["Adam Kowalsky visited Warsaw on 4 May 2019."],
    "envoy": ["Russian envoy Anna Petrova met Emmanuel Macron in Paris on 5 May 2019.",
              "Petrova said the talks in Geneva went well."],
    "other": ["German Chancellor Angela Merkel visited France on 5 May 2019. Merkel met Emmanuel Macron."],
}
IDS = sorted(VERSIONS)


@pytest.fixture(scope="module")
def analysed() -> dict[tuple[str, int], tuple]:
    """(doc id, version) -> (slim document, names, analysis) from the real per-document step."""
    docs = [Document(id=f"{d}@{v}", text=t, lang="en") for d, ts in VERSIONS.items() for v, t in enumerate(ts)]
    results, errors = an.analyse(docs, "spacy", ["en"])
    assert errors == []
    out = {}
    for a in results:
        doc_id, v = a.doc.id.split("@")
        doc = Document(id=doc_id, text=a.doc.text, lang=a.doc.lang)
        out[(doc_id, int(v))] = (doc, a.names)
    return out


def put(ws: Workspace, analysed: dict, doc_id: str, version: int) -> None:
    doc, names = analysed[(doc_id, version)]
    akey = f"{doc_id}-v{version}"
    ws.put_docs([(doc_id, akey, doc)])
    ws.put_analyses([(doc_id, akey, an.content_hash(doc.text), doc.lang, None, (doc, names))])


def sync(ws: Workspace) -> linking.Resolution:
    linking.update(ws, {i: k for i, (k, _, _) in ws.current().items()})
    return linking.resolve(ws)


def assert_as_from_scratch(ws: Workspace, analysed: dict, final: dict[str, int]) -> None:
    res = sync(ws)
    # what resolve_corpus gives over all the final documents' names at once
    named = {d: copy.deepcopy(analysed[(d, v)]) for d, v in final.items()}
    entities = resolve_corpus([doc for doc, _ in named.values()], {d: names for d, (_, names) in named.items()})
    for doc_id, (_, names) in ws.names_of(final):
        linking.apply(res, names)
        assert [(n.entity, n.type) for n in names] == [(n.entity, n.type) for n in named[doc_id][1]], doc_id
    assert {k: (e.name, e.type, e.wikidata) for k, e in res.entities.items()} == \
           {k: (e.name, e.type, e.wikidata) for k, e in entities.items()}
    # the cache holds what a cache filled with the final documents in one go holds
    fresh = Workspace(None)
    for d, v in final.items():
        put(fresh, analysed, d, v)
    fresh_res = sync(fresh)
    assert ws.clusters() == fresh.clusters() and ws.linked() == fresh.linked()
    assert linking.signatures(res, ws.linked(), "g") == linking.signatures(fresh_res, fresh.linked(), "g")
    fresh.close()


_steps = st.lists(st.tuples(st.sampled_from(IDS), st.integers(-1, 1)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_steps)
def test_cached_counts_resolve_as_resolve_corpus_after_any_sequence(analysed, steps):
    """(id, -1) removes a document, (id, v) adds it or changes it to version v (when it has one)."""
    ws = Workspace(None)
    final: dict[str, int] = {}
    for doc_id, v in steps:
        if v < 0:
            ws.forget([doc_id])
            final.pop(doc_id, None)
        else:
            v = min(v, len(VERSIONS[doc_id]) - 1)
            put(ws, analysed, doc_id, v)
            final[doc_id] = v
        if len(final) % 2:   # sometimes several changes between two builds
            assert_as_from_scratch(ws, analysed, final)
    assert_as_from_scratch(ws, analysed, final)
    ws.close()


SURFACES = ["Adam Kowalski", "Kowalski", "Adam Kowalsky", "Petrova", "Anna Petrova", "Anna Petrowa",
            "Acme", "Acme Group", "Nowak", "Jan Nowak"]
TYPES = ["Person", "Organization", "Place"]
_doc_names = st.lists(st.tuples(st.sampled_from(SURFACES), st.sampled_from(TYPES)), min_size=1, max_size=4)


def hand_built(doc_id: str, pieces: list[tuple[str, str]]) -> tuple[Document, list[Named]]:
    """A document that is its names, each typed as given (as an engine might), keys provisional."""
    names, start = [], 0
    for surface, typ in pieces:
        names.append(Named(start, start + len(surface), typ, kind="engine", entity="~" + fold(surface)))
        start += len(surface) + 2
    return Document(id=doc_id, text=". ".join(s for s, _ in pieces), lang="en"), names


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("pqrst"), st.one_of(st.none(), _doc_names)), min_size=1, max_size=10))
def test_names_typed_differently_resolve_as_resolve_corpus(steps):
    """Which type a cluster's first name has, and ties between types, depend on document order:
    the cache must reproduce them whatever order documents came and went in."""
    ws, versions, final = Workspace(None), {}, {}
    for i, (doc_id, pieces) in enumerate(steps):
        if pieces is None:
            ws.forget([doc_id])
            final.pop(doc_id, None)
            continue
        versions[(doc_id, i)] = hand_built(doc_id, pieces)
        put(ws, versions, doc_id, i)
        final[doc_id] = i
    assert_as_from_scratch(ws, versions, final)
    ws.close()


def keys_of(ws: Workspace, doc_id: str) -> set[str]:
    res = sync(ws)
    (_, (_, names)), = ws.names_of([doc_id])
    linking.apply(res, names)
    return {n.entity for n in names}


def test_a_later_full_name_resolves_an_earlier_surname_and_leaving_undoes_it(analysed):
    ws = Workspace(None)
    put(ws, analysed, "short", 0)
    assert "kowalski" in keys_of(ws, "short")
    put(ws, analysed, "full", 0)
    assert "adam-kowalski" in keys_of(ws, "short") and "kowalski" not in keys_of(ws, "short")
    put(ws, analysed, "full", 1)     # the full name changes: the surname is alone again
    assert "kowalski" in keys_of(ws, "short")
    put(ws, analysed, "full", 0)
    ws.forget(["full"])
    assert "kowalski" in keys_of(ws, "short")
    ws.close()


# --- whole builds ---------------------------------------------------------------------------

def write(folder: Path, doc_id: str, version: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.txt").write_text(VERSIONS[doc_id][version] + "\n", encoding="utf-8")
    (folder / f"{doc_id}.meta.json").write_text('{"lang": "en", "published": "2019-05-10"}', encoding="utf-8")
    return folder / f"{doc_id}.txt"


ORDERS = [("short", "full", "twin", "envoy"), ("full", "twin", "short", "envoy"), ("envoy", "short", "twin", "full")]


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(o) for o in ORDERS])
def test_one_document_at_a_time_gives_the_scratch_graph(tmp_path, order):
    """Add one at a time, change one (its full name goes), remove one: the graph and its entity
    keys are those of a build of the final documents from scratch."""
    src, out = tmp_path / "in", tmp_path / "out"
    for doc_id in order:
        build([write(src, doc_id, 0)], out, engine="spacy", viewer=False, progress=False)
    persons = {str(s) for s, p, o in snapshot(out)[str(DOC_NS["short"])] if p == RDF.type and o == NKG.Person}
    # the surname is the full name of the other documents (spelt "Kowalski" or "Kowalsky")
    assert str(ENTITY_NS["kowalski"]) not in persons
    assert any(p.startswith(str(ENTITY_NS["adam-kowalsk"])) for p in persons)
    build([write(src, "full", 1)], out, engine="spacy", viewer=False, progress=False)
    remove(out, ["envoy"], viewer=False, progress=False)
    final = {"short": 0, "full": 1, "twin": 0}
    fresh = tmp_path / "scratch"
    build([write(src, d, v) for d, v in final.items()], fresh, engine="spacy", viewer=False, progress=False)
    assert snapshot(out) == snapshot(fresh)


def test_a_build_writes_the_graphs_whose_resolution_moved_and_no_other(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    build([write(src, d, 0) for d in ("short", "other")], out, engine="spacy", viewer=False, progress=False)
    result = build([write(src, "full", 0)], out, engine="spacy", viewer=False, progress=False)
    assert (result.analysed, result.graphs_written, result.unchanged) == (1, 2, 1)   # full, and short
    again = build([write(src, d, 0) for d in ("short", "other", "full")], out, engine="spacy", viewer=False,
                  progress=False)
    assert (again.analysed, again.graphs_written, again.unchanged) == (0, 0, 3)


def test_the_counts_survive_reopening_the_cache(tmp_path, analysed):
    ws = Workspace(tmp_path / "cache.sqlite")
    for doc_id in IDS:
        put(ws, analysed, doc_id, 0)
    before = {k: (e.name, e.type) for k, e in sync(ws).entities.items()}
    ws.close()
    ws = Workspace(tmp_path / "cache.sqlite")
    assert linking.update(ws, {i: k for i, (k, _, _) in ws.current().items()}) == 0
    assert {k: (e.name, e.type) for k, e in linking.resolve(ws).entities.items()} == before
    assert set(itertools.chain.from_iterable(p.split(linking.US) for _, _, p in ws.linked().values())) == \
           set(ws.clusters())
    ws.close()
