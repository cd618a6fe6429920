"""Office facts (holdsPosition) from the titles resolved on person mentions: a title's own state
or organisation, the country that qualifies a group ("Russian officials, including Foreign Minister
X"), a counterpart's office ("his Russian counterpart X"); and the evidence span of a sentence."""
from __future__ import annotations

import re

from .lexicon import Lexicon, alternation
from .mentions import Named
from .model import Annotation, Document, Entity, Evidence, Fact
from .relations import signatures


def evidence_of(ann: Annotation, start: int, end: int) -> Evidence:
    doc = ann.doc
    o_start, o_end = doc.to_original(start), doc.to_original(end - 1) + 1
    return Evidence(doc.id, doc.original[o_start:o_end], o_start, o_end, doc.lang or "und", ann.engine)


def office_facts(ann: Annotation, names: list[Named], entities: dict[str, Entity], lex: Lexicon) -> list[Fact]:
    facts, seen = [], set()
    allowed = signatures()["holdsPosition"][1]
    for n in names:
        if n.type == "Person" and n.office and n.office_of is None:
            n.office_of = _group_country(ann.doc, names, n, lex)
        if n.type == "Person" and not n.office and n.office_of is not None:
            n.office = _counterpart_office(ann, names, n, lex)
        if n.type != "Person" or not n.office or n.office_of is None or not n.entity:
            continue
        org = n.office_of.entity
        if n.office_of.kind == "implied" and org:
            implied_entity(entities, org, ann.doc.id)
        if org not in entities or entities[org].type not in allowed or (n.entity, org, n.office) in seen:
            continue
        seen.add((n.entity, org, n.office))
        sent = next((s for s in ann.sentences if s.start <= n.start < s.end), None)
        if sent is None:
            continue
        facts.append(Fact("holdsPosition", n.entity, org, evidence_of(ann, sent.start, sent.end),
                          role=n.office, confidence=0.8, trigger=ann.doc.text[n.unit_start:n.start].strip()))
    return facts


def implied_entity(entities: dict[str, Entity], key: str, doc_id: str) -> None:
    """The state or organisation a title names by itself ("Bundeskanzler": Germany) is a node of
    the document even where no sentence names it."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    if key not in entities and key in gaz:
        entry = gaz.entry(key)
        entities[key] = Entity(key, entry.name, entry.type, wikidata=entry.wikidata)
    if key in entities:
        entities[key].docs.add(doc_id)


def _counterpart_office(ann: Annotation, names: list[Named], person: Named, lex: Lexicon) -> str | None:
    """"Wang Yi held talks with his Russian counterpart Sergei Lavrov": a counterpart holds, in
    their own country, the office of the other person of the sentence."""
    words = {w.casefold() for w in lex.words("counterpart")}
    if not any(h.casefold() in words for h in person.honorifics):
        return None
    sent = next((s for s in ann.sentences if s.start <= person.start < s.end), None)
    if sent is None:
        return None
    others = [n for n in names if n.type == "Person" and n.office and n.entity != person.entity
              and sent.start <= n.start < sent.end and not n.former
              and (n.office_of is None or n.office_of.entity != person.office_of.entity)]
    others.sort(key=lambda n: abs(n.start - person.start))
    return others[0].office if others else None


def _group_country(doc: Document, names: list[Named], person: Named, lex: Lexicon) -> Named | None:
    """"Russian officials, including Foreign Minister Sergei Lavrov and Deputy Prime Minister
    Dmitry Chernyshenko": the office is of the country that qualifies the group."""
    groups, including = lex.words("group_noun"), lex.words("including")
    if not groups or not including:
        return None
    rx = re.compile(alternation(groups) + r"\s*,?\s*" + alternation(including) + r"(?!\w)", re.IGNORECASE)
    line_start = doc.text.rfind("\n", 0, person.unit_start) + 1
    window = doc.text[max(line_start, person.unit_start - 200):person.unit_start]
    hits = list(rx.finditer(window))
    if not hits:
        return None
    at = person.unit_start - len(window) + hits[-1].start()
    between = doc.text[at:person.unit_start]
    if re.search(r"[.;:!?]", between):
        return None
    country = next((x for x in reversed(names) if x.end <= at and at - x.end <= 2 and x.type == "Country"), None)
    return country
