"""`newskg serve`: a read-only SPARQL 1.1 Protocol endpoint on 127.0.0.1, queried with SPARQLWrapper."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, GET, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from newskg.graph.build import build

from test_incremental import many_documents, put  # noqa: E402 - tests/ is on sys.path (no package)

PUTIN_MET = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?name WHERE { ?st nkg:relation nkg:met ; rdf:subject|rdf:object ?e, ?other .
  ?e rdfs:label "Vladimir Putin"@en . ?other rdfs:label ?b . FILTER(?other != ?e) BIND(STR(?b) AS ?name) }"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def start(out: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "newskg.graph.cli", "serve", str(out), "--port", "0", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if not line.startswith("serving"):
        proc.kill()
        raise RuntimeError(f"serve did not start: {line}{proc.stderr.read() if proc.stderr else ''}")
    return proc, line.split(" at ")[1].split()[0]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    out = tmp_path_factory.mktemp("out")
    build([put(src, "a"), put(src, "c")], out, engine="gazetteer", viewer=False, progress=False)
    many_documents(src / "bulk", 40)   # enough triples for a query that cannot finish in a second
    build([src / "bulk"], out, engine="gazetteer", viewer=False, progress=False)
    proc, url = start(out, "--timeout", "1")
    yield url
    proc.terminate()
    proc.wait(10)


def client(url: str, query: str, fmt=JSON, method=GET) -> SPARQLWrapper:
    w = SPARQLWrapper(url)
    w.setQuery(query)
    w.setReturnFormat(fmt)
    w.setMethod(method)
    return w


def test_binds_to_localhost_by_default(endpoint):
    assert endpoint.startswith("http://127.0.0.1:") and endpoint.endswith("/sparql")


@pytest.mark.parametrize("method", [GET, POST])
def test_select_as_json(endpoint, method):
    result = client(endpoint, PUTIN_MET, JSON, method).query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+json")
    names = {b["name"]["value"] for b in result.convert()["results"]["bindings"]}
    assert "Miguel Díaz-Canel" in names


def test_select_as_xml(endpoint):
    doc = client(endpoint, PUTIN_MET, XML).query().convert()
    values = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert "Miguel Díaz-Canel" in values


def test_select_as_csv(endpoint):
    result = client(endpoint, PUTIN_MET, CSV).query()
    assert result.response.headers["Content-Type"].startswith("text/csv")
    lines = result.convert().decode("utf-8").splitlines()
    assert lines[0] == "name" and "Miguel Díaz-Canel" in lines[1:]


def test_common_prefixes_need_no_declaration(endpoint):
    rows = client(endpoint, "SELECT ?d WHERE { ?d a nkg:Document ; dcterms:language 'en' }").query().convert()
    assert "https://w3id.org/newskg/doc/a" in {b["d"]["value"] for b in rows["results"]["bindings"]}


def test_ask_and_construct(endpoint):
    assert client(endpoint, "ASK { ?s a <https://w3id.org/newskg/ontology#Person> }").query().convert()["boolean"]
    construct = "CONSTRUCT { ?e ?p ?o } WHERE { ?e a <https://w3id.org/newskg/ontology#Country> ; ?p ?o }"
    g = client(endpoint, construct, TURTLE).query().convert()
    parsed = Graph().parse(data=g, format="turtle") if isinstance(g, (bytes, str)) else g
    assert len(parsed) > 0


def test_default_graph_uri_restricts_the_query_to_one_document(endpoint):
    w = client(endpoint, "SELECT DISTINCT ?e WHERE { ?e a <https://w3id.org/newskg/ontology#Person> }")
    w.addDefaultGraph("https://w3id.org/newskg/doc/c")
    people = {b["e"]["value"].rsplit("/", 1)[-1] for b in w.query().convert()["results"]["bindings"]}
    assert people == {"angela-merkel", "emmanuel-macron"}


def test_updates_are_refused_with_a_clear_error(endpoint):
    w = client(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON, POST)   # SPARQLWrapper sends update=
    with pytest.raises(urllib.error.HTTPError) as err:
        w.query()
    assert err.value.code == 403
    assert "read-only" in err.value.read().decode()
    req = urllib.request.Request(endpoint, data=b"DELETE WHERE { ?s ?p ?o }", method="POST",
                                 headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 403
    assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"]


def test_a_bad_query_says_what_is_wrong(endpoint):
    with pytest.raises(QueryBadFormed) as err:
        client(endpoint, "SELECT ?x WHERE { ?x ").query()
    assert "bad SPARQL query" in str(err.value)


def test_unsupported_accept_is_406_and_lists_the_formats(endpoint):
    req = urllib.request.Request(endpoint + "?query=ASK%20%7B%7D", headers={"Accept": "image/png"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 406
    assert "application/sparql-results+json" in err.value.read().decode()


def test_a_query_over_the_timeout_is_stopped_and_the_endpoint_goes_on(endpoint):
    t0 = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as err:
        client(endpoint, SLOW).query()
    assert err.value.code == 503
    assert "timed out after 1 s" in err.value.read().decode()
    assert time.monotonic() - t0 < 10
    assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"]


def test_serves_a_graph_built_in_memory_from_its_trig_file(tmp_path):
    out = tmp_path / "out"
    build([put(tmp_path / "in", "c")], out, engine="gazetteer", viewer=False, progress=False, store="memory")
    proc, url = start(out)
    try:
        rows = client(url, "SELECT ?s WHERE { ?s a <https://w3id.org/newskg/ontology#Document> }").query().convert()
        assert [b["s"]["value"] for b in rows["results"]["bindings"]] == ["https://w3id.org/newskg/doc/c"]
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_without_a_graph_exits_with_the_store_error_code(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "newskg.graph.cli", "serve", str(tmp_path), "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 5
    assert "no graph in" in proc.stderr


def test_stopping_the_server_stops_its_query_workers(tmp_path):
    out = tmp_path / "out"
    build([put(tmp_path / "in", "c")], out, engine="gazetteer", viewer=False, progress=False)
    proc, _ = start(out, "--workers", "2")
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    assert len(children) == 2
    proc.terminate()
    assert proc.wait(10) == 0
    time.sleep(0.2)
    assert not [c for c in children if Path(f"/proc/{c}").exists() and
                "zombie" not in Path(f"/proc/{c}/status").read_text().lower()]
