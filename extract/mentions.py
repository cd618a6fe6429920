"""Merge the engines' mentions with the gazetteer's: trimmed of possessives and of what the
gazetteer covers, with acronyms nobody recognised and a person's further occurrences added. Titles
are read in titles.py, title-only references to persons in roles.py.

A `Named` is one name occurrence: the name's own offsets (what becomes an alias), and the wider
"unit" offsets that include its title phrase, which the relation patterns treat as one argument.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .calwords import is_calendar_word
from .lexicon import Lexicon
from .model import Annotation, Document, Mention
from .spanmask import SpanMask

# a possessive ending: "Modi’s", "Havana's", "the United States‘"
POSSESSIVE = re.compile(r"(?:['’‘]s|['’‘])$")
_SPACE_PUNCT = " \t\n,.;:!?\"“”«»()[]"


@dataclass
class Named:
    start: int
    end: int
    type: str
    key: str | None = None          # gazetteer key
    kind: str = "name"              # name | alias | demonym (gazetteer kinds) | engine
    engine: str = ""
    unit_start: int = -1            # start of the title phrase that belongs to this name
    unit_end: int = -1
    office: str | None = None       # office named by the title phrase
    office_of: "Named | None" = None  # the country/organisation in that phrase
    former: bool = False
    absorbed: bool = False          # a modifier inside another name's title phrase
    entity: str | None = None       # resolved entity key (set by resolve.py)
    honorifics: list[str] = field(default_factory=list)
    implied_of: str | None = None   # gazetteer key a title names by itself ("Bundeskanzler": germany)

    def text(self, doc: Document) -> str:
        return doc.text[self.start:self.end]


def merge_mentions(doc: Document, engine_ann: Annotation | None, gaz_ann: Annotation,
                   lex: Lexicon | None = None) -> list[Named]:
    """Gazetteer matches win where they are sure; engine mentions fill the rest, trimmed. An
    engine name that contains a gazetteer name plus other capitalised words that are not titles
    is a longer name of its own ("Grand Kremlin Palace", "Moscow State University")."""
    titles = {w.casefold() for form, _, _ in (lex.titles if lex else []) for w in form.split()}
    titles |= {w.casefold() for w in (lex.words("determiner") if lex else [])}
    heads = {w.casefold() for w in (lex.words("name_head") if lex else [])}
    head_types = {w.casefold(): t for w, t in (lex.valued("name_head") if lex else [])}
    # name particles join the words of a longer name ("Colar da Ordem de Timor-Leste")
    links = titles | {w.casefold() for w in (lex.words("name_particle") if lex else [])}
    engine_mentions = _joined_by_acronym(doc, list(engine_ann.mentions) if engine_ann else [], gaz_ann.mentions)
    # a lone word of an office is no name ("ses fonctions de Haute représentante": not a place "Haute")
    engine_mentions = [m for m in engine_mentions if " " in m.text(doc) or m.text(doc).casefold() not in titles]
    engine_mentions += _acronyms(doc, engine_mentions, gaz_ann.mentions)
    gaz = [m for m in sorted(gaz_ann.mentions, key=lambda m: m.start)
           if not any(_longer_name(doc, e, m, links, heads) for e in engine_mentions)]
    out = [Named(m.start, m.end, m.type, m.key, m.label.split(":", 1)[-1], "gazetteer") for m in gaz]
    taken = [(m.start, m.end) for m in gaz]
    for m in engine_mentions:
        for start, end in _trim(doc, m, taken):
            out.append(Named(start, end, _head_type(doc.text[start:end], m.type, head_types), None, "engine", m.engine))
            taken.append((start, end))
    out += _repeated_persons(doc, out, taken, titles)
    out.sort(key=lambda n: n.start)
    from .surnames import place_surnames  # imports this module

    place_surnames(doc, out)
    return out


def _head_type(text: str, engine_type: str, head_types: dict[str, str]) -> str:
    """An engine's person that opens with a typed head noun and a lower-case link is no person:
    "Order of Sikatuna" is an award, "Palacio de Oriente" a place. Only the head-first shape is
    read: a head word last may be a surname ("Stuart Hall", "Ana Torre")."""
    words = text.split()
    if engine_type == "Person" and len(words) >= 3 and words[1][:1].islower():
        return head_types.get(words[0].casefold(), engine_type)
    return engine_type


def _joined_by_acronym(doc: Document, engine: list[Mention], gaz: list[Mention]) -> list[Mention]:
    """An organisation the engine cut before a known name inside it, where the acronym after it
    spells the whole: "Alliance Fleuve" + "Congo" + "(AFC)" is the Alliance Fleuve Congo."""
    from dataclasses import replace

    from .acronyms import initials_fit, is_acronym

    by_start = {g.start: g for g in gaz}
    out = []
    for e in engine:
        after = e.end + len(doc.text[e.end:e.end + 3]) - len(doc.text[e.end:e.end + 3].lstrip(" "))
        g = by_start.get(after) if e.type == "Organization" and after > e.end else None
        acronym = re.match(r"\s*\(\s*(\w+)\s*\)", doc.text[g.end:g.end + 16]) if g is not None else None
        if acronym and is_acronym(acronym.group(1)) and initials_fit(acronym.group(1), doc.text[e.start:g.end]) \
                and not initials_fit(acronym.group(1), doc.text[e.start:e.end]):
            e = replace(e, end=g.end)
        out.append(e)
    return out


def _repeated_persons(doc: Document, names: list[Named], taken: list[tuple[int, int]],
                      titles: set[str]) -> list[Named]:
    """A person the engines named once is named again where they missed it ("Cassis also met
    Yellen", "He Lifeng told Xinhua"): each further occurrence of a full name, or of its last words
    ("Fernández Valdovinos" of "Carlos Fernández Valdovinos", "Valdovinos") standing apart from
    other capitalised words, is a mention."""
    forms: set[str] = set()
    for n in names:
        words = n.text(doc).split()
        if n.type != "Person" or len(words) < 2:
            continue
        forms.add(" ".join(words))
        # a compound surname: the last two or more words, opening with a capital
        forms.update(" ".join(words[i:]) for i in range(1, len(words) - 1) if words[i][:1].isupper())
        last = words[-1]
        if len(last) >= 3 and last[:1].isupper() and last.replace("-", "").isalpha() and last.casefold() not in titles:
            forms.add(last)
    full = {" ".join(n.text(doc).split()) for n in names if n.type == "Person"}
    mask = SpanMask(len(doc.text), taken)
    out: list[Named] = []
    for form in sorted(forms, key=len, reverse=True):
        single = " " not in form
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", doc.text):
            if mask.overlaps(*m.span()):
                continue
            # "Sơn La", "Hà Nội", "President Cassis": a last word next to another capitalised word
            # may be part of another name; the engines read those
            after = re.match(r"[ \t]+(\S)", doc.text[m.end():m.end() + 3])
            before = re.search(r"(\S)\S*[ \t]+$", doc.text[max(0, m.start() - 40):m.start()])
            if before and re.search(r"\w\w[.!?…:;]['\"”»’)]*[ \t]+$", before.group()):
                before = None   # the last word of the sentence before ("... Nairobi. Stamp sagte")
            if (single or form not in full) and (after and after.group(1).isupper()
                                                 or before and before.group(1).isupper()):
                continue
            out.append(Named(m.start(), m.end(), "Person", None, "engine", "repeat"))
            taken.append(m.span())
            mask.add(*m.span())
    return out


_ACRONYM = re.compile(r"(?<![\w/])[A-Z]{2,6}(?![\w/])")


def _acronyms(doc: Document, engine: list[Mention], gaz: list[Mention]) -> list[Mention]:
    """Capitalised acronyms nobody recognised ("FAR", "EAEU") name organisations; lines written
    in capitals (headlines, datelines) are left alone."""
    out = []
    for m in _ACRONYM.finditer(doc.text):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        line_end = doc.text.find("\n", m.end())
        line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
        letters = [c for c in line if c.isalpha()]
        if sum(c.isupper() for c in letters) > 0.5 * len(letters):
            continue
        if any(x.start < m.end() and m.start() < x.end for x in [*engine, *gaz]):
            continue
        if is_calendar_word(m.group(), doc.lang):
            continue   # a dateline's month ("17 APR")
        out.append(Mention(m.start(), m.end(), "Organization", "ACRONYM", None, "acronym"))
    return out


def _longer_name(doc: Document, engine: Mention, gaz: Mention, titles: set[str], heads: set[str]) -> bool:
    """A place or institution named after a known one: the extra words must include a head
    noun ("Palace", "University", "Bank"), so "China Igor Morgulov" stays China and a person.
    Or a person whose given name is a city's."""
    if not (engine.start <= gaz.start and gaz.end <= engine.end and (engine.start, engine.end) != (gaz.start, gaz.end)):
        return False
    rest = (doc.text[engine.start:gaz.start] + " " + doc.text[gaz.end:engine.end]).split()
    # determiners and titles around the gazetteer name do not make a longer name ("The Soviet Union")
    # (nor do elided links: "Banca d'Italia" is the bank named after Italy)
    rest = [w.strip("’'s,.") for w in rest if w.casefold() not in titles and not re.fullmatch(r"\w{1,4}['’]", w)]
    rest = [w for w in rest if w]
    if not (bool(rest) and all(w[:1].isupper() for w in rest)):
        return False
    if engine.type in ("Place", "Organization", "Award") and gaz.type != "Person":
        return any(w.casefold() in heads for w in rest)
    # a given name that is also a city's ("Santiago Cafiero", "Florence Parly"); a country stays
    # apart ("China Igor Morgulov")
    if engine.type == "Person" and gaz.type == "City" and gaz.start == engine.start \
            and not doc.text[gaz.end:engine.end].startswith((",", ".")):
        return True
    # a surname that is also a place's, after the given names ("Ana Lima", "Luís Montenegro")
    return engine.type == "Person" and gaz.type in ("City", "Country") and gaz.end == engine.end \
        and re.fullmatch(r"(?:[^\W\d_][\w.'’-]* )+", doc.text[engine.start:gaz.start]) is not None


def _trim(doc: Document, m: Mention, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of an engine mention not covered by gazetteer names, without possessives."""
    pieces = [(m.start, m.end)]
    for ts, te in taken:
        nxt = []
        for s, e in pieces:
            if te <= s or ts >= e:
                nxt.append((s, e))
                continue
            if ts > s:
                nxt.append((s, ts))
            if te < e:
                nxt.append((te, e))
        pieces = nxt
    out = []
    for s, e in pieces:
        text = doc.text[s:e]
        stripped = POSSESSIVE.sub("", text.rstrip(_SPACE_PUNCT)).rstrip(_SPACE_PUNCT)
        # leading lower-case words ("the Grand Kremlin Palace", "la Maison Blanche") are not the name
        lead = len(text) - len(re.sub(r"^(?:[" + re.escape(_SPACE_PUNCT) + r"]|[^\W\d_A-Z][^\s]*\s+)+", "", text)) \
            if not text[:1].isupper() else 0
        s2, e2 = s + lead, s + len(stripped)
        if e2 > s2 and any(c.isupper() for c in doc.text[s2:e2]):
            out.append((s2, e2))
    return out


def __getattr__(name: str):
    # facts.py still imports find_role_references from here; it lives in roles.py (which imports
    # this module, hence the lazy look-up)
    if name == "find_role_references":
        from .roles import find_role_references
        return find_role_references
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
