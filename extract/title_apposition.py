"""Two title phrases titles.py reads with help: an office over a list of portfolios ("министр
инвестиций, торговли и промышленности"), and the words that may open a name's apposition after an
office and a comma (a nationality noun, a lower-case honorific: "président du Conseil européen,
le Portugais António Costa", "l'émir du Qatar, cheikh Tamim")."""
from __future__ import annotations

import re

from .mentions import Named
from .model import Document


def portfolio_list(low: str, pos: int, titles, conjunctions: frozenset[str] | set[str], match_title_end):
    """An office over a list of portfolios, ending at `pos`: "министр инвестиций, торговли и
    промышленности" is a minister's office (the list has a comma and a conjunction, lower case).
    `match_title_end` is titles.py's (start, office, kind, of) of a title ending at a position."""
    if not conjunctions:
        return None
    m = re.search(r"(?<!\w)((?:[^\W\d_]+,\s+)+[^\W\d_]+\s+(\w+)\s+[^\W\d_]+)$", low[max(0, pos - 120):pos])
    if m is None or m.group(2) not in conjunctions or not low[pos - len(m.group(1)):pos].islower():
        return None
    start = pos - len(m.group(1))
    hit = match_title_end(low, start - 1, titles) if start > 0 and low[start - 1] == " " else None
    return hit if hit is not None and hit[2] == "office" else None


def apposition_lead(doc: Document, names: list[Named], i: int, low: str, fillers: set[str],
                     lead_words: frozenset[str] | set[str], lang: str | None) -> tuple[int, Named | None] | None:
    """Where a nationality noun ("le Portugais", "l'Espagnol") or a lower-case honorific (grammar kind
    ``apposition_honorific``: "cheikh") opens the name's apposition: (its start, the nationality's
    name or None)."""
    n = names[i]
    prev = names[i - 1] if i > 0 else None
    if prev is not None and prev.type == "Country" and doc.text[prev.start:prev.start + 1].isupper() \
            and not doc.text[prev.end:n.start].strip():
        start = prev.start
        word = re.search(r"(\w+['’]?)\s*$", low[max(0, start - 20):start])
        if word and (word.group(1) in fillers or (len(word.group(1)) == 2 and word.group(1)[1] in "'’")):
            start -= len(word.group(0))
        return start, prev
    word = re.search(r"(\w+)\s+$", doc.text[max(0, n.start - 30):n.start])
    if word and word.group(1) in lead_words:   # lower case: "Cheikh" opening a name is a given name
        return n.start - len(word.group(0)), None
    # "el estadounidense Peter Holt": a lower-case nationality noun after a determiner
    det = re.search(r"(?<!\w)(\w+)\s+([\w-]+)\s+$", doc.text[max(0, n.start - 40):n.start])
    if det and det.group(1).casefold() in fillers and det.group(2).islower() and _demonym(det.group(2), lang):
        return n.start - len(det.group(0)), None
    return None


def _demonym(word: str, lang: str | None) -> bool:
    from newskg.ontology.gazetteer import load_gazetteer

    return any(kind == "demonym" for _, kind in load_gazetteer().lookup(word, lang))
