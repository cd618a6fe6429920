"""Read input files and folders into Documents; one InputError per document that cannot be read.

Inputs
    Files, or folders searched recursively in sorted order for ``.txt .text .md`` (plain text),
    ``.html .htm`` (web pages), ``.xml .rss .atom`` (RSS/Atom feeds; an ``.xml`` file that is
    not a feed is read as a web page), ``.jsonl`` (JSON Lines) and ``.json`` (one object, an
    array of objects, or JSON Lines). Hidden files and folders and ``*.meta.json`` sidecars are
    skipped. A file named explicitly with another extension is read as plain text.

Plain text
    UTF-8, UTF-8/UTF-16/UTF-32 with a byte order mark, or a legacy encoding (cp1252,
    cp1251, koi8-r, cp1258, ...) guessed by charset-normalizer and checked against the
    letters of the seven project languages. Line ends become ``\\n``; control characters other
    than ``\\n`` and ``\\t`` are removed. When the first non-empty line (after bullet/menu lines)
    is short (< 200 characters, 3+ words) and has no sentence-final punctuation it becomes the
    title; the text keeps it.

Metadata (keys ``published`` (alias ``date``): ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO
date-time; ``lang`` (alias ``language``): a language tag such as ``vi`` or ``pt-BR``;
``title``; ``url``)
    * a sidecar ``NAME.meta.json`` beside ``NAME.txt`` (or ``NAME.html``, ...) holding a JSON
      object, e.g. ``{"published": "2018-11-02", "lang": "vi"}``. For a single-document file it
      overrides what the file itself says; for a feed or JSON Lines file it only fills values
      the entries lack.
    * a front-matter block at the very top of a plain-text file: a ``---`` line,
      ``key: value`` lines, a ``---`` line. The block is removed from both ``text`` and
      ``original`` (offsets count from the first body character); ``meta["front_matter"]``
      keeps its fields and ``meta["body_offset"]`` the number of characters removed. A sidecar
      wins over front matter.
    * web pages: title, date, author and site from the page's metadata (trafilatura), the
      language from ``<html lang>``, the URL from ``<link rel=canonical>`` / ``og:url``.
    * a URL must be an absolute IRI (spaces and the like are percent-encoded); one that is not
      (``/news/a``, a broken host) is left out and kept in ``meta["url_rejected"]``.
    * feeds: entry title, link, published/updated date, entry or feed language.
    * JSON records: ``text`` (required), ``title``, ``date``, ``lang``, ``url``, ``id``; other
      keys go to ``meta``.

``original`` is the document as read: for plain text the file's text (minus front matter); for
web pages and feed entries the extracted title and main text, not the markup; for JSON records
the ``text`` value. ``text`` is ``original`` in Unicode NFC (equal to it unless the input was
decomposed, as text from macOS often is; ``offset_map`` then maps back), so that language
detection and everything after it see one spelling of each name; clean-up comes later.

Document ids: the file stem; ``STEM-N`` for line/item N of JSON Lines/JSON arrays; for feed
entries ``STEM-`` plus 12 hex digits of the SHA-1 of the entry link (``STEM-N`` without a
link). Ids are IRI path segments: characters other than letters, digits and ``-._~`` are
percent-encoded (``my file.txt`` is ``my%20file``). An id already taken in the same run gets
``-`` and 8 hex digits of the source path (and ``-2``, ``-3``... when that is taken too).

Errors (never raised, returned): a file larger than ``max_bytes`` (checked before reading;
per file, also for feeds and JSON Lines), binary content (NUL bytes without a UTF-16/32 byte
order mark, or over 5% control characters), empty or whitespace-only text, undecodable bytes
(broken UTF-8 or no plausible encoding), a bad sidecar/front-matter value, and whatever the
format's parser rejects. A bad JSON line or feed entry is its own error; the rest go on.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from .decoding import decode_bytes, looks_binary, sanitize
from .docmeta import apply_meta, guess_title, iri_segment, read_sidecar, split_front_matter
from .errors import InputError, NewsKGError
from .formats_json import read_json, read_json_lines
from .formats_web import read_feed, read_html
from .model import Document
from .textmap import MappedText

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, ".jsonl", ".json")
SIDECAR = ".meta.json"


def read_inputs(paths: Iterable[str | Path], *, max_bytes: int = 10_000_000
                ) -> tuple[list[Document], list[InputError]]:
    """Documents from files and folders, plus one InputError per document that failed."""
    docs: list[Document] = []
    errors: list[InputError] = []
    used: set[str] = set()
    for path, found, bad in _each_file(paths, max_bytes):
        errors.extend(bad)
        for doc in found:
            if doc.id in used:
                base = f"{doc.id}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
                # the same id again within one file (JSON records): number the repeats
                doc_id = next(i for i in (base, *(f"{base}-{n}" for n in range(2, len(used) + 3)))
                              if i not in used)
                doc = replace(doc, id=doc_id)
            used.add(doc.id)
            docs.append(doc)
    return docs, errors


def _each_file(paths: Iterable[str | Path], max_bytes: int
               ) -> Iterator[tuple[Path, list[Document], list[InputError]]]:
    """(file, its documents, its errors) for each file, in reading order."""
    given = [Path(p) for p in paths]
    missing = [str(p) for p in given if not p.exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}", document=missing[0])
    for path in expand(given):
        try:
            found, bad = read_file(path, max_bytes=max_bytes)
        except InputError as exc:
            found, bad = [], [exc]
        except Exception as exc:  # a parser's own error must not stop the other documents
            found, bad = [], [InputError(f"cannot read: {type(exc).__name__}: {exc}",
                                         document=str(path))]
        yield path, [_composed(replace(d, id=iri_segment(d.id))) for d in found], bad


def _composed(doc: Document) -> Document:
    """NFC text and title; the offset map leads back to the decomposed original."""
    title = unicodedata.normalize("NFC", doc.title) if doc.title else doc.title
    if unicodedata.is_normalized("NFC", doc.text):
        return replace(doc, title=title)
    mapped = MappedText(doc.text)
    mapped.nfc()
    return replace(doc, text=mapped.text, offset_map=mapped.origin, title=title)


def first_failure(paths: Iterable[str | Path], *, max_bytes: int = 10_000_000,
                  languages: Sequence[str] | None = None, engine: str = "auto") -> NewsKGError | None:
    """The first document that would fail a build, found without analysing any (for ``--strict``).

    Reads file by file and stops at the first reading error; then, per document, detects the
    language and checks that the engine has a model for it (``extract.pipeline.prepare`` and
    ``engine_for``). An engine that fails while annotating is only seen by the build itself."""
    from .engines import engine_for
    from .errors import EngineUnavailable
    from .pipeline import DEFAULT_LANGUAGES, prepare

    for _, found, bad in _each_file(paths, max_bytes):
        if bad:
            return bad[0]
        for doc in found:
            try:
                ready = prepare(doc, languages or DEFAULT_LANGUAGES)
                engine_for(ready.lang or "und", engine)
            except EngineUnavailable as exc:
                return InputError(str(exc), doc.source or doc.id)
            except NewsKGError as exc:
                return exc
    return None


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files given, then each folder's readable files (recursive, sorted); no duplicates."""
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted((p for p in path.rglob("*") if p.is_file() and _wanted(p, path)),
                           key=lambda p: p.relative_to(path).as_posix())
        elif path.name.endswith(SIDECAR):
            found = []
        else:
            found = [path]
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                out.append(file)
    return out


def _wanted(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    if any(part.startswith(".") for part in rel.parts) or path.name.endswith(SIDECAR):
        return False
    return path.suffix.lower() in SUFFIXES


def read_file(path: Path, *, max_bytes: int = 10_000_000) -> tuple[list[Document], list[InputError]]:
    """The documents of one file; raises InputError when the whole file is unusable."""
    name = str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file too large: {size} bytes > limit of {max_bytes} bytes", document=name)
    if size == 0:
        raise InputError("empty file", document=name)
    data = path.read_bytes()
    raw, encoding = decode_bytes(data, name)
    if looks_binary(raw):
        raise InputError("binary file (over 5% control characters, not text)", document=name)
    text = sanitize(raw)
    if not text.strip():
        raise InputError("empty file (whitespace only)", document=name)
    suffix = path.suffix.lower()
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    single = True
    errors: list[InputError] = []
    if suffix in HTML_SUFFIXES:
        docs = [read_html(text, stem, name)]
    elif suffix in FEED_SUFFIXES:
        try:
            # feedparser gets the bytes: it honours the XML encoding declaration
            docs, errors = read_feed(data, stem, name)
            single = False
        except InputError:
            if "<html" not in text[:4096].lower():
                raise
            docs = [read_html(text, stem, name)]
    elif suffix == ".jsonl":
        docs, errors = read_json_lines(text, stem, name)
        single = False
    elif suffix == ".json":
        docs, errors = read_json(text, stem, name)
        single = len(docs) + len(errors) == 1
    else:
        docs = [_plain_text(text, stem, name)]
    try:
        sidecar = read_sidecar(path)
    except ValueError as exc:
        raise InputError(str(exc), document=name) from None
    try:
        docs = [_finish(d, sidecar, encoding, override=single) for d in docs]
    except ValueError as exc:
        raise InputError(f"sidecar: {exc}", document=name) from None
    return docs, errors


def _plain_text(text: str, stem: str, name: str) -> Document:
    body, fields, cut = split_front_matter(text)
    if not body.strip():
        raise InputError("empty file (front matter only)", document=name)
    meta: dict = {"format": "text"}
    if fields:
        meta.update(front_matter=fields, body_offset=cut)
    doc = Document(id=stem, text=body, source=name, title=guess_title(body), meta=meta)
    try:
        return apply_meta(doc, fields, override=True)
    except ValueError as exc:
        raise InputError(f"front matter: {exc}", document=name) from None


def _finish(doc: Document, sidecar: dict, encoding: str, *, override: bool) -> Document:
    meta = {**doc.meta, "encoding": encoding}
    if sidecar:
        meta["sidecar"] = sidecar
    return apply_meta(replace(doc, meta=meta), sidecar, override=override)
