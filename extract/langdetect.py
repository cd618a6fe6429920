"""Language detection with lingua, limited to the languages the pipeline handles.

The detector knows only the requested languages (fewer models, fewer confusions) and is
built once per language set. It reads the first ~2000 characters of prose: short lines that
look like navigation (few words, bullets, links, breadcrumbs) are skipped. Too little text, or
two languages too close to call, gives None.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from .errors import UnknownChoice
from .lexicon import available_languages
from .model import Document

DEFAULT_LANGUAGES = tuple(available_languages())   # the languages with data in ontology/lang/
SAMPLE_CHARS = 2000
MIN_LETTERS = 12          # fewer letters than this: too short to say
MIN_CONFIDENCE = 0.5      # lingua's share for the best language
MIN_MARGIN = 0.15         # ... and its lead over the runner-up
_NAV = re.compile(r"^\s*(?:[•·▪◦●►*|>»›-]|https?://|www\.)|[>»›|]\s*\S")


def _iso_codes() -> dict[str, Any]:
    from lingua import Language

    return {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]) -> Any:
    from lingua import LanguageDetectorBuilder

    known = _iso_codes()
    for code in codes:
        if code not in known:
            raise UnknownChoice("language", code, known)
    if len(codes) == 1:
        return None  # lingua needs two languages; one allowed language needs no detector
    # preloading puts the model loading (~1 s for seven languages) in the build, not the first call
    builder = LanguageDetectorBuilder.from_languages(*(known[c] for c in codes))
    return builder.with_preloaded_language_models().build()


def detector_for(languages: Sequence[str] = DEFAULT_LANGUAGES) -> Any:
    """The cached lingua detector for a language set (UnknownChoice for a code lingua lacks)."""
    codes = tuple(sorted({code.strip().lower() for code in languages}))
    if not codes:
        raise UnknownChoice("language", "", _iso_codes())
    return _detector(codes)


def sample(text: str, limit: int = SAMPLE_CHARS) -> str:
    """Up to ``limit`` characters of prose lines; navigation-like lines are skipped."""
    kept: list[str] = []
    size = 0
    for line in text[: limit * 10].split("\n"):
        line = line.strip()
        if not line or len(line.split()) < 4 or _NAV.search(line):
            continue
        kept.append(line)
        size += len(line) + 1
        if size >= limit:
            break
    joined = "\n".join(kept)
    return joined[:limit] if joined else text[:limit]


def detect_language(text: str, languages: Sequence[str] = DEFAULT_LANGUAGES) -> str | None:
    """ISO 639-1 code of ``text`` among ``languages``, or None when too short or unsure."""
    detector = detector_for(languages)
    prose = sample(text)
    if sum(ch.isalpha() for ch in prose) < MIN_LETTERS:
        return None
    if detector is None:
        return tuple({code.strip().lower() for code in languages})[0]
    values = detector.compute_language_confidence_values(prose)
    if not values:
        return None
    best = values[0].value
    runner_up = values[1].value if len(values) > 1 else 0.0
    if best < MIN_CONFIDENCE or best - runner_up < MIN_MARGIN:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def detect_document(doc: Document, languages: Sequence[str] = DEFAULT_LANGUAGES) -> Document:
    """``doc`` with ``lang`` detected, unless a language was declared (then it is kept)."""
    if doc.lang:
        return replace(doc, meta={**doc.meta, "lang_source": "declared"})
    lang = detect_language(doc.text, languages)
    return replace(doc, lang=lang, meta={**doc.meta, "lang_source": "detected" if lang else "unknown"})
