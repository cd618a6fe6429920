"""One-participant event reports: a sentence that tells of an event of a relation, with its date,
but names only one of its participants ("after the talks at the Kremlin on 2 November, Putin
said ...", "Putin held talks on Friday"). Such a sentence makes no fact (the other side is
unknown); it makes a Report, which the corpus links to the one statement it fits (graph/events.py).

Two triggers: a relation pattern that found its subject but no object, and an event noun of
ontology/lang/<lang>/events.tsv in a sentence where no pattern of that relation matched.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .errors import UnknownChoice
from .lexicon import Lexicon, _lang_dir, read_tsv
from .model import DateValue, Evidence, Report, Status
from .relations import Match, pairs, status_of

# relations whose events the corpus links reports to (graph/events.py links the same ones)
REPORT_RELATIONS = ("met", "talkedTo")


@dataclass(frozen=True)
class EventNoun:
    relation: str
    regex: re.Pattern[str]


@lru_cache(maxsize=None)
def event_nouns(lang: str) -> tuple[EventNoun, ...]:
    out = []
    for row in read_tsv(_lang_dir() / lang / "events.tsv"):
        if row["relation"] not in REPORT_RELATIONS:
            raise UnknownChoice(f"relation in ontology/lang/{lang}/events.tsv", row["relation"], list(REPORT_RELATIONS))
        words = re.sub(r"\s+", r"\\s+", row["pattern"].strip())
        out.append(EventNoun(row["relation"], re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)))
    return tuple(out)


def tells_event(masked: str, lang: str) -> bool:
    """Whether a sentence names an event of a report relation (one search per noun row)."""
    return any(noun.regex.search(masked) for noun in event_nouns(lang))


@dataclass
class Candidate:
    """An argument of the sentence as a participant could be: its entity in the relation's
    subject slot (None when it cannot fill it; a capital fills it as its state), the entity it
    names, its type, and whether it is a pronoun."""
    entity: str | None
    named: str | None
    type: str
    pronoun: bool


def find_reports(masked: str, lang: str, lex: Lexicon, matches: list[Match], told: set[str],
                 candidates: Callable[[str], list[Candidate]],
                 date_at: Callable[[int, Status], DateValue | None],
                 place_of: Callable[[set[int]], str | None], evidence: Evidence) -> list[Report]:
    """The reports of one sentence. ``told``: relations this sentence already gave a whole fact
    of; ``candidates(relation)``: the arguments, by index; ``date_at(masked offset, status)``: the
    event date the facts step would give a trigger there; ``place_of(used argument indexes)``."""
    out: list[Report] = []
    matched = {m.relation for m in matches}
    for m in matches:   # "Putin held talks on Friday": a pattern found the subject only
        if m.relation not in REPORT_RELATIONS or m.relation in told or len(m.subjects) != 1 or pairs(m, True):
            continue
        arg = candidates(m.relation)[m.subjects[0]]
        if arg.entity is None:
            continue
        status = status_of(masked, m, lex)
        report = _report(m.relation, arg.entity, m.trigger, status, masked, date_at, place_of({m.subjects[0]}),
                         evidence, 0.5 if arg.pronoun else 0.6)
        if report:
            out.append(report)
    claimed: list[tuple[int, int]] = []
    for noun in event_nouns(lang):
        if noun.relation in matched:   # a pattern of the relation read this sentence already
            continue
        for hit in noun.regex.finditer(masked):
            span = hit.span()
            if any(s < span[1] and span[0] < e for s, e in claimed):
                continue
            claimed.append(span)
            place = place_of(set())
            who = _one_participant(candidates(noun.relation), place)
            if who is None:
                continue
            status = status_of(masked, Match(noun.relation, [], [], span, None, ""), lex)
            report = _report(noun.relation, who, span, status, masked, date_at, place, evidence, 0.5)
            if report:
                out.append(report)
    return out


def _one_participant(args: list[Candidate], place: str | None) -> str | None:
    """The one person the sentence names (no pronoun, not the place); failing persons, the one
    other argument that can take part. Two or more: nobody can tell which took part."""
    fitting = [a for a in args if a.entity is not None and not a.pronoun and a.named != place]
    for group in ([a for a in fitting if a.type == "Person"], fitting):
        keys = {a.entity for a in group}
        if keys:
            return keys.pop() if len(keys) == 1 else None
    return None


def _report(relation: str, who: str, trigger: tuple[int, int], status: Status, masked: str,
            date_at: Callable[[int, Status], DateValue | None], place: str | None, evidence: Evidence,
            confidence: float) -> Report | None:
    # a day tells one event apart from the participant's others; a month or a year only with a place
    date = date_at(trigger[0], status)
    if date is None or (date.precision != "day" and place is None):
        return None
    return Report(relation, who, evidence, date, place=place, status=status, confidence=confidence,
                  trigger=masked[trigger[0]:trigger[1]])


def drop_told(reports: list[Report], facts: list) -> list[Report]:
    """A report that the same document also tells whole (same relation, participant, status and
    date) adds no source: left out."""
    whole = {(f.relation, k, f.status, f.date) for f in facts for k in (f.subject, f.object)}
    out, seen = [], set()
    for r in reports:
        key = (r.relation, r.participant, r.status, r.date)
        if key not in whole and (key, r.evidence.start) not in seen:
            seen.add((key, r.evidence.start))
            out.append(r)
    return out
