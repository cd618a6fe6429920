"""Boilerplate rules as data: ``ontology/lang/<lang>/boilerplate.tsv`` plus
``ontology/lang/boilerplate_common.tsv``.

Each non-comment line is ``kind<TAB>pattern``; patterns are Python regular expressions,
matched case-insensitively (no inline global flags: the patterns of one kind are joined into
one alternation). Kinds:

``line``
    matched against a whole line, stripped of spaces and of leading bullets (``•``, ``·``,
    ``*``, ``-``, ...); lines over 200 characters are never matched. The line is blanked.
``block_start``
    a whole line (at most 80 characters) after which the rest of the document is dropped
    (a "Related news" list). It only counts once 80 non-space characters of text precede
    it; earlier it is blanked like a ``line``.
``inline``
    removed wherever it matches inside a line (photo credits such as ``(Photo: AP)``).
    Keep quantifiers bounded (``{0,80}``) so that very long lines stay linear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import UsageError

LANG_DIR = Path(__file__).resolve().parent.parent / "ontology" / "lang"
COMMON_FILE = "boilerplate_common.tsv"
KINDS = ("line", "block_start", "inline")


@dataclass(frozen=True)
class Rules:
    line: re.Pattern[str] | None
    block_start: re.Pattern[str] | None
    inline: re.Pattern[str] | None


def _lang_dir() -> Path:
    # installed package: newskg/ontology/lang; source tree: <repo>/ontology/lang (same thing
    # under an editable install, where extract/ and ontology/ are siblings)
    try:
        from newskg import ontology

        return Path(ontology.__file__).resolve().parent / "lang"
    except ImportError:  # pragma: no cover - running from a bare checkout
        return LANG_DIR


def available_languages() -> tuple[str, ...]:
    root = _lang_dir()
    return tuple(sorted(p.parent.name for p in root.glob("*/boilerplate.tsv")))


def parse_rules(text: str, source: str) -> dict[str, list[str]]:
    """The patterns of a rule file by kind; UsageError names the file, line and valid kinds."""
    rules: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        kind, sep, pattern = raw.partition("\t")
        kind, pattern = kind.strip(), pattern.strip()
        if not sep or kind not in rules or not pattern:
            raise UsageError(f"{source}:{number}: expected 'kind<TAB>pattern' with kind one of "
                             f"{', '.join(KINDS)}; got {raw!r}")
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise UsageError(f"{source}:{number}: bad regular expression {pattern!r}: {exc}") from None
        rules[kind].append(pattern)
    return rules


@lru_cache(maxsize=32)
def rules_for(lang: str | None) -> Rules:
    """Common rules plus those of ``lang``; all languages' rules when it is None or unknown."""
    root = _lang_dir()
    langs = available_languages()
    files = [root / COMMON_FILE]
    files += [root / lang / "boilerplate.tsv"] if lang in langs else \
        [root / code / "boilerplate.tsv" for code in langs]
    merged: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for path in files:
        if path.is_file():
            for kind, patterns in parse_rules(path.read_text(encoding="utf-8"), str(path)).items():
                merged[kind].extend(patterns)
    return Rules(**{kind: _join(patterns) for kind, patterns in merged.items()})


def _join(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
