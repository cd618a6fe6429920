"""The stores a graph lives in: the embedded Oxigraph store (reopened, read by other processes,
locked against two writers), the in-memory store, the store syntax, and SPARQL text for any
literal."""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from newskg.extract.errors import StoreError, UnknownChoice, UsageError
from newskg.graph.build import build
from newskg.graph.corpus import Corpus
from newskg.graph.incremental import norm, term_text
from newskg.graph.store import StoreSpec, export, load_dataset, parse_store

DOCS = {
    "putin-cuba": ("en", "2018-11-03", "Russian President Vladimir Putin met Cuban President Miguel Díaz-Canel "
                                       "in Moscow on 2 November 2018."),
    "merkel": ("en", "2019-05-06", "German Chancellor Angela Merkel visited France on 5 May 2019."),
}


def write_docs(folder, docs):
    folder.mkdir(parents=True, exist_ok=True)
    for name, (lang, date, text) in docs.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(f'{{"lang": "{lang}", "published": "{date}"}}', encoding="utf-8")
    return folder


def quads(ds: Dataset) -> set:
    return {(s, p, norm(o), g) for s, p, o, g in ds.quads((None, None, None, None))}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = write_docs(tmp_path_factory.mktemp("in"), DOCS)
    out = tmp_path_factory.mktemp("out")
    result = build([src], out, engine="gazetteer", viewer=False, progress=False)
    return out, result


def test_build_keeps_an_oxigraph_store_in_the_output_folder(built):
    out, result = built
    assert (out / "store").is_dir() and (out / "cache.sqlite").is_file()
    assert result.store == f"oxigraph:{(out / 'store').resolve()}"
    assert result.documents == 2 and result.statements >= 2


def test_reopened_store_is_not_empty_and_matches_the_trig_file(built):
    """oxrdflib issue 31: a reopened store must show its triples (the Dataset's identifier is an IRI)."""
    out, _ = built
    ds = load_dataset(out)
    try:
        assert type(ds.store).__name__ == "OxigraphStore"
        assert len(ds) > 0
        from_file = Dataset()
        from_file.parse(out / "graph.trig", format="trig")
        assert quads(ds) == quads(from_file)
        assert bool(ds.query("ASK { ?e a <https://w3id.org/newskg/ontology#Person> }").askAnswer)
    finally:
        ds.close()


def test_another_process_reads_the_store(built):
    out, _ = built
    code = ("import sys; from newskg.graph.store import load_dataset; ds = load_dataset(sys.argv[1]); "
            "print(len(list(ds.query('SELECT ?s WHERE { ?s a <https://w3id.org/newskg/ontology#Statement> }'))))")
    proc = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) >= 2


def test_a_second_writer_is_refused_with_a_clear_error(built):
    out, _ = built
    with Corpus(out, parse_store(None, out)):
        with pytest.raises(StoreError, match="in use by another newskg build") as err:
            build([], out, engine="gazetteer", viewer=False)
    assert err.value.exit_code == 5


def test_memory_store_leaves_only_the_output_files(tmp_path):
    src = write_docs(tmp_path / "in", DOCS)
    out = tmp_path / "out"
    result = build([src / "merkel.txt"], out, engine="gazetteer", viewer=False, store="memory", progress=False)
    assert result.documents == 1
    assert not (out / "store").exists() and not (out / "cache.sqlite").exists()
    again = build([src / "putin-cuba.txt"], out, engine="gazetteer", viewer=False, store="memory", progress=False)
    assert again.documents == 1 and again.added == ["putin-cuba"]   # one-shot: nothing carried over
    ds = load_dataset(out)  # read from graph.trig
    docs = {str(g) for g in ds.subjects(RDF.type, URIRef("https://w3id.org/newskg/ontology#Document"))}
    assert docs == {"https://w3id.org/newskg/doc/putin-cuba"}


@pytest.mark.parametrize("text,kind,location,update", [
    ("memory", "memory", "", ""),
    ("sparql+http://127.0.0.1:7878/query", "sparql", "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update"),
    ("sparql+http://h/ds/query", "sparql", "http://h/ds/query", "http://h/ds/update"),
    ("sparql+http://h/query?union-default-graph", "sparql", "http://h/query?union-default-graph",
     "http://h/update?union-default-graph"),
    ("sparql+https://h/sparql", "sparql", "https://h/sparql", "https://h/sparql"),
    ("sparql+http://h/q;update=http://h/u", "sparql", "http://h/q", "http://h/u"),
])
def test_store_syntax(tmp_path, text, kind, location, update):
    assert parse_store(text, tmp_path) == StoreSpec(kind, location, update)


def test_oxigraph_store_defaults_to_the_output_folder_or_a_given_one(tmp_path):
    assert parse_store(None, tmp_path).path == str((tmp_path / "store").resolve())
    assert parse_store(f"oxigraph:{tmp_path}/db", tmp_path).path == str((tmp_path / "db").resolve())


def test_a_moved_output_folder_keeps_its_store(tmp_path):
    src = write_docs(tmp_path / "in", DOCS)
    build([src], tmp_path / "out", engine="gazetteer", viewer=False, progress=False)
    (tmp_path / "out").rename(tmp_path / "moved")
    ds = load_dataset(tmp_path / "moved")
    try:
        assert type(ds.store).__name__ == "OxigraphStore" and len(ds) > 0
    finally:
        ds.close()
    again = build([src], tmp_path / "moved", engine="gazetteer", viewer=False, progress=False)
    assert (again.analysed, again.graphs_written, again.unchanged) == (0, 0, 2)


@pytest.mark.parametrize("text,error,needle", [
    ("postgres://x", UnknownChoice, "available: memory, oxigraph"),
    ("sparql+ftp://h/q", UsageError, "expected sparql+http://HOST"),
    ("sparql+http:///q", UsageError, "'sparql+http:///q'"),
])
def test_bad_store_names_the_value_and_the_choices(tmp_path, text, error, needle):
    with pytest.raises(error, match=needle.replace("+", r"\+")):
        parse_store(text, tmp_path)


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("trig", "trig"), ("nq", "nquads"),
                                               ("jsonld", "json-ld")])
def test_export_from_the_store_parses_back_to_the_same_graph(built, fmt, rdflib_format):
    out, _ = built
    ds = load_dataset(out)
    try:
        text = export(ds, fmt)
        union = {(s, p, norm(o)) for s, p, o in Graph().parse(out / "graph.ttl", format="turtle")}
        if fmt in ("trig", "nq", "jsonld"):
            back = Dataset()
            back.parse(data=text, format=rdflib_format)
            assert quads(back) == quads(ds)
        else:
            assert {(s, p, norm(o)) for s, p, o in Graph().parse(data=text, format=rdflib_format)} == union
    finally:
        ds.close()


def test_turtle_file_is_the_union_of_the_trig_file(built):
    out, _ = built
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(Graph().parse(out / "graph.ttl", format="turtle"), union)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_literals = st.one_of(
    _text.map(Literal),
    st.tuples(_text, st.sampled_from(["en", "vi", "pt-BR"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-10**12, 10**12).map(Literal),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: Literal(d, datatype=XSD.decimal)),
    st.dates().map(Literal),
)


@settings(max_examples=150, deadline=None)
@given(_literals)
def test_any_literal_survives_the_update_text(lit):
    store = pyoxigraph.Store()
    store.update(f"INSERT DATA {{ GRAPH <urn:g> {{ <urn:s> <urn:p> {term_text(lit)} }} }}")
    (quad,) = list(store)
    o = quad.object
    back = Literal(o.value, lang=o.language) if o.language else Literal(o.value, datatype=URIRef(o.datatype.value))
    assert norm(back) == norm(lit)


@pytest.mark.parametrize("iri", ["https://w3id.org/newskg/doc/my article", "urn:a<b", "urn:x\ny"])
def test_an_iri_the_store_cannot_hold_is_named_in_the_error(iri):
    with pytest.raises(StoreError, match="cannot store the IRI"):
        term_text(URIRef(iri))
