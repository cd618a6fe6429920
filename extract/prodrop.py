"""Null subjects (pro-drop): in es/pt/it (and ru past tense) a clause may leave its subject
unsaid ("Tras la reunión, viajó a Lima"). Such a clause continues the subject of the previous
sentence of its paragraph, like a sentence-initial subject pronoun does (continuation.pronoun_args).

Precision over recall, so the gap is only filled where
- the sentence opens on the verb, on an adverb of grammar kind `prodrop_opener` ("Luego",
  "Затем") or on the phrase of a `prodrop_preposition` up to its comma ("Tras la reunión,");
- the verb agrees in number where its ending shows it (grammar kinds `singular_ending`,
  `plural_ending`; `clitic` words before the verb are skipped: "se reunió");
- neither the previous sentence nor the clause up to the verb holds a quotation, and no
  paragraph break lies between them.
The relative clause of the place the subject went to shares it (", donde se reunió con ...");
a passive previous sentence hands on its subject, not its agent (facts.py, `agent_preposition`).
A language with no `singular_ending` rows never drops subjects."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import alternation, lexicon

_QUOTES = re.compile(r'["«»“”„]')
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _opener(lang: str) -> re.Pattern[str] | None:
    lex = lexicon(lang)
    words, preps = lex.words("prodrop_opener"), lex.words("prodrop_preposition")
    if not words and not preps:
        return None
    # an adverb alone ("Luego", "Затем,"), or a preposition's phrase up to its comma ("Tras la reunión,")
    alone = r"(?:" + alternation(words) + r")\s*,?" if words else r"(?!)"
    phrase = r"(?:" + alternation(preps) + r")[^\S\n]+[^,.;:!?\n\"«»“”„]{0,80}," if preps else r"(?!)"
    return re.compile(rf"\s*(?:{phrase}|{alone})\s+", re.IGNORECASE)


def gap(text: str, start: int, end: int, lang: str, names: list[tuple[int, int]]) -> int | None:
    """Where the unsaid subject of the sentence text[start:end] stands (right before its verb),
    or None. `names` are the spans of the sentence's arguments."""
    if not lexicon(lang).words("singular_ending"):
        return None
    m = re.match(r"\s*", text[start:end])
    pos = start + m.end()
    op = _opener(lang)
    om = op.match(text, pos, end) if op else None
    if om:
        pos = om.end()
    if _QUOTES.search(text, start, pos + 1) or any(s < pos + 1 and pos <= e for s, e in names):
        return None
    return pos if agrees(text[pos:end], lang) else None


def agrees(clause: str, lang: str) -> bool:
    """Whether the first word of `clause` past the clitics is a singular verb form by its ending
    (the plural endings are tested first: "viajaron" is no "-ó")."""
    lex = lexicon(lang)
    clitics = {w.casefold() for w in lex.words("clitic")}
    auxiliaries = {w.casefold() for w in lex.words("auxiliary")}   # "è" is a whole verb, "a" no verb
    for w in _WORD.finditer(clause[:60]):
        word = w.group().casefold()
        if word in clitics:
            continue
        if not w.group()[0].islower():
            return False   # a capitalised word is a name or a noun's start, not the verb
        plural = sorted(lex.words("plural_ending"), key=len, reverse=True)
        singular = sorted(lex.words("singular_ending"), key=len, reverse=True)
        for ending in sorted(plural + singular, key=len, reverse=True):
            if word.endswith(ending.casefold()) and (len(word) > len(ending) or word in auxiliaries):
                return ending in singular and ending not in plural
        return False
    return False


def fills(masked: str, at: int, trigger: int, lang: str) -> bool:
    """Whether the unsaid subject whose placeholder ends at `at` in the masked sentence is the
    subject of the trigger at `trigger`: only clitics and auxiliaries (grammar kinds `clitic`,
    `auxiliary`) stand between, and the verb agrees ("Luego, la ministra viajó": no gap)."""
    lex = lexicon(lang)
    between = {w.casefold() for w in lex.words("clitic")} | {w.casefold() for w in lex.words("auxiliary")}
    words = _WORD.findall(masked[at:trigger])
    if masked[at:trigger].strip(" ") and (not words or re.search(r"[^\w\s]", masked[at:trigger])):
        return False
    return all(w.casefold() in between for w in words) and agrees(masked[at:trigger + 60], lang)


def relative_gap(text: str, at: int, end: int, lang: str, names: list[tuple[int, int, str]]) -> int | None:
    """"Poi si è spostato a Buenos Aires, dove ha incontrato ...": the relative clause of the place
    the unsaid subject went to (grammar kind `place_relative`) has that subject too; no person may
    stand between (the clause could be said of them), a seat ("Palazzo Chigi") may. Where that
    clause's verb starts; a subject of its own after "dove" keeps the gap from its verb (fills)."""
    place = _place_relative(lang)
    rel = place.search(text, at, end) if place else None
    if rel is None or re.search(r"[.;:!?\n\"«»“”„]", text[at:rel.start()]):
        return None
    if any(at <= s < rel.end() and typ == "Person" for s, _, typ in names):
        return None
    return rel.end() if agrees(text[rel.end():end], lang) else None


@lru_cache(maxsize=None)
def _place_relative(lang: str) -> re.Pattern[str] | None:
    words = lexicon(lang).words("place_relative")
    return re.compile(r",\s*(?:" + alternation(words) + r")\s+", re.IGNORECASE) if words else None


def agent(text: str, pos: int, lang: str) -> bool:
    """Whether the name at `pos` is a passive's agent ("ricevuto da Lula", "recibido por Lula"):
    grammar kind `agent_preposition` right before it."""
    words = lexicon(lang).words("agent_preposition")
    return bool(words) and re.search(r"(?<!\w)(?:" + alternation(words) + r")\s+$", text[max(0, pos - 20):pos],
                                     re.IGNORECASE) is not None


def continues(text: str, prev: tuple[int, int] | None, start: int) -> bool:
    """Whether the sentence at `start` continues the previous one (span `prev`): same paragraph,
    no quotation in the previous sentence nor open across it."""
    if prev is None:
        return False
    if "\n" in text[prev[1]:start] or _QUOTES.search(text, prev[0], prev[1]):
        return False
    para = text.rfind("\n", 0, prev[0]) + 1
    return text.count('"', para, prev[0]) % 2 == 0 and text.count("«", para, prev[0]) == text.count("»", para, prev[0])
