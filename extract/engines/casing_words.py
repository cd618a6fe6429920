"""The casing engine's cues and word tests: the language's data read once (offices, context
words, head nouns, particles, calendar words), and what a capitalised word is or is not
(a name word, an office, an acronym, a common noun before a name). See casing_engine.py."""
from __future__ import annotations

import re
from functools import lru_cache

from ..calwords import is_calendar_word
from ..lexicon import lexicon
from ..model import Token
from .gazetteer_engine import tokenize


@lru_cache(maxsize=None)
def _cues(lang: str) -> dict:
    lex = lexicon(lang)
    # offices and honorifics, not modifiers ("neue", "former")
    titles = {form.casefold() for form, _, kind in lex.titles if kind in ("office", "honorific")}
    vocabulary = {w.casefold() for kind, forms in lex.grammar.items() for f in forms for w in f.split()}
    vocabulary |= {w for form in lex.context for w in form.casefold().split()}
    vocabulary |= {w.casefold() for form, _, _ in lex.titles for w in form.split()}
    vocabulary |= {w.casefold() for row in lex.triggers for w in row.get("pattern", "").split() if w.isalpha()}
    return {
        "titles": titles,
        # offices of several words, by their last word ("ministro dell'Interno" by "interno")
        "title_phrases": _by_last_word(form for form, _, kind in lex.titles if kind == "office" and len(tokenize(form, 0, len(form))) > 1),
        "person_words": titles | {w.casefold() for w in lex.words("counterpart")},
        "context": {form.casefold(): typ for form, typ in lex.context.items()},
        "heads": {w.casefold() for w in lex.words("name_head")},
        "head_types": {w.casefold(): typ for w, typ in lex.valued("name_head")},
        "particles": {w.casefold() for w in lex.words("name_particle")},
        "conj": {w.casefold() for w in lex.words("conj") if " " not in w and w.isalpha()},
        "determiners": {w.casefold() for w in lex.words("determiner")},
        "links": {w.casefold() for w in lex.words("title_link")},
        "nouns_capitalised": "nouns" in lex.words("casing"),
        "noun_suffixes": tuple(w.casefold() for w in lex.words("noun_suffix")),
        # "al-Assad", "el-Sisi": an article joined by a hyphen is part of the name
        "prefixes": {w.casefold() for w in lex.words("name_prefix")},
        # endings of an inflected common noun before a name ("Kollegen", "Langzeitherrschers")
        "lead_noun_endings": tuple(w.casefold() for w in lex.words("lead_noun_ending")),
        # endings no name word has ("Центральное"): such a word starts what follows the name
        "not_name_endings": tuple(w.casefold() for w in lex.words("not_name_ending")),
        "lang": lang,
        "vocabulary": vocabulary,
    }


def _calendar(tok: Token, cues: dict) -> bool:
    return is_calendar_word(tok.text, cues["lang"])


def _by_last_word(forms) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for form in forms:
        words = tokenize(form, 0, len(form))   # "dell'Interno" is two words
        out.setdefault(words[-1].text.casefold(), []).append(form.casefold().replace("’", "'"))
    return {k: tuple(v) for k, v in out.items()}


def _after_office(text: str, tokens: list[Token], first: int, last: int, cues: dict) -> int:
    """The first token of a run after an office of several words that ends inside it
    ("il ministro dell'Interno Matteo Piantedosi"; past the run when it ends there: "la presidente
    del Consiglio"), or `first`."""
    for k in range(last, first - 1, -1):
        for form in cues["title_phrases"].get(tokens[k].text.casefold(), ()):
            end = tokens[k].end
            if text[max(0, end - len(form)):end].casefold().replace("’", "'") == form \
                    and end - len(form) <= tokens[first].start:
                return k + 1
    return first


def _capitalised(tok: Token, cues: dict | None = None) -> bool:
    # an elided article or preposition ("L'", "Dell'") is no word of a name, though capitalised;
    # a month or weekday is a date ("Ende Januar"); "al-Assad" is a name word with its article
    text = tok.text
    if cues is not None:
        head, sep, rest = text.partition("-")
        if sep and head.casefold() in cues["prefixes"] and rest[:1].isupper():
            return True
        if _calendar(tok, cues):
            return False
    return text[:1].isupper() and text[:1].isalpha() and text[-1:] not in "'’"


def _is_title(word: str, cues: dict) -> bool:
    """A one-word office, also as the end of a compound ("Bundeswirtschaftsminister", "Siemens-Chef")."""
    w = word.casefold()
    if "-" in w and w.rsplit("-", 1)[1] in cues["titles"]:
        return True
    return w in cues["titles"] or any(len(t) >= 6 and w.endswith(t) for t in cues["titles"] if " " not in t)


def _acronym(tok: Token) -> bool:
    return len(tok.text) >= 2 and tok.text.isupper() and tok.text.isalpha()


def _institution_end(tokens: list[Token], first: int, last: int, known: list[tuple[int, int, str]], cues: dict) -> int:
    """The last token of an institution named after a place ("Banca d'Italia"), where two or more
    capitalised words follow the place (a person: "Banca d'Italia Fabio Panetta"); else `last`."""
    head = next(i for i in range(first, last + 1) if tokens[i].text.casefold() in cues["heads"])
    for start, end, ktyp in known:
        if ktyp in ("Country", "City") and tokens[head].end <= start:
            inside = [i for i in range(head + 1, last + 1) if start <= tokens[i].start < end]
            if inside and last - inside[-1] >= 2 and tokens[inside[0] - 1].text.casefold() in cues["particles"]:
                return inside[-1]
    return last


def _short_name(word: str, cues: dict) -> bool:
    """An acronym, upper case or not ("BNDES", "Pd", "Cgil"): no head noun, no particle, no title."""
    w = word.casefold()
    return word.isalpha() and (_acronym(Token(0, 0, word)) or len(word) <= 4) \
        and w not in cues["heads"] and w not in cues["particles"] and w not in cues["vocabulary"]


def _leading_noun(tokens: list[Token], first: int, last: int, cues: dict) -> bool:
    """Where nouns are capitalised, a counterpart word or an inflected common noun before a name
    ("seinem Kollegen Radosław Sikorski", "des Langzeitherrschers Baschar al-Assad",
    "Flüchtlingsorganisation Pro Asyl") is no part of it: a counterpart word always, an inflected
    noun or one with a common noun's ending when a name of two words or more follows."""
    if not cues["nouns_capitalised"] or first >= last:
        return False
    word = tokens[first].text.casefold()
    if word in cues["person_words"]:
        return True
    return last - first >= 2 and word.endswith(cues["lead_noun_endings"] + cues["noun_suffixes"]) and "-" not in word


def _name_opens(text: str, span: list[Token], known: list[tuple[int, int, str]], cues: dict) -> bool:
    """A run that opens a sentence starts with a name ("Venâncio Mondlane acusou ...") when its first
    word is no word of the language's data and is never written in lower case in the document
    (an adverb or a preposition opening the sentence is found lower case elsewhere)."""
    if len(span) < 2 or cues["nouns_capitalised"] or any(span[0].end <= a < span[-1].end for a, _, _ in known):
        return False   # "Накануне Вашингтон": an adverb before a known place
    word = span[0].text
    if word.casefold() in cues["vocabulary"] or word.isupper():
        return False
    return word[:1].lower() + word[1:] not in _words_of(text)


@lru_cache(maxsize=4)
def _words_of(text: str) -> frozenset[str]:
    # once per document (a str caches its hash), not once per sentence
    return frozenset(re.findall(r"\w+(?:[-'’]\w+)*", text))


def _no_common_noun(span: list[Token], cues: dict) -> bool:
    """Where nouns are capitalised: no word of the run is a word of the language's data (units,
    currencies, offices, triggers) or ends like a common noun (grammar kind ``noun_suffix``)."""
    return not any(t.text.casefold() in cues["vocabulary"] or t.text.casefold().endswith(cues["noun_suffixes"])
                   for t in span)


@lru_cache(maxsize=4096)
def _demonym(word: str, lang: str) -> bool:
    """A nationality adjective the gazetteer knows ("tunisina", "chileno")."""
    from newskg.ontology.gazetteer import load_gazetteer

    return any(kind == "demonym" for _, kind in load_gazetteer().lookup(word, lang))
