"""A person named again by part of the full name: the trailing words of it ("Ould Tah" after
"Sidi Ould Tah", "Campos Neto" after "Roberto Campos Neto", "Díaz-Granados" after "Sergio
Díaz-Granados"), and a surname that is also a place's name ("Montenegro" after "Luís Montenegro")
where the sentence uses it as a person: after a title, after a reporting verb, or opening a clause
with a verb after it; never after a locative word ("em Montenegro", "au Monténégro").

Words are separated by white space: a hyphenated surname is one word. What a title, a locative or
a reporting verb is comes from the language's data (ontology/lang/<lang>/).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon, lexicon
from .mentions import Named
from .model import Document

PLACES = ("Country", "City", "Place")
_CLAUSE_END = (".", "!", "?", ":", ";", ",", "\n", "—", "–", "«", "»", "\"", "“", "”")


@lru_cache(maxsize=4096)
def folded_words(text: str) -> tuple[str, ...]:
    """The name's words (split at white space only), each folded for comparison (cached: a long
    document repeats the same few names thousands of times)."""
    from .resolve import fold

    return tuple(fold(w) for w in text.split())


def is_trailing_run(short: str, full: str) -> bool:
    """`short` is the last one or more words of the longer name `full` (folded, word by word)."""
    ts, tf = folded_words(short), folded_words(full)
    return 0 < len(ts) < len(tf) and tf[-len(ts):] == ts


# persons by the last folded word of their full name: (start, folded words, identity)
PersonIndex = dict[str, list[tuple[int, tuple[str, ...], str]]]


def earlier_person(doc: Document, n: Named, persons: PersonIndex) -> str | None:
    """The one identity among `persons` (named before `n`) whose full name ends with `n`'s words;
    None when there is none or more than one."""
    ts = folded_words(n.text(doc))
    if not ts:
        return None
    cands = {ident for start, tf, ident in persons.get(ts[-1], ())
             if start < n.start and len(ts) < len(tf) and tf[-len(ts):] == ts}
    return cands.pop() if len(cands) == 1 else None


@lru_cache(maxsize=None)
def _cues(lang: str) -> dict[str, frozenset[str] | tuple[str, ...]]:
    lex: Lexicon = lexicon(lang)
    words = lambda *kinds: frozenset(w.casefold() for k in kinds for w in lex.words(k))  # noqa: E731
    return {
        "titles": tuple(sorted({f.casefold() for f, _, kind in lex.titles if kind in ("office", "honorific")},
                               key=len, reverse=True)),
        "locative": words("locative"),
        "determiners": words("determiner"),
        "reporting": words("reporting"),
        # words after a name that make it no verb's subject: "Montenegro e Sérvia", "Montenegro de ..."
        "function": words("determiner", "locative", "conj", "name_particle", "title_link", "relative"),
    }


def stands_as_person(doc: Document, n: Named, lang: str) -> bool:
    """Whether the words around `n` use it as a person's name rather than a place's."""
    cues = _cues(lang)
    before = doc.text[max(0, n.start - 80):n.start]
    words = re.findall(r"\w+|[^\w\s]", before.casefold())
    # "em Montenegro", "in the Montenegro of today": a locative word, maybe with a determiner
    near = words[-2:] if words[-1:] and words[-1] in cues["determiners"] else words[-1:]
    if any(w in cues["locative"] for w in near):
        return False
    low = before.rstrip().casefold()
    for form in cues["titles"]:
        if low.endswith(form) and (len(low) == len(form) or not low[-len(form) - 1].isalnum()):
            # "o primeiro-ministro Montenegro", "M. Montenegro"; not a title's country before the
            # holder's name ("Tổng thống Nga Vladimir Putin")
            nxt = re.match(r" +(\w)", doc.text[n.end:n.end + 3])
            return not (nxt and nxt.group(1).isupper())
    if words and words[-1] in cues["reporting"] and low.endswith(words[-1]):
        return True       # "afirmou Montenegro"
    # opening a clause, a lower-case word after it that is not a function word: "Montenegro
    # viaja ...", ", Montenegro não se reuniu"
    opens = not low or low.endswith(_CLAUSE_END) or "\n" in before[len(before.rstrip()):]
    after = re.match(r" +(\w+)", doc.text[n.end:n.end + 40])
    return opens and after is not None and after.group(1)[:1].islower() \
        and after.group(1).casefold() not in cues["function"]


def place_surnames(doc: Document, names: list[Named]) -> None:
    """A place name the gazetteer found that is the surname of a person named earlier in the
    document becomes that person where the sentence uses it as a person (see the module)."""
    persons: PersonIndex = {}
    keys: dict[str, str | None] = {}
    for p in names:
        words = folded_words(p.text(doc))
        if p.type == "Person" and len(words) >= 2:
            ident = p.key or "~" + " ".join(words)
            persons.setdefault(words[-1], []).append((p.start, words, ident))
            keys[ident] = p.key
    for n in names:
        if n.type not in PLACES or not n.key:
            continue
        ident = earlier_person(doc, n, persons)
        if ident is None or not stands_as_person(doc, n, doc.lang or "und"):
            continue
        # a known person keeps the gazetteer's key; an unknown one resolves by its surname later
        n.type, n.key = "Person", keys[ident]
        n.kind, n.engine = ("alias", "gazetteer") if n.key else ("engine", "surname")
