"""Offices a person takes, read after the name: "Daniel Chapo tomou hoje posse como Presidente da
República de Moçambique", "Albert Ramdin asumió este viernes como secretario general de la OEA",
"Kaja Kallas a pris dimanche ses fonctions de Haute représentante de l'Union européenne". The
phrases are data (grammar kind ``takes_office``, "…" standing for up to three words: "tomou … posse
como"); the office is a title of titles.tsv, and what it is of the country or organisation named
right after it, as in a title phrase before a name."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon
from .mentions import Named
from .model import Document

GAP = r"(?:\s+[^\W\d_][\w'’-]*){0,3}\s+"   # "…": a date word or two ("este viernes", "hoje")


@lru_cache(maxsize=None)
def _phrases(lang: str, forms: tuple[str, ...]) -> re.Pattern | None:
    if not forms:
        return None
    alts = sorted((GAP.join(re.escape(p.strip()).replace(r"\ ", r"\s+") for p in f.casefold().split("…"))
                   for f in forms), key=len, reverse=True)
    return re.compile(rf"\s+(?:[^\W\d_]+\s+){{0,1}}?(?:{'|'.join(alts)})\s+", re.IGNORECASE)


def read_offices_taken(doc: Document, names: list[Named], lex: Lexicon, titles, low: str) -> None:
    """Give a person without an office the one a 'takes office' phrase right after the name names."""
    rx = _phrases(lex.lang, tuple(lex.words("takes_office")))
    if rx is None:
        return
    links = {w.casefold() for w in lex.words("title_link")}
    dets = {w.casefold() for w in lex.words("determiner")}
    starts = {x.start: x for x in names}
    for n in names:
        if n.type != "Person" or n.office is not None:
            continue
        m = rx.match(low, n.end, min(len(low), n.end + 120))
        if m is None:
            continue
        hit = _office_at(low, m.end(), titles)
        if hit is None:
            continue
        end, office = hit
        owner = _owner_at(low, end, links, dets, starts)
        if owner is None:
            continue
        n.office, n.office_of, owner.absorbed = office, owner, True


def _office_at(low: str, pos: int, titles) -> tuple[int, str] | None:
    """An office starting at `pos`, or after one more word (an ordinal: "quinto Presidente")."""
    starts = [pos]
    word = re.match(r"[^\W\d_]+\s+", low[pos:pos + 30])
    if word:
        starts.append(pos + word.end())
    for at in starts:
        for form, office, kind, _ in titles:   # longest first
            if kind == "office" and low.startswith(form, at) and not low[at + len(form):at + len(form) + 1].isalnum():
                return at + len(form), office
    return None


def _owner_at(low: str, pos: int, links: set[str], dets: set[str], starts: dict[int, Named]) -> Named | None:
    """The country or organisation after an office and its link: "de Moçambique", "de l'Union"."""
    link = re.match(r"\s+(\w+['’]?)\s*", low[pos:pos + 20])
    if link is None or link.group(1).rstrip("'’") not in {w.rstrip("'’") for w in links}:
        return None
    at = pos + link.end()
    det = re.match(r"(\w+['’]?)\s*", low[at:at + 12])
    if at not in starts and det and det.group(1) in dets | {"l'", "l’"}:
        at += det.end()
    owner = starts.get(at)
    return owner if owner is not None and owner.type in ("Country", "Organization") else None
