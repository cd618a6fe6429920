"""The ready-made SPARQL queries: known answers on the seeds' graph, the same answers as the
plain (slow) formulations they replace, and look-up by any label on a small hand-built graph."""
from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore

from newskg.extract.errors import QueryError, UsageError
from newskg.extract.model import DateValue, Document, Entity, Evidence, Fact
from newskg.graph.query import (bind_params, entity_params, format_result, load_query, ready_made, run_query,
                                 with_limit)
from newskg.graph.names import normalize_label
from newskg.graph.rdf import add_document, new_dataset, refresh_derived
from newskg.graph.store import OxDataset, load_dataset
from newskg.ontology.terms import ENTITY_NS, NKG


@pytest.fixture(scope="module")
def ds(seeds_build):
    return load_dataset(seeds_build.out_dir)


def _rows(ds, query_name, **params):
    return _table(run_query(ds, load_query(query_name), params))


def _table(result) -> list[dict]:
    """Rows as dicts of strings, an unbound column as None."""
    names = [str(v) for v in result.vars]
    return [{n: (None if v is None else str(v)) for n, v in zip(names, row)} for row in result]


def test_at_least_three_ready_made_queries_ship():
    assert {"facts-about", "who-met-whom", "between-countries"} <= set(ready_made())


@pytest.mark.slow
def test_putin_met_diaz_canel_according_to_two_documents(ds):
    rows = [r for r in _rows(ds, "who-met-whom") if {r["a"], r["b"]} == {"Vladimir Putin", "Miguel Díaz-Canel"}
            and r["relation"] == "met"]
    documents = {doc for r in rows for doc in r["documents"].split()}
    assert len(documents) >= 2
    # different meetings of the same people stay apart; the "2016" report is the 2016-05 meeting
    # (listed once, with both sources), and the 2018-11-02 talks have two sources
    dates = {r.get("date"): r for r in rows}
    assert {"2016-05", "2018-11-02", "2024-05-09"} <= set(dates) and "2016" not in dates
    assert dates["2016-05"]["sources"] == dates["2018-11-02"]["sources"] == "2"


@pytest.mark.slow
def test_facts_about_finds_an_entity_by_any_label(ds):
    by_english = _rows(ds, "facts-about", name="Vladimir Putin")
    by_short = _rows(ds, "facts-about", name="putin")
    assert by_english and by_english == by_short
    assert any(r["relation"] == "holdsPosition" and r["object"] == "Russia" for r in by_english)


@pytest.mark.slow
def test_between_countries_lists_russia_and_cuba(ds):
    rows = _rows(ds, "between-countries", a="Nga", b="Cuba")
    assert rows
    assert all({r["from"], r["to"]} == {"Russia", "Cuba"} for r in rows)
    assert {"lends"} <= {r["relation"] for r in rows}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_results_format(ds, fmt):
    text = format_result(run_query(ds, load_query("positions")), fmt)
    assert "Vladimir Putin" in text


@pytest.mark.slow
@pytest.mark.parametrize(("name", "column", "want"), [
    ("Putin", "person", "Vladimir Putin"), ("VLADIMIR PUTIN", "person", "Vladimir Putin"), ("Nga", "of", "Russia"),
])
def test_positions_of_one_person_or_one_state(ds, name, column, want):
    everything = _rows(ds, "positions")
    rows = _rows(ds, "positions", name=name)
    assert rows and all(r[column] == want for r in rows)
    assert rows == [r for r in everything if r[column] == want]


# --- the old formulations: every label scanned, every statement grouped (the reference answers)

_PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
REFERENCE = {
    "facts-about": _PREFIXES + """
SELECT ?subject ?relation ?object ?date ?status (COUNT(DISTINCT ?doc) AS ?sources) (GROUP_CONCAT(DISTINCT STR(?doc); separator=" ") AS ?documents)
WHERE {
  ?e rdfs:label|skos:altLabel ?label . FILTER(LCASE(STR(?label)) = LCASE(STR(?name)))
  ?st a nkg:Statement ; rdf:subject ?s ; rdf:object ?o ; nkg:relation ?rel ; nkg:status ?st_status ; nkg:evidence ?ev .
  FILTER(?s = ?e || ?o = ?e)
  ?ev prov:wasDerivedFrom ?doc . ?s rdfs:label ?subject . ?o rdfs:label ?object .
  OPTIONAL { ?st nkg:date ?date } FILTER NOT EXISTS { ?st nkg:sameEventAs ?finer }
  BIND(STRAFTER(STR(?rel), "#") AS ?relation) BIND(STRAFTER(STR(?st_status), "#") AS ?status)
} GROUP BY ?subject ?relation ?object ?date ?status""",
    "who-met-whom": _PREFIXES + """
SELECT ?a ?relation ?b ?date ?place (COUNT(DISTINCT ?doc) AS ?sources) (GROUP_CONCAT(DISTINCT STR(?doc); separator=" ") AS ?documents)
WHERE {
  VALUES ?rel { nkg:met nkg:talkedTo }
  ?st a nkg:Statement ; nkg:relation ?rel ; rdf:subject ?s ; rdf:object ?o ; nkg:status nkg:Occurred ; nkg:evidence ?ev .
  ?ev prov:wasDerivedFrom ?doc . ?s rdfs:label ?a . ?o rdfs:label ?b .
  OPTIONAL { ?st nkg:date ?date } FILTER NOT EXISTS { ?st nkg:sameEventAs ?finer }
  OPTIONAL { ?st nkg:place ?p . ?p rdfs:label ?place }
  BIND(STRAFTER(STR(?rel), "#") AS ?relation)
} GROUP BY ?a ?relation ?b ?date ?place""",
    "between-countries": _PREFIXES + """
SELECT ?from ?relation ?to ?date ?status (COUNT(DISTINCT ?doc) AS ?sources)
WHERE {
  ?s a nkg:Country . ?o a nkg:Country .
  ?st a nkg:Statement ; rdf:subject ?s ; rdf:object ?o ; nkg:relation ?rel ; nkg:status ?st_status ; nkg:evidence ?ev .
  ?ev prov:wasDerivedFrom ?doc . ?s rdfs:label ?from . ?o rdfs:label ?to .
  OPTIONAL { ?s rdfs:label|skos:altLabel ?la . ?o rdfs:label|skos:altLabel ?lb .
             FILTER((LCASE(STR(?la)) = LCASE(STR(?a)) && LCASE(STR(?lb)) = LCASE(STR(?b))) ||
                    (LCASE(STR(?la)) = LCASE(STR(?b)) && LCASE(STR(?lb)) = LCASE(STR(?a)))) BIND(true AS ?pair) }
  FILTER(!BOUND(?a) || BOUND(?pair))
  OPTIONAL { ?st nkg:date ?date } FILTER NOT EXISTS { ?st nkg:sameEventAs ?finer }
  BIND(STRAFTER(STR(?rel), "#") AS ?relation) BIND(STRAFTER(STR(?st_status), "#") AS ?status)
} GROUP BY ?from ?relation ?to ?date ?status""",
}


def _bag(rows: list[dict], symmetric: bool = False) -> Counter:
    """Rows as a multiset; a symmetric meeting compares whichever participant comes first."""
    def key(r: dict) -> tuple:
        r = dict(r)
        if symmetric:
            r["a"], r["b"] = sorted([r["a"], r["b"]])
        r["documents"] = " ".join(sorted((r.get("documents") or "").split()))
        return tuple(sorted(r.items()))
    return Counter(map(key, rows))


def _reference(ds, query: str, **params) -> list[dict]:
    return _table(run_query(ds, REFERENCE[query], params))


@pytest.mark.slow
@pytest.mark.parametrize(("query", "params"), [
    ("facts-about", {"name": "Vladimir Putin"}), ("facts-about", {"name": "putin"}),
    ("facts-about", {"name": "Cuba"}), ("who-met-whom", {}), ("between-countries", {}),
    ("between-countries", {"a": "Nga", "b": "Cuba"}), ("between-countries", {"a": "Cuba", "b": "Russia"}),
])
def test_ready_made_queries_answer_as_the_plain_formulation(ds, query, params):
    expected = _reference(ds, query, **params)
    assert expected or query != "facts-about"
    assert _bag(_rows(ds, query, **params)) == _bag(expected)


@pytest.mark.slow
def test_who_met_whom_by_name_is_the_plain_answer_restricted_to_that_name(ds):
    every = _reference(ds, "who-met-whom")
    expected = [r for r in every if "Vladimir Putin" in (r["a"], r["b"])]
    got = _rows(ds, "who-met-whom", name="putin")
    assert expected and _bag(got, symmetric=True) == _bag(expected, symmetric=True)
    assert all(r["a"] == "Vladimir Putin" for r in got)


# --- a small hand-built graph: two documents, aliases in two languages

def _entity(key: str, name: str, type_: str, *aliases: tuple[str, str]) -> Entity:
    return Entity(key, name, type_, aliases={(name, "en"), *aliases}, docs={"d1", "d2"})


ENTITIES = {e.key: e for e in [
    _entity("vladimir-putin", "Vladimir Putin", "Person", ("Putin", "en"), ("Путин", "ru")),
    _entity("miguel-diaz-canel", "Miguel Díaz-Canel", "Person", ("Díaz-Canel", "en"), ("Díaz-Canel", "es")),
    _entity("xi-jinping", "Xi Jinping", "Person", ("Xi", "en")),
    _entity("russia", "Russia", "Country", ("Rusia", "es"), ("Russland", "de")),
    _entity("cuba", "Cuba", "Country"),
    _entity("havana", "Havana", "City", ("La Habana", "es")),
]}


def _fact(relation: str, s: str, o: str, doc: str, date: str | None = None, place: str | None = None) -> Fact:
    ev = Evidence(doc, f"{s} {relation} {o}.", 0, 10, "en", "test")
    return Fact(relation, s, o, ev, date=DateValue.parse(date) if date else None, place=place)


FACTS = {
    "d1": [_fact("met", "vladimir-putin", "miguel-diaz-canel", "d1", "2018-11-02", "havana"),
           _fact("lends", "russia", "cuba", "d1"),
           _fact("talkedTo", "xi-jinping", "vladimir-putin", "d1", "2019")],
    "d2": [_fact("met", "miguel-diaz-canel", "vladimir-putin", "d2", "2018-11-02", "havana"),
           _fact("signedAgreement", "cuba", "russia", "d2", "2020-05"),
           _fact("met", "xi-jinping", "miguel-diaz-canel", "d2", "2018-11-03")],
}


def _hand_built():
    rd = new_dataset()
    for doc_id, lang in (("d1", "en"), ("d2", "es")):
        add_document(rd, Document(doc_id, "text", lang=lang), ENTITIES, FACTS[doc_id], doc_id)
    refresh_derived(rd)
    return rd


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def small(request):
    """The hand-built graph in rdflib's memory store and in Oxigraph (default graph = the union,
    as newskg keeps it)."""
    rd = _hand_built()
    if request.param == "rdflib":
        return rd
    store = ox.Store()
    store.load(rd.serialize(format="nquads").encode(), ox.RdfFormat.N_QUADS)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return OxDataset(OxigraphStore(store=store))


def test_entities_carry_one_lookup_key_per_distinct_folded_label():
    rd = _hand_built()
    keys = {str(k) for k in rd.objects(ENTITY_NS["miguel-diaz-canel"], NKG.lookupKey)}
    assert keys == {"miguel diaz canel", "diaz canel"}
    # the Russian alias is a label of the Russian document only: d1 is English, d2 Spanish
    assert {str(k) for k in rd.objects(ENTITY_NS["vladimir-putin"], NKG.lookupKey)} == {"vladimir putin", "putin"}


@pytest.mark.parametrize("name", ["Vladimir Putin", "vladimir putin", "VLADIMIR PUTIN", "Putin", " putin ",
                                  "Vladimir-Putin"])
def test_facts_about_finds_an_entity_by_any_label_in_any_case(small, name):
    rows = _rows(small, "facts-about", name=name)
    # symmetric relations are stored one way, subject first by entity key
    assert {(r["subject"], r["relation"], r["object"]) for r in rows} == {
        ("Miguel Díaz-Canel", "met", "Vladimir Putin"), ("Vladimir Putin", "talkedTo", "Xi Jinping")}


@pytest.mark.parametrize("name", ["Díaz-Canel", "Diaz-Canel", "diaz canel", "DÍAZ CANEL", "Miguel Diaz Canel"])
def test_facts_about_ignores_accents_and_punctuation(small, name):
    rows = _rows(small, "facts-about", name=name)
    met = [r for r in rows if r["relation"] == "met" and "Vladimir Putin" in (r["subject"], r["object"])]
    # one meeting told by two documents: one row, two sources
    assert len(met) == 1 and met[0]["sources"] == "2" and len(met[0]["documents"].split()) == 2
    assert {r["relation"] for r in rows} == {"met"} and len(rows) == 2


@pytest.mark.parametrize(("name", "who"), [("Путин", "Vladimir Putin"), ("Россия", "Russia"), ("Russland", "Russia"),
                                          ("Си Цзиньпин", "Xi Jinping")])
def test_facts_about_finds_a_known_entity_by_a_name_the_documents_never_used(small, name, who):
    keys = {str(k) for _, _, k in small.triples((None, NKG.lookupKey, None))}
    assert normalize_label(name) not in keys   # no document used it
    rows = _rows(small, "facts-about", name=name)
    assert rows and all(who in (r["subject"], r["object"]) for r in rows)
    assert rows == _rows(small, "facts-about", name=who)


@pytest.mark.parametrize("name", ["Vladimir", "Nobody", ""])
def test_facts_about_an_unknown_name_has_no_rows(small, name):
    assert _rows(small, "facts-about", name=name) == []


def test_who_met_whom_by_name_puts_that_participant_first(small):
    rows = _rows(small, "who-met-whom", name="diaz-canel")
    assert {(r["a"], r["b"], r["date"]) for r in rows} == {
        ("Miguel Díaz-Canel", "Vladimir Putin", "2018-11-02"), ("Miguel Díaz-Canel", "Xi Jinping", "2018-11-03")}
    putin = next(r for r in rows if r["b"] == "Vladimir Putin")
    assert putin["place"] == "Havana" and putin["sources"] == "2"


@pytest.mark.parametrize(("params", "pairs"), [
    ({}, {("Vladimir Putin", "Xi Jinping"), ("Miguel Díaz-Canel", "Vladimir Putin"),
          ("Miguel Díaz-Canel", "Xi Jinping")}),
    ({"year": "2018"}, {("Miguel Díaz-Canel", "Vladimir Putin"), ("Miguel Díaz-Canel", "Xi Jinping")}),
    ({"year": "2019"}, {("Vladimir Putin", "Xi Jinping")}),
    ({"name": "Xi", "year": "2019"}, {("Xi Jinping", "Vladimir Putin")}),
    ({"name": "Putin", "year": "2018"}, {("Vladimir Putin", "Miguel Díaz-Canel")}),
    ({"year": "201"}, set()),
    ({"name": "Cuba"}, set()),
])
def test_who_met_whom_by_name_and_year(small, params, pairs):
    rows = _rows(small, "who-met-whom", **params)
    got = {(r["a"], r["b"]) for r in rows}
    if "name" in params:
        assert got == pairs
    else:   # without a name, each meeting once, in the order it is stored
        assert {tuple(sorted(p)) for p in got} == {tuple(sorted(p)) for p in pairs} and len(rows) == len(pairs)


@pytest.mark.parametrize(("a", "b"), [("Russia", "Cuba"), ("cuba", "RUSIA"), ("Rusia", "Cuba")])
def test_between_countries_by_any_label_either_order(small, a, b):
    rows = _rows(small, "between-countries", a=a, b=b)
    assert {(r["from"], r["relation"], r["to"], r["date"]) for r in rows} == {
        ("Russia", "lends", "Cuba", None), ("Cuba", "signedAgreement", "Russia", "2020-05")}


def test_between_countries_with_one_country_lists_its_relations(small):
    assert {r["relation"] for r in _rows(small, "between-countries", a="Cuba")} == {"lends", "signedAgreement"}
    assert _rows(small, "between-countries", a="Havana") == []
    # an alias is a label where a document in its language uses it (no German document here),
    # but the gazetteer knows the German name: it finds the entity through its preferred name
    assert "russland" not in {str(k) for _, _, k in small.triples((None, NKG.lookupKey, None))}
    assert _rows(small, "between-countries", a="Russland", b="Cuba") == _rows(small, "between-countries", a="Russia",
                                                                             b="Cuba") != []
    assert _rows(small, "between-countries", a="Ruritania", b="Cuba") == []


def test_ready_made_queries_declare_their_entity_parameters():
    assert entity_params(load_query("facts-about")) == {"name"}
    assert entity_params(load_query("between-countries")) == {"a", "b"}
    assert entity_params(load_query("who-met-whom")) == {"name"}


@pytest.mark.parametrize(("query", "limit", "expected_tail"), [
    ("SELECT ?s WHERE { ?s ?p ?o }", 3, "}\nLIMIT 3"),
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10\n# note", 3, "ORDER BY ?s LIMIT 3"),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", 5, "LIMIT 2"),
    ("PREFIX x: <http://e.org/a#> ASK { ?s ?p ?o }", 1, "ASK { ?s ?p ?o }"),
])
def test_with_limit(query, limit, expected_tail):
    assert with_limit(query, limit).endswith(expected_tail)


def test_run_query_limit_caps_the_rows(small):
    assert len(list(run_query(small, load_query("who-met-whom"), limit=1))) == 1
    with pytest.raises(UsageError, match="bad limit -1"):
        with_limit("SELECT * WHERE {}", -1)


@pytest.mark.parametrize("query", ["who-met-whom", "between-countries"])
def test_the_files_answer_the_same_run_as_they_are(small, query):
    """Another SPARQL tool runs the .rq file as it is: the lines newskg leaves out without a
    parameter only make it slower there."""
    plain = _table(small.query(load_query(query)))
    assert plain and _bag(plain) == _bag(_rows(small, query))


def test_facts_about_with_a_key_bound_by_hand(small):
    sparql = load_query("facts-about").replace("WHERE {", 'WHERE { VALUES ?name { "diaz canel" }', 1)
    assert _bag(_table(small.query(sparql))) == _bag(_rows(small, "facts-about", name="Díaz-Canel"))


def test_only_with_lines_are_left_out_without_their_parameter():
    sparql = load_query("between-countries")
    assert "?x nkg:lookupKey" not in bind_params(sparql, {}) and "?y nkg:lookupKey" not in bind_params(sparql, {})
    one = bind_params(sparql, {"a": "Cuba"})
    assert "?x nkg:lookupKey" in one and "?y nkg:lookupKey" not in one and 'VALUES ?a { "cuba" }' in one


def test_a_graph_without_lookup_keys_asks_for_a_rebuild():
    old = _hand_built()
    old.remove((None, NKG.lookupKey, None))
    with pytest.raises(QueryError, match="no nkg:lookupKey.*newskg build"):
        run_query(old, load_query("facts-about"), {"name": "Putin"})
    assert _rows(old, "who-met-whom")   # a listing needs no key
