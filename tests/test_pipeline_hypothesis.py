"""Arbitrary text through the whole pipeline (read, clean, annotate, resolve, store, export):
it never crashes, every document is either in the graph or reported, and every export format
parses with pyoxigraph into the graph rdflib reads from the store. Also: one name written in NFC
and in NFD is one entity, and a 2 MB line without punctuation builds."""
from __future__ import annotations

import json
import random
import tempfile
import time
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newskg.graph.build import build
from newskg.graph.store import export, load_dataset

DOC = "https://w3id.org/newskg/doc/"
LANGS = ("en", "fr", "vi", "de", "es", "pt", "ru")
NAMES = ("Vladimir Putin", "Emmanuel Macron", "Miguel Díaz-Canel", "Hà Nội", "Nguyễn Phú Trọng", "Москва",
         "São Paulo", "Olaf Scholz", "Xi Jinping", "the United States", "Cuba")
WORDS = ("met", "visited", "will lend", "did not meet", "talks with", "said", "on Monday", "in", "president",
         "gặp", "tại", "sẽ cho vay", "a rencontré", "встретился с", "se reunió con", "50 million dollars")
HOSTILE = ('"', "'", "\\", '\\"', "\n", "\r\n", "\r", "\t", "\x00", "\x07", "\x0c", "\x1b", "\x7f", "\x85",
           "\x9f", "\u2028", "\u2029", "\ufeff", "\u200b", "\u200d", "\u202e", "\u0301", "\u0323\u0302",
           "😀", "👩\u200d👩\u200d👧", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "🇻🇳", "مرحبا بالعالم", "שלום", "\ud800", "\udfff",
           "\ufffe", "\uffff", "\U0010fffd", "<", ">", "&amp;", "{", "}", "@prefix", '"""', "'''", "^^",
           "#", "_:b0", "<http://x/>", ".", "...", "!?", ":", "%", "%zz", "\xa0", "\u3000")
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
           "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
QUADS = {"trig", "nq", "jsonld"}
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")

tokens = st.one_of(st.sampled_from(NAMES), st.sampled_from(WORDS), st.sampled_from(HOSTILE),
                   st.text(max_size=8))
messy = st.lists(tokens, min_size=1, max_size=40).map(" ".join)
# a word (or name) repeated into one long line without sentence punctuation
runaway = st.builds(lambda w, n: " ".join([w] * n), st.sampled_from(NAMES + WORDS[:3] + ("lorem",)),
                    st.integers(300, 1500))
record = st.fixed_dictionaries(
    {"text": st.one_of(messy, messy, runaway)},
    optional={"lang": st.sampled_from(LANGS), "title": st.one_of(messy, st.text(max_size=30)),
              "url": st.one_of(st.sampled_from(("https://example.org/a b", "http://x/\u00e9?q=\"1\"#f",
                                                "https://example.org:notaport/", "/relative", "mailto:x@y")),
                               st.text(max_size=20).map(lambda t: "https://example.org/" + t)),
              "date": st.sampled_from(("2020", "2021-05", "2022-02-28", "2024-13-01")),
              "id": st.one_of(st.text(max_size=12), st.sampled_from((".", "..", "v1.", "a b", "a/b?c#d", "%", "")))})


def _term(t):
    """A pyoxigraph term as rdflib's (plain literals without a datatype, as rdflib keeps them)."""
    from newskg.graph.oxconvert import from_ox

    return from_ox(t)


def _plain(o):
    """RDF 1.1: a literal without a datatype is an xsd:string; rdflib tells them apart."""
    return Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD_STRING else o


def _by_graph(quads, quad_format: bool) -> dict:
    """graph name -> rdflib Graph; for a triple format everything goes to one graph."""
    graphs: dict = {}
    for s, p, o, g in quads:
        graphs.setdefault(g if quad_format else None, Graph()).add((s, p, _plain(o)))
    return graphs


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(isomorphic(a[k], b[k]) for k in a)


def check_exports(out: Path) -> None:
    """Each export, parsed by pyoxigraph and by rdflib, is the graph rdflib reads from the store."""
    ds = load_dataset(out)
    try:
        stored = [(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))]
        texts = {fmt: export(ds, fmt) for fmt in FORMATS}
    finally:
        ds.close()
    assert stored
    for fmt, text in texts.items():
        quad = fmt in QUADS
        expected = _by_graph(stored, quad)
        parsed = [(_term(q.subject), _term(q.predicate), _term(q.object),
                   _term(q.graph_name) if isinstance(q.graph_name, ox.NamedNode) else None)
                  for q in ox.parse(text.encode("utf-8"), format=FORMATS[fmt])]
        assert _same(_by_graph(parsed, quad), expected), fmt
        if quad:
            again = Dataset()
            again.parse(data=text, format={"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[fmt])
            mine = [(s, p, o, g) for s, p, o, g in again.quads((None, None, None, None))]
        else:
            again = Graph().parse(data=text, format={"ttl": "turtle", "nt": "nt"}[fmt])
            mine = [(s, p, o, None) for s, p, o in again]
        assert _same(_by_graph(mine, quad), expected), f"{fmt} (rdflib)"


def build_records(records: list[dict], engine: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        # ensure_ascii: lone surrogates and every other code point travel as JSON escapes
        (src / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        result = build([src], out, engine=engine, viewer=False)
        store = ox.Store()
        store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
        docs = {r["d"].value for r in store.query(
            "SELECT DISTINCT ?d WHERE { GRAPH ?d { ?d a <https://w3id.org/newskg/ontology#Document> } }")}
        # every record is a document of the graph or a reported error, never both or neither
        assert len(docs) + len(result.errors) == len(records), [str(e) for e in result.errors]
        assert all(str(src / "records.jsonl") in str(e) for e in result.errors)
        check_exports(out)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(record, min_size=1, max_size=4))
@example([{"text": "Moscow will lend Havana fifty million dollars, officials said on Monday.", "lang": "en"}])
@example([{"text": "Vladimir Putin met Xi Jinping.", "lang": "en", "id": "."}])
def test_arbitrary_text_builds_and_every_export_round_trips_gazetteer(records):
    build_records(records, "gazetteer")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(record, min_size=1, max_size=3))
def test_arbitrary_text_builds_and_every_export_round_trips_auto(records):
    build_records(records, "auto")


# (language, name, first document, second document): the second is written wholly in NFD
NFC_NFD = [
    ("vi", "Nguyễn Thị Ngọc Hà", "Bộ trưởng {n} đã gặp Tổng thống Pháp Emmanuel Macron tại Hà Nội hôm thứ Hai.",
     "Hôm thứ Sáu, bà {n} đã tới Paris và hội đàm với Thủ tướng Pháp về hợp tác kinh tế."),
    ("fr", "Hélène Darrieussecq", "La ministre {n} a rencontré Emmanuel Macron à Paris lundi pour parler du budget.",
     "Vendredi, la ministre {n} s'est rendue à Berlin pour rencontrer le chancelier Olaf Scholz."),
    ("en", "Zoë Brontë-Müller", "Foreign Minister {n} met President Vladimir Putin in Moscow on Monday to talk about trade.",
     "On Friday the foreign minister, {n}, travelled to Paris, where she met Emmanuel Macron to discuss the "
     "war in Ukraine and the price of energy."),
]


@pytest.mark.parametrize("lang, name, first, second", NFC_NFD, ids=[c[0] for c in NFC_NFD])
def test_name_in_nfc_and_nfd_is_one_entity(tmp_path, lang, name, first, second):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(unicodedata.normalize("NFC", first.format(n=name)), encoding="utf-8")
    (src / "b.txt").write_text(unicodedata.normalize("NFD", second.format(n=name)), encoding="utf-8")
    assert unicodedata.normalize("NFD", name) != name
    result = build([src], tmp_path / "out", engine="auto", viewer=False)
    assert result.errors == [] and result.languages == {lang: 2}
    store = ox.Store()
    store.load(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG)
    rows = store.query("""SELECT DISTINCT ?e ?label ?doc WHERE { GRAPH ?g {
        ?e <https://w3id.org/newskg/ontology#mentionedIn> ?doc ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } }""")
    found = [(r["e"].value, r["label"].value, r["doc"].value) for r in rows
             if unicodedata.normalize("NFC", r["label"].value).startswith(name.split()[0])]
    assert {label for _, label, _ in found} == {name}
    assert len({e for e, _, _ in found}) == 1
    assert {doc for _, _, doc in found} == {DOC + "a", DOC + "b"}


def two_megabyte_line(seed: int = 7) -> str:
    """News-like words with a known name every ~30 words, one line, no punctuation at all."""
    vocab = ("the of and to in a that for on with as was at by from it said his her their officials government "
             "minister talks would could after before during while over about new economic military trade energy "
             "agreement meeting visit week year country state foreign president prime security cooperation "
             "relations both sides leaders delegation capital city region border support aid loan million dollars "
             "press conference").split()
    names = ("Vladimir Putin", "Cuba", "Moscow", "Emmanuel Macron", "Germany", "Xi Jinping", "Hanoi", "Olaf Scholz")
    rng = random.Random(seed)
    words, size = [], 0
    while size < 2_000_000:
        word = rng.choice(names) if rng.random() < 1 / 30 else rng.choice(vocab)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:2_000_000].rstrip()


def test_two_megabyte_line_without_punctuation_builds(tmp_path, capsys):
    """No time limit asserted: the time is printed (pytest -s) for the README."""
    line = two_megabyte_line()
    assert len(line.encode()) >= 1_999_999 and "\n" not in line
    src = tmp_path / "in"
    src.mkdir()
    (src / "long.txt").write_text(line, encoding="utf-8")
    (src / "long.meta.json").write_text('{"lang": "en"}', encoding="utf-8")
    start = time.perf_counter()
    result = build([src], tmp_path / "out", engine="gazetteer", viewer=False)
    seconds = time.perf_counter() - start
    assert result.errors == [] and result.documents == 1
    store = ox.Store()
    store.load(path=str(tmp_path / "out" / "graph.trig"), format=ox.RdfFormat.TRIG)
    mentioned = {q.subject.value for q in store.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/newskg/ontology#mentionedIn"), ox.NamedNode(DOC + "long"))}
    assert {"https://w3id.org/newskg/entity/vladimir-putin", "https://w3id.org/newskg/entity/cuba"} <= mentioned
    with capsys.disabled():
        print(f"\n2 MB line without punctuation: built in {seconds:.1f} s ({result.timings})")
