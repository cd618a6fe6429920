"""Relation extraction from argument patterns kept as data (ontology/lang/<lang>/triggers.tsv).

A pattern is a line such as `{S} ... held talks with {O}` or `{O} được ... {S} trích lời`:
- `{S}` / `{O}`: the subject / object slot; a slot takes one argument or a coordination of
  them ("Putin and Diaz-Canel", "A, B và C"), so "{S} held talks" with two subjects is one
  meeting between both (symmetric relations only);
- `...`: a gap of a few words inside the sentence;
- anything else: a regular expression on the words (case-insensitive), e.g. `(met|meets)`.
Arguments are names with their title phrase ("Tổng thống Nga Vladimir Putin" is one argument)
and pronouns resolved to the nearest fitting person. The earliest subject that reaches the
trigger wins, which is the clause subject in the SVO languages we cover. Rows are in priority
order: where two rows of a relation claim the same trigger words, the first wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import Lexicon, read_tsv
from .model import Status

OPEN, CLOSE = "\ue000", "\ue001"
TYPE_CODE = {"Person": "P", "Country": "C", "City": "T", "Organization": "O", "Place": "L", "Award": "A"}
CODE_TYPE = {v: k for k, v in TYPE_CODE.items()}
_ARG = f"{OPEN}[A-Z]\\d+{CLOSE}"
_PLACEHOLDER = re.compile(f"{OPEN}([A-Z])(\\d+){CLOSE}")
GAP = r"[^.;!?\n]{0,90}?"


@lru_cache(maxsize=1)
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    path = Path(__file__).resolve().parent.parent / "ontology" / "signatures.tsv"
    return {r["relation"]: (frozenset(r["subject"].split("|")), frozenset(r["object"].split("|")))
            for r in read_tsv(path)}


@dataclass(frozen=True)
class Pattern:
    relation: str
    regex: re.Pattern[str]
    status: Status | None
    text: str


@dataclass
class Match:
    relation: str
    subjects: list[int]           # indexes into the argument list
    objects: list[int]
    trigger: tuple[int, int]      # offsets in the masked sentence
    status: Status | None
    pattern: str


@lru_cache(maxsize=None)
def compile_patterns(lang: str) -> list[Pattern]:
    from .lexicon import lexicon

    lex = lexicon(lang)
    conj = "|".join(re.escape(w) for w in lex.words("conj")) or "and"
    slot = f"{_ARG}(?:\\s*(?:,\\s*)?(?:{conj})?\\s*{_ARG})*"
    out = []
    for row in lex.triggers:
        parts = re.split(r"(\{S\}|\{O\}|\.\.\.)", row["pattern"])
        rx = []
        for part in parts:
            if part == "{S}":
                rx.append(f"(?P<S>{slot})")
            elif part == "{O}":
                rx.append(f"(?P<O>{slot})")
            elif part == "...":
                rx.append(GAP)
            elif part.strip():
                words = r"\s+".join(part.split())
                rx.append(rf"(?P<T{len(rx)}>(?<!\w){words}(?!\w))" if part[0].isspace() or not rx
                          else rf"(?P<T{len(rx)}>{words}(?!\w))")
        status = Status(row["status"]) if row.get("status") else None
        out.append(Pattern(row["relation"], re.compile(r"\s*".join(rx), re.IGNORECASE), status,
                           row["pattern"]))
    return out


def mask(text: str, start: int, end: int, args: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """The sentence with each argument replaced by a placeholder; and for each masked index the
    document offset it comes from."""
    out, offsets, pos = [], [], start
    for i, (s, e, typ) in enumerate(args):
        out.append(text[pos:s])
        offsets.extend(range(pos, s))
        token = f"{OPEN}{TYPE_CODE.get(typ, 'L')}{i}{CLOSE}"
        out.append(token)
        offsets.extend([s] * len(token))
        pos = e
    out.append(text[pos:end])
    offsets.extend(range(pos, end))
    return "".join(out), offsets


def find_matches(masked: str, lang: str) -> list[Match]:
    claimed: dict[str, list[tuple[int, int]]] = {}
    out = []
    for pat in compile_patterns(lang):
        for m in pat.regex.finditer(masked):
            trig = [m.span(g) for g in m.groupdict() if g.startswith("T") and m.group(g)]
            if not trig:
                continue
            span = (min(s for s, _ in trig), max(e for _, e in trig))
            if any(s < span[1] and span[0] < e for s, e in claimed.get(pat.relation, [])):
                continue
            subj = [int(x) for _, x in _PLACEHOLDER.findall(m.group("S") or "")] if "S" in m.groupdict() else []
            obj = [int(x) for _, x in _PLACEHOLDER.findall(m.group("O") or "")] if "O" in m.groupdict() else []
            claimed.setdefault(pat.relation, []).append(span)
            out.append(Match(pat.relation, subj, obj, span, pat.status, pat.text))
    return out


def status_of(masked: str, match: Match, lex: Lexicon) -> Status:
    """Negation right before the trigger denies it; a modal or future marker plans it."""
    if match.status is not None:
        return match.status
    before = masked[max(0, match.trigger[0] - 30):match.trigger[0]].casefold()
    before = _PLACEHOLDER.sub(" ", before)
    words = before.split()
    window = " " + " ".join(words[-4:]) + " "
    if any(f" {w.casefold()} " in window for w in lex.words("negation")):
        return Status.DENIED
    if any(f" {w.casefold()} " in window for w in lex.words("planned")):
        return Status.PLANNED
    return Status.OCCURRED


def pairs(match: Match, symmetric: bool) -> list[tuple[int, int]]:
    if match.objects:
        return [(s, o) for s in match.subjects for o in match.objects if s != o]
    if symmetric and len(match.subjects) >= 2:
        subs = match.subjects
        return [(a, b) for i, a in enumerate(subs) for b in subs[i + 1:]]
    return []
