"""Per-language knowledge read from ontology/lang/<lang>/*.tsv: the code that applies it is shared.

Files (tab-separated, a header line, `#` starts a comment line):
- triggers.tsv  relation, pattern, status — argument patterns such as `{S} ... met {O}` (see patterns.py)
- grammar.tsv   kind, form, value — conj, negation, planned, pronoun, object_pronoun, determiner,
                title_link, locative, scale (value: factor), currency (value: ISO 4217), decimal_mark,
                complementizer, clause_break, reporting, group_noun, including, name_head (value: the
                type of what it heads where not Organization: Place, Award),
                attribution, posting, relative, counterpart, not_negation, month (value: 1-12; inflected
                month names CLDR lacks), case_ending (value: the nominative ending), pair_quantifier,
                pair_noun (value: Person, Country, Any or a class of ontology/group_classes.tsv),
                group_determiner, stand_in, group_blocker, name_particle (a lower-case word inside
                a name: van, da, von), casing (`nouns`: common nouns are capitalised too), noun_suffix
                (an ending of common nouns, where they are capitalised)
- context.tsv   form, type — words before a name that tell its type ("hãng tin" -> Organization)
- dates.tsv     kind, regex — date expressions (see temporal.py)
- titles.tsv    form, office, kind — offices and honorifics (loaded through the gazetteer module)
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent.parent / "ontology" / "lang"


def _lang_dir() -> Path:
    # Installed (non-editable) copies keep the data inside the newskg.ontology package.
    if LANG_DIR.is_dir():
        return LANG_DIR
    from importlib.resources import files

    return Path(str(files("newskg.ontology") / "lang"))


def read_tsv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def alternation(words: list[str]) -> str:
    """A regex group matching any of the words literally, in the order given."""
    return "(?:" + "|".join(map(re.escape, words)) + ")"


def word_regex(words: list[str]) -> re.Pattern[str] | None:
    """Any of the words as a whole word, longest first, ignoring case; None for no words."""
    if not words:
        return None
    return re.compile(r"(?<!\w)" + alternation(sorted(words, key=len, reverse=True)) + r"(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def determiner_before(lang: str) -> re.Pattern[str] | None:
    """A determiner of the language ending where the search ends ("el |diplomático", "en la |capital");
    None for a language without determiners. Compiled once per language."""
    dets = lexicon(lang).words("determiner")
    return re.compile(rf"(?<!\w){alternation(dets)}\s+$", re.IGNORECASE) if dets else None


@lru_cache(maxsize=1)
def _languages() -> tuple[str, ...]:
    return tuple(sorted(p.parent.name for p in _lang_dir().glob("*/triggers.tsv")))


def available_languages() -> list[str]:
    """The supported languages: the folders of ontology/lang/ that hold a triggers.tsv, sorted.
    Adding a language is adding its folder; detection, `auto` and `models list` follow."""
    return list(_languages())


@dataclass
class Lexicon:
    lang: str
    triggers: list[dict[str, str]] = field(default_factory=list)
    grammar: dict[str, list[str]] = field(default_factory=dict)
    values: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    dates: list[dict[str, str]] = field(default_factory=list)
    titles: list[tuple[str, str, str]] = field(default_factory=list)

    def words(self, kind: str) -> list[str]:
        return self.grammar.get(kind, [])

    def valued(self, kind: str) -> list[tuple[str, str]]:
        """(form, value) rows of a grammar kind that carries a value (scale, currency)."""
        return self.values.get(kind, [])


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    base = _lang_dir() / lang
    grammar: dict[str, list[str]] = {}
    values: dict[str, list[tuple[str, str]]] = {}
    for row in read_tsv(base / "grammar.tsv"):
        grammar.setdefault(row["kind"], []).append(row["form"])
        if row.get("value"):
            values.setdefault(row["kind"], []).append((row["form"], row["value"]))
    try:
        from newskg.ontology.gazetteer import load_titles

        titles = load_titles(lang)
    except ImportError:  # pragma: no cover - the gazetteer module ships with the package
        titles = []
    return Lexicon(
        lang=lang,
        triggers=read_tsv(base / "triggers.tsv"),
        grammar=grammar,
        values=values,
        context={r["form"].casefold(): r["type"] for r in read_tsv(base / "context.tsv")},
        dates=read_tsv(base / "dates.tsv"),
        titles=titles,
    )
