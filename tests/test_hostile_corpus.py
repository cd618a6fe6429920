"""A corpus of hostile and messy files, built for real with `--engine auto`: each bad file is
reported with its name and reason, every good document is in the graph, the exit code says that
some documents failed, `--strict` stops at the first failure, and an engine that fails on one
document does not stop the others."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from newskg.extract.engines.spacy_engine import SpacyEngine
from newskg.graph.build import build
from newskg.graph.cli import EXIT_SOME_FAILED

EN = ("Russian President Vladimir Putin met Cuban President Miguel Díaz-Canel in Havana on Monday. "
      "The two leaders discussed trade and energy.")
FR = ("Le président français Emmanuel Macron a rencontré le chancelier allemand Olaf Scholz à Berlin. "
      "Les deux dirigeants ont évoqué la défense européenne.")
VI = ("Chủ tịch nước Võ Văn Thưởng đã tiếp Tổng thống Pháp Emmanuel Macron tại Hà Nội. "
      "Hai bên thảo luận về hợp tác kinh tế.")
FR_TITLE = "Macron et Scholz réunis à Berlin pour la défense européenne"
JA = "ロシアのプーチン大統領は月曜日にモスクワでキューバのディアスカネル大統領と会談した。両首脳は貿易について話し合った。"
DOC = "https://w3id.org/newskg/doc/"
ODD_NAME = 'odd "name" (1).txt'

# bad file -> what its error must say
BAD = {
    "binary.txt": "binary file",
    "empty.txt": "empty file",
    "blank.txt": "whitespace only",
    "broken_utf8.txt": "invalid UTF-8",
    "huge.txt": "file too large: 50000000 bytes > limit of 10000000 bytes",
    "records.jsonl": "line 2: Expecting property name",
    "japanese.txt": "language could not be detected",
}
# document id -> names its graph must mention (the feed's two entries are checked on their own)
GOOD = {
    "utf16": {"Vladimir Putin", "Miguel Díaz-Canel", "Havana"},
    "cp1252": {"Emmanuel Macron", "Olaf Scholz", "Berlin"},
    "page": {"Vladimir Putin", "Xi Jinping", "Beijing"},
    "records-1": {"Vladimir Putin", "Miguel Díaz-Canel"},
    "records-3": {"Emmanuel Macron", "Olaf Scholz"},
    "mixed": {"Emmanuel Macron", "Vladimir Putin"},
    "odd%20%22name%22%20%281%29": {"Vladimir Putin"},
}
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Putin meets Xi | World Desk</title>
<meta property="article:published_time" content="2021-05-04T10:00:00Z">
<script>var trending = "Barack Obama met Angela Merkel in Washington";</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/de">Germany</a></li></ul></nav>
<article><h1>Putin meets Xi</h1>
<p>Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday. They signed an energy agreement.</p>
<p>The talks lasted three hours, officials said.</p></article>
<aside><h3>Related</h3><ul><li><a href="/x">Justin Trudeau visits Nairobi</a></li></ul></aside>
<footer>Copyright 2021 World Desk. Contact us.</footer><script>console.log("Emmanuel Macron");</script></body></html>"""
FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title><language>en</language>
<item><title>Lula in Lisbon</title><link>https://example.org/lula</link><pubDate>Wed, 05 May 2021 10:00:00 GMT</pubDate>
<description>Brazilian President Lula met Portuguese Prime Minister António Costa in Lisbon.</description></item>
<item><title>Scholz in Paris</title><link>https://example.org/scholz</link><pubDate>Thu, 06 May 2021 09:00:00 GMT</pubDate>
<description>&lt;p&gt;German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris.&lt;/p&gt;</description></item>
</channel></rss>"""


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\t\r\n   \n")
    (root / "broken_utf8.txt").write_bytes(VI.encode() + b" \xff\xfe\xc3 " + VI.encode())
    with (root / "huge.txt").open("wb") as handle:  # a real 50 MB text file
        handle.write(b"All work and no play. " * (50_000_000 // 22) + b"x" * (50_000_000 % 22))
    (root / "utf16.txt").write_bytes(("\ufeff" + EN).encode("utf-16-le"))
    (root / "cp1252.txt").write_bytes(f"{FR_TITLE}\r\n\r\n{FR}\r\n".encode("cp1252"))
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "feed.xml").write_text(FEED, encoding="utf-8")
    lines = [json.dumps({"text": EN.replace("Havana", "Moscow") + " \x00\x07\ud800", "lang": "en",
                         "url": "https://example.org/r1", "date": "2020-01-02"}),
             '{"text": "no closing brace", ',
             json.dumps({"text": FR, "title": "Macron à Berlin"}, ensure_ascii=False)]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "japanese.txt").write_text(JA, encoding="utf-8")
    (root / "mixed.txt").write_text(f"{VI}\n\n{EN}\n", encoding="utf-8")
    (root / ODD_NAME).write_text(EN, encoding="utf-8")
    return root


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.graph.cli", *args], capture_output=True, text=True,
                          timeout=300)


def _store(out: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    return store


def _names(store: ox.Store, doc_id: str) -> set[str]:
    rows = store.query(f"""SELECT ?n WHERE {{ GRAPH ?g {{ ?e <https://w3id.org/newskg/ontology#mentionedIn> <{DOC}{doc_id}> ;
                                <http://www.w3.org/2004/02/skos/core#prefLabel> ?n }} }}""")
    return {r["n"].value for r in rows}


def _doc_triples(store: ox.Store, doc_id: str) -> int:
    return len(list(store.quads_for_pattern(ox.NamedNode(DOC + doc_id), None, None)))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def cli_build(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-out")
    proc = run_cli("build", str(corpus), "-o", str(out), "--engine", "auto", "--no-viewer")
    return proc, out


def test_build_exits_with_the_some_documents_failed_code(cli_build):
    proc, out = cli_build
    assert proc.returncode == EXIT_SOME_FAILED == 3, proc.stderr
    assert (out / "graph.trig").is_file()
    assert f"skipped:   {len(BAD)} document(s)" in proc.stdout


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_reported_with_name_and_reason(cli_build, corpus, name):
    proc, _ = cli_build
    lines = [line for line in proc.stdout.splitlines() if line.startswith(f"  - {corpus / name}:")]
    assert len(lines) == 1, proc.stdout
    assert BAD[name] in lines[0]


@pytest.mark.parametrize("doc_id", sorted(GOOD))
def test_every_good_document_is_in_the_graph(cli_build, doc_id):
    store = _store(cli_build[1])
    assert _doc_triples(store, doc_id) >= 4
    assert GOOD[doc_id] <= _names(store, doc_id)


def test_feed_entries_are_documents_with_link_and_date(cli_build):
    store = _store(cli_build[1])
    rows = store.query("""SELECT ?d ?url ?date WHERE { GRAPH ?d { ?d <https://schema.org/url> ?url ;
                              <https://schema.org/datePublished> ?date } }""")
    found = {r["url"].value: (r["d"].value, r["date"].value) for r in rows}
    assert found["https://example.org/lula"][1] == "2021-05-05"
    assert found["https://example.org/scholz"][1] == "2021-05-06"
    assert found["https://example.org/r1"] == (DOC + "records-1", "2020-01-02")
    assert {"Olaf Scholz", "Emmanuel Macron", "Paris"} <= _names(store, found["https://example.org/scholz"][0][len(DOC):])


def test_page_scripts_and_navigation_stay_out(cli_build):
    store = _store(cli_build[1])
    names = _names(store, "page")
    assert not names & {"Barack Obama", "Angela Merkel", "Emmanuel Macron", "Justin Trudeau", "Germany"}
    date = next(iter(store.quads_for_pattern(ox.NamedNode(DOC + "page"),
                                             ox.NamedNode("https://schema.org/datePublished"), None)))
    assert date.object.value == "2021-05-04"


def test_decoded_text_survives_into_the_graph(cli_build):
    """cp1252 and UTF-16 are decoded (no mojibake); NUL, BEL and a lone surrogate are gone."""
    store = _store(cli_build[1])
    headline = next(iter(store.quads_for_pattern(ox.NamedNode(DOC + "cp1252"),
                                                 ox.NamedNode("https://schema.org/headline"), None)))
    assert headline.object.value == FR_TITLE
    sentences = {r["s"].value for r in store.query(
        "SELECT ?s WHERE { GRAPH ?g { ?e <https://w3id.org/newskg/ontology#sentence> ?s } }")}
    assert any("Díaz-Canel" in s for s in sentences)
    assert not any(ch in s for s in sentences for ch in "\x00\x07\ufffdÃ")


def test_strict_stops_at_the_first_failure(corpus, tmp_path):
    out = tmp_path / "strict-out"
    proc = run_cli("build", str(corpus), "-o", str(out), "--engine", "auto", "--strict", "--no-viewer")
    assert proc.returncode == EXIT_SOME_FAILED
    assert f"--strict: {corpus / 'binary.txt'}: binary file" in proc.stderr  # the first file read
    assert "blank.txt" not in proc.stderr + proc.stdout
    assert not (out / "graph.trig").exists()


def test_strict_stops_at_an_undetectable_language(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    (src / "b.txt").write_text(JA, encoding="utf-8")
    proc = run_cli("build", str(src), "-o", str(tmp_path / "out"), "--strict", "--no-viewer")
    assert proc.returncode == EXIT_SOME_FAILED
    assert f"{src / 'b.txt'}: language could not be detected" in proc.stderr
    assert not (tmp_path / "out" / "graph.trig").exists()


def test_language_the_chosen_engine_lacks_is_reported_per_document(tmp_path):
    """With an explicit engine, "a language no engine handles" is one the engine has no model for."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "en.txt").write_text(EN, encoding="utf-8")
    (src / "vi.txt").write_text(VI, encoding="utf-8")
    result = build([src], tmp_path / "out", engine="spacy", viewer=False)
    assert [str(e) for e in result.errors] == [f"{src / 'vi.txt'}: no spaCy pipeline for 'vi': install one of "
                                               "vi_core_news_lg, vi_core_news_md, vi_core_news_sm (pip install vi-core-news-sm) "
                                                   "or set NEWSKG_SPACY_VI"]
    assert result.documents == 1
    assert _doc_triples(_store(tmp_path / "out"), "en") >= 4


class ExplodingSpacy(SpacyEngine):
    """The spaCy engine, except that it crashes on any document that mentions a detonator."""

    def annotate(self, docs):
        if any("detonator" in d.text for d in docs):
            raise RuntimeError("segmentation fault in the tagger")
        return super().annotate(docs)


@pytest.fixture
def exploding_spacy():
    from newskg.extract.engines import ENGINES, register

    original = ENGINES["spacy"]
    register("spacy", f"{__name__}:ExplodingSpacy")
    yield
    register("spacy", original)


def test_an_engine_failing_on_one_document_does_not_stop_the_others(exploding_spacy, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(EN, encoding="utf-8")
    (src / "b.txt").write_text("Police found a detonator near the embassy in Berlin on Friday, officials said.",
                               encoding="utf-8")
    (src / "c.txt").write_text(FR, encoding="utf-8")
    result = build([src], tmp_path / "out", engine="auto", viewer=False)
    assert [str(e) for e in result.errors] == [
        f"{src / 'b.txt'}: engine spacy failed: RuntimeError: segmentation fault in the tagger"]
    # the failed document was skipped, not added
    assert (sorted(result.added), result.documents) == (["a", "c"], 2)
    assert "2 added, 0 changed" in result.summary() and "skipped:   1 document(s)" in result.summary()
    store = _store(tmp_path / "out")
    assert _doc_triples(store, "b") == 0
    assert {"Vladimir Putin", "Havana"} <= _names(store, "a")
    assert {"Emmanuel Macron", "Berlin"} <= _names(store, "c")


@pytest.mark.parametrize("url, kept", [
    ("https://example.org/a b", "https://example.org/a%20b"),
    ('http://example.org/"q"<x>{y}|z^`', "http://example.org/%22q%22%3Cx%3E%7By%7D%7Cz%5E%60"),
    ("https://vi.example.org/tin-tức/bài-1?x=1#đầu", "https://vi.example.org/tin-tức/bài-1?x=1#đầu"),
    ("https://example.org/100%", "https://example.org/100%25"),
    ("https://example.org/%C3%A9", "https://example.org/%C3%A9"),
    ("/news/relative", None),
    ("https://example.org:notaport/", None),
    ("not a url at all", None),
])
def test_urls_become_iris_or_are_left_out(tmp_path, url, kept):
    from newskg.extract.readers import read_inputs

    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"text": EN, "url": url}) + "\n", encoding="utf-8")
    (doc,), errors = read_inputs([path])
    assert errors == []
    assert doc.url == kept
    if kept is None:
        assert doc.meta["url_rejected"] == url
    else:
        ox.NamedNode(kept)  # the store accepts it


def test_ids_are_iri_segments_and_repeats_stay_distinct(tmp_path):
    from newskg.extract.readers import read_inputs

    records = [{"text": f"{EN} Number {i}.", "id": "a/b c#?"} for i in range(3)] + [{"text": FR, "id": "  "}]
    records += [{"text": VI, "id": "."}, {"text": VI, "id": "v1."}]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "Tin tức 100%.txt").write_text(VI, encoding="utf-8")
    docs, errors = read_inputs([tmp_path])
    ids = [d.id for d in docs]
    assert errors == [] and len(set(ids)) == len(ids) == 7
    assert ids[0] == "Tin%20tức%20100%25"
    assert ids[1] == "a%2Fb%20c%23%3F" and ids[2].startswith("a%2Fb%20c%23%3F-") and ids[3] == ids[2] + "-2"
    assert ids[4] == "r-4"  # a blank id is no id
    assert ids[5:] == ["%2E", "v1%2E"]  # no dot-segment, no final dot for Turtle writers to escape
    for doc_id in ids:
        ox.NamedNode(DOC + doc_id)


def test_runaway_text_gets_bounded_lines_mapped_to_the_original():
    from newskg.extract.cleanup import RUN_MAX, clean
    from newskg.extract.model import Document

    text = "Vladimir Putin " * 5000 + "x" * 3000 + " end. Short sentence here. " * 3
    doc = clean(Document(id="d", text=text, lang="en"))
    lines = doc.text.split("\n")
    assert max(map(len, lines)) <= RUN_MAX + 1 and len(lines) > len(text) // RUN_MAX
    assert doc.text.replace("\n", "").replace(" ", "") == text.replace(" ", "")  # only breaks added
    for i in range(0, len(doc.text), 997):  # every character still points at itself in the original
        assert doc.text[i] == "\n" or doc.original[doc.to_original(i)] == doc.text[i]
