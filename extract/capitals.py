"""A country's capital named by description: "la capitale ukrainienne", "la capital china", "die
ukrainische Hauptstadt", "столица Украины", "the capital of Chile" stand for the city.

The capital is the gazetteer city that stands for the state (column `stands_for` of
ontology/gazetteer/src/entities_cities.tsv: capitals and seats of government); a state with two
such cities (the Netherlands, Bolivia) has no one capital here and the phrase gives nothing. The
nouns are data: grammar kind `capital_noun` of ontology/lang/<lang>/grammar.tsv.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon, alternation, determiner_before
from .mentions import Named
from .model import Document


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """country key -> its one capital's key."""
    from newskg.ontology.gazetteer import load_gazetteer

    found: dict[str, set[str]] = {}
    for e in load_gazetteer().entries():
        if e.type == "City" and e.stands_for:
            found.setdefault(e.stands_for, set()).add(e.key)
    return {state: next(iter(cities)) for state, cities in found.items() if len(cities) == 1}


def capital_references(doc: Document, names: list[Named], lex: Lexicon) -> list[Named]:
    """City names (entity: the capital) spanning each capital phrase; the country in it is
    absorbed (it qualifies the city, it does not act)."""
    nouns = lex.words("capital_noun")
    if not nouns:
        return []
    noun = alternation(sorted(nouns, key=len, reverse=True))
    links = sorted(lex.words("title_link") + lex.words("determiner"), key=len, reverse=True)
    link = rf"(?:{alternation(links)}(?:\s+|(?<=['’])))*" if links else ""
    # "la capitale ukrainienne", "столица Украины", "the capital of Chile"
    before = re.compile(rf"(?<!\w){noun}\s+{link}(?:\w{{1,2}}['’])?$", re.IGNORECASE)
    # the article before the phrase belongs to it: "en la capital china" reads as "en Pekín"
    article = determiner_before(lex.lang)
    # "die ukrainische Hauptstadt", "the Ukrainian capital", "Chile's capital"
    after = re.compile(rf"(?:['’]s?)?\s+{noun}(?!\w)", re.IGNORECASE)
    text, out = doc.text, []
    city_starts = {n.start for n in names if n.type == "City"}
    for n in names:
        capital = capitals().get(n.entity or "") if n.type == "Country" and not n.absorbed else None
        if capital is None:
            continue
        b = before.search(text, max(0, n.start - 40), n.start)
        a = after.match(text, n.end) if b is None else None
        if b is None and a is None:
            continue
        start, end = (b.start(), n.end) if b else (n.start, a.end())
        art = article.search(text, max(0, start - 12), start) if article else None
        start = art.start() if art else start
        if re.match(r"[\s,]{0,3}", text[end:]).end() + end in city_starts:
            continue   # "the Ukrainian capital Kyiv": the name itself says it
        ref = Named(start, end, "City", key=capital, kind="capital", engine="capital",
                    unit_start=start, unit_end=end, entity=capital)
        n.absorbed = True
        out.append(ref)
    return out
