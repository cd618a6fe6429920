"""Titles in front of and after person names: strip them from the name ("President Putin", "ông
Miguel"), and read the office a title phrase gives and the country or organisation it is of
("Tổng thống Nga Vladimir Putin", "Kremlin Spokesman Dmitry Peskov", "Mikhail Mishustin, the
Russian Prime Minister"). The phrase's offsets become the name's "unit" (see `mentions.Named`).
Titles are data: ontology/lang/<lang>/titles.tsv, read through the `Lexicon`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon
from .mentions import POSSESSIVE, Named
from .model import Document
from .offices_taken import read_offices_taken
from .title_apposition import apposition_lead, portfolio_list


def strip_titles(doc: Document, names: list[Named], lex: Lexicon) -> None:
    """Remove leading titles/honorifics inside a name span ("President Putin", "ông Miguel")."""
    forms = title_table(lex)
    for n in names:
        changed = True
        while changed:
            changed = False
            low = fold(doc.text[n.start:n.end])
            for form, office, kind, of in forms:
                # "Novo Banco de ...", "New Democracy": a modifier opens an institution's own name
                if kind == "modifier" and n.type != "Person":
                    continue
                if low.startswith(form + " ") and len(low) > len(form) + 1:
                    if kind == "honorific":
                        n.honorifics.append(doc.text[n.start:n.start + len(form)])
                    elif kind == "office":
                        n.implied_of = n.implied_of if n.office else of
                        n.office = n.office or office
                    n.start += len(form) + 1
                    changed = True
                    break


def read_title_phrases(doc: Document, names: list[Named], lex: Lexicon) -> None:
    """Find the title phrase before or after each person: office, and the country or
    organisation it is of. Country/organisation names inside a phrase are marked absorbed."""
    titles = title_table(lex)
    fillers = {w.casefold() for w in lex.words("determiner") + lex.words("title_link")}
    linking = {w.casefold() for w in lex.words("locative") + lex.words("conj")}
    posting = {w.casefold() for w in lex.words("posting")}
    links = {w.casefold() for w in lex.words("title_link")}
    counterparts = {fold(w) for w in lex.words("counterpart")}
    lead_words = set(lex.words("apposition_honorific"))
    conjunctions = {w.casefold() for w in lex.words("conj") if " " not in w}
    _split_institutions(doc, names, titles, lex.lang)
    for i, n in enumerate(names):
        n.unit_start, n.unit_end = n.start, n.end
        if n.type != "Person":
            continue
        _title_before(doc, names, i, titles, fillers, posting, links, counterparts, lex.lang, lead_words, conjunctions)
        if n.office is None or n.office_of is None:
            _title_after(doc, names, i, titles, fillers | linking | posting)
        if n.office and n.office_of is None and n.implied_of:
            n.office_of = _implied_owner(n)
    read_offices_taken(doc, names, lex, titles, casefolded(doc.text))


def title_table(lex: Lexicon) -> list[tuple[str, str, str, str | None]]:
    """(folded form, office, kind, of), longest form first. `of` is the gazetteer key of the
    country or organisation a title names by itself ("Bundeskanzler": germany, "US-Präsident":
    united-states), from the optional fourth column of ontology/lang/<lang>/titles.tsv."""
    implied = _implied_owners(lex.lang)
    return sorted(((fold(f), o, k, implied.get(f)) for f, o, k in lex.titles), key=lambda t: -len(t[0]))


@lru_cache(maxsize=None)
def _implied_owners(lang: str) -> dict[str, str]:
    from newskg.ontology.gazetteer import LANG_DIR

    from .lexicon import read_tsv

    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        return {}
    return {r["form"]: r["of"] for r in read_tsv(LANG_DIR / lang / "titles.tsv") if r.get("of")}


def _implied_owner(person: Named) -> Named | None:
    """The country or organisation a title names by itself, as a name outside the text (no
    surface: it gives the entity no alias); facts.py makes it an entity where the document has none."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    key = person.implied_of
    if key not in gaz:
        return None
    at = person.unit_start if person.unit_start >= 0 else person.start
    return Named(at, at, gaz.entry(key).type, key, "implied", "title", at, at, absorbed=True, entity=key)


def _split_institutions(doc: Document, names: list[Named], titles, lang: str) -> None:
    """"Глава МИД России Сергей Лавров": the title "глава МИД" (Foreign Minister) ends inside the
    gazetteer's "МИД России" (the Russian Foreign Ministry); what follows the title is the name of
    the ministry's state, so the name becomes that state and the office is the state's."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    low = casefolded(doc.text)
    for n in names:
        if n.type != "Organization" or not n.key or n.key not in gaz:
            continue
        state = gaz.entry(n.key).country
        if not state:
            continue
        for gap in re.finditer(r"\s+", doc.text[n.start:n.end]):
            hit = match_title_end(low, n.start + gap.start(), titles)
            if hit is None or hit[0] >= n.start or hit[2] != "office":
                continue
            rest = n.start + gap.end()
            if any(key == state for key, _ in gaz.lookup(doc.text[rest:n.end], lang)):
                n.start, n.key, n.kind, n.type = rest, state, "name", gaz.entry(state).type
            break


def fold(text: str) -> str:
    """``text.casefold()`` one character for one, so that an offset into the fold is an offset into
    ``text``: a character whose fold is longer ("ß" -> "ss", "İ" -> "i̇") keeps its lower case when
    that is one character, else itself."""
    low = text.casefold()
    if len(low) == len(text):
        return low
    return "".join(f if len(f := c.casefold()) == 1 else (w if len(w := c.lower()) == 1 else c) for c in text)


#: the whole document folded once, not once per name (a long document has thousands of names)
casefolded = lru_cache(maxsize=4)(fold)


def match_title_end(low: str, pos: int, titles) -> tuple[int, str, str, str | None] | None:
    """A title ending at `pos` in `low` (the casefolded text): (start, office, kind, of)."""
    for form, office, kind, of in titles:
        s = pos - len(form)
        if s >= 0 and low[s:pos] == form and (s == 0 or not low[s - 1].isalnum()):
            return s, office, kind, of
    return None


def _split_title_end(low: str, pos: int, country: Named, titles) -> tuple[int, str, str, str | None] | None:
    """A title with the country's adjective inside it, ending at `pos`: "ministre russe des
    Affaires étrangères", "ministro chino de Exteriores" are "ministre des Affaires étrangères" of
    Russia, "ministro de Exteriores" of China."""
    if country.type != "Country" or not 0 < pos - country.end <= 60:
        return None
    gap = low[country.end:pos]
    tail = gap.lstrip()
    if len(tail) == len(gap) or not tail:
        return None
    for form, office, kind, of in titles:
        if kind != "office" or not form.endswith(" " + tail):
            continue
        head = form[:-len(tail)].rstrip()
        before = low[:country.start].rstrip()
        s = len(before) - len(head)
        if head and before.endswith(head) and (s == 0 or not low[s - 1].isalnum()):
            return s, office, kind, of
    return None


def _title_before(doc: Document, names: list[Named], i: int, titles, fillers: set[str],
                  posting: frozenset[str] | set[str] = frozenset(),
                  links: frozenset[str] | set[str] = frozenset(),
                  counterparts: frozenset[str] | set[str] = frozenset(), lang: str | None = None,
                  lead_words: frozenset[str] | set[str] = frozenset(),
                  conjunctions: frozenset[str] | set[str] = frozenset()) -> None:
    """Walk left from a person over titles, honorifics, fillers and the country or organisation
    they are of: "Tổng thống Nga Vladimir Putin", "Russian President Vladimir Putin", "Kremlin
    Spokesman Dmitry Peskov", and "Phát ngôn viên của điện Kremlin, Dmitry Peskov" (title, comma, name)."""
    n = names[i]
    low = casefolded(doc.text)
    pos, j = n.start, i - 1
    seen_office = False
    seen_title = False  # an office, or a counterpart word: "son homologue brésilien, Lula"
    posted: Named | None = None  # the place an office is held in ("to Vietnam")
    # "TITLE of ORG, NAME", also with the organisation's acronym: "presidente do Banco Central
    # (BC), X" (the acronym is another name of the organisation, not the owner)
    comma = re.search(r"(?:\s*\(\s*[^\W\d_][\w.&-]{0,11}\s*\))?,\s*$", doc.text[max(0, pos - 20):pos])
    nationality: Named | None = None
    if not comma:
        # "président du Conseil européen, le Portugais António Costa", "l'émir du Qatar, cheikh
        # Tamim": a nationality noun or an honorific between the comma and the name
        lead = apposition_lead(doc, names, i, low, fillers, lead_words, lang)
        if lead is not None:
            comma = re.search(r",\s*$", doc.text[max(0, lead[0] - 20):lead[0]])
            if comma:
                pos, nationality = lead
                if nationality is not None:
                    nationality.absorbed = True
    if comma:  # only if a title phrase really precedes the comma
        pos -= len(comma.group())
        while j >= 0 and names[j].start >= pos:
            j -= 1
    start_pos = solid = pos  # solid: where the phrase starts without a dangling filler
    while True:
        k = pos
        while k > 0 and doc.text[k - 1] in " \t\u00a0":
            k -= 1
        if k == pos and pos != start_pos:
            # an elided article or link ("de l'Alliance", "dell'Eni") is a filler written without a space
            elided = re.search(r"(?<!\w)\w{1,4}['’]$", low[max(0, pos - 6):pos])
            if elided is None or not (seen_office or n.office_of is not None):
                break
            pos -= len(elided.group())
            continue
        prev = names[j] if j >= 0 else None
        hit = match_title_end(low, k, titles) or portfolio_list(low, k, titles, conjunctions, match_title_end)
        if hit is None and prev is not None and n.office_of is None and not seen_office:
            # "ministre russe des Affaires étrangères": the adjective inside the title is the owner
            # (past a name the engine found in the title's words, "Affaires étrangères")
            country = next((x for x in reversed(names[max(0, j - 2):j + 1]) if x.type == "Country"), None)
            hit = _split_title_end(low, k, country, titles) if country is not None else None
            if hit is not None:
                n.office_of, country.absorbed = country, True
        # "Russia's Foreign Minister X": a possessive country before a title is whose office it is
        owner = prev is not None and (prev.end == k or seen_office and POSSESSIVE.fullmatch(doc.text[prev.end:k]))
        inside = hit is not None and hit[0] <= prev.start and hit[2] == "office" and not seen_office \
            if owner else False
        # a name the engine found inside a title is a word of the title ("ministre des Affaires
        # étrangères"); a gazetteer name there is whose office it is ("Thủ tướng Đức")
        if owner and prev.type in ("Country", "Organization", "City") and n.office_of is None \
                and not (inside and prev.key is None):
            if inside:
                # a title that names its country: "Thủ tướng Đức" is the German Chancellor
                n.office, seen_office, seen_title, pos = n.office or hit[1], True, True, hit[0]
            else:
                pos = prev.start
            n.office_of, prev.absorbed = prev, True
            j, solid = j - 1, pos
            continue
        if hit is None:
            base = max(0, k - 64)  # the word before k: a bounded look-back keeps this linear
            word = re.search(r"(\w+)$", low[base:k])
            if word and word.group(1) in posting and n.office_of is not None and not seen_office:
                # "Ambassador to Vietnam", "Đại sứ Pháp tại Việt Nam": where the office is held is
                # part of the phrase, not whose office it is
                posted, n.office_of, pos = n.office_of, None, base + word.start(1)
                continue
            if word and word.group(1) in fillers and (seen_office or n.office_of is not None):
                pos = base + word.start(1)
                if word.group(1) not in links:  # "his" belongs to "his Japanese counterpart X"
                    solid = pos
                continue
            break
        s, office, kind, of = hit
        if kind == "office" and not seen_office:
            n.implied_of = n.implied_of if n.office else of
            n.office = n.office or office
            seen_office = seen_title = True
            owner_word = _compound_owner(doc, s, lang) if n.office_of is None and not of else None
            if owner_word is not None:  # "Nato-Generalsekretär", "Kreml-Chef": the word before the hyphen
                n.implied_of, s = owner_word
            elif n.office_of is None and not of:   # a name the engine found there: "Siemens-Chef"
                joined = next((x for x in names[:i] if x.end + 1 == s and doc.text[x.end] == "-"
                               and x.type in ("Organization", "Country")), None)
                if joined is not None:
                    n.office_of, joined.absorbed, s = joined, True, joined.start
        elif kind == "modifier":
            n.former = n.former or office == "former"
        elif kind == "honorific":
            n.honorifics.append(doc.text[s:k])
            seen_title = seen_title or low[s:k] in counterparts
        while j >= 0 and names[j].start >= s:  # a name inside the title: "Foreign Ministry spokeswoman"
            names[j].absorbed, j = True, j - 1
        pos = solid = s
    if comma and not seen_title:
        for x in (n.office_of, posted, nationality):
            if x is not None:
                x.absorbed = False
        n.office_of = None
        return
    # a link left dangling at the start ("của", "of") is not part of the phrase
    n.unit_start = min(n.unit_start, solid)


def _compound_owner(doc: Document, title_start: int, lang: str | None) -> tuple[str, int] | None:
    """A title joined by a hyphen to the name of a state or organisation ("Nato-Generalsekretär",
    "Kreml-Chef", "IWF-Chefin"): (gazetteer key, start of that name). The name must be
    capitalised; "Nato" is the NATO of German spelling."""
    from newskg.ontology.gazetteer import load_gazetteer

    m = re.search(r"(?<![\w-])([^\W\d_][\w.]*)-$", doc.text[max(0, title_start - 40):title_start])
    if m is None or not m.group(1)[:1].isupper():
        return None
    word, gaz = m.group(1), load_gazetteer()
    for key, _ in gaz.lookup(word, lang):
        if gaz.entry(key).type in ("Country", "Organization"):
            return key, title_start - len(m.group(0))
    return None


def _title_after(doc: Document, names: list[Named], i: int, titles, fillers: set[str]) -> None:
    """Apposition closed by a comma or full stop: "Mikhail Mishustin, the Russian Prime Minister,",
    "X, the FAR Minister in Cuba,", "Victor Coronelli, the Ambassador ... of Russia in Cuba,".
    Every word in it must be a title word, a filler, a name or capitalised: "Putin, Cuban
    president did not discuss ..." is no apposition."""
    n = names[i]
    m = re.match(r",\s+", doc.text[n.end:])
    if not m:
        return
    start = n.end + m.end()
    close = re.search(r"[,.;:]", doc.text[start:start + 120])
    if close is None:
        return
    stop = start + close.start()
    inside = [x for x in names[i + 1:] if x.start < stop]
    if any(x.type == "Person" for x in inside):
        return
    low = fold(doc.text[start:stop])
    title_words = {w for form, *_ in titles for w in form.casefold().split()}
    for word in re.finditer(r"\w+", doc.text[start:stop]):
        at = start + word.start()
        if any(x.start <= at < x.end for x in inside):
            continue
        w = word.group()
        if not (w.casefold() in fillers or w.casefold() in title_words or w[:1].isupper()):
            return
    office = None
    for form, off, kind, of in titles:
        if kind == "office" and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", low):
            office = off
            n.implied_of = n.implied_of if n.office else of
            break
    if office is None:
        return
    n.office = n.office or office
    # "the FAR Minister in Cuba": a minister serves the country; an organisation only without one
    places = sorted((x for x in inside if x.type in ("Country", "Organization")), key=lambda x: x.type != "Country")
    if n.office_of is None and places:
        n.office_of = places[0]
        for x in places:
            x.absorbed = True
    n.unit_end = stop
