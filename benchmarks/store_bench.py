"""Store benchmark (not a test): a graph of over a million triples built from 10,000 generated
reports into the embedded Oxigraph store; median times of the ready-made queries; the cost of
adding one document to that graph against building the document alone.

    python benchmarks/store_bench.py [--docs 10000] [--work DIR] [--engine gazetteer] [--runs 5]

Run it on a tree nobody edits meanwhile: the build cache is keyed by a fingerprint of the
extraction code and data, and a change there re-analyses every document. The reports are
generated from templates over the gazetteer's people, countries and cities (the ontology's data,
not the seed articles), five sentences each, every one yielding a fact. Goals (issue 7): ready-made
queries median < 50 ms; adding one document <= 2x building it alone.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
PARAMS = {"facts-about": {"name": "Vladimir Putin"}}   # between-countries: the pair with most statements
PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX ent: <https://w3id.org/newskg/entity/>
"""
# The same questions with the entities bound to IRIs (found by label first, ~2 ms): Oxigraph then
# starts from them instead of from every statement. Proposed for graph/queries, measured here.
ENTITY_BOUND = {
    "facts-about(e)": """SELECT ?subject ?relation ?object ?date ?status (COUNT(DISTINCT ?doc) AS ?sources)
  (GROUP_CONCAT(DISTINCT STR(?doc); separator=" ") AS ?documents)
WHERE { VALUES ?e { ent:vladimir-putin }
  ?st rdf:subject|rdf:object ?e .
  ?st rdf:subject ?s ; rdf:object ?o ; nkg:relation ?rel ; nkg:status ?st_status ; nkg:evidence ?ev .
  ?ev prov:wasDerivedFrom ?doc . ?s rdfs:label ?subject . ?o rdfs:label ?object .
  OPTIONAL { ?st nkg:date ?date }
  BIND(STRAFTER(STR(?rel), "#") AS ?relation) BIND(STRAFTER(STR(?st_status), "#") AS ?status) }
GROUP BY ?subject ?relation ?object ?date ?status ORDER BY ?date ?relation ?subject ?object""",
    "between-countries(e)": """SELECT ?from ?relation ?to ?date ?status (COUNT(DISTINCT ?doc) AS ?sources)
WHERE { VALUES (?x ?y) { (A B) (B A) }
  ?st rdf:subject ?x ; rdf:object ?y .
  ?st rdf:subject ?s ; rdf:object ?o ; nkg:relation ?rel ; nkg:status ?st_status ; nkg:evidence ?ev .
  ?ev prov:wasDerivedFrom ?doc . ?s rdfs:label ?from . ?o rdfs:label ?to .
  OPTIONAL { ?st nkg:date ?date }
  BIND(STRAFTER(STR(?rel), "#") AS ?relation) BIND(STRAFTER(STR(?st_status), "#") AS ?status) }
GROUP BY ?from ?relation ?to ?date ?status ORDER BY ?from ?to ?date""",
}


def gazetteer(kind: str) -> list[str]:
    with open(ROOT / "ontology" / "gazetteer" / "entities.tsv", encoding="utf-8") as f:
        return [r["name"] for r in csv.DictReader(f, delimiter="\t") if r["type"] == kind and r["name"]]


def generate(folder: Path, n: int, seed: int = 1, prefix: str = "r") -> list[Path]:
    """n reports of 5 sentences: a meeting, a visit, a loan, an agreement, a condemnation."""
    rng = random.Random(seed)
    people, countries, cities = gazetteer("Person"), gazetteer("Country"), gazetteer("City")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p1, p2 = rng.sample(people, 2)
        c1, c2 = rng.sample(countries, 2)
        city, day, month, year = rng.choice(cities), rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2024)
        text = (f"{p1} met {p2} in {city} on {day} {month} {year}. "
                f"{p1} visited {c2} on {day} {month} {year}. "
                f"{c1} will lend {c2} {rng.randint(5, 900)} million dollars. "
                f"{c1} signed an agreement with {c2}. "
                f"{p2} condemned {c1}.\n")
        path = folder / f"{prefix}{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        (folder / f"{prefix}{i:05d}.meta.json").write_text(json.dumps({"lang": "en", "published": f"{year}-12-31"}),
                                                          encoding="utf-8")
        paths.append(path)
    return paths


def cli(*args: str) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newskg.graph.cli", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"newskg {' '.join(args)} failed:\n{proc.stderr}")
    return time.perf_counter() - t0


def median_ms(run, runs: int) -> tuple[float, int]:
    """Median wall time of ``run()`` (fewer runs for a query slower than 5 s) and its row count."""
    times, rows = [], 0
    for i in range(runs):
        t0 = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - t0)
        if times[-1] > 5 and i >= 2:
            break
    return 1000 * statistics.median(times), rows


def busiest_country_pair(raw) -> tuple[tuple[str, str], tuple[str, str]]:
    """The two countries with the most statements between them, with their labels."""
    q = PREFIXES + """SELECT ?x ?lx ?y ?ly (COUNT(?st) AS ?n) WHERE {
      ?st rdf:subject ?x ; rdf:object ?y . ?x a nkg:Country ; rdfs:label ?lx . ?y a nkg:Country ; rdfs:label ?ly
      FILTER(?x != ?y) }
      GROUP BY ?x ?lx ?y ?ly ORDER BY DESC(?n) LIMIT 1"""
    row = next(iter(raw.query(q)))
    return (row["x"].value, row["lx"].value), (row["y"].value, row["ly"].value)


def time_queries(out: Path, runs: int) -> None:
    """Through rdflib (what `newskg query` does: rows materialised as rdflib terms) and straight
    on pyoxigraph; both read the default graph, the union of the named graphs as a set."""
    from newskg.graph.query import bind_params, load_query, ready_made, run_query
    from newskg.graph.store import load_dataset

    ds = load_dataset(out)
    raw = ds.store._inner  # noqa: SLF001 - the pyoxigraph store under oxrdflib
    (a, la), (b, lb) = busiest_country_pair(raw)
    params = {**PARAMS, "between-countries": {"a": la, "b": lb}}
    print(f"parameters: {params}", flush=True)
    queries = {name: (load_query(name), params.get(name, {})) for name in ready_made()}
    queries.update({name: (PREFIXES + q.replace("(A B) (B A)", f"(<{a}> <{b}>) (<{b}> <{a}>)"), {})
                    for name, q in ENTITY_BOUND.items()})
    for name, (sparql, params) in queries.items():
        via_rdflib, rows = median_ms(lambda: len(list(run_query(ds, sparql, params))), runs)
        direct, _ = median_ms(lambda: sum(1 for _ in raw.query(bind_params(sparql, params))), runs)
        print(f"query {name:22} {rows:6} rows  median {via_rdflib:8.1f} ms via rdflib, {direct:8.1f} ms on pyoxigraph",
              flush=True)
    ds.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--work", default="/tmp/newskg-store-bench")
    ap.add_argument("--engine", default="gazetteer", help="engine for the corpus and the added document")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    work = Path(args.work)
    src, out, extra = work / "docs", work / f"out-{args.engine}", work / "extra"
    if not out.exists():
        generate(src, args.docs)
        seconds = cli("build", str(src), "-o", str(out), "--engine", args.engine, "--no-viewer", "--no-progress")
        print(f"built {args.docs} documents in {seconds:.1f} s ({args.engine})", flush=True)
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    triples = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value
    named = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))[0].value
    del store
    print(f"store: {triples} distinct triples (default graph), {named} quads in named graphs", flush=True)
    time_queries(out, args.runs)
    doc = generate(extra, 1, seed=99, prefix="x")[0]
    for flags, label in ((["--no-viewer", "--no-export"], "store only"),
                         (["--no-viewer"], "store + graph.trig/ttl")):
        alone, added = [], []
        for _ in range(3):
            shutil.rmtree(work / "alone", ignore_errors=True)   # a fresh folder: the document alone
            alone.append(cli("build", str(doc), "-o", str(work / "alone"), "--engine", args.engine, *flags))
            added.append(cli("build", str(doc), "-o", str(out), "--engine", args.engine, *flags))
            cli("remove", str(out), doc.stem, "--no-viewer", "--no-export")   # back to the 10,000
        a, b = statistics.median(alone), statistics.median(added)
        print(f"add one document ({label}): {b:.2f} s; that document alone: {a:.2f} s; ratio {b / a:.2f} "
              f"(medians of 3, CLI wall time)", flush=True)


if __name__ == "__main__":
    main()
