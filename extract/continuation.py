"""Who a sentence speaks of where it names no one: a pronoun is the nearest fitting person named
before it, a subject pronoun or an unsaid (null) subject continues the previous sentence's subject."""
from __future__ import annotations

from . import prodrop
from .args import Arg
from .lexicon import Lexicon, word_regex
from .mentions import Named
from .model import Document


def pronoun_args(doc: Document, start: int, end: int, args: list[Arg], seen: list[Named],
              lex: Lexicon, last_subject: Named | None = None) -> list[Arg]:
    """Pronouns stand for the nearest person named before them; an object pronoun skips the
    persons of its own clause ("Putin awarded him": him is not Putin). A subject pronoun with no
    person before it in its sentence continues the story's subject: the first person of the latest
    sentence that named one ("Macron was received by the King. He is accompanied by ...": he is Macron)."""
    out = []
    text = doc.text
    for kind in ("pronoun", "object_pronoun"):
        rx = word_regex(lex.words(kind))
        if rx is None:
            continue
        for m in rx.finditer(text, start, end):
            s, e = m.span()
            if any(a.start <= s < a.end for a in args):
                continue
            before = [a.named for a in args if a.end <= s and a.type == "Person"]
            candidates = seen + before
            if kind == "object_pronoun":
                clause = text.rfind(",", start, s)
                own = {a.named.entity for a in args if max(clause, start) <= a.start < s}
                candidates = [n for n in candidates if n.entity not in own]
            if kind == "pronoun" and not before and last_subject is not None:
                out.append(Arg(s, e, last_subject, pronoun=True))
            elif candidates:
                out.append(Arg(s, e, candidates[-1], pronoun=True))
    return out


def null_subject_args(doc: Document, start: int, end: int, args: list[Arg], prev_span: tuple[int, int] | None,
                  prev_subject: Named | None) -> list[Arg]:
    """"Lula visitó Chile. Luego viajó a Lima": the unsaid subject of a sentence that continues the
    previous one is that one's subject (extract/prodrop.py), an empty argument before its verb
    (and before the verb of the relative clause of the place it went to: ", donde se reunió")."""
    if prev_subject is None or not prodrop.continues(doc.text, prev_span, start):
        return []
    lang = doc.lang or "en"
    at = prodrop.gap(doc.text, start, end, lang, [(a.start, a.end) for a in args])
    if at is None:
        return []
    rel = prodrop.relative_gap(doc.text, at, end, lang, [(a.start, a.end, a.type) for a in args])
    return [Arg(p, p, prev_subject, pronoun=True) for p in ([at] if rel is None else [at, rel])]


def fill_null_subject(matches: list, masked: str, index: int, lang: str) -> list:
    """The unsaid subject stays only as the subject of the verb right after it."""
    from .relations import PLACEHOLDER, Match

    at = next(m.end() for m in PLACEHOLDER.finditer(masked) if int(m.group(2)) == index)
    out = []
    for m in matches:
        if index in m.subjects and prodrop.fills(masked, at, m.trigger[0], lang):
            out.append(m)
        elif index in m.subjects or index in m.objects:
            out.append(Match(m.relation, [i for i in m.subjects if i != index],
                             [i for i in m.objects if i != index], m.trigger, m.status, m.pattern, m.pre))
        else:
            out.append(m)
    return out


def opening_person(text: str, start: int, units: list[Named]) -> Named | None:
    """The person a sentence opens on ("Lula dijo ..."): its subject where no fact tells one."""
    first = units[0] if units else None
    if first is None or first.type != "Person" or text[start:first.unit_start].strip():
        return None
    return first
