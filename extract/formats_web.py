"""HTML pages (trafilatura) and RSS/Atom feeds (feedparser) -> Documents.

No HTML is parsed by hand: trafilatura finds the main text and metadata, lxml (through
trafilatura's loader) gives the declared language, feedparser reads the feeds.
"""
from __future__ import annotations

import hashlib
import importlib
from copy import deepcopy
from functools import lru_cache
from typing import Any

from .decoding import sanitize
from .docmeta import clean_url, normalise_lang
from .errors import InputError
from .model import DateValue, Document

#: only dates found in the page's metadata markup: the extensive search guesses from any
#: number in the page (copyright lines, "updated" widgets) and would invent publication dates
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_LANG_XPATHS = ("/html/@lang", "/html/@xml:lang",
                "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
                "='content-language']/@content",
                "//meta[@property='og:locale']/@content")


def _require(module: str, source: str) -> Any:
    """Import an optional reader dependency, or say per document how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"reading this format needs the '{module}' package: "
                         "pip install 'newskg[web]'", document=source) from None


@lru_cache(maxsize=1)
def _config() -> Any:
    """trafilatura's defaults, but keep short texts (a brief article or a feed summary is text)."""
    import trafilatura.settings

    config = deepcopy(trafilatura.settings.DEFAULT_CONFIG)
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "1"
    config["DEFAULT"]["MIN_FILE_SIZE"] = "1"
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(10**9)  # our own max_bytes applies before this
    return config


def read_html(markup: str, doc_id: str, source: str) -> Document:
    trafilatura = _require("trafilatura", source)
    from trafilatura.utils import load_html

    tree = load_html(markup)
    if tree is None:
        raise InputError("not an HTML page: the parser found no document", document=source)
    lang = next((normalise_lang(v) for xp in _LANG_XPATHS for v in tree.xpath(xp)
                 if normalise_lang(v)), None)
    result = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, config=_config(),
        date_extraction_params=_DATE_PARAMS)
    body = sanitize(result.text or "").strip() if result is not None else ""
    if not body:
        raise InputError("no main text found in the HTML page", document=source)
    title = sanitize(result.title or "").strip() or None
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    meta = {"format": "html", "author": result.author, "sitename": result.sitename,
            "description": result.description,
            "categories": list(result.categories or []), "tags": list(result.tags or [])}
    return Document(id=doc_id, text=text, source=source, url=clean_url(result.url), title=title,
                    lang=lang, published=_html_date(result.date),
                    meta={k: v for k, v in meta.items() if v})


def _html_date(value: str | None) -> DateValue | None:
    try:
        return DateValue.parse(value[:10]) if value else None
    except InputError:
        return None


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a feed summary), paragraphs on their own lines."""
    import trafilatura

    result = trafilatura.bare_extraction(f"<html><body>{markup}</body></html>", config=_config(),
                                         favor_recall=True, include_comments=False)
    text = result.text if result is not None and result.text else trafilatura.html2txt(markup)
    return sanitize(text or "").strip()


def read_feed(data: bytes, stem: str, source: str) -> tuple[list[Document], list[InputError]]:
    feed = _require("feedparser", source).parse(data)
    if not feed.entries:
        reason = feed.get("bozo_exception") or "no entries"
        kind = "empty feed" if feed.version else "not an RSS/Atom feed"
        raise InputError(f"{kind}: {reason}", document=source)
    feed_lang = normalise_lang(feed.feed.get("language"))
    docs: list[Document] = []
    errors: list[InputError] = []
    for number, entry in enumerate(feed.entries, start=1):
        try:
            docs.append(_feed_entry(entry, number, stem, source, feed_lang, feed.feed))
        except InputError as exc:
            errors.append(exc)
    return docs, errors


def _feed_entry(entry: Any, number: int, stem: str, source: str, feed_lang: str | None,
                channel: Any) -> Document:
    title = sanitize(entry.get("title", "")).strip() or None
    content = entry.get("content") or []
    detail = content[0] if content else entry.get("summary_detail")
    body = ""
    if detail and detail.get("value"):
        body = (fragment_text(detail["value"]) if "html" in (detail.get("type") or "")
                else sanitize(detail["value"]).strip())
    if not title and not body:
        raise InputError(f"feed entry {number} has no title, summary or content", document=source)
    text = body if title and body.startswith(title) else "\n\n".join(p for p in (title, body) if p)
    url = clean_url(entry.get("link"))
    # ids from the link stay stable when a feed is fetched again with entries shifted
    doc_id = f"{stem}-{hashlib.sha1(url.encode()).hexdigest()[:12]}" if url else f"{stem}-{number}"
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = DateValue.parse(f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}") \
        if stamp else None
    lang = normalise_lang((detail or {}).get("language")) or feed_lang
    meta = {"format": "feed", "entry": number, "feed_title": channel.get("title"),
            "author": entry.get("author"), "guid": entry.get("id")}
    return Document(id=doc_id, text=text, source=source, url=url, title=title, lang=lang,
                    published=published, meta={k: v for k, v in meta.items() if v})
