"""Merge the engines' mentions with the gazetteer's, strip titles and possessives from names, and
read the office a title phrase gives ("Tổng thống Nga Vladimir Putin", "Kremlin Spokesman Dmitry
Peskov", "Mikhail Mishustin, the Russian Prime Minister").

A `Named` is one name occurrence: the name's own offsets (what becomes an alias), and the wider
"unit" offsets that include its title phrase, which the relation patterns treat as one argument.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import Lexicon
from .model import Annotation, Document, Mention

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
    engine_mentions = list(engine_ann.mentions) if engine_ann else []
    engine_mentions += _acronyms(doc, engine_mentions, gaz_ann.mentions)
    gaz = [m for m in sorted(gaz_ann.mentions, key=lambda m: m.start)
           if not any(_longer_name(doc, e, m, titles, heads) for e in engine_mentions)]
    out = [Named(m.start, m.end, m.type, m.key, m.label.split(":", 1)[-1], "gazetteer") for m in gaz]
    taken = [(m.start, m.end) for m in gaz]
    for m in engine_mentions:
        for start, end in _trim(doc, m, taken):
            out.append(Named(start, end, m.type, None, "engine", m.engine))
            taken.append((start, end))
    out += _repeated_persons(doc, out, taken, titles)
    return sorted(out, key=lambda n: n.start)


def _repeated_persons(doc: Document, names: list[Named], taken: list[tuple[int, int]],
                      titles: set[str]) -> list[Named]:
    """A person the engines named once is named again where they missed it ("Cassis also met
    Yellen", "He Lifeng told Xinhua"): each further occurrence of a full name, or of the last word
    of a name of two or more words standing apart from other capitalised words, is a mention."""
    forms: set[str] = set()
    for n in names:
        words = n.text(doc).split()
        if n.type != "Person" or len(words) < 2:
            continue
        forms.add(" ".join(words))
        last = words[-1]
        if len(last) >= 3 and last[:1].isupper() and last.replace("-", "").isalpha() and last.casefold() not in titles:
            forms.add(last)
    out: list[Named] = []
    for form in sorted(forms, key=len, reverse=True):
        single = " " not in form
        for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            # "Sơn La", "Hà Nội", "President Cassis": a last word next to another capitalised word
            # may be part of another name; the engines read those
            after = re.match(r"[ \t]+(\S)", doc.text[m.end():m.end() + 3])
            before = re.search(r"(\S)\S*[ \t]+$", doc.text[max(0, m.start() - 40):m.start()])
            if single and (after and after.group(1).isupper() or before and before.group(1).isupper()):
                continue
            out.append(Named(m.start(), m.end(), "Person", None, "engine", "repeat"))
            taken.append(m.span())
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
        out.append(Mention(m.start(), m.end(), "Organization", "ACRONYM", None, "acronym"))
    return out


def _longer_name(doc: Document, engine: Mention, gaz: Mention, titles: set[str], heads: set[str]) -> bool:
    """A place or institution named after a known one: the extra words must include a head
    noun ("Palace", "University", "Bank"), so "China Igor Morgulov" stays China and a person."""
    if not (engine.start <= gaz.start and gaz.end <= engine.end and (engine.start, engine.end) != (gaz.start, gaz.end)):
        return False
    rest = (doc.text[engine.start:gaz.start] + " " + doc.text[gaz.end:engine.end]).split()
    # determiners and titles around the gazetteer name do not make a longer name ("The Soviet Union")
    rest = [w.strip("’'s,.") for w in rest if w.casefold() not in titles]
    rest = [w for w in rest if w]
    return bool(rest) and all(w[:1].isupper() for w in rest) and any(w.casefold() in heads for w in rest) \
        and engine.type in ("Place", "Organization") and gaz.type not in ("Person",)


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


def strip_titles(doc: Document, names: list[Named], lex: Lexicon) -> None:
    """Remove leading titles/honorifics inside a name span ("President Putin", "ông Miguel")."""
    forms = title_table(lex)
    for n in names:
        changed = True
        while changed:
            changed = False
            low = fold(doc.text[n.start:n.end])
            for form, office, kind, of in forms:
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
    _split_institutions(doc, names, titles, lex.lang)
    for i, n in enumerate(names):
        n.unit_start, n.unit_end = n.start, n.end
        if n.type != "Person":
            continue
        _title_before(doc, names, i, titles, fillers, posting, links, counterparts, lex.lang)
        if n.office is None or n.office_of is None:
            _title_after(doc, names, i, titles, fillers | linking | posting)
        if n.office and n.office_of is None and n.implied_of:
            n.office_of = _implied_owner(n)


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
    low = _casefolded(doc.text)
    for n in names:
        if n.type != "Organization" or not n.key or n.key not in gaz:
            continue
        state = gaz.entry(n.key).country
        if not state:
            continue
        for gap in re.finditer(r"\s+", doc.text[n.start:n.end]):
            hit = _match_title_end(low, n.start + gap.start(), titles)
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
_casefolded = lru_cache(maxsize=4)(fold)


def _match_title_end(low: str, pos: int, titles) -> tuple[int, str, str, str | None] | None:
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
                  counterparts: frozenset[str] | set[str] = frozenset(), lang: str | None = None) -> None:
    """Walk left from a person over titles, honorifics, fillers and the country or organisation
    they are of: "Tổng thống Nga Vladimir Putin", "Russian President Vladimir Putin", "Kremlin
    Spokesman Dmitry Peskov", and "Phát ngôn viên của điện Kremlin, Dmitry Peskov" (title, comma, name)."""
    n = names[i]
    low = _casefolded(doc.text)
    pos, j = n.start, i - 1
    seen_office = False
    seen_title = False  # an office, or a counterpart word: "son homologue brésilien, Lula"
    posted: Named | None = None  # the place an office is held in ("to Vietnam")
    comma = re.search(r",\s*$", doc.text[max(0, pos - 3):pos])
    if comma:  # "TITLE of ORG, NAME": only if a title phrase really precedes the comma
        pos -= len(comma.group())
    start_pos = solid = pos  # solid: where the phrase starts without a dangling filler
    while True:
        k = pos
        while k > 0 and doc.text[k - 1] in " \t\u00a0":
            k -= 1
        if k == pos and pos != start_pos:
            break
        prev = names[j] if j >= 0 else None
        hit = _match_title_end(low, k, titles)
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
        elif kind == "modifier":
            n.former = n.former or office == "former"
        elif kind == "honorific":
            n.honorifics.append(doc.text[s:k])
            seen_title = seen_title or low[s:k] in counterparts
        while j >= 0 and names[j].start >= s:  # a name inside the title: "Foreign Ministry spokeswoman"
            names[j].absorbed, j = True, j - 1
        pos = solid = s
    if comma and not seen_title:
        for x in (n.office_of, posted):
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


def find_role_references(doc: Document, names: list[Named], lex: Lexicon) -> list[Named]:
    """A title with a country or organisation and no name ("Chủ tịch Cuba", "the Cuban president",
    "the Russian leader") refers to whoever holds that office in the document; facts.py resolves it.
    Returns new Person names spanning the title phrase."""
    titles = [t for t in title_table(lex) if t[2] == "office"]
    low = _casefolded(doc.text)
    persons = sorted((o.start, o.end) for o in names if o.type == "Person")
    person_starts = [s for s, _ in persons]
    longest = max((e - s for s, e in persons), default=0)
    out = []
    for n in names:
        if n.absorbed or n.type not in ("Country", "Organization"):
            continue
        # title before the country (vi, fr, es...): "Chủ tịch Cuba"
        k = n.start
        while k > 0 and doc.text[k - 1] == " ":
            k -= 1
        hit = _match_title_end(low, k, titles)
        if hit:
            ref = Named(hit[0], n.end, "Person", office=hit[1], office_of=n, kind="role", engine="title")
        else:
            # country adjective before the title (en, de): "the Cuban president"
            after = re.match(r" +", doc.text[n.end:])
            if not after:
                continue
            rest = low[n.end + after.end():n.end + after.end() + 60]
            found = next(((f, o) for f, o, *_ in titles if rest.startswith(f) and
                          (len(rest) == len(f) or not rest[len(f)].isalnum())), None)
            if not found:
                continue
            end = n.end + after.end() + len(found[0])
            ref = Named(n.start, end, "Person", office=found[1], office_of=n, kind="role", engine="title")
        hi = bisect.bisect_left(person_starts, ref.end + 2)
        lo = bisect.bisect_left(person_starts, ref.start - longest)
        if any(ref.start < persons[x][1] for x in range(lo, hi)):
            continue  # a named person follows: that is a title phrase, not a reference
        ref.unit_start, ref.unit_end = ref.start, ref.end
        n.absorbed = True
        out.append(ref)
    return out + _bare_titles(doc, names, out, titles)


def _bare_titles(doc: Document, names: list[Named], refs: list[Named], titles) -> list[Named]:
    """A capitalised office title standing alone ("Thủ tướng đã gặp ...", "The President said")
    refers to the one holder of that office the document names."""
    taken = [(n.unit_start, n.unit_end) for n in names] + [(r.start, r.end) for r in refs]
    out: list[Named] = []
    for form, office, *_ in titles:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", doc.text, re.IGNORECASE):
            start, end = m.span()
            if not doc.text[start].isupper() or any(s < end and start < e for s, e in taken):
                continue
            follows = re.match(r"[ \t]+(\S)", doc.text[end:end + 3])
            if follows and follows.group(1).isupper():
                continue  # a name or an institution follows: a title phrase, handled elsewhere
            ref = Named(start, end, "Person", office=office, kind="role", engine="title")
            ref.unit_start, ref.unit_end = start, end
            taken.append((start, end))
            out.append(ref)
    return out
