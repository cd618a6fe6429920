"""Argument patterns, kept as data (ontology/lang/<lang>/triggers.tsv), compiled to regular
expressions over a masked sentence (relations.mask: each argument a placeholder).

A pattern is a line such as `{S} ... held talks with {O}` or `{O} được ... {S} trích lời`:
- `{S}` / `{O}`: the subject / object slot; a slot takes one argument or a coordination of
  them ("Putin and Diaz-Canel", "A, B và C"), so "{S} held talks" with two subjects is one
  meeting between both (symmetric relations only);
- `{O~}`: an object slot whose argument must be in a case other than the nominative, told by
  the name's ending (grammar kind `case_ending`, Russian): "Путина наградил Токаев" (object first);
- `{O=}`: an object slot whose argument must be in the nominative: the speaker of "X осудил
  действия Израиля, передает ТАСС" is the clause's subject, never a genitive after it;
- `...`: a gap of a few words inside the sentence;
- anything else: a regular expression on the words (case-insensitive), e.g. `(met|meets)`.
Rows are in priority order: where two rows of a relation claim the same trigger words, the first
wins (relations.find_matches). The slot types come from ontology/signatures.tsv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import read_tsv
from .model import Status

OPEN, CLOSE = "\ue000", "\ue001"
TYPE_CODE = {"Person": "P", "Country": "C", "City": "T", "Organization": "O", "Place": "L", "Award": "A"}
CODE_TYPE = {v: k for k, v in TYPE_CODE.items()}
ARG = f"{OPEN}[A-Z]\\d+{CLOSE}"
PLACEHOLDER = re.compile(f"{OPEN}([A-Z])(\\d+){CLOSE}")
GAP = r"[^.;!?\n]{0,90}?"
# a few words, no other argument between: "Putin personally awarded him"
SHORT_GAP = r"(?:\s*[^\s.;!?\ue000]+){0,3}?\s*"


@lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    path = Path(__file__).resolve().parent.parent / "ontology" / "signatures.tsv"
    return {r["relation"]: (frozenset(r["subject"].split("|")), frozenset(r["object"].split("|")))
            for r in read_tsv(path)}


@dataclass(frozen=True)
class Pattern:
    relation: str
    regex: re.Pattern[str]          # the pattern; without its leading `{S} ...` in free-subject mode
    subject: re.Pattern[str] | None  # free-subject mode: the subject slot, searched before the trigger
    status: Status | None
    text: str
    pre: str | None = None                  # the slot ("S" or "O") the row puts before its trigger
    trigger_only: re.Pattern[str] | None = None  # the row's trigger words alone, for a parse to fill
    oblique_object: bool = False            # `{O~}`: the object must be in a case other than the nominative
    subject_first: bool = False             # the row opens with its subject, before any trigger word
    nominative_object: bool = False         # `{O=}`: the object must be in the nominative


# a parenthesis after a name ("Olaf Scholz (SPD)"): part of the slot, its names no argument
PAREN = r"(?:\s*\([^()]{0,60}\))?"
# one capitalised word before a coordinated name: a title the name did not absorb ("und
# Arbeitsminister Hubertus Heil"); case-sensitive, so no lower-case verb starts a new clause
TITLE_WORD = r"(?:(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁ])[\w'’-]+\s+)?"


def slot_codes(types: frozenset[str], actor: bool) -> str:
    # a capital may stand for its state in a slot that takes a country
    codes = {TYPE_CODE[t] for t in types} | ({"T"} if actor and "Country" in types else set())
    return "".join(sorted(codes))


def _slot(types: frozenset[str], conj: str, actor: bool) -> str:
    arg = f"{OPEN}[{slot_codes(types, actor)}]\\d+{CLOSE}{PAREN}"
    # "A and B", "A, B and C"; a bare "A, B" is an apposition, not a coordination, unless a
    # conjunction goes on with something unnamed ("A, B and a delegation of business leaders")
    more = f"\\s*,\\s*{TITLE_WORD}{arg}"
    return (f"{arg}(?:(?:{more})*\\s*,?\\s*(?:{conj})\\s*{TITLE_WORD}{arg}"
            f"|(?:{more})+(?=\\s*,?\\s*(?:{conj})\\s))?")


@lru_cache(maxsize=None)
def compile_patterns(lang: str) -> list[Pattern]:
    from .lexicon import lexicon

    lex = lexicon(lang)
    conj = "|".join(re.escape(w) for w in lex.words("conj")) or "and"
    determiners = "|".join(re.escape(w) for w in lex.words("determiner"))
    if determiners:  # "the United States and the European Union"
        conj = f"(?:{conj})(?:\\s+(?:{determiners}))?"
    out = []
    for row in lex.triggers:
        subj_types, obj_types = signatures()[row["relation"]]
        oblique_object, nominative_object = "{O~}" in row["pattern"], "{O=}" in row["pattern"]
        parts = [p for p in re.split(r"(\{S\}|\{O\}|\.\.\.|\.\.)", row["pattern"].replace("{O~}", "{O}").replace("{O=}", "{O}"))
                 if p.strip()]
        subject = None
        pre = {"{S}": "S", "{O}": "O"}.get(parts[0])
        if parts[:2] == ["{S}", "..."]:
            subject = re.compile(f"(?P<S>{_slot(subj_types, conj, True)})")
            parts = parts[2:]
        rx: list[str] = []
        trig: list[str] = []   # the literal parts alone, a gap wherever the row had a slot or a gap
        for part in parts:
            if part in ("{S}", "{O}", "...", "..") and trig and trig[-1] != GAP:
                trig.append(GAP)
            if part == "{S}":
                rx.append(f"(?P<S>{_slot(subj_types, conj, True)})")
            elif part == "{O}":
                rx.append(f"(?P<O>{_slot(obj_types, conj, row['relation'] != 'visited')})")
            elif part == "...":
                rx.append(GAP)
            elif part == "..":
                rx.append(SHORT_GAP)
            else:
                words = re.sub(r"\s+", r"\\s+", part.strip())
                # a word boundary before words, not before punctuation (", according to" after "said")
                lb = "" if part.strip()[0] in ",;:" else r"(?<!\w)"
                rx.append(rf"(?P<T{len(rx)}>{lb}{words}(?!\w))")
                # alone, words may end in a space before the next word ("met (with )?" then "on Monday")
                trig.append(rf"(?P<T{len(rx) - 1}>{lb}{words}(?:(?<=\s)|(?!\w)))")
        status = Status(row["status"]) if row.get("status") else None
        while trig and trig[-1] == GAP:
            trig.pop()
        only = re.compile(r"\s*".join(trig), re.IGNORECASE) if pre and trig else None
        out.append(Pattern(row["relation"], re.compile(r"\s*".join(rx), re.IGNORECASE), subject, status,
                           row["pattern"], pre, only, oblique_object,
                           re.sub(r"^(?:\(\?<![^)]*\))+", "", row["pattern"]).startswith("{S}"), nominative_object))
    return out


@lru_cache(maxsize=None)
def row_words(pattern: str) -> frozenset[str]:
    """The words a row spells, casefolded ("with", "on", "par"): what a parse may accept as the
    preposition before an object. Lookaheads name words a row refuses, so they do not count."""
    out, depth, skip = [], 0, None
    i = 0
    while i < len(pattern):
        if pattern.startswith("(?!", i) or pattern.startswith("(?<!", i):
            skip = depth if skip is None else skip
        if pattern[i] == "\\":  # an escape: \s, \w, \ue000
            i += 6 if pattern.startswith("u", i + 1) else 2
            continue
        if pattern[i] == "(":
            depth += 1
        elif pattern[i] == ")":
            depth -= 1
            if skip is not None and depth == skip:
                skip = None
                i += 1
                continue
        if skip is None:
            out.append(pattern[i])
        i += 1
    text = "".join(out).replace("{S}", " ").replace("{O}", " ")
    return frozenset(w.casefold() for w in re.findall(r"[^\W\d_]+", text))
