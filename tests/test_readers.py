"""read_inputs on hand-built files: every format, every way a document can be bad."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from newskg.extract.errors import InputError
from newskg.extract.model import DateValue
from newskg.extract.readers import read_inputs

VI = "Chủ tịch nước đã tiếp Đại sứ Pháp tại Hà Nội và hai bên thảo luận về hợp tác kinh tế."
FR = "Le président a reçu l'ambassadeur à l'Élysée. Déjà, les négociations étaient très avancées."
RU = "Президент России встретился с председателем правительства Кубы в Москве."


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _one_error(path: Path, **kw) -> InputError:
    docs, errors = read_inputs([path], **kw)
    assert docs == []
    assert len(errors) == 1
    assert errors[0].document == str(path)
    assert path.name in str(errors[0])
    return errors[0]


@pytest.mark.parametrize("name, data, reason", [
    ("png.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
    ("controls.txt", bytes(range(1, 9)) * 40 + b"abc", "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\r\n   \n", "whitespace"),
    ("broken_utf8.txt", VI.encode() + b" \xff\xfe\xc3 " + VI.encode(), "invalid UTF-8"),
    ("junk.txt", bytes(range(128, 256)) * 8, "undecodable"),
    ("nothing.html", b"<html><head><script>var x = 1;</script></head><body></body></html>",
     "no main text"),
    ("notafeed.rss", b"this is not xml at all < > &", "feed"),
    ("bad.json", b'{"text": "unterminated', "invalid JSON"),
    ("notext.json", b'{"title": "No body"}', "'text'"),
    ("only_front.md", b"---\ntitle: Nothing else\n---\n\n", "front matter only"),
    ("baddate.txt", b"---\npublished: 2024-13-45\n---\nSome body text here.", "bad date"),
])
def test_bad_document_is_one_error_naming_file_and_reason(tmp_path, name, data, reason):
    error = _one_error(_write(tmp_path, name, data))
    assert reason.lower() in str(error).lower()


def test_file_over_limit_is_refused_before_reading(tmp_path):
    error = _one_error(_write(tmp_path, "big.txt", "word " * 100), max_bytes=100)
    assert "500 bytes > limit of 100" in str(error)


def test_fifty_megabyte_file_is_refused_fast(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: the size is real, nothing is written
    start = time.perf_counter()
    error = _one_error(path)
    assert time.perf_counter() - start < 0.5
    assert "50000000 bytes" in str(error)


def test_bad_document_does_not_stop_the_others(tmp_path):
    _write(tmp_path, "a.txt", b"\x00\x01\x02binary")
    _write(tmp_path, "b.txt", "A good article. It has text.")
    docs, errors = read_inputs([tmp_path])
    assert [d.id for d in docs] == ["b"]
    assert [e.document for e in errors] == [str(tmp_path / "a.txt")]


def test_missing_path_raises(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_inputs([tmp_path / "absent.txt"])


@pytest.mark.parametrize("name, data, expected, encoding", [
    ("utf16le.txt", "\ufeff" .encode("utf-16-le") + VI.encode("utf-16-le"), VI, "utf-16-le"),
    ("utf16be.txt", "\ufeff".encode("utf-16-be") + RU.encode("utf-16-be"), RU, "utf-16-be"),
    ("utf8bom.txt", b"\xef\xbb\xbf" + VI.encode(), VI, "utf-8"),
    ("french.txt", FR.encode("cp1252"), FR, "cp1252"),
    ("spanish.txt", "El señor Pérez visitó La Habana el año pasado.".encode("cp1252"),
     "El señor Pérez visitó La Habana el año pasado.", "cp1252"),
    ("russian.txt", RU.encode("cp1251"), RU, "cp1251"),
])
def test_encodings_are_decoded(tmp_path, name, data, expected, encoding):
    docs, errors = read_inputs([_write(tmp_path, name, data)])
    assert errors == []
    assert docs[0].text == expected
    assert docs[0].original == expected
    assert docs[0].meta["encoding"].replace("_", "-") in (encoding, "cp1250")  # same letters


def test_control_characters_removed_newlines_unified(tmp_path):
    docs, _ = read_inputs([_write(tmp_path, "c.txt", b"One\x07 line.\r\nTwo\tlines.\rThree\x1b.")])
    assert docs[0].text == "One line.\nTwo\tlines.\nThree."


def test_very_long_line_is_linear(tmp_path):
    chunk = "Mot cau rat dai\x07 khong co dau cham "
    start = time.perf_counter()
    docs, errors = read_inputs([_write(tmp_path, "long.txt", chunk * 150_000)])  # ~5 MB, one line
    assert errors == [] and docs[0].text == chunk.replace("\x07", "") * 150_000
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize("text, title", [
    ("Putin meets Diaz-Canel in Moscow\n\nThe two leaders met.", "Putin meets Diaz-Canel in Moscow"),
    ("The two leaders met on Thursday.\nThey talked.", None),
    ("• Live\n• facebook\nAll news\nRussia and Cuba sign new deal\n\nBody.", "Russia and Cuba sign new deal"),
    ("Short\n\nBody text is here and it goes on.", None),
    ("x" * 250 + "\n\nBody.", None),
])
def test_title_from_first_line(tmp_path, text, title):
    docs, _ = read_inputs([_write(tmp_path, "t.txt", text)])
    assert docs[0].title == title
    assert docs[0].text == text  # the text keeps its headline


def test_sidecar_metadata(tmp_path):
    _write(tmp_path, "story.txt", "A headline line\n\nThe body of the story.")
    _write(tmp_path, "story.meta.json", json.dumps({
        "published": "2023-07", "lang": "en-GB", "title": "Given title", "url": "https://x.org/s"}))
    docs, errors = read_inputs([tmp_path])
    assert errors == [] and len(docs) == 1  # the sidecar is not a document
    doc = docs[0]
    assert doc.published == DateValue("2023-07", "month")
    assert (doc.lang, doc.title, doc.url) == ("en", "Given title", "https://x.org/s")


@pytest.mark.parametrize("sidecar, reason", [
    ('{"published": "yesterday"}', "bad date"),
    ('{"lang": "not a tag!"}', "bad language tag"),
    ("[1, 2]", "JSON object"),
    ("{broken", "unreadable sidecar"),
])
def test_bad_sidecar_is_an_error(tmp_path, sidecar, reason):
    path = _write(tmp_path, "s.txt", "Body text of a document.")
    _write(tmp_path, "s.meta.json", sidecar)
    assert reason in str(_one_error(path))


def test_front_matter_removed_and_recorded(tmp_path):
    body = "Headline of the piece\n\nFirst paragraph of the body."
    front = '---\npublished: 2024-05-09\nlang: fr\ntitle: "Le titre"\nauthor: A. B.\n---\n'
    docs, errors = read_inputs([_write(tmp_path, "fm.md", front + body)])
    doc = docs[0]
    assert errors == []
    assert doc.text == body and doc.original == body
    assert doc.published == DateValue("2024-05-09", "day")
    assert (doc.lang, doc.title) == ("fr", "Le titre")
    assert doc.meta["front_matter"]["author"] == "A. B."
    assert doc.meta["body_offset"] == len(front)


def test_html_main_text_and_metadata(tmp_path):
    html = """<!DOCTYPE html><html lang="en-GB"><head>
    <title>Leaders meet | Example News</title>
    <link rel="canonical" href="https://example.org/news/leaders-meet">
    <meta property="og:title" content="Leaders meet in Moscow">
    <meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2024-05-09T10:00:00Z">
    <script>var tracking = "SCRIPT-SECRET";</script></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World section</a></li></ul></nav>
    <article><h1>Leaders meet in Moscow</h1>
    <p>The Russian president met his Cuban counterpart at the Kremlin on Thursday.</p>
    <p>They discussed trade, energy and oil supplies to the island.</p></article>
    <footer>Copyright Example News</footer><script>alert("SCRIPT-TWO")</script></body></html>"""
    docs, errors = read_inputs([_write(tmp_path, "page.html", html)])
    assert errors == []
    doc = docs[0]
    assert "met his Cuban counterpart at the Kremlin" in doc.text
    assert "oil supplies to the island" in doc.text
    assert "SCRIPT" not in doc.text and "World section" not in doc.text
    assert doc.title == "Leaders meet in Moscow" and doc.text.startswith(doc.title)
    assert doc.url == "https://example.org/news/leaders-meet"
    assert doc.published == DateValue("2024-05-09", "day")
    assert doc.lang == "en"
    assert doc.meta["author"] == "Jane Doe"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Noticias</title><language>es-ES</language>
<item><title>Putin recibe a Díaz-Canel</title><link>https://example.org/a</link>
<pubDate>Thu, 09 May 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;El presidente ruso recibió a su homólogo.&lt;/p&gt;&lt;p&gt;Hablaron de comercio.&lt;/p&gt;</description></item>
<item><description></description></item>
<item><title>Solo titular sobre Cuba</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Actualités</title>
<entry><title>Le président en visite</title><link href="https://example.org/b"/>
<updated>2023-07-01T08:00:00Z</updated>
<content type="html">&lt;p&gt;Le président est arrivé à Moscou.&lt;/p&gt;</content></entry></feed>"""


def test_rss_feed_one_document_per_entry(tmp_path):
    docs, errors = read_inputs([_write(tmp_path, "news.rss", RSS)])
    assert len(docs) == 2
    assert len(errors) == 1 and "entry 2" in str(errors[0]) and "news.rss" in str(errors[0])
    first = docs[0]
    assert first.text == ("Putin recibe a Díaz-Canel\n\nEl presidente ruso recibió a su homólogo."
                          "\nHablaron de comercio.")
    assert (first.url, first.lang, first.title) == ("https://example.org/a", "es", "Putin recibe a Díaz-Canel")
    assert first.published == DateValue("2024-05-09", "day")
    assert first.id.startswith("news-") and first.id != docs[1].id
    assert docs[1].text == "Solo titular sobre Cuba" and docs[1].id == "news-3"


def test_atom_feed(tmp_path):
    docs, errors = read_inputs([_write(tmp_path, "feed.atom", ATOM)])
    assert errors == []
    assert docs[0].text == "Le président en visite\n\nLe président est arrivé à Moscou."
    assert (docs[0].lang, docs[0].url) == ("fr", "https://example.org/b")
    assert docs[0].published == DateValue("2023-07-01", "day")


def test_json_lines_bad_line_is_its_own_error(tmp_path):
    lines = [json.dumps({"text": "First story text.", "title": "One", "date": "2018-11-02", "lang": "vi"}),
             "{not json",
             json.dumps({"title": "no text"}),
             "",
             json.dumps({"text": "Fourth story.", "url": "https://x.org/4", "source_name": "X"})]
    docs, errors = read_inputs([_write(tmp_path, "batch.jsonl", "\n".join(lines))])
    assert [d.id for d in docs] == ["batch-1", "batch-5"]
    assert docs[0].published == DateValue("2018-11-02", "day") and docs[0].lang == "vi"
    assert docs[1].url == "https://x.org/4" and docs[1].meta["source_name"] == "X"
    assert [str(e).split(": ")[1] for e in errors] == ["line 2", "line 3"]
    assert all(e.document == str(tmp_path / "batch.jsonl") for e in errors)


def test_json_array(tmp_path):
    data = json.dumps([{"text": "One.", "id": "custom"}, {"text": "Two.", "date": "2020"}])
    docs, errors = read_inputs([_write(tmp_path, "arr.json", data)])
    assert errors == [] and [d.id for d in docs] == ["custom", "arr-2"]
    assert docs[1].published == DateValue("2020", "year")


def test_folder_expansion_sorted_recursive_filtered(tmp_path):
    for rel in ["b.txt", "a.md", "sub/c.html", "sub/d.pdf", ".hidden/e.txt", "a.meta.json"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        text = "<html><body><p>Some page text here.</p></body></html>" if rel.endswith("html") else "Text."
        (tmp_path / rel).write_text(text if rel != "a.meta.json" else "{}")
    docs, errors = read_inputs([tmp_path, tmp_path / "b.txt"])
    assert errors == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["a.md", "b.txt", "sub/c.html"]


def test_same_stem_gets_distinct_ids(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story from {folder}.")
    docs, _ = read_inputs([tmp_path])
    assert docs[0].id == "story" and docs[1].id.startswith("story-") and len(docs[1].id) == 14


def test_sidecar_only_fills_gaps_of_multi_document_files(tmp_path):
    lines = [json.dumps({"text": "Uma notícia.", "lang": "pt"}), json.dumps({"text": "Otra noticia."})]
    _write(tmp_path, "mixed.jsonl", "\n".join(lines))
    _write(tmp_path, "mixed.meta.json", json.dumps({"lang": "es", "published": "2021-03"}))
    docs, errors = read_inputs([tmp_path / "mixed.jsonl"])
    assert errors == []
    assert [d.lang for d in docs] == ["pt", "es"]
    assert all(d.published == DateValue("2021-03", "month") for d in docs)
