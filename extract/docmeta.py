"""Document metadata shared by the readers: dates, language tags, front matter, sidecars, titles."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from .model import DateValue, Document

#: metadata keys a sidecar, front matter block or JSON record may set, with accepted aliases
META_KEYS = {"published": "published", "date": "published", "lang": "lang", "language": "lang",
             "title": "title", "url": "url"}
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z ]*)?")
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_SENTENCE_END = tuple(".!?…:;。")
_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_UNRESERVED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
_URL_ASCII = _UNRESERVED | frozenset(":/?#[]@!$&'()*+,;=%")
_BULLETS = "•·▪◦●►*-–—|>»›"


def parse_date(value: Any) -> DateValue:
    """YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time (day precision); ValueError otherwise."""
    text = str(value).strip()
    match = _ISO_DATE.fullmatch(text)
    if not match:
        raise ValueError(f"bad date {text!r}; expected YYYY, YYYY-MM, YYYY-MM-DD or an ISO "
                         "date-time")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))  # validates month and day ranges
    except ValueError as exc:
        raise ValueError(f"bad date {text!r}: {exc}") from None
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return DateValue.parse("-".join(parts))


def normalise_lang(value: Any) -> str | None:
    """'en-GB', 'vi_VN', 'FR' -> 'en', 'vi', 'fr'; None for an empty or non-tag value."""
    if not isinstance(value, str) or not _LANG_TAG.fullmatch(value.strip()):
        return None
    return re.split(r"[-_]", value.strip())[0].lower()


def _iri_char(ch: str) -> bool:
    """A non-ASCII character an IRI may carry (RFC 3987 ucschar), less invisible ones and spaces."""
    cp = ord(ch)
    return (0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xEFFFD) and not 0xFDD0 <= cp <= 0xFDEF \
        and cp & 0xFFFE != 0xFFFE and unicodedata.category(ch)[0] not in "CZ"


def _escape(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))


def iri_segment(text: str) -> str:
    """``text`` as one IRI path segment: letters and digits of any script and ``-._~`` stay,
    everything else (spaces, ``/ ? # %``, quotes, controls) is percent-encoded, as are dots at
    the end, so that a document id from any file name or JSON ``id`` makes a valid IRI in every
    RDF format and parser."""
    text = unicodedata.normalize("NFC", text)
    out = "".join(ch if ch in _UNRESERVED or (ord(ch) > 127 and _iri_char(ch)) else _escape(ch)
                  for ch in text)
    # "." and ".." are dot-segments that IRI normalisation removes, and a final "." makes Turtle
    # writers escape it (doc:a\.), which rdflib's parser rejects: encode trailing dots
    body = out.rstrip(".")
    return body + "%2E" * (len(out) - len(body))


def clean_url(value: Any) -> str | None:
    """An absolute IRI from a URL as found in metadata, or None when it is not one.

    Spaces, quotes, ``<>{}|\\^`` and controls are percent-encoded (``%`` stays when it starts an
    escape); a value without a scheme (``/news/a``), or one that is still not an IRI (a bad
    port, a broken host), gives None."""
    text = str(value).strip() if value is not None else ""
    if not _URL_SCHEME.match(text):
        return None
    out = []
    for i, ch in enumerate(text):
        keep = ch in _URL_ASCII if ord(ch) < 128 else _iri_char(ch)
        if ch == "%" and not re.fullmatch(r"[0-9A-Fa-f]{2}", text[i + 1:i + 3]):
            keep = False
        out.append(ch if keep else _escape(ch))
    url = "".join(out)
    try:
        import pyoxigraph  # the store's own IRI parser decides (lazy: only documents with URLs)

        pyoxigraph.NamedNode(url)
    except ImportError:  # pragma: no cover - pyoxigraph is a core dependency
        pass
    except ValueError:
        return None
    return url


def split_front_matter(text: str) -> tuple[str, dict[str, str], int]:
    """Remove a ``---`` / ``key: value`` lines / ``---`` block at the very top.

    Returns (body, fields, number of characters removed). Text without a well-formed block
    (no closing ``---`` within 50 lines, or a line that is not ``key: value``) is left alone.
    """
    if not text.startswith("---\n"):
        return text, {}, 0
    fields: dict[str, str] = {}
    pos = 4
    for _ in range(50):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.strip() == "---":
            cut = len(text) if end < 0 else end + 1
            return text[cut:], fields, cut
        match = _FRONT_KEY.fullmatch(line.strip())
        if line.strip() and not match:
            return text, {}, 0
        if match:
            fields[match[1].lower()] = match[2].strip().strip("\"'")
        if end < 0:
            break
        pos = end + 1
    return text, {}, 0


def read_sidecar(path: Path) -> dict[str, Any]:
    """The ``NAME.meta.json`` beside ``NAME.ext`` as a dict ({} when there is none); ValueError
    when it is not a JSON object."""
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"unreadable sidecar {sidecar.name}: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"sidecar {sidecar.name} must hold a JSON object, not "
                         f"{type(data).__name__}")
    return data


def apply_meta(doc: Document, meta: dict[str, Any], *, override: bool) -> Document:
    """Set published/lang/title/url from ``meta``; ``override`` False only fills what is missing.

    ValueError for a bad date or language tag. A URL that is no absolute IRI is left out (kept
    in ``meta["url_rejected"]``); control characters leave titles."""
    from .decoding import sanitize

    changes: dict[str, Any] = {}
    for key, value in meta.items():
        field = META_KEYS.get(key.lower())
        if field is None or value in (None, ""):
            continue
        if not override and getattr(doc, field) is not None:
            continue
        if field == "published":
            changes[field] = parse_date(value)
        elif field == "lang":
            lang = normalise_lang(value)
            if lang is None:
                raise ValueError(f"bad language tag {value!r}; expected e.g. 'en', 'vi', 'pt-BR'")
            changes[field] = lang
        elif field == "url":
            url = clean_url(value)
            if url is None:
                changes["meta"] = {**doc.meta, "url_rejected": str(value)}
            else:
                changes[field] = url
        else:
            changes[field] = sanitize(str(value)).strip() or None
    return replace(doc, **changes) if changes else doc


def guess_title(text: str) -> str | None:
    """The headline of a plain-text article, when its first lines show one.

    Takes the first non-empty line that is short (< 200 characters), has at least three
    words and no sentence-final punctuation. Bullet and menu lines (fewer than three words,
    or starting with a bullet) before it are skipped; a line that reads like body text stops
    the search.
    """
    seen = 0
    for line in text.split("\n", 40)[:40]:
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > 8 or len(line) >= 200:
            return None
        if line[0] in _BULLETS or sum(any(c.isalpha() for c in w) for w in line.split()) < 3:
            continue
        if line.rstrip("\"'”’»)").endswith(_SENTENCE_END):
            return None
        return line
    return None
