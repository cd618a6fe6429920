"""Incremental builds: documents added, changed and removed one build at a time give the graph a
build from scratch gives; source counts, entities and cross-document resolution follow; an
unchanged build writes nothing; and a build killed with SIGKILL leaves a store that opens and
that the next build completes."""
from __future__ import annotations

import dataclasses
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from newskg.graph.build import build, remove
from newskg.graph.incremental import norm
from newskg.graph.rdf import DERIVED_GRAPH, refresh_derived
from newskg.graph.store import load_dataset
from newskg.ontology.terms import DOC_NS, ENTITY_NS, NKG

# Hand-written documents (not the seeds). Versions: a document's id is its key, "a2" is a's new text.
TEXTS = {
    "a": ("en", "Russian President Vladimir Putin met Cuban President Miguel Díaz-Canel in Moscow on 2 November 2018."),
    "a2": ("en", "Russian President Vladimir Putin visited Cuba on 3 May 2019."),
    "b": ("en", "Vladimir Putin met Miguel Díaz-Canel in Moscow on 2 November 2018. "
                "Russia will lend Cuba 50 million dollars."),
    "c": ("en", "German Chancellor Angela Merkel visited France on 5 May 2019. Merkel met Emmanuel Macron in Paris."),
    "d": ("vi", "Tổng thống Nga Vladimir Putin hôm nay 2/11 tiếp Chủ tịch Cuba Miguel Díaz-Canel tại Moscow."),
}
TEXTS["metonymy"] = ("en", "Moscow will lend Havana fifty million dollars, officials said on Monday.")
TEXTS["metonymy2"] = ("en", "Moscow signed an agreement with Havana on Tuesday.")
# event links: a one-participant report of a's meeting, and a coarser-dated report of it
TEXTS["report"] = ("en", "After the talks in Moscow on 2 November 2018, Vladimir Putin praised the friendship "
                         "between the two countries.")
TEXTS["coarse"] = ("en", "Vladimir Putin met Miguel Díaz-Canel in 2018.")
DATES = {"en": "2019-05-06", "vi": "2018-11-02"}


def put(folder: Path, doc_id: str, version: str | None = None) -> Path:
    lang, text = TEXTS[version or doc_id]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / f"{doc_id}.meta.json").write_text(f'{{"lang": "{lang}", "published": "{DATES[lang]}"}}',
                                                encoding="utf-8")
    return folder / f"{doc_id}.txt"


DEFAULT = "(default graph)"


def snapshot(out: Path) -> dict[str, set]:
    """Every named graph of a built folder's store: graph name -> triples (literals compared by
    value); and what queries read, the default graph, which must be their union as a set."""
    ds = load_dataset(out)
    try:
        graphs: dict[str, set] = {}
        for s, p, o, g in ds.quads((None, None, None, None)):
            graphs.setdefault(str(g), set()).add((s, p, norm(o)))
        default = {(s, p, norm(o)) for s, p, o in ds.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")}
        assert default == set().union(*graphs.values())
        graphs[DEFAULT] = default
        return graphs
    finally:
        ds.close()


def union(graphs: dict[str, set]) -> Graph:
    g = Graph()
    for triples in graphs.values():
        for s, p, o in triples:
            g.add((s, p, _literal(o) if isinstance(o, tuple) else o))
    return g


def derived_from_scratch(graphs: dict[str, set]) -> set:
    """What refresh_derived computes over the documents' graphs all at once."""
    ds = Dataset(default_union=True)
    for name, triples in graphs.items():
        if name.startswith(str(DOC_NS)):
            g = ds.graph(URIRef(name))
            for s, p, o in triples:
                g.add((s, p, o if not isinstance(o, tuple) else _literal(o)))
    return {(s, p, norm(o)) for s, p, o in refresh_derived(ds)}


def _literal(key: tuple):
    from rdflib import Literal

    _, value, dt, lang = key
    return Literal(value, lang=lang or None, datatype=URIRef(dt) if dt else None)


def scratch(tmp: Path, src: Path, final: dict[str, str], engine: str = "gazetteer") -> dict[str, set]:
    """A fresh build of the final documents, read from the same files (a graph names its sources)."""
    paths = [put(src, doc_id, version) for doc_id, version in final.items()]
    out = tmp / "scratch-out"
    build(paths, out, engine=engine, viewer=False, progress=False)
    return snapshot(out)


# Operations: "+x" adds (or changes to) the listed version, "-x" removes; "a=a2" puts a2's text under id a.
SEQUENCES = [
    ["+a", "+b", "+c", "+d"],
    ["+metonymy", "+b", "+metonymy2", "-b", "-metonymy"],
    ["+a b c d", "-b", "+a=a2"],
    ["+a", "+b", "-a", "+a"],
    ["+c d", "+c=a2", "-d", "+b", "-c"],
    # a report links to a statement of another batch: what a later batch reads from the families
    # next to its own (only those with reports, graph/events.with_reports)
    ["+report", "+c", "+a", "+coarse", "-a", "+d"],
]


@pytest.mark.parametrize("ops", SEQUENCES, ids=[" ".join(s) for s in SEQUENCES])
def test_incremental_sequence_gives_the_scratch_graph(tmp_path, ops):
    src, out = tmp_path / "in", tmp_path / "out"
    final: dict[str, str] = {}
    for op in ops:
        items = op[1:].split()
        if op[0] == "+":
            paths = []
            for item in items:
                doc_id, _, version = item.partition("=")
                paths.append(put(src, doc_id, version or doc_id))
                final[doc_id] = version or doc_id
            build(paths, out, engine="gazetteer", viewer=False, progress=False)
        else:
            remove(out, items, viewer=False, progress=False)
            for item in items:
                final.pop(item)
    got, want = snapshot(out), scratch(tmp_path, src, final)
    assert got == want
    assert isomorphic(union(got), union(want))
    assert got.get(str(DERIVED_GRAPH), set()) == derived_from_scratch(got)


_ops = st.lists(st.tuples(st.sampled_from("+-"), st.sets(st.sampled_from("abcd"), min_size=1, max_size=2),
                          st.booleans()), min_size=2, max_size=4)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_ops)
def test_any_sequence_of_builds_and_removals_gives_the_scratch_graph(tmp_path_factory, ops):
    tmp = tmp_path_factory.mktemp("seq")
    src, out = tmp / "in", tmp / "out"
    final: dict[str, str] = {}
    for sign, ids, second_version in ops:
        if sign == "+":
            versions = {d: ("a2" if d == "a" and second_version else d) for d in sorted(ids)}
            build([put(src, d, v) for d, v in versions.items()], out, engine="gazetteer", viewer=False,
                  progress=False)
            final.update(versions)
        elif ids & set(final):
            remove(out, sorted(ids & set(final)), viewer=False, progress=False)
            for d in ids:
                final.pop(d, None)
    if (out / "store.json").exists():
        assert snapshot(out) == scratch(tmp, src, final)


def test_an_unchanged_build_analyses_and_writes_nothing(tmp_path):
    src = tmp_path / "in"
    for d in "abc":
        put(src, d)
    first = build([src], tmp_path / "out", engine="gazetteer", viewer=False, progress=False)
    assert (first.analysed, first.graphs_written) == (3, 3)
    again = build([src], tmp_path / "out", engine="gazetteer", viewer=False, progress=False)
    assert (again.analysed, again.graphs_written, again.unchanged) == (0, 0, 3)
    assert (again.added, again.changed) == ([], [])
    assert again.facts == first.facts and again.statements == first.statements


def test_an_unrelated_document_writes_only_its_own_graph(tmp_path):
    src = tmp_path / "in"
    build([put(src, "a"), put(src, "b")], tmp_path / "out", engine="gazetteer", viewer=False, progress=False)
    before = snapshot(tmp_path / "out")
    result = build([put(src, "c")], tmp_path / "out", engine="gazetteer", viewer=False, progress=False)
    assert (result.added, result.analysed, result.graphs_written, result.unchanged) == (["c"], 1, 1, 2)
    after = snapshot(tmp_path / "out")
    derived = str(DERIVED_GRAPH)
    assert {k: v for k, v in after.items() if not k.endswith("/c") and k not in (derived, DEFAULT)} == \
           {k: v for k, v in before.items() if k not in (derived, DEFAULT)}
    assert before[derived] < after[derived]     # c's statements join; a's and b's counts stay


def test_source_counts_and_entities_follow_the_documents(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    build([put(src, d) for d in "abcd"], out, engine="gazetteer", viewer=False, progress=False)
    met = {s for ts in snapshot(out).values() for s, p, o in ts if p == NKG.relation and o == NKG.met}
    counts = lambda: {o[1] for ts in [snapshot(out).get(str(DERIVED_GRAPH), set())] for s, p, o in ts  # noqa: E731
                      if p == NKG.sourceCount and s in met}
    assert counts() == {3, 1}      # Putin met Díaz-Canel (a, b, d), Merkel met Macron (c)
    remove(out, ["b"], viewer=False, progress=False)
    assert counts() == {2, 1}
    remove(out, ["a", str(src / "d.txt")], viewer=False, progress=False)   # by id and by source file
    graphs = snapshot(out)
    assert counts() == {1}
    subjects = {s for ts in graphs.values() for s, _, _ in ts}
    assert ENTITY_NS["miguel-diaz-canel"] not in subjects      # no document names him any more
    assert ENTITY_NS["angela-merkel"] in subjects
    assert set(graphs) == {str(DOC_NS["c"]), str(DERIVED_GRAPH), "https://w3id.org/newskg/graph/ontology", DEFAULT}


def test_a_changed_document_replaces_its_facts(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    build([put(src, "a"), put(src, "b")], out, engine="gazetteer", viewer=False, progress=False)
    result = build([put(src, "a", "a2")], out, engine="gazetteer", viewer=False, progress=False)
    assert (result.changed, result.analysed) == (["a"], 1)
    doc_a = snapshot(out)[str(DOC_NS["a"])]
    relations = {o for s, p, o in doc_a if p == NKG.relation}
    assert NKG.visited in relations and NKG.met not in relations
    assert all("met" not in str(o) for s, p, o in doc_a if p == NKG.sentence)


def test_a_capital_standing_for_its_state_makes_the_state_a_node_of_the_document(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    build([put(src, "metonymy")], out, engine="gazetteer", viewer=False, progress=False)
    graph = snapshot(out)[str(DOC_NS["metonymy"])]
    assert (ENTITY_NS["russia"], NKG.lends, ENTITY_NS["cuba"]) in graph
    assert (ENTITY_NS["russia"], RDF.type, NKG.Country) in graph
    again = build([put(src, "metonymy")], out, engine="gazetteer", viewer=False, progress=False)
    assert (again.graphs_written, again.unchanged) == (0, 1)   # what its facts looked up still holds


def test_removing_an_unknown_document_names_it_and_the_known_ones(tmp_path):
    from newskg.extract.errors import UsageError

    build([put(tmp_path / "in", "a")], tmp_path / "out", engine="gazetteer", viewer=False, progress=False)
    with pytest.raises(UsageError, match=r"unknown document\(s\) 'zz'; the graph has: a"):
        remove(tmp_path / "out", ["zz"], viewer=False)


def test_staged_extraction_gives_what_extract_gives(tmp_path):
    """The incremental path runs extract()'s steps in two halves: the result must not drift."""
    from newskg.extract.pipeline import extract
    from newskg.extract.readers import read_inputs
    from newskg.graph import analysis as an

    src = tmp_path / "in"
    for d in ("a", "b", "c", "d", "metonymy", "metonymy2"):
        put(src, d)
    docs, _ = read_inputs([src])
    whole = extract(docs, engine="gazetteer")
    parts, errors = an.analyse(docs, "gazetteer", ("en", "vi"))
    assert errors == []
    named = {a.doc.id: (an.slim(a.doc), a.names) for a in parts}
    entities = an.link(named)
    attached: dict[str, set[str]] = {}   # entities the facts step makes nodes of a document
    for a in parts:
        facts, lookups, extra = an.facts_for((a.doc, *a.pair), named[a.doc.id][1], entities)
        assert [dataclasses.asdict(f) for f in facts] == [dataclasses.asdict(f) for f in whole.facts[a.doc.id]]
        assert "*" not in lookups
        for key in extra:
            attached.setdefault(key, set()).add(a.doc.id)
    assert attached.get("russia") == {"metonymy", "metonymy2"}   # a capital standing for its state
    for key, ent in whole.entities.items():
        linked = entities.get(key)
        assert ent.docs == (linked.docs if linked else set()) | attached.get(key, set())
        if linked:
            assert (ent.name, ent.type, ent.wikidata, ent.aliases) == \
                   (linked.name, linked.type, linked.wikidata, linked.aliases)
    assert set(entities) <= set(whole.entities)


@pytest.mark.slow
def test_cross_document_resolution_follows_additions_and_removals(tmp_path):
    """'Kowalski' alone is the person another document names in full; without that document he
    is 'Kowalski' again (spaCy finds the unknown name; the gazetteer does not know him)."""
    src, out = tmp_path / "in", tmp_path / "out"
    TEXTS["k-full"] = ("en", "Polish diplomat Adam Kowalski met Vladimir Putin in Moscow on 2 May 2019.")
    TEXTS["k-short"] = ("en", "Kowalski met Xi Jinping in Beijing on 3 May 2019.")
    build([put(src, "k-short")], out, engine="spacy", viewer=False, progress=False)
    short_graph = snapshot(out)[str(DOC_NS["k-short"])]
    assert (ENTITY_NS["kowalski"], RDF.type, NKG.Person) in short_graph
    result = build([put(src, "k-full")], out, engine="spacy", viewer=False, progress=False)
    assert result.graphs_written == 2      # the new document, and the one whose name now resolves further
    graphs = snapshot(out)
    assert (ENTITY_NS["adam-kowalski"], NKG.met, ENTITY_NS["xi-jinping"]) in graphs[str(DOC_NS["k-short"])]
    assert graphs == scratch(tmp_path, src, {"k-short": "k-short", "k-full": "k-full"}, engine="spacy")
    remove(out, ["k-full"], viewer=False, progress=False)
    assert snapshot(out)[str(DOC_NS["k-short"])] == short_graph


# --- crash safety ---------------------------------------------------------------------------

PEOPLE = [("Russian President", "Vladimir Putin"), ("German Chancellor", "Angela Merkel"),
          ("French President", "Emmanuel Macron"), ("Chinese President", "Xi Jinping"),
          ("Indian Prime Minister", "Narendra Modi"), ("Cuban President", "Miguel Díaz-Canel")]
CITIES = ["Moscow", "Berlin", "Paris", "Beijing", "New Delhi", "Havana"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def many_documents(folder: Path, n: int) -> Path:
    """n short English reports of meetings between leaders (templated, deterministic)."""
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (t1, p1), (t2, p2) = rng.sample(PEOPLE, 2)
        city, month, day = rng.choice(CITIES), rng.choice(MONTHS), rng.randint(1, 28)
        text = f"{t1} {p1} met {t2} {p2} in {city} on {day} {month} 2019. {p1.split()[-1]} visited {city}."
        (folder / f"m{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
        (folder / f"m{i:03d}.meta.json").write_text('{"lang": "en", "published": "2019-12-01"}', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def crash_corpus(tmp_path_factory):
    src = many_documents(tmp_path_factory.mktemp("many"), 120)
    ref = tmp_path_factory.mktemp("uninterrupted")
    build([src], ref, engine="gazetteer", viewer=False, progress=False)
    return src, snapshot(ref)


def assert_consistent_partial(out: Path, reference: dict[str, set]) -> int:
    """Each document graph present is whole (as in the uninterrupted build), and the derived graph
    agrees with the documents present. Returns how many documents the store holds."""
    graphs = snapshot(out)   # checks that the default graph is the union of the named graphs
    docs = [g for g in graphs if g.startswith(str(DOC_NS))]
    for g in docs:
        assert graphs[g] == reference[g], g
    assert graphs.get(str(DERIVED_GRAPH), set()) == derived_from_scratch(graphs)
    return len(docs)


KILL_AFTER_COMMIT = """
import os, signal, sys
import newskg.graph.corpus as corpus
import newskg.graph.incremental as inc
inc.BATCH_DOCS = 2
corpus.BULK_DOCS = int(sys.argv[4]) if len(sys.argv) > 4 else corpus.BULK_DOCS
real, done = inc.commit, []
def commit(backend, batch, derive=True):
    out = real(backend, batch, derive)
    done.append(1)
    if len(done) == int(sys.argv[3]):   # the store has the batch, the build cache does not know yet
        os.kill(os.getpid(), signal.SIGKILL)
    return out
inc.commit = commit
from newskg.graph.build import build
build([sys.argv[1]], sys.argv[2], engine="gazetteer", viewer=False, progress=False)
"""


def test_sigkill_between_store_and_cache_then_the_next_build_completes(tmp_path, crash_corpus):
    src, reference = crash_corpus
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", KILL_AFTER_COMMIT, str(src), str(out), "4"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert assert_consistent_partial(out, reference) == 8
    result = build([src], out, engine="gazetteer", viewer=False, progress=False)
    assert result.documents == 120 and result.errors == []
    assert snapshot(out) == reference


def test_sigkill_during_a_bulk_load_then_the_next_build_completes(tmp_path, crash_corpus):
    """A bulk load derives values at its end: killed before that, the store holds whole documents
    without (all) their derived values, and the next build, however small, derives them all."""
    src, reference = crash_corpus
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", KILL_AFTER_COMMIT, str(src), str(out), "4", "10"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    graphs = snapshot(out)
    docs = [g for g in graphs if g.startswith(str(DOC_NS))]
    assert len(docs) == 8 and all(graphs[g] == reference[g] for g in docs)
    result = build([src], out, engine="gazetteer", viewer=False, progress=False)
    assert result.documents == 120 and result.errors == []
    assert snapshot(out) == reference


SMALL_BATCH_CLI = """
import sys
import newskg.graph.incremental as inc
inc.BATCH_DOCS = 2
from newskg.graph.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("delay", [0.0, 0.5, 0.9])
def test_sigkill_at_any_moment_leaves_a_store_that_opens(tmp_path, crash_corpus, delay):
    """The CLI, killed `delay` seconds after it opened the store (analysing or writing); small
    batches make the writing phase long enough to be hit."""
    src, reference = crash_corpus
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", SMALL_BATCH_CLI, "build", str(src), "-o", str(out), "--engine", "gazetteer",
           "--no-viewer", "--no-progress"]
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / "store.json").exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    assert child.wait(30) == -signal.SIGKILL
    held = assert_consistent_partial(out, reference)
    assert held < 120
    result = build([src], out, engine="gazetteer", viewer=False, progress=False)
    assert result.documents == 120
    assert snapshot(out) == reference
    assert os.path.exists(out / "graph.trig")


def test_progress_bars_and_summary_for_many_documents(tmp_path, capsys):
    src = many_documents(tmp_path / "in", 25)
    result = build([src], tmp_path / "out", engine="gazetteer", viewer=False, progress=True)
    err = capsys.readouterr().err
    assert "analysing" in err and "writing" in err and "25/25" in err
    summary = result.summary()
    assert summary.startswith("documents: 25 (en 25)")
    assert "25 added, 0 changed, 0 removed, 0 unchanged; 25 analysed, 25 graph(s) written" in summary


def test_derived_values_are_recomputed_once_when_the_code_deriving_them_changed(tmp_path):
    """An upgrade that changes how counts and event links are derived (graph/events.py) must not
    leave a store's derived graph as the old code wrote it, though no document changed."""
    import sqlite3

    src, out = tmp_path / "in", tmp_path / "out"
    paths = [put(src, d) for d in "abcd"]
    build(paths, out, engine="gazetteer", viewer=False, progress=False)
    want = snapshot(out)
    derived = str(DERIVED_GRAPH)
    assert want[derived]
    # what an older version might have left: a derived graph that is wrong, under an old fingerprint
    from newskg.graph.incremental import Edit, graph_triples, update_text
    from newskg.graph.store import open_backend, read_config

    backend = open_backend(read_config(out))
    stale = graph_triples(backend, DERIVED_GRAPH)
    backend.update(update_text([Edit(DERIVED_GRAPH, stale, set(list(stale)[: len(stale) // 2]))]))
    backend.close()
    assert snapshot(out)[derived] != want[derived]
    db = sqlite3.connect(out / "cache.sqlite")
    with db:
        db.execute("UPDATE meta SET value='old' WHERE key LIKE 'derived:%'")
    db.close()
    again = build(paths, out, engine="gazetteer", viewer=False, progress=False)
    assert again.graphs_written == 0            # no document graph was rewritten...
    assert snapshot(out) == want                # ...and yet every derived value is right again


@pytest.mark.parametrize("order", [list("abcd") + ["metonymy", "metonymy2", "report", "coarse"],
                                   ["report", "d", "metonymy2", "coarse", "b", "a", "c", "metonymy"]])
def test_bulk_load_derives_the_values_per_batch_writes_give(tmp_path, monkeypatch, order):
    """Above BULK_DOCS documents a build writes the document graphs first and derives source counts
    and event links once at the end: the same store as batch-by-batch derivation."""
    import newskg.graph.corpus as corpus_mod

    src = tmp_path / "in"
    paths = [put(src, d) for d in order]
    monkeypatch.setattr(corpus_mod, "BULK_DOCS", 10**9)
    build(paths, tmp_path / "per-batch", engine="gazetteer", viewer=False, progress=False)
    monkeypatch.setattr(corpus_mod, "BULK_DOCS", 2)
    build(paths, tmp_path / "bulk", engine="gazetteer", viewer=False, progress=False)
    want, got = snapshot(tmp_path / "per-batch"), snapshot(tmp_path / "bulk")
    assert got == want
    derived = got[str(DERIVED_GRAPH)]
    assert any(p == NKG.sameEventAs for _, p, _ in derived)       # "2018" is the 2018-11-02 meeting
    assert {o[1] for _, p, o in derived if p == NKG.sourceCount} >= {5}   # a, b, d, report, coarse
    # and a later small build goes back to batch-by-batch derivation on top of the bulk load
    monkeypatch.setattr(corpus_mod, "BULK_DOCS", 10**9)
    for out in ("per-batch", "bulk"):
        remove(tmp_path / out, ["b"], viewer=False, progress=False)
    assert snapshot(tmp_path / "bulk") == snapshot(tmp_path / "per-batch")
