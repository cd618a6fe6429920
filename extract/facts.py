"""From one annotated, resolved document to Facts: offices from title phrases, relations from
argument patterns, each with its date, place, amount, status and evidence."""
from __future__ import annotations

import bisect
import re

from newskg.ontology.relations import SYMMETRIC

from .args import Arg
from .capitals import capital_references
from .continuation import fill_null_subject, null_subject_args, opening_person, pronoun_args
from .dateclause import adnominal, in_relative_clause, said_on
from .datecontext import DateContext
from .depargs import with_parse
from .groups import GroupResolver
from .lexicon import Lexicon, alternation, determiner_before, lexicon
from .mentions import Named, find_role_references
from .model import Annotation, DateValue, Document, Entity, Fact, Facts, Report, Status
from .office_facts import evidence_of, implied_entity, office_facts
from . import prodrop
from .relations import find_matches, mask, pairs, signatures, status_of
from .reports import Candidate, drop_told, find_reports, tells_event
from .roles import office_fits
from .temporal import find_amount

PLACE_RELATIONS = frozenset({"met", "talkedTo", "visited", "signedAgreement", "awarded", "invited"})
MONEY_RELATIONS = frozenset({"lends", "aids", "signedAgreement", "sanctions"})


def extract_facts(ann: Annotation, names: list[Named], entities: dict[str, Entity]) -> Facts:
    doc = ann.doc
    lex = lexicon(doc.lang or "en")
    facts = office_facts(ann, names, entities, lex)
    capitals = capital_references(doc, names, lex)   # "la capitale ukrainienne": Kyiv
    for c in capitals:
        implied_entity(entities, c.entity, doc.id)
    names = sorted(names + capitals + _role_references(doc, names, lex), key=lambda n: n.unit_start)
    seen_persons: list[Named] = []
    last_subject: Named | None = None   # the first person of the latest sentence that named one
    reports: list[Report] = []
    starts = [n.unit_start for n in names]  # sorted: each sentence's names by bisection
    groups = GroupResolver(doc, names, entities, lex)   # "the two sides", "both leaders", "the bloc"
    offices: dict[str, set[str]] = {}   # a person takes part in the story of what they hold office in
    for f in facts:
        offices.setdefault(f.subject, set()).add(f.object)
    context = DateContext(doc, doc.lang or "en", offices)  # dates the story gives beyond a sentence's own words
    prev_span: tuple[int, int] | None = None
    prev_subject: Named | None = None   # the subject of the previous sentence, for a null subject
    for sent in ann.sentences:
        lo, hi = bisect.bisect_left(starts, sent.start), bisect.bisect_left(starts, sent.end)
        units = [n for n in names[lo:hi] if not n.absorbed]
        args = [Arg(n.unit_start, min(n.unit_end, sent.end), n) for n in units]
        args += pronoun_args(doc, sent.start, sent.end, args, seen_persons, lex, last_subject)
        args += [Arg(g.start, g.end, g, pronoun=True) for g in groups.arguments(sent.start, sent.end, facts)]
        unsaid = null_subject_args(doc, sent.start, sent.end, args, prev_span, prev_subject)
        args += unsaid
        prev_span, prev_subject = (sent.start, sent.end), opening_person(doc.text, sent.start, units)
        args = _non_overlapping(sorted(args, key=lambda a: (a.start, -a.end)))
        args = [a for a in args if not _dateline(doc.text, sent.start, a)]
        seen_persons.extend(n for n in units if n.type == "Person")
        last_subject = next((n for n in units if n.type == "Person"), last_subject)
        args = [a for a in args if not context.in_dateline(a.start)]
        dates = context.enter(sent.start, sent.end, {a.named.entity for a in args if a.named.entity})
        if len(args) < 1:
            continue
        masked, offsets = mask(doc.text, sent.start, sent.end, [(a.start, a.end, a.type) for a in args])
        matches = find_matches(masked, doc.lang or "en")
        # where the engine parsed the sentence, arguments by the parse (extract/depargs.py)
        matches = with_parse(matches, masked, offsets, sent, [(a.start, a.end, a.type) for a in args],
                             doc.lang or "en")
        matches += _roles_as_states(doc.text, sent.start, sent.end, args, matches, doc.lang or "en")
        matches = groups.expand(matches, args, offsets)   # a group argument becomes its members
        for gap in unsaid:
            if any(a is gap for a in args):
                matches = fill_null_subject(matches, masked, args.index(gap), doc.lang or "en")
        if not matches and not tells_event(masked, doc.lang or "en"):
            continue
        sentence_text = doc.text[sent.start:sent.end]
        evidence = evidence_of(ann, sent.start, sent.end)

        def date_at(pos: int, status: Status) -> DateValue | None:
            trig = offsets[pos] - sent.start if pos < len(offsets) else 0
            found = _event_dates(dates, sentence_text, trig, lex)
            if status in (Status.PLANNED, Status.PROPOSED):   # "said on Monday he will visit": the saying's day
                found = [d for d in found if not said_on(sentence_text, d.start, d.end, lex.lang)]
            return _nearest_date(found, trig, status, doc.published)

        before = len(facts)
        for match in matches:
            status = status_of(masked, match, lex)
            date = date_at(match.trigger[0], status)
            sig = signatures()[match.relation]
            for si, oi in pairs(match, match.relation in {"met", "talkedTo", "signedAgreement"}):
                subj = _entity_for(args[si], sig[0], entities, doc.id)
                obj = _entity_for(args[oi], sig[1], entities, doc.id)
                if subj is None or obj is None or subj == obj or _stands_for_rulers(match.relation, subj, obj, entities):
                    continue
                fact = Fact(match.relation, subj, obj, evidence, date=date, status=status,
                            confidence=0.5 if args[si].pronoun or args[oi].pronoun else 0.7,
                            trigger=masked[match.trigger[0]:match.trigger[1]])
                if match.relation in PLACE_RELATIONS:
                    fact.place = _place(masked, args, lex, {si, oi}, entities)
                if match.relation in MONEY_RELATIONS:
                    money = find_amount(sentence_text, doc.lang or "en")
                    if money:
                        fact.amount, fact.currency = money
                facts.append(fact)
                if len(facts) == before + 1 and args[si].end <= offsets[match.trigger[0]] <= args[oi].start:
                    # the sentence's first fact tells its subject, where the subject stands before the
                    # verb and the object after it (a passive's agent is no clause subject)
                    prev_subject = args[si].named
                elif len(facts) == before + 1 and args[oi].end <= offsets[match.trigger[0]] <= args[si].start \
                        and prodrop.agent(doc.text, args[si].start, doc.lang or "en"):
                    prev_subject = args[oi].named   # "X è stato ricevuto da Y": X goes on
        context.settle(facts[before:])
        # one participant named: a report of the event, evidence for the statement it fits
        reports += find_reports(
            masked, doc.lang or "en", lex, matches, {f.relation for f in facts[before:]},
            lambda rel: _candidates(args, signatures()[rel][0], entities),
            date_at, lambda used: _place(masked, args, lex, used, entities), evidence)
    facts = _date_twins(facts)
    context.date_headline(facts)
    return Facts(facts, drop_told(reports, facts))


def _stands_for_rulers(relation: str, subj: str, obj: str, entities: dict[str, Entity]) -> bool:
    """A person meets or calls people: a state on the other side stands for its unnamed rulers
    ("treffen Syriens neue Machthaber"), so it names no one the person met. States meeting states
    (and bodies) stay."""
    if relation not in ("met", "talkedTo"):
        return False
    types = {entities[k].type for k in (subj, obj) if k in entities}
    return types == {"Person", "Country"}


def _candidates(args: list[Arg], types: frozenset[str], entities: dict[str, Entity]) -> list[Candidate]:
    """The arguments as participants of a report: their entity where it fits the slot as it is
    (no capital standing for its state here: that would make the state a node of the document)."""
    out = []
    for a in args:
        ent = entities.get(a.named.entity or "")
        fits = ent is not None and ent.type in types
        out.append(Candidate(ent.key if fits else None, a.named.entity, a.type, a.pronoun))
    return out


def _date_twins(facts: list[Fact]) -> list[Fact]:
    """A headline or a later sentence often repeats the event the lead dates: within one document,
    an undated fact takes the date of the same fact (relation, arguments, status) when that date
    is the only one the document gives it."""
    dates: dict[tuple, set] = {}
    for f in facts:
        if f.date is not None:
            dates.setdefault(_twin_key(f), set()).add(f.date)
    for f in facts:
        if f.date is None and f.relation != "holdsPosition" and len(dates.get(_twin_key(f), ())) == 1:
            f.date = next(iter(dates[_twin_key(f)]))
    return facts


def _twin_key(f: Fact) -> tuple:
    args = tuple(sorted((f.subject, f.object))) if f.relation in SYMMETRIC else (f.subject, f.object)
    return (f.relation, args, f.status)


def _role_references(doc: Document, names: list[Named], lex: Lexicon) -> list[Named]:
    """"Chủ tịch Cuba" / "the Cuban president" / "o chefe de Estado moçambicano" stand for the one
    person of this document who holds that office there (an office of the same class: a head of
    state is the president or the king; "Minister" is any minister). Nobody, or several: the phrase
    stays an argument with no entity, so that neither the country nor another name takes its slot."""
    out = []
    refs = find_role_references(doc, names, lex)
    # who holds each office here, anywhere and per country: one pass, not one per reference
    # (office, of) -> holder -> where the document first names them so
    holding: dict[tuple, dict[str, int]] = {}
    for n in names:
        if n.type == "Person" and not n.former and n.entity and n.office:
            for key in [(n.office, None)] + ([(n.office, n.office_of.entity)] if n.office_of is not None else []):
                first = holding.setdefault(key, {})
                first[n.entity] = min(first.get(n.entity, n.start), n.start)
    # a person's party in brackets after the name ("Friedrich Merz (CDU)"): who "der CDU-Vorsitzende" may be
    orgs = {n.start: n.entity for n in names if n.type == "Organization" and n.entity}
    members: dict[str, dict[str, int]] = {}
    for n in names:
        m = re.match(r" ?\(", doc.text[n.end:n.end + 2]) if n.type == "Person" and n.entity else None
        org = orgs.get(n.end + m.end()) if m else None
        if org:
            first = members.setdefault(org, {})
            first[n.entity] = min(first.get(n.entity, n.start), n.start)
    plural = lex.words("plural_determiner")
    plural_rx = re.compile(rf"(?<!\w){alternation(plural)}\s+$", re.IGNORECASE) if plural else None
    unnamed: set[str] = set()   # offices a bare title stood for before anyone holding them was named
    for ref in sorted(refs, key=lambda r: r.start):
        of = ref.office_of.entity if ref.office_of is not None else None
        pointing = ref.engine == "descriptor"   # after a determiner: someone named before it
        if pointing and ref.office in unnamed:
            continue   # "la premier" first stood for someone the text never names so: the later ones too
        holders = set()
        for (office, where), first in holding.items():
            if where == of and office_fits(ref.office, office):
                # a reference points back: "el diplomático" is someone named before it
                holders |= {k for k, at in first.items() if at < ref.start or not pointing}
        if not holders and of in members and _after_determiner(doc.text, ref.start, lex):
            # nobody is said to hold the office: the one member named before it ("Merz (CDU) ...
            # der CDU-Vorsitzende")
            holders = {k for k, at in members[of].items() if at < ref.start}
        if len(holders) == 1:
            ref.entity = holders.pop()
        elif ref.office_of is None:
            if pointing and not holders:
                unnamed.add(ref.office)
            continue   # "The President said": nobody, or several, hold it here
        elif plural_rx is not None and plural_rx.search(doc.text[max(0, ref.start - 12):ref.start]):
            ref.office_of.absorbed = False   # "các Bộ trưởng Ngoại giao ASEAN": the ministers speak for ASEAN
            continue
        out.append(ref)
    return out


def _after_determiner(text: str, pos: int, lex: Lexicon) -> bool:
    det = determiner_before(lex.lang)
    return det is not None and det.search(text, max(0, pos - 12), pos) is not None


def _roles_as_states(text: str, start: int, end: int, args: list[Arg], matches: list, lang: str) -> list:
    """"The Cuban head of state thanked Russia for the aid": a role phrase stands for its state in
    a slot that takes no person. The sentence is read again with such phrases typed as their state;
    a match is kept where the phrase fills a slot that takes no person (_entity_for gives the state)."""
    roles = {i for i, a in enumerate(args) if a.named.kind == "role" and a.named.entity
             and a.named.office_of is not None and a.named.office_of.type == "Country"}
    if not roles:
        return []
    typed = [(a.start, a.end, "Country" if i in roles else a.type) for i, a in enumerate(args)]
    masked, _ = mask(text, start, end, typed)
    seen = {(m.relation, m.trigger) for m in matches}
    out = []
    for m in find_matches(masked, lang):
        sig = signatures()[m.relation]
        as_state = any(i in roles and "Person" not in sig[slot] for slot, ids in ((0, m.subjects), (1, m.objects))
                       for i in ids)
        if as_state and (m.relation, m.trigger) not in seen:
            out.append(m)
    return out


def _dateline(text: str, sent_start: int, arg: "Arg") -> bool:
    """"VOV.VN - Tổng thống ..." or "MOSCOW (TASS) -": a source name opening a line before a
    dash names who reports, not who acts."""
    if arg.type != "Organization" or text[sent_start:arg.start].strip(" \t\u00a0(["):
        return False
    return re.match(r"[\s)\]]*[-–—]\s", text[arg.end:arg.end + 6]) is not None


def _non_overlapping(args: list[Arg]) -> list[Arg]:
    out: list[Arg] = []
    for a in args:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


def _entity_for(arg: Arg, types: frozenset[str], entities: dict[str, Entity], doc_id: str) -> str | None:
    """The entity an argument stands for in a slot: a capital acting as a state is the state,
    which becomes a node of this document even where no sentence names it ("Paris will lend Kyiv")."""
    key = arg.named.entity
    ent = entities.get(key) if key else None
    if ent is None:
        return None
    of = arg.named.office_of
    if ent.type == "Person" and "Person" not in types and arg.named.kind == "role" and of is not None \
            and of.entity in entities and entities[of.entity].type in types:
        return of.entity   # "the Cuban head of state thanked Russia for the aid": aid to Cuba
    if ent.type == "City" and "City" not in types:
        from newskg.ontology.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        state = gaz.entry(key).stands_for if key in gaz else None
        if state and state not in entities and state in gaz:
            entry = gaz.entry(state)
            entities[state] = Entity(state, entry.name, entry.type, wikidata=entry.wikidata)
        if state and state in entities:
            entities[state].docs.add(doc_id)
            return state
        return None
    return key if ent.type in types else None


def _place(masked: str, args: list[Arg], lex: Lexicon, used: set[int],
           entities: dict[str, Entity]) -> str | None:
    words = lex.words("locative")
    if not words:
        return None
    rx = re.compile(r"(?<!\w)" + alternation(words) + r"\s+(?:the\s+)?\ue000[A-Z](\d+)\ue001",
                    re.IGNORECASE)
    for m in rx.finditer(masked):
        i = int(m.group(1))
        ent = entities.get(args[i].named.entity or "")
        if i not in used and ent is not None and ent.type in ("City", "Place", "Country", "Organization"):
            return ent.key
    return None


def _event_dates(dates: list, text: str, trigger: int, lex: Lexicon) -> list:
    """Drop the dates of a report that follows the event ("..., Peskov said on Tuesday"), of a
    relative clause without the trigger (", who took office in August") and of a noun ("since the
    elections of 9 October"): they date the saying, that clause or that noun, not the event."""
    dates = [d for d in dates if not in_relative_clause(text, d.start, lex.lang, trigger)
             and not adnominal(text, d.start, lex.lang, trigger)]
    words = lex.words("reporting")
    if not words:
        return dates
    rx = re.compile(r"(?<!\w)" + alternation(words) + r"\s+(?:\w+\s+)?$", re.IGNORECASE)
    return [d for d in dates if not (d.start > trigger and rx.search(text[max(0, d.start - 30):d.start]))]


def _nearest_date(dates: list, pos: int, status: Status, published: DateValue | None) -> DateValue | None:
    """The date expression nearest the trigger; a date after publication only for planned facts,
    and none before it for them ("said on Monday he will visit": Monday dates the saying)."""
    best = None
    for d in dates:
        value = d.value
        ahead = status in (Status.PLANNED, Status.PROPOSED)   # both speak of what is to come
        if ahead and d.ahead is not None and published and \
                value.value[:len(published.value)] < published.value[:len(value.value)]:
            value = d.ahead  # a planned event with no year is the next one, not last year's
        if not ahead and published and value.value[:len(published.value)] > published.value:
            continue
        if ahead and published and value.value[:len(published.value)] < published.value[:len(value.value)]:
            continue
        dist = min(abs(d.start - pos), abs(d.end - pos))
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None
