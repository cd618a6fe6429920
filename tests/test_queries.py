"""The ready-made SPARQL queries on the seeds' graph give known answers."""
from __future__ import annotations

import pytest

from newskg.graph.query import format_result, load_query, ready_made, run_query
from newskg.graph.store import load_dataset

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ds(seeds_build):
    return load_dataset(seeds_build.out_dir)


def _rows(ds, query_name, **params):
    result = run_query(ds, load_query(query_name), params)
    return [{str(k): (None if v is None else str(v)) for k, v in row.asdict().items()} for row in result]


def test_at_least_three_ready_made_queries_ship():
    assert {"facts-about", "who-met-whom", "between-countries"} <= set(ready_made())


def test_putin_met_diaz_canel_according_to_two_documents(ds):
    rows = [r for r in _rows(ds, "who-met-whom") if {r["a"], r["b"]} == {"Vladimir Putin", "Miguel Díaz-Canel"}
            and r["relation"] == "met"]
    documents = {doc for r in rows for doc in r["documents"].split()}
    assert len(documents) >= 2
    # different meetings of the same people stay apart
    assert {"2016", "2018-11-02", "2024-05-09"} <= {r.get("date") for r in rows}


def test_facts_about_finds_an_entity_by_any_label(ds):
    by_english = _rows(ds, "facts-about", name="Vladimir Putin")
    by_short = _rows(ds, "facts-about", name="putin")
    assert by_english and by_english == by_short
    assert any(r["relation"] == "holdsPosition" and r["object"] == "Russia" for r in by_english)


def test_between_countries_lists_russia_and_cuba(ds):
    rows = _rows(ds, "between-countries", a="Nga", b="Cuba")
    assert rows
    assert all({r["from"], r["to"]} == {"Russia", "Cuba"} for r in rows)
    assert {"lends"} <= {r["relation"] for r in rows}


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_results_format(ds, fmt):
    text = format_result(run_query(ds, load_query("positions")), fmt)
    assert "Vladimir Putin" in text
