"""Names by their capital letters, for languages that no installed statistical engine covers
(Spanish, Portuguese, German, Russian, ... while their Stanza models are not on disk).

The gazetteer finds the names it knows; this finds the others: runs of capitalised words
("Alberto van Klaveren", "Banco Interamericano de Desarrollo"), joined by the language's name
particles, typed by what surrounds them: an office or a counterpart word just before makes a
person ("el canciller chileno, Alberto van Klaveren"), a context word its type ("la agencia X"),
an institution's head noun inside an organisation. An untyped run of two or more words is most
often a person. A capitalised word opening a sentence is only capitalised; a lone unknown word is
left to the later passes (a repeated surname, an acronym). Where common nouns are capitalised too
(German: grammar kind ``casing`` = ``nouns``) an untyped run counts only inside a sentence and
without a word that looks like a common noun.
Everything language-specific is data in ontology/lang/<lang>/ (grammar, titles, context).
"""
from __future__ import annotations

from typing import ClassVar

from ..errors import EngineUnavailable
from ..lexicon import available_languages
from ..model import Annotation, Document, Mention, Sentence, Token
from .casing_words import (_acronym, _after_office, _calendar, _capitalised, _cues, _demonym, _institution_end,
                           _is_title, _leading_noun, _name_opens, _no_common_noun, _short_name)
from .gazetteer_engine import find_names, simple_sentences, tokenize

LOOK_BACK = 4   # words before a run that may type it ("el canciller chileno ,")


def _compound_owners(tokens: list[Token], known: list[tuple[int, int, str]], cues: dict) -> list[Mention]:
    """"Siemens-Chef", "SPD-Chefin": the capitalised word joined to an office by a hyphen is
    whose office it is, an organisation (the gazetteer types the ones it knows)."""
    out = []
    for t in tokens:
        head, sep, tail = t.text.rpartition("-")
        if sep and head[:1].isupper() and "-" not in head and tail.casefold() in cues["titles"] \
                and not any(s <= t.start < e for s, e, _ in known):
            out.append(Mention(t.start, t.start + len(head), "Organization", "casing", None, "casing"))
    return out


def runs(text: str, tokens: list[Token], cues: dict) -> list[tuple[int, int]]:
    """(first, last) token indexes of each run of capitalised words, joined by name particles
    ("van", "da", "von") and by nothing but spaces."""
    out = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i], cues):
            i += 1
            continue
        last = i
        j = i + 1
        while j < len(tokens):
            if not text[tokens[j - 1].end:tokens[j].start].strip(" \u00a0") == "" \
                    or (tokens[j - 1].end == tokens[j].start and tokens[j - 1].text[-1] not in "'’"):
                break
            if _capitalised(tokens[j], cues) and not tokens[j].text.casefold().endswith(cues["not_name_endings"]):
                last = j
                j += 1
                continue
            # one or two particles ("da", "de la", "of the") between capitalised words
            k = j
            # an institution's name may join two nouns ("Foro de la Franja y la Ruta", "Ministerio de
            # Ciencia y Tecnología"): a conjunction is a particle in a run with a head noun and a
            # particle already ("el Banco Mundial y Lula" stays two names)
            words = {t.text.casefold() for t in tokens[i:j]}
            joined = cues["particles"] | cues["conj"] if words & cues["heads"] and words & cues["particles"] \
                else cues["particles"]
            # an elided particle is written without the space ("Banca d'Italia", "Conseil d'État")
            while k < len(tokens) and k - j < 2 and tokens[k].text.casefold() in joined \
                    and (tokens[k].text[-1] in "'’" or text[tokens[k].end:tokens[k].end + 1] == " "):
                k += 1
            if k == j or k >= len(tokens) or not _capitalised(tokens[k], cues) \
                    or text[tokens[k - 1].end:tokens[k].start] != ("" if tokens[k - 1].text[-1] in "'’" else " "):
                break
            j = k
        out.append((i, last))
        i = last + 1
    return out


def _context_type(tokens: list[Token], first: int, cues: dict) -> str | None:
    """The type the words just before a run give it: a context word, or an office or counterpart
    word (a person), looking past a nationality adjective and a comma."""
    before = [t.text.casefold() for t in tokens[max(0, first - LOOK_BACK):first]]
    for n in (3, 2, 1):
        if len(before) >= n and " ".join(before[-n:]) in cues["context"]:
            return cues["context"][" ".join(before[-n:])]
    # past a nationality adjective: "l'agenzia tunisina Tap", "el diario chileno La Tercera"
    if len(before) >= 2 and tokens[first - 1].text.islower() and _demonym(tokens[first - 1].text, cues["lang"]):
        for n in (2, 1):
            if len(before) > n and " ".join(before[-1 - n:-1]) in cues["context"]:
                return cues["context"][" ".join(before[-1 - n:-1])]
    if cues["nouns_capitalised"] and before:
        # a compound ending in a context word: "Flüchtlingsorganisation Pro Asyl"
        typ = next((t for form, t in cues["context"].items() if len(form) >= 6 and " " not in form
                    and before[-1].endswith(form)), None)
        if typ is not None:
            return typ
    # "presidente (ejecutivo) do BNDES": what an office is of is an organisation (or a state,
    # which the gazetteer knows), not its holder
    if len(before) >= 2 and before[-1] in cues["links"] and any(_is_title(w, cues) for w in before[-3:-1]):
        return "Organization"
    # an office or counterpart ending at one of the last three words ("el canciller chileno ,")
    words = [w for w in before if w not in {",", "—", "–", "-"}]
    for end in range(len(words), max(0, len(words) - 3), -1):
        if _is_title(words[end - 1], cues) or any(" ".join(words[max(0, end - n):end]) in cues["person_words"]
                                                   for n in (1, 2, 3)):
            return "Person"
    return None


def name_mentions(text: str, tokens: list[Token], lang: str, sentence_start: int) -> list[Mention]:
    cues = _cues(lang)
    known = [(m.start, m.end, m.type) for m in find_names(text, tokens, lang)]
    out = _compound_owners(tokens, known, cues)
    for first, last in runs(text, tokens, cues):
        first = _after_office(text, tokens, first, last, cues)
        # leading determiners, offices and a word that opens the sentence are not the name; they type it
        while first <= last and (tokens[first].text.casefold() in cues["determiners"]
                                 or _is_title(tokens[first].text, cues)
                                 or (tokens[first].start == sentence_start and first < last
                                     and tokens[first].text.casefold() in cues["vocabulary"]
                                     and tokens[first].text.casefold() not in cues["heads"])
                                 or _leading_noun(tokens, first, last, cues)
                                 or tokens[first].text.casefold() in cues["particles"]):   # "(Presidente) da República"
            first += 1
        if first > last:
            continue
        if cues["nouns_capitalised"] and last > first and _acronym(tokens[last]) and not _acronym(tokens[last - 1]):
            # "Miliz HTS": a common noun, then the acronym that names it
            out.append(_mention([tokens[last]], "Organization"))
            if last - first == 1:
                continue
            last -= 1
        if first == last and last + 1 < len(tokens) and _calendar(tokens[last + 1], cues):
            continue   # "Ende Januar", "Anfang Mai": a time, not a name
        typ = _context_type(tokens, first, cues)
        if typ == "Organization" and last - first >= 2 and _short_name(tokens[first].text, cues) \
                and first > 0 and tokens[first - 1].text.casefold() in cues["links"] \
                and not any(tokens[first].start <= a < tokens[last].end for a, _, _ in known):
            # "la segretaria del Pd Elly Schlein", "presidente do BNDES Aloizio Mercadante": the office's
            # organisation by its short name, then its holder
            out.append(_mention([tokens[first]], "Organization"))
            first += 1
            typ = "Person"
        inner = [ktyp for start, end, ktyp in known if tokens[first].start <= start < tokens[last].end]
        heads = [t.text.casefold() for t in tokens[first:last + 1] if t.text.casefold() in cues["heads"]]
        if heads and cues["nouns_capitalised"] and first == last:
            continue   # "ins Gericht": a lone head noun is a common noun where all nouns have capitals
        if heads and not any(k in ("Organization", "Person") for k in inner):
            # an institution or a place named after a place: "Banco de Chile", "Palacio de Planalto"
            # ("Agentur Tass" is the agency Tass)
            end = _institution_end(tokens, first, last, known, cues)
            out.append(_mention(tokens[first:end + 1], cues["head_types"].get(heads[0], "Organization")))
            if end == last:
                continue
            # "governatore della Banca d'Italia Fabio Panetta": the institution ends with its place
            first, typ = end + 1, _context_type(tokens, end + 1, cues)
        for a, b in _pieces(tokens, first, last, known, typ, cues):
            span = tokens[a:b + 1]
            # a piece after a known name is typed by what precedes it ("МИД Белоруссии Сергей Алейник")
            ptyp = typ if a == first else _context_type(tokens, a, cues)
            if ptyp in (None, "Person") and len(span) >= 2 and span[0].text.casefold() in cues["heads"]:
                # "Secretaría General (de la OEA)", "Casa (de Nariño)": an institution or a place
                ptyp = cues["head_types"].get(span[0].text.casefold(), "Organization")
            if len(span) == 1 and len(span[0].text) >= 2 and span[0].text.isupper():
                ptyp = "Organization"   # an acronym: "BNDES", "МИД"
            opens = span[0].start == sentence_start and not _name_opens(text, span, known, cues)
            if ptyp is None and not cues["nouns_capitalised"]:
                ptyp = "Person" if len(span) - opens >= 2 else None
            elif ptyp is None and not opens and len(span) >= 2 and _no_common_noun(span, cues):
                ptyp = "Person"   # "Joachim Stamp" mid-sentence; not "Millionen Euro", "Verurteilung Russlands"
            if ptyp is not None:
                out.append(_mention(span, ptyp))
    return out


def _pieces(tokens: list[Token], first: int, last: int, known: list[tuple[int, int, str]], typ: str | None,
            cues: dict) -> list[tuple[int, int]]:
    """The parts of a run that no known name covers: known names in a run are names of their own
    ("из Мали Абдулаем Диопом", "глава МИД Белоруссии Сергей Алейник", "en Moscú Lavrov"), except a
    person's given name that is also a city's, where the context says person ("el canciller
    argentino, Santiago Cafiero"), and a place's name ending a run ("Pedro Lima"). A piece does not
    end in a particle ("Gobierno de" Colombia)."""
    covered = set()
    for start, end, ktyp in known:
        inside = [i for i in range(first, last + 1) if start <= tokens[i].start < end]
        if not inside or (ktyp == "City" and typ == "Person" and inside[0] == first < last):
            continue
        # a surname that is a place's name ends a person's name ("Pedro Lima", "Ana Montenegro")
        untyped_ok = typ is None and not cues["nouns_capitalised"]   # not "den Angriff Israels"
        if ktyp in ("City", "Country") and (typ == "Person" or untyped_ok) and inside[-1] == last and inside[0] > first \
                and tokens[inside[0] - 1].text.casefold() not in cues["particles"] \
                and not any(k for k in known if k[0] < tokens[inside[0]].start and k[1] > tokens[first].start):
            continue
        covered.update(inside)
    out, a = [], None
    for i in range(first, last + 2):
        if i <= last and i not in covered:
            a = i if a is None else a
            continue
        if a is not None:
            b = i - 1
            while b >= a and tokens[b].text.casefold() in cues["particles"]:
                b -= 1
            if b >= a:
                out.append((a, b))
        a = None
    return out


def _mention(span: list[Token], typ: str) -> Mention:
    end = span[-1].end
    if span[-1].text.endswith(".") and len(span[-1].text) > 2:
        end -= 1   # the sentence's full stop, not an initial ("J.")
    return Mention(span[0].start, end, typ, "casing", None, "casing")


class CasingEngine:
    name: ClassVar[str] = "casing"
    provides: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "ner"})

    def supports(self, lang: str) -> bool:
        return lang in available_languages()

    def require(self, lang: str) -> None:
        if not self.supports(lang):
            raise EngineUnavailable(f"the casing engine needs the language's data in ontology/lang/; "
                                    f"none for {lang!r} (available: {', '.join(available_languages())})")

    def annotate(self, docs: list[Document]) -> list[Annotation]:
        out = []
        for doc in docs:
            lang = doc.lang or "und"
            self.require(lang)
            sentences = [Sentence(s, e, tokenize(doc.text, s, e)) for s, e in simple_sentences(doc.text)]
            mentions = [m for sent in sentences for m in name_mentions(doc.text, sent.tokens, lang, sent.start)]
            out.append(Annotation(doc, sentences, mentions, "casing"))
        return out
