"""Names from the gazetteer in ontology/ (countries, capitals, organisations, known people):
usable alone for any language, and merged with the other engines' mentions by `auto`."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from ..mentions import POSSESSIVE
from ..model import Annotation, Document, Mention, Sentence, Token
from ..spanmask import SpanMask

# French/Italian elisions ("l'Ukraine", "d'Allemagne", "qu'", "all'Ucraina", "dell'Iran") are words of their own
_WORD = re.compile(r"(?:[lLdDjJmMnNsStTcC]|[qQ]u|[aA]ll|[dD][ae]ll|[nN]ell|[sS]ull|[cC]oll|[uU]n)['’](?=\w)|\w+(?:[-'’.]\w+)*\.?|[^\w\s]", re.UNICODE)
# a sentence ends at . ! ? … (and a closing quote) followed by space and an upper-case letter or a quote,
# or at a line break
# (not after a day number: "am 16. Februar", "le 1. mai"; not after a single capital: "J. Smith")
_SENT_END = re.compile(r"(?<=[.!?…])(?<!\b\d\.)(?<!\b\d\d\.)(?<!\b[A-Z]\.)[\"”»’)]*\s+(?=[\"“«(\w])|\n+")
MAX_WORDS = 7


def simple_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return [Token(start + m.start(), start + m.end(), m.group()) for m in _WORD.finditer(text[start:end])]


@lru_cache(maxsize=None)
def _first_words(lang: str | None) -> frozenset[str]:
    from newskg.ontology.gazetteer import load_gazetteer, normalise

    return frozenset(normalise(form).split()[0] for form, _, _ in load_gazetteer().forms(lang) if form.strip())


def find_names(text: str, tokens: list[Token], lang: str | None) -> list[Mention]:
    """Longest gazetteer matches over word n-grams; the surface must carry a capital letter
    so that "us" is never the United States."""
    from newskg.ontology.gazetteer import load_gazetteer, normalise

    gaz = load_gazetteer()
    starts = _first_words(lang) | _first_words(None)
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        found = None
        word = tokens[i].text
        if {normalise(word), normalise(word.rstrip(".")), normalise(POSSESSIVE.sub("", word))} & starts:
            for j in range(min(len(tokens), i + MAX_WORDS) - 1, i - 1, -1):
                surface = text[tokens[i].start:tokens[j].end]
                if not any(c.isupper() for c in surface) and not _lower_case_name(gaz, surface, lang) \
                        and not (j == i and _lower_case_demonym(gaz, text, tokens[i].start, tokens[i].end, lang)):
                    continue
                hits = gaz.lookup(surface, lang)
                if not hits:
                    # "Havana's", or "U.S." ending a sentence: retry without the possessive or the stop
                    for bare in (POSSESSIVE.sub("", surface), surface[:-1] if surface.endswith(".") else ""):
                        if bare and bare != surface and (hits := gaz.lookup(bare, lang)):
                            surface = bare
                            break
                if hits and j == i and hits[0][1] == "demonym" and not _own_demonym(gaz, hits[0][0], surface, lang):
                    hits = []  # "Lao" is English for Laotian, not a Vietnamese word ("Lao động")
                if hits:
                    found = (j, surface, hits[0])
                    break
        if found and found[0] == i and lang == "vi" and _inside_vietnamese_name(tokens, i):
            found = None
        if found:
            j, surface, (key, kind) = found
            entry = gaz.entry(key)
            start = tokens[i].start
            out.append(Mention(start, start + len(surface), entry.type, f"gazetteer:{kind}", 1.0, "gazetteer", key))
            i = j + 1
        else:
            i += 1
    return out


def _lower_case_name(gaz, surface: str, lang: str | None) -> bool:
    """Some names are written in lower case ("dpa"): only an exact, case-sensitive form counts."""
    return any(form == surface and kind != "demonym" for key, _ in gaz.lookup(surface, lang)
               for form, _, kind in gaz.names(key))


def _lower_case_demonym(gaz, text: str, start: int, end: int, lang: str | None) -> bool:
    """A nationality adjective is written in lower case in most languages ("el presidente ruso",
    "den chinesischen Präsidenten", "российский президент"): it names the state where it qualifies
    an office or a counterpart, written exactly as a demonym of the document's language."""
    surface = text[start:end]
    if surface.endswith(".") and len(surface) > 1:   # "apoya la adhesión ucraniana." ends a sentence
        surface, end = surface[:-1], end - 1
    if not lang or not any(kind == "demonym" and form_lang == lang and form == surface
                           for key, _ in gaz.lookup(surface, lang) for form, form_lang, kind in gaz.names(key)):
        return False
    forms = _title_forms(lang)
    before = text[max(0, start - 80):start].rstrip().casefold()
    after = text[end:end + 80].lstrip().casefold()
    for form in forms:
        if before.endswith(form) and (len(before) == len(form) or not before[-len(form) - 1].isalnum()):
            return True
        if after.startswith(form) and (len(after) == len(form) or not after[len(form)].isalnum()):
            return True
    return False


@lru_cache(maxsize=None)
def _title_forms(lang: str) -> tuple[str, ...]:
    """The offices and honorifics (counterpart words among them) of a language, casefolded, and
    the nouns for a capital ("la capitale ukrainienne": extract/capitals.py) and the role nouns
    that stand for a person ("o governante australiano": extract/roles.py), and the nouns of a
    state's cause ("la adhesión ucraniana": grammar kind `state_noun`, the object a row supports)."""
    from ..lexicon import lexicon

    lex = lexicon(lang)
    forms = {form.casefold() for form, _, kind in lex.titles if kind in ("office", "honorific")}
    forms |= {w.casefold() for w in lex.words("capital_noun") + lex.words("descriptor")
               + lex.words("state_noun")}
    return tuple(sorted(forms, key=len, reverse=True))


def _own_demonym(gaz, key: str, surface: str, lang: str | None) -> bool:
    """A one-word demonym counts only in its own language (or a multilingual form)."""
    from newskg.ontology.gazetteer import MULTILINGUAL, normalise

    want = normalise(surface)
    return lang is None or any(kind == "demonym" and form_lang in (lang, MULTILINGUAL) and normalise(form) == want
                               for form, form_lang, kind in gaz.names(key))


def _inside_vietnamese_name(tokens: list[Token], i: int) -> bool:
    """Vietnamese country names are also given names ("Nga", "Anh"): a single capitalised word
    right after another capitalised word that does not open the sentence ("Nguyễn Thị Nga") is
    part of a person's name."""
    return i >= 2 and tokens[i - 1].text[:1].isupper() and tokens[i - 1].end + 1 >= tokens[i].start


def surname_mentions(text: str, sentences: list[Sentence], found: list[Mention]) -> list[Mention]:
    """After "Pedro Sánchez", a later lone "Sánchez" is the same known person."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    surnames: dict[str, tuple[str, int]] = {}
    for m in found:
        words = text[m.start:m.end].split()
        if m.key and len(words) >= 2 and gaz.entry(m.key).type == "Person":
            surnames.setdefault(words[-1], (m.key, m.end))
    taken = SpanMask(len(text), [(m.start, m.end) for m in found])
    out = []
    for sent in sentences:
        for tok in sent.tokens:
            hit = surnames.get(tok.text) or surnames.get(POSSESSIVE.sub("", tok.text))
            if hit and tok.start >= hit[1] and not taken.overlaps(tok.start, tok.end):
                end = tok.start + len(POSSESSIVE.sub("", tok.text))
                out.append(Mention(tok.start, end, "Person", "gazetteer:surname", 1.0, "gazetteer", hit[0]))
    return out


class GazetteerEngine:
    name: ClassVar[str] = "gazetteer"
    provides: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "ner", "keys"})

    def supports(self, lang: str) -> bool:
        return True

    def require(self, lang: str) -> None:
        return None

    def annotate(self, docs: list[Document]) -> list[Annotation]:
        out = []
        for doc in docs:
            sentences = [Sentence(s, e, tokenize(doc.text, s, e)) for s, e in simple_sentences(doc.text)]
            mentions = [m for sent in sentences for m in find_names(doc.text, sent.tokens, doc.lang)]
            mentions += surname_mentions(doc.text, sentences, mentions)
            out.append(Annotation(doc, sentences, mentions, "gazetteer"))
        return out
