"""Group actors: a phrase that stands for entities the text named before.

- a pair ("the two governments", "both leaders", "Hai bên", "les deux dirigeants", "обе стороны"):
  grammar kinds `pair_quantifier` + `pair_noun` (value: the type the noun takes, `Person`,
  `Country`, `Organization`, `Any`, or a class of ontology/group_classes.tsv such as `leader`).
  It stands for the two participants of the most recent two-party event (met, talkedTo,
  signedAgreement) that fits the noun, persons turned into their states for a noun of countries;
  or, with no such event, for the two fitting entities the paragraph named before it;
- a definite plural ("the ministers", "các bộ trưởng"): `group_determiner` + `pair_noun`. It
  stands for the state or organisation that qualified the same noun before ("European Union
  foreign ministers" ... "The ministers approved"), else it reads as a pair;
- a stand-in ("the bloc", "le royaume"): grammar kind `stand_in`, value a class of entities; it
  stands for the one entity of that class named in the paragraph, else in the document before.

Conservative on purpose: no antecedent, a third candidate of the fitting kind named in between,
or a phrase that only qualifies another noun ("the two countries' leaders", "between the two
sides", "lãnh đạo hai nước": grammar kind `group_blocker`) gives nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from newskg.ontology.relations import SYMMETRIC

from .lexicon import Lexicon, _lang_dir, alternation, read_tsv
from .mentions import Named
from .model import Document, Entity, Fact, Status

TYPES = frozenset({"Person", "Country", "Organization"})
WORD = r"[^\W\d_][\w'’-]*"
# between a subject and its verb: up to three words (auxiliaries, adverbs), no punctuation
_ADJACENT = re.compile(r"\s*(?:[^\W\d_]+\s+){0,3}")
EVENT_REACH = 10   # sentences back an event may stand as the antecedent of a pair


@lru_cache(maxsize=1)
def group_classes() -> dict[str, tuple[str, frozenset[str]]]:
    """class -> (kind, members): kind `office` (canonical offices: a leader holds one of them) or
    `entity` (gazetteer keys: the blocs, the kingdoms)."""
    out: dict[str, tuple[str, set[str]]] = {}
    for row in read_tsv(_lang_dir().parent / "group_classes.tsv"):
        out.setdefault(row["class"], (row["kind"], set()))[1].add(row["value"])
    return {k: (kind, frozenset(v)) for k, (kind, v) in out.items()}


@dataclass
class _Phrase:
    start: int
    end: int
    want: str          # a type, `Any`, or a class
    form: str          # "pair" | "definite" | "stand_in" | "bare"
    noun: str = ""
    count: int = 2     # how many it stands for: "tous trois", "the three leaders"


class GroupResolver:
    """One document's group phrases, resolved sentence by sentence as extract_facts walks it."""

    def __init__(self, doc: Document, names: list[Named], entities: dict[str, Entity], lex: Lexicon) -> None:
        self.doc, self.entities, self.lex = doc, entities, lex
        self.names = sorted((n for n in names if n.entity), key=lambda n: n.start)
        self.offices: dict[str, set[str]] = {}
        self.states: dict[str, set[str]] = {}
        for n in self.names:
            if n.type == "Person" and n.office and not n.former:
                self.offices.setdefault(n.entity, set()).add(n.office)
                of = n.office_of.entity if n.office_of else None
                if of and self._type(of) == "Country":
                    self.states.setdefault(n.entity, set()).add(of)
        self.sentences: list[tuple[int, int]] = []
        self.fact_sentence: list[int] = []   # for each fact seen, the index of its sentence
        # id of a group's Named -> (that Named, kept alive so that its id stays its own; its members)
        self.members: dict[int, tuple[Named, tuple[Named, ...]]] = {}
        # id of a group's Named -> the entities it was read from (a leader for their state)
        self.sources: dict[int, frozenset[str]] = {}
        self.spans = [(n.unit_start if n.unit_start >= 0 else n.start, max(n.unit_end, n.end)) for n in names]
        self.rx = _phrases(lex.lang)

    # --- the hook's two calls -------------------------------------------------------------
    def arguments(self, start: int, end: int, facts: list[Fact]) -> list[Named]:
        """The group phrases of the sentence [start, end) that resolve, as Named arguments whose
        entity is None (they fill a slot only through expand); `facts`: those found so far."""
        self.fact_sentence += [len(self.sentences) - 1] * (len(facts) - len(self.fact_sentence))
        self.sentences.append((start, end))
        out = []
        for ph in self._find(start, end):
            self._from: frozenset[str] = frozenset()
            members = self._resolve(ph, facts)
            if not members:
                continue
            types = {self._type(m) for m in members}
            if len(types) != 1:
                continue
            typ = types.pop()
            for m in members:
                self._ensure(m)
            group = Named(ph.start, ph.end, typ, kind="group", unit_start=ph.start, unit_end=ph.end)
            self.members[id(group)] = (group, tuple(
                Named(ph.start, ph.end, typ, key=m, kind="group", unit_start=ph.start, unit_end=ph.end, entity=m)
                for m in members))
            self.sources[id(group)] = self._from | set(members)
            out.append(group)
        return out

    def expand(self, matches: list, args: list[Any], offsets: list[int]) -> list:
        """Each group argument of a match becomes its members, appended to `args`: "the two
        sides signed" has two subjects, "both leaders condemned X" two critics. `offsets`: the
        document offset of each position of the masked sentence (relations.mask)."""
        self._closest_subject(matches, args, offsets)
        self._not_with_antecedents(matches, args)
        new_index: dict[int, list[int]] = {}
        used = {i for m in matches for i in m.subjects + m.objects}
        for i, a in enumerate(list(args)):
            members = self._members(a.named)
            if members and i in used:   # members only where a match reads the group
                new_index[i] = list(range(len(args), len(args) + len(members)))
                args.extend(replace(a, named=m) for m in members)
        if not new_index:
            return matches
        for m in matches:
            m.subjects = _unique(j for i in m.subjects for j in new_index.get(i, [i]))
            m.objects = _unique(j for i in m.objects for j in new_index.get(i, [i]))
        return matches

    def _members(self, named: Named) -> tuple[Named, ...]:
        group, members = self.members.get(id(named), (None, ()))
        return members if group is named else ()

    def _not_with_antecedents(self, matches: list, args: list[Any]) -> None:
        """"Boric met his Chinese counterpart Xi, and the two governments signed ...": a group
        never takes part in one event with the entities it stands for (read as a list with them,
        it is the next clause's subject)."""
        for i, a in enumerate(args):
            if not self._members(a.named):
                continue
            sources = self.sources.get(id(a.named), frozenset())
            for m in matches:
                others = {args[j].named.entity for j in m.subjects + m.objects if j != i}
                others |= {s for k in list(others) for s in self.states.get(k or "", ())}
                if (i in m.subjects or i in m.objects) and others & sources:
                    m.subjects = [j for j in m.subjects if j != i]
                    m.objects = [j for j in m.objects if j != i]

    def _closest_subject(self, matches: list, args: list[Any], offsets: list[int]) -> None:
        """"Putin met Xi on Monday, and the two leaders signed a treaty": the rows take the
        clause's earliest subject, but a group phrase right before the verb (auxiliaries and
        adverbs apart) is the verb's own subject."""
        groups = [i for i, a in enumerate(args) if self._members(a.named)]
        for m in matches:
            if m.pre != "S" or not m.subjects or m.trigger[0] >= len(offsets):
                continue
            verb = offsets[m.trigger[0]]
            for g in groups:
                a = args[g]
                if g in m.subjects or g in m.objects or a.end > verb or any(args[i].end > a.start for i in m.subjects):
                    continue
                if _ADJACENT.fullmatch(self.doc.text[a.end:verb]):
                    m.subjects = [g]

    # --- finding ------------------------------------------------------------------------------
    def _find(self, start: int, end: int) -> list[_Phrase]:
        text, out = self.doc.text, []
        blockers = self.rx["blocker"]
        for form, rx in (("pair", self.rx["pair"]), ("definite", self.rx["definite"]), ("stand_in", self.rx["stand_in"]),
                         ("bare", self.rx["bare"])):
            if rx is None:
                continue
            for m in rx.finditer(text, start, end):
                s, e = m.span()
                if any(p.start < e and s < p.end for p in out):
                    continue
                if any(a < e and s < b for a, b in self.spans):
                    continue   # "hai Bộ trưởng Lavrov và Vương Nghị": the names themselves are the arguments
                if form != "stand_in" and (re.match(r"\s*(?:['’]s?(?!\w))", text[e:e + 3])
                                           or self.rx["link"].match(text, e)
                                           or (blockers is not None and blockers.search(text[max(start, s - 30):s]))):
                    continue   # the group only qualifies a noun, or is qualified: not the actor
                if form != "stand_in" and self._qualified(e):
                    continue   # "các ngoại trưởng ASEAN", "the two leaders Putin and Xi": the name acts
                if form == "bare":   # "tous trois", "die beiden": no noun, a number of anything
                    if re.match(r"\s+[^\W\d_]", text[e:e + 2]) and text[e:].lstrip()[:1].isupper():
                        continue   # "die beiden Außenminister": a noun the data does not list
                    out.append(_Phrase(s, e, "Any", form, "", self._count(self.lex.valued("group_pronoun"), m.group())))
                    continue
                noun = m.group("noun")
                want = self._value(form, noun)
                if want:
                    count = self._count(self.lex.valued("pair_quantifier"), m.group("quantifier") or "") if form == "pair" else 2
                    out.append(_Phrase(s, e, want, form, noun.casefold(), count))
        return out

    @staticmethod
    def _count(rows: list[tuple[str, str]], said: str) -> int:
        """The number a quantifier gives (grammar value; none: two)."""
        value = next((v for f, v in rows if f.casefold() == said.strip().casefold()), "")
        return int(value) if value.isdigit() else 2

    def _qualified(self, end: int) -> bool:
        """A name right after the phrase, or after up to two capitalised title words ("các Bộ
        trưởng Ngoại giao ASEAN"), qualifies or names the group."""
        text, starts = self.doc.text, {a for a, _ in self.spans}
        pos = end
        for _ in range(3):
            pos = re.compile(r"\s*").match(text, pos).end()
            if pos in starts:
                return True
            word = re.compile(r"[^\W\d_][\w-]*").match(text, pos)
            if word is None or not word.group()[0].isupper():
                return False
            pos = word.end()
        return False

    def _value(self, form: str, noun: str) -> str | None:
        kind = "stand_in" if form == "stand_in" else "pair_noun"
        value = next((v for f, v in self.lex.valued(kind) if f.casefold() == noun.casefold()), None)
        if form == "definite" and value == "Any":
            return None   # "the parties" is too often a political party
        return value

    # --- resolving ----------------------------------------------------------------------------
    def _resolve(self, ph: _Phrase, facts: list[Fact]) -> tuple[str, ...]:
        if ph.form == "bare" and ph.count == 2:
            return self._pair(ph, facts)
        if ph.form == "stand_in":
            one = self._one_named(ph)
            return (one,) if one else ()
        if ph.form == "definite":
            qualifier = self._qualifier(ph)
            if qualifier:
                return (qualifier,)
        return self._pair(ph, facts)

    def _pair(self, ph: _Phrase, facts: list[Fact]) -> tuple[str, ...]:
        here = len(self.sentences) - 1
        if ph.count != 2:   # no two-party event: the names of the paragraph
            return self._named_before(ph)
        events = [(self.fact_sentence[i], f) for i, f in enumerate(facts[:len(self.fact_sentence)])
                  if f.relation in SYMMETRIC and f.status != Status.DENIED]
        for sent_index, f in reversed(events):
            if here - sent_index > EVENT_REACH:
                break
            pair = tuple(self._as(x, ph.want) for x in (f.subject, f.object))
            if None in pair or pair[0] == pair[1]:
                continue   # the event is not of this kind ("both leaders" after two ministers met)
            typ = self._type(pair[0])
            # a third such entity named since makes it ambiguous; not one of the phrase's own
            # sentence ("the emir, who had received the two leaders separately": the receiver)
            between = self._named(self.sentences[sent_index][1], self.sentences[here][0], lambda k: self._type(k) == typ
                                  and self._fits(k, ph.want))
            self._from = frozenset((f.subject, f.object))
            return pair if between <= set(pair) else ()
        return self._named_before(ph)

    def _named_before(self, ph: _Phrase) -> tuple[str, ...]:
        # no event: the two fitting entities the paragraph names; "two sides" takes two persons
        # before two states ("Tô Lâm hội đàm với Tổng thống Pháp Emmanuel Macron và hai bên ...")
        paragraph = self.doc.text.rfind("\n", 0, ph.start) + 1
        for typ in ("Person", "Country", "Organization") if ph.want == "Any" else (None,):
            found = self._named(paragraph, ph.start, lambda k: self._fits(k, ph.want)
                                and typ in (None, self._type(k)), ordered=True)
            if len(found) >= 2:
                return tuple(found) if len(found) == ph.count else ()
        return ()

    def _one_named(self, ph: _Phrase) -> str | None:
        paragraph = self.doc.text.rfind("\n", 0, ph.start) + 1
        for lo in (paragraph, 0):
            found = self._named(lo, ph.start, lambda k: self._fits(k, ph.want))
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    def _qualifier(self, ph: _Phrase) -> str | None:
        """"European Union foreign ministers" (a name, up to two words, the noun) or "các Bộ trưởng
        Ngoại giao ASEAN" (determiner, the noun, up to two words, a name) before the phrase."""
        text, noun = self.doc.text, re.escape(ph.noun)
        after = re.compile(rf"\s+(?:{WORD}\s+){{0,2}}?{noun}(?!\w)", re.IGNORECASE)
        det = self.rx["determiner"]
        before = re.compile(rf"(?<!\w){det}\s+{noun}\s+(?:{WORD}\s+){{0,2}}$", re.IGNORECASE) if det else None
        found = []
        for n in self.names:
            if n.end > ph.start:
                break
            if self._type(n.entity) not in ("Country", "Organization"):
                continue
            if after.match(text, n.end) or (before and before.search(text[max(0, n.start - 80):n.start])):
                found.append(n.entity)
        return found[-1] if found and len(set(found)) == 1 else None

    # --- entities -----------------------------------------------------------------------------
    def _named(self, lo: int, hi: int, keep, ordered: bool = False):
        keys = [n.entity for n in self.names if lo <= n.start < hi and keep(n.entity)]
        return list(dict.fromkeys(keys)) if ordered else set(keys)

    def _type(self, key: str) -> str | None:
        ent = self.entities.get(key)
        if ent is None:
            gaz = _gazetteer()
            return gaz.entry(key).type if key in gaz else None
        return ent.type

    def _fits(self, key: str, want: str) -> bool:
        typ = self._type(key)
        if want in TYPES:
            return typ == want
        if want == "Any":
            return typ in TYPES
        kind, members = group_classes().get(want, ("", frozenset()))
        if kind == "entity":
            return key in members
        # an office class: a person known to hold one, or whose office this document does not say
        return kind == "office" and typ == "Person" and (not self.offices.get(key) or bool(self.offices[key] & members))

    def _as(self, key: str, want: str) -> str | None:
        """The event participant as the noun reads it: a person's state for "the two countries"."""
        if self._fits(key, want):
            return key
        if want == "Country" and self._type(key) == "Person":
            states = self.states.get(key) or _gazetteer_country(key)
            if len(states) == 1:
                state = next(iter(states))
                return state if self._type(state) == "Country" else None
        return None

    def _ensure(self, key: str) -> None:
        """A state the text did not name ("the two countries" after two leaders) becomes a node
        of this document, as a capital's state does in extract_facts."""
        if key not in self.entities:
            entry = _gazetteer().entry(key)
            self.entities[key] = Entity(key, entry.name, entry.type, wikidata=entry.wikidata)
        self.entities[key].docs.add(self.doc.id)


def _gazetteer():
    from newskg.ontology.gazetteer import load_gazetteer

    return load_gazetteer()


def _gazetteer_country(key: str) -> set[str]:
    gaz = _gazetteer()
    country = gaz.entry(key).country if key in gaz else None
    return {country} if country else set()


def _unique(items) -> list[int]:
    return list(dict.fromkeys(items))


@lru_cache(maxsize=None)
def _phrases(lang: str) -> dict[str, Any]:
    from .lexicon import lexicon

    lex = lexicon(lang)
    def alt(words: list[str]) -> str:
        return alternation(sorted(words, key=len, reverse=True))

    nouns = [f for f, _ in lex.valued("pair_noun")]
    out: dict[str, Any] = {"pair": None, "definite": None, "stand_in": None, "blocker": None, "bare": None,
                           "determiner": None, "link": re.compile("(?!)")}
    noun = rf"(?P<noun>{alt(nouns)})(?!\w)"
    if nouns and lex.words("pair_quantifier"):
        out["pair"] = re.compile(rf"(?<!\w)(?P<quantifier>{alt(lex.words('pair_quantifier'))})\s+(?:{WORD}\s+)??{noun}",
                                 re.IGNORECASE)
    if nouns and lex.words("group_determiner"):
        out["determiner"] = alt(lex.words("group_determiner"))
        out["definite"] = re.compile(rf"(?<!\w){out['determiner']}\s+{noun}", re.IGNORECASE)
    if lex.valued("stand_in"):
        out["stand_in"] = re.compile(rf"(?<!\w)(?P<noun>{alt([f for f, _ in lex.valued('stand_in')])})(?!\w)",
                                     re.IGNORECASE)
    if lex.words("group_pronoun"):   # "tous trois", "die beiden", "оба": the number alone
        out["bare"] = re.compile(rf"(?<!\w){alt(lex.words('group_pronoun'))}(?!\w)", re.IGNORECASE)
    if lex.words("group_blocker"):
        out["blocker"] = re.compile(rf"(?<!\w){alt(lex.words('group_blocker'))}\s*$", re.IGNORECASE)
    if lex.words("title_link"):   # "the leaders of Russia and China": the names that follow are the actors
        out["link"] = re.compile(rf"\s+{alt(lex.words('title_link'))}(?!\w)", re.IGNORECASE)
    return out
