"""Web pages written around two seed articles (navigation, scripts, related links, comments, a
`<meta>` publication date) give the same facts as the plain-text seeds with their sidecars.

The pages are tests/fixtures/html/*.html; the seeds are seeds/*.txt (+ .meta.json).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from newskg.graph.build import build

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "tests" / "fixtures" / "html"
SEEDS = ROOT / "seeds"
# page -> (seed stem, publication date written in the page's <meta>, language of <html lang>)
PAGES = {
    "001_vov_putin_diaz_canel": ("001_48ef228ddcb92081", "2018-11-02", "vi"),
    "003_cuba_invites_putin": ("003_00daa58da0f61ac7", "2023-07-12", "en"),
}
# names that the pages carry only in scripts, navigation, related links, comments and widgets
BOILERPLATE_NAMES = ("Trump", "Abe", "Bolton", "Tập Cận Bình", "Xi Jinping", "Biden", "Macron", "Maduro",
                     "Kim Jong", "Lula", "Fernandez", "Qatar")
PREFIXES = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def _store(out: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    return store


def _facts(store: ox.Store, doc: str) -> set[tuple]:
    """(relation, subject, object, date, status) of every statement the document's graph holds."""
    rows = store.query(PREFIXES + f"""
        SELECT ?p ?s ?o ?d ?status WHERE {{ GRAPH <https://w3id.org/newskg/doc/{doc}> {{
          ?st a nkg:Statement ; nkg:relation ?p ; rdf:subject ?s ; rdf:object ?o ; nkg:status ?status .
          OPTIONAL {{ ?st nkg:date ?d }} }} }}""")
    return {tuple(t.value if t is not None else None for t in row) for row in rows}


def _names(store: ox.Store, doc: str) -> set[str]:
    rows = store.query(PREFIXES + f"""
        SELECT ?name WHERE {{ GRAPH ?g {{ ?e nkg:mentionedIn <https://w3id.org/newskg/doc/{doc}> ;
                                          skos:prefLabel ?name }} }}""")
    return {row["name"].value for row in rows}


def _doc_value(store: ox.Store, doc: str, prop: str) -> str | None:
    rows = list(store.query(PREFIXES + f"SELECT ?v WHERE {{ GRAPH ?g {{ <https://w3id.org/newskg/doc/{doc}> {prop} ?v }} }}"))
    return rows[0]["v"].value if rows else None


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The two seeds (with sidecars) in one build and the two pages (no sidecars) in another,
    both with the default engine choice."""
    txt, html = tmp_path_factory.mktemp("txt"), tmp_path_factory.mktemp("html")
    for page, (stem, _, _) in PAGES.items():
        for path in SEEDS.glob(f"{stem}.*"):
            shutil.copy(path, txt / path.name)
        shutil.copy(HTML / f"{page}.html", html / f"{page}.html")
    assert not list(html.glob("*.meta.json"))
    results = {}
    for name, folder in (("txt", txt), ("html", html)):
        out = tmp_path_factory.mktemp(f"{name}-out")
        result = build([folder], out, engine="auto", viewer=False)
        assert result.errors == [], result.summary()
        results[name] = _store(out)
    return results


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_gives_the_facts_of_the_plain_text_seed(built, page):
    seed = PAGES[page][0]
    from_page, from_seed = _facts(built["html"], page), _facts(built["txt"], seed)
    assert len(from_seed) >= 10
    assert from_page == from_seed


@pytest.mark.parametrize("page", sorted(PAGES))
def test_publication_date_and_language_come_from_the_page_metadata(built, page):
    _, date, lang = PAGES[page]
    assert _doc_value(built["html"], page, "schema:datePublished") == date
    assert _doc_value(built["html"], page, "dcterms:language") == lang


@pytest.mark.parametrize("page", sorted(PAGES))
def test_scripts_navigation_and_related_links_stay_out(built, page):
    names = _names(built["html"], page)
    assert names and names <= _names(built["txt"], PAGES[page][0])
    assert not [n for n in names if any(b in n for b in BOILERPLATE_NAMES)]
    headline = _doc_value(built["html"], page, "schema:headline")
    first_line = (SEEDS / f"{PAGES[page][0]}.txt").read_text(encoding="utf-8").split("\n", 1)[0]
    assert headline == first_line  # og:title / <h1>, not the <title> with the site's name
