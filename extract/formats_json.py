"""JSON Lines and JSON files -> Documents: one record per line (or per array item)."""
from __future__ import annotations

import json
from typing import Any

from .decoding import sanitize
from .docmeta import META_KEYS, apply_meta
from .errors import InputError
from .model import Document


def record_document(record: Any, doc_id: str, source: str, fmt: str) -> Document:
    """A ``{"text": ..., "title"?, "date"?, "lang"?, "url"?, "id"?}`` object; ValueError otherwise."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object with a 'text' key, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {type(text).__name__}; keys: "
                         f"{', '.join(sorted(record)) or 'none'}")
    text = sanitize(text)
    if not text.strip():
        raise ValueError("empty 'text'")
    if record.get("id") is not None and sanitize(str(record["id"])).strip():
        doc_id = sanitize(str(record["id"])).strip()
    extra = {k: v for k, v in record.items() if k not in META_KEYS and k not in ("text", "id")}
    doc = Document(id=doc_id, text=text, source=source, meta={"format": fmt, **extra})
    return apply_meta(doc, record, override=True)


def read_json_lines(text: str, stem: str, source: str) -> tuple[list[Document], list[InputError]]:
    docs: list[Document] = []
    errors: list[InputError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            docs.append(record_document(json.loads(line), f"{stem}-{number}", source, "jsonl"))
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            errors.append(InputError(f"line {number}: {exc}", document=source))
    if not docs and not errors:
        errors.append(InputError("empty file", document=source))
    return docs, errors


def read_json(text: str, stem: str, source: str) -> tuple[list[Document], list[InputError]]:
    """A JSON object (one document) or array of objects; JSON Lines saved as .json also work."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip().startswith("{") and "\n" in text.strip():
            return read_json_lines(text, stem, source)
        raise InputError(f"invalid JSON: {exc}", document=source) from None
    if isinstance(data, dict):
        try:
            return [record_document(data, stem, source, "json")], []
        except ValueError as exc:
            raise InputError(str(exc), document=source) from None
    if not isinstance(data, list):
        raise InputError(f"expected a JSON object or array, got {type(data).__name__}",
                         document=source)
    docs: list[Document] = []
    errors: list[InputError] = []
    for number, item in enumerate(data, start=1):
        try:
            docs.append(record_document(item, f"{stem}-{number}", source, "json"))
        except ValueError as exc:
            errors.append(InputError(f"item {number}: {exc}", document=source))
    if not data:
        errors.append(InputError("empty JSON array", document=source))
    return docs, errors
