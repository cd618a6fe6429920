"""Scoring a graph against gold facts (graph/evaluate.py) on small hand-built graphs and gold files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import RDF, RDFS, SKOS, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdfns  # not XSD itself: pytest probes module globals and XSD warns

from newskg.extract.errors import InputError, UnknownChoice
from newskg.graph.evaluate import date_matches, evaluate, load_gold, normalize_label
from newskg.ontology.terms import ENTITY_NS, NKG

HEADER = "doc\tsubject\trelation\tobject\tdate\toptional\tevidence\n"
ENTITIES = """name\ttype\taliases
Vladimir Putin\tPerson\tPutin
Miguel Díaz-Canel\tPerson\tDiaz-Canel|Miguel Diaz-Canel
Russia\tCountry\tNga|Russian Federation
Cuba\tCountry\t
Kremlin\tOrganization\tĐiện Kremlin
Moscow\tCity\t
"""
SEED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def gold_file(tmp_path: Path, rows: list[str], entities: str = ENTITIES):
    """Write a gold TSV (rows: tab-separated fields after the header) and load it."""
    (tmp_path / "gold.tsv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "entities.tsv").write_text(entities, encoding="utf-8")
    return load_gold(tmp_path / "gold.tsv", tmp_path / "entities.tsv")


def row(subject: str, relation: str, obj: str, date: str = "", optional: str = "", doc: str = "a.txt") -> str:
    return "\t".join([doc, subject, relation, obj, date, optional, "evidence words"])


def entity(g: Graph, key: str, label: str, *alts: str, kind: URIRef = NKG.Person) -> URIRef:
    node = ENTITY_NS[key]
    g.add((node, RDF.type, kind))
    g.add((node, RDFS.label, Literal(label, lang="en")))
    for alt in alts:
        g.add((node, SKOS.altLabel, Literal(alt, lang="vi")))
    return node


def statement(g: Graph, s: URIRef, relation: URIRef, o: URIRef, date: Literal | None = None) -> BNode:
    st_node = BNode()
    g.add((st_node, RDF.type, NKG.Statement))
    g.add((st_node, RDF.subject, s))
    g.add((st_node, RDF.predicate, relation))
    g.add((st_node, RDF.object, o))
    if date is not None:
        g.add((st_node, NKG.date, date))
    return st_node


@pytest.mark.parametrize("putin, diaz", [
    (("Vladimir Putin",), ("Miguel Díaz-Canel",)),                   # exact names
    (("Путин", "Putin"), ("Díaz-Canel",)),                            # aliases, one as altLabel
    (("VLADIMIR PUTIN",), ("miguel diaz canel",)),                    # case, accents, punctuation
    (("Vladimir-Putin!",), ("Miguel  Díaz–Canel",)),                  # punctuation and spaces
])
def test_met_fact_found_through_labels(tmp_path, putin, diaz):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel")])
    g = Graph()
    g.add((entity(g, "p", *putin), NKG.met, entity(g, "d", *diaz)))
    report = evaluate(g, gold)
    assert (report.overall.found, report.overall.required) == (1, 1)
    assert (report.overall.correct, report.overall.predicted) == (1, 1)
    assert report.overall.f1 == 1.0 and report.missed == [] and report.wrong == []


def test_unrelated_label_is_not_a_match(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel")])
    g = Graph()
    g.add((entity(g, "p", "Vladimir Putin"), NKG.met, entity(g, "x", "Miguel Diaz")))
    report = evaluate(g, gold)
    assert report.overall.recall == 0.0 and report.overall.precision == 0.0
    assert report.missed[0].reason == "no node labelled 'Miguel Díaz-Canel'"
    assert [(w.subject, w.relation, w.object) for w in report.wrong] == [("Vladimir Putin", "met", "Miguel Diaz")]


@pytest.mark.parametrize("text, expected", [
    ("Díaz-Canel", "diaz canel"),
    ("Diaz Canel", "diaz canel"),
    ("Điện Kremlin", "dien kremlin"),
    ("Nguyễn Phú Trọng", "nguyen phu trong"),
    ("U.S.", "u s"),
    ("  Straße\t", "strasse"),
    ("Łukasz Øster", "lukasz oster"),
    ("«Kommersant»", "kommersant"),
])
def test_normalize_label(text, expected):
    assert normalize_label(text) == expected


@given(st.text())
def test_normalize_label_is_idempotent_and_trimmed(text):
    once = normalize_label(text)
    assert normalize_label(once) == once
    assert once == once.strip() and "  " not in once


@pytest.mark.parametrize("relation", ["met", "talkedTo", "signedAgreement"])
def test_symmetric_relation_matches_reversed(tmp_path, relation):
    gold = gold_file(tmp_path, [row("Vladimir Putin", relation, "Miguel Díaz-Canel")])
    g = Graph()
    g.add((entity(g, "d", "Diaz-Canel"), NKG[relation], entity(g, "p", "Putin")))
    report = evaluate(g, gold)
    assert report.overall.found == 1 and report.overall.correct == 1


@pytest.mark.parametrize("relation", ["visited", "invited", "lends", "aids", "sanctions", "supports", "condemns",
                                      "accompanied", "succeeded", "quoted", "awarded"])
def test_directed_relation_reversed_is_missed_and_wrong(tmp_path, relation):
    gold = gold_file(tmp_path, [row("Russia", relation, "Cuba")])
    g = Graph()
    g.add((entity(g, "c", "Cuba", kind=NKG.Country), NKG[relation], entity(g, "r", "Russia", kind=NKG.Country)))
    report = evaluate(g, gold)
    assert report.overall.found == 0 and report.overall.correct == 0 and report.overall.predicted == 1
    assert report.missed[0].reason == "graph has it reversed"
    assert report.wrong[0].subject == "Cuba"


def test_holds_position_ignores_office(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "holdsPosition", "Russia|President")])
    assert gold.facts[0].object == "Russia" and gold.facts[0].office == "President"
    g = Graph()
    p, r = entity(g, "p", "Putin"), entity(g, "r", "Nga", kind=NKG.Country)
    g.add((p, NKG.holdsPosition, r))
    g.add((statement(g, p, NKG.holdsPosition, r), NKG.role, Literal("Prime Minister")))
    assert evaluate(g, gold).overall.found == 1


def test_optional_facts_are_neither_required_nor_penalised(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel"),
                                row("Russia", "supports", "Cuba", optional="yes"),
                                row("Russia", "aids", "Cuba", optional="yes")])
    g = Graph()
    p, d = entity(g, "p", "Putin"), entity(g, "d", "Diaz-Canel")
    r, c = entity(g, "r", "Russia", kind=NKG.Country), entity(g, "c", "Cuba", kind=NKG.Country)
    g.add((p, NKG.met, d))
    g.add((r, NKG.supports, c))  # optional, found: counts as right
    report = evaluate(g, gold)
    assert (report.overall.found, report.overall.required) == (1, 1)
    assert (report.overall.correct, report.overall.predicted) == (2, 2)
    assert report.missed == []  # the optional aids fact is not listed as missed
    assert (report.optional_found, report.optional_total) == (1, 2)


def test_precision_counts_distinct_triples(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel")])
    ds = Dataset()
    one, two = ds.graph(URIRef("urn:g:1")), ds.graph(URIRef("urn:g:2"))
    for g in (one, two):  # the same triple in two named graphs is one distinct triple
        g.add((entity(g, "p", "Putin"), NKG.met, entity(g, "d", "Diaz-Canel")))
    p2 = entity(two, "p2", "Vladimir Putin")  # a fragment of Putin: another distinct, right triple
    two.add((p2, NKG.met, ENTITY_NS["d"]))
    two.add((p2, NKG.met, entity(two, "m", "Moscow", kind=NKG.City)))  # a wrong triple
    two.add((p2, RDFS.seeAlso, ENTITY_NS["m"]))  # not a relation: not counted
    report = evaluate(ds, gold)
    assert (report.overall.correct, report.overall.predicted) == (2, 3)
    assert report.overall.precision == pytest.approx(2 / 3)
    assert report.overall.f1 == pytest.approx(0.8)
    assert [(w.subject, w.object) for w in report.wrong] == [("Vladimir Putin", "Moscow")]


def test_recall_counts_each_required_gold_row(tmp_path):
    # The same fact stated in two documents is two required rows, both found by one triple.
    gold = gold_file(tmp_path, [row("Vladimir Putin", "holdsPosition", "Russia|President", doc="a.txt"),
                                row("Vladimir Putin", "holdsPosition", "Russia|President", doc="b.txt"),
                                row("Russia", "lends", "Cuba", doc="b.txt")])
    g = Graph()
    g.add((entity(g, "p", "Putin"), NKG.holdsPosition, entity(g, "r", "Russia", kind=NKG.Country)))
    report = evaluate(g, gold)
    assert (report.overall.found, report.overall.required) == (2, 3)
    assert evaluate(g, gold, docs=["a"]).overall.recall == 1.0
    assert evaluate(g, gold, docs=["b.txt"]).overall.recall == 0.5
    with pytest.raises(UnknownChoice, match="a.txt, b.txt"):
        evaluate(g, gold, docs=["c.txt"])


def test_per_relation_numbers(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel"),
                                row("Russia", "lends", "Cuba"), row("Russia", "aids", "Cuba")])
    g = Graph()
    p, d = entity(g, "p", "Putin"), entity(g, "d", "Diaz-Canel")
    r, c = entity(g, "r", "Russia", kind=NKG.Country), entity(g, "c", "Cuba", kind=NKG.Country)
    g.add((p, NKG.met, d))
    g.add((r, NKG.lends, c))
    g.add((c, NKG.lends, r))
    g.add((p, NKG.visited, c))
    rel = evaluate(g, gold).per_relation
    counts = {name: (s.correct, s.predicted, s.found, s.required) for name, s in rel.items()
              if s.predicted or s.required}
    assert counts == {"met": (1, 1, 1, 1), "lends": (1, 2, 1, 1), "aids": (0, 0, 0, 1), "visited": (0, 1, 0, 0)}
    assert rel["lends"].precision == 0.5 and rel["lends"].f1 == pytest.approx(2 / 3)
    assert rel["aids"].precision is None and rel["aids"].f1 is None and rel["visited"].recall is None


def test_relation_recognised_by_local_name_in_any_namespace(tmp_path):
    gold = gold_file(tmp_path, [row("Russia", "sanctions", "Cuba")])
    g = Graph()
    g.add((entity(g, "r", "Russia"), Namespace("http://example.org/rel/")["sanctions"], entity(g, "c", "Cuba")))
    assert evaluate(g, gold).overall.found == 1


@pytest.mark.parametrize("gold_date, graph_date, ok", [
    ("2018-11-02", Literal("2018-11-02", datatype=rdfns.XSD.date), True),
    ("2018-11", Literal("2018-11", datatype=rdfns.XSD.gYearMonth), True),
    ("2018-11", Literal("2018-11-02", datatype=rdfns.XSD.date), True),      # finer is acceptable
    ("2016", Literal("2016", datatype=rdfns.XSD.gYear), True),
    ("2016", Literal("2016-05", datatype=rdfns.XSD.gYearMonth), True),
    ("2018-11-02", Literal("2018-11", datatype=rdfns.XSD.gYearMonth), False),  # coarser is not
    ("2018-11-02", Literal("2018-11-03", datatype=rdfns.XSD.date), False),
    ("2016", Literal("2017", datatype=rdfns.XSD.gYear), False),
    ("2018-11", Literal("2018-12-01", datatype=rdfns.XSD.date), False),
    ("2018-11", None, False),                                             # statement without a date
])
def test_date_scoring_at_each_precision(tmp_path, gold_date, graph_date, ok):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel", date=gold_date),
                                row("Russia", "lends", "Cuba")])  # no gold date: not scored
    g = Graph()
    p, d = entity(g, "p", "Putin"), entity(g, "d", "Diaz-Canel")
    g.add((p, NKG.met, d))
    statement(g, d, NKG.met, p, graph_date)  # reversed statement: fine for a symmetric relation
    g.add((entity(g, "r", "Russia"), NKG.lends, entity(g, "c", "Cuba")))
    dates = evaluate(g, gold).dates
    assert (dates.correct, dates.total) == (int(ok), 1)
    assert [m.graph_dates for m in dates.missed] == ([] if ok else [[str(graph_date)] if graph_date else []])


def test_directed_statement_must_follow_the_triple(tmp_path):
    gold = gold_file(tmp_path, [row("Russia", "lends", "Cuba", date="2018-11")])
    g = Graph()
    r, c = entity(g, "r", "Russia"), entity(g, "c", "Cuba")
    g.add((r, NKG.lends, c))
    statement(g, c, NKG.lends, r, Literal("2018-11", datatype=rdfns.XSD.gYearMonth))
    assert evaluate(g, gold).dates.correct == 0
    statement(g, r, NKG.lends, c, Literal("2018-11", datatype=rdfns.XSD.gYearMonth))
    assert evaluate(g, gold).dates.correct == 1


@pytest.mark.parametrize("gold_date, graph_date, ok", [
    ("2018-11", "2018-11-02T10:00:00Z", True), ("2018-1", "2018-01", True), ("2018", "20180", False),
    ("2018", "not a date", False),
])
def test_date_matches(gold_date, graph_date, ok):
    assert date_matches(gold_date, graph_date) is ok


def test_dataset_scores_union_of_named_graphs(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel", date="2018-11-02")])
    ds = Dataset()
    labels, facts = ds.graph(URIRef("urn:g:labels")), ds.graph(URIRef("urn:g:facts"))
    p, d = entity(labels, "p", "Putin"), entity(labels, "d", "Diaz-Canel")
    facts.add((p, NKG.met, d))
    statement(ds.default_graph, p, NKG.met, d, Literal("2018-11-02", datatype=rdfns.XSD.date))  # default graph
    report = evaluate(ds, gold)
    assert report.overall.found == 1 and report.dates.correct == 1


def test_pyoxigraph_store_is_scored(tmp_path):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    gold = gold_file(tmp_path, [row("Russia", "lends", "Cuba", date="2018")])
    g = Graph()
    r, c = entity(g, "r", "Russia", kind=NKG.Country), entity(g, "c", "Cuba", kind=NKG.Country)
    g.add((r, NKG.lends, c))
    statement(g, r, NKG.lends, c, Literal("2018-11", datatype=rdfns.XSD.gYearMonth))
    store = pyoxigraph.Store()
    store.load(g.serialize(format="nt").encode(), pyoxigraph.RdfFormat.N_TRIPLES,
               to_graph=pyoxigraph.NamedNode("urn:g:1"))
    report = evaluate(store, gold)
    assert report.overall.found == 1 and report.dates.correct == 1
    assert report.entities.type_agree == 2


@pytest.mark.parametrize("line, message", [
    (row("Putin", "meets", "Cuba"), "unknown relation 'meets'; expected one of met, talkedTo"),
    (row("Putin", "met", "Cuba", date="2018/11"), "bad date '2018/11'"),
    (row("Putin", "met", "Cuba", optional="maybe"), "optional is 'maybe'"),
    (row("", "met", "Cuba"), "empty subject"),
    (row("Putin", "met", "Cuba|President"), "only for holdsPosition"),
    (row("Putin", "met", "Cuba") + "\textra", "8 tab-separated fields, header has 7"),
])
def test_bad_gold_row_names_file_and_line(tmp_path, line, message):
    with pytest.raises(InputError) as info:
        gold_file(tmp_path, [row("Russia", "lends", "Cuba"), "", line])
    assert str(info.value).startswith(f"{tmp_path / 'gold.tsv'}: line 4: ")
    assert message in str(info.value)


@pytest.mark.parametrize("entities, message", [
    ("name\ttype\taliases\nPutin\tHuman\t\n", "line 2: unknown type 'Human'; expected one of Person"),
    ("name\ttype\taliases\nPutin\tPerson\t\nputin\tPerson\t\n", "line 3: 'putin' repeats line 2"),
    ("name\taliases\nPutin\t\n", "line 1: header lacks type"),
])
def test_bad_entities_file_names_file_and_line(tmp_path, entities, message):
    with pytest.raises(InputError, match=message) as info:
        gold_file(tmp_path, [], entities)
    assert str(info.value).startswith(str(tmp_path / "entities.tsv"))


def test_missing_gold_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="absent.tsv"):
        load_gold(tmp_path / "absent.tsv", tmp_path / "absent_entities.tsv")


def test_entity_fragmentation_merges_and_types(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel")])
    g = Graph()
    entity(g, "p1", "Vladimir Putin")
    entity(g, "p2", "Putin")                                   # Putin fragmented into two nodes
    entity(g, "r", "Russia", "Moscow", kind=NKG.City)          # Russia merged with Moscow, typed City
    entity(g, "d", "Díaz-Canel")
    g.add((NKG.met, RDFS.label, Literal("Putin")))             # an ontology term, not an entity node
    e = evaluate(g, gold).entities
    assert (e.entities, e.with_nodes, e.nodes) == (6, 4, 5)
    assert e.fragmentation == pytest.approx(5 / 4)
    assert sorted(e.missing) == ["Cuba", "Kremlin"]
    assert e.fragmented == {"Vladimir Putin": [str(ENTITY_NS["p1"]), str(ENTITY_NS["p2"])]}
    assert e.merged == {str(ENTITY_NS["r"]): ["Moscow", "Russia"]}
    assert (e.type_agree, e.type_agreement) == (4, 0.8)
    assert [(t.entity, t.gold_type, t.node_types) for t in e.type_mismatches] == [("Russia", "Country", ["City"])]


def test_report_text_and_json(tmp_path):
    gold = gold_file(tmp_path, [row("Vladimir Putin", "met", "Miguel Díaz-Canel", date="2018-11-02"),
                                row("Russia", "lends", "Cuba")])
    g = Graph()
    p, d = entity(g, "p", "Putin"), entity(g, "d", "Díaz-Canel")
    g.add((p, NKG.met, d))
    g.add((p, NKG.visited, entity(g, "m", "Moscow", kind=NKG.City)))
    report = evaluate(g, gold)
    text = report.to_text()
    assert "overall  0.500  0.500  0.500  1/2" in text
    assert "Russia lends Cuba" in text and "no node labelled 'Russia'" in text
    assert "Putin    visited   Moscow" in text
    assert "Dates: 0/1" in text and "(none)" in text
    data = json.loads(json.dumps(report.to_dict()))
    assert data["overall"]["f1"] == 0.5 and data["per_relation"]["met"]["recall"] == 1.0
    assert data["missed"][0]["fact"]["relation"] == "lends" and data["dates"]["accuracy"] == 0.0
    assert data["entities"]["fragmentation"] == 1.0


@pytest.mark.skipif(not (SEED_EVAL / "seeds.gold.tsv").exists(), reason="shared eval data lives outside the repo")
def test_seed_gold_file_parses():
    gold = load_gold(SEED_EVAL / "seeds.gold.tsv", SEED_EVAL / "seeds.entities.tsv")
    assert len(gold.docs()) == 5 and len(gold.facts) > 50
    assert any(f.optional for f in gold.facts) and any(f.office for f in gold.facts)
    # Every gold name resolves to an entry of the entities file.
    assert {gold.canonical(n) for f in gold.facts for n in (f.subject, f.object)} <= gold.entities.keys()
    assert not evaluate(Graph(), gold).overall.found


PEOPLE = ["Vladimir Putin", "Miguel Díaz-Canel"]
PLACES = ["Russia", "Cuba", "Moscow"]


@given(st.lists(st.tuples(st.sampled_from(PEOPLE), st.sampled_from(["met", "visited", "supports"]),
                          st.sampled_from(PEOPLE + PLACES), st.booleans()), min_size=1, max_size=8))
def test_graph_rendered_from_gold_scores_perfectly(tmp_path_factory, facts):
    facts = [f for f in facts if f[0] != f[2]]
    tmp = tmp_path_factory.mktemp("gold")
    gold = gold_file(tmp, [row(s, r, o, optional="yes" if opt else "") for s, r, o, opt in facts])
    g = Graph()
    for s, r, o, _ in facts:  # labels are aliases, not the gold spelling
        g.add((entity(g, s.replace(" ", "_"), s.upper()), NKG[r], entity(g, o.replace(" ", "_"), normalize_label(o))))
    report = evaluate(g, gold)
    assert report.wrong == [] and report.missed == []
    assert report.overall.found == report.overall.required == sum(not f[3] for f in facts)
    assert report.overall.correct == report.overall.predicted == len({(s, r, o) for s, r, o, _ in facts})
