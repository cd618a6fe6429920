"""Where a report's text is not its story: the dateline ("TOKYO, May 25 (Reuters) -"), a
dateless source line ("Berlin (dpa) -"), the headline above the lead; and the gazetteer facts
the story's dating needs about places (the state a capital stands for, what is a locality)."""
from __future__ import annotations

import re
from functools import lru_cache

from .model import DateValue
from .temporal import find_dates

# a dateline: a place name (no sentence in it) and a comma before the date, an agency or a dash after
_DATELINE_HEAD = re.compile(r"[^\W\d][^\n,.;:!?]{0,40},\s*$")
_DATELINE_TAIL = re.compile(r"[\s.,]*(?:[(/\[][^\n)/\]]{1,40}[)/\]]\.?|[-–—])")


@lru_cache(maxsize=4096)
def state_of(key: str) -> frozenset[str]:
    """The state a capital or seat of government stands for, per the gazetteer."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    state = gaz.entry(key).stands_for if key in gaz else None
    return frozenset({state}) if state else frozenset()


@lru_cache(maxsize=4096)
def locality(key: str) -> bool:
    """Whether `key` is a city or a country of the gazetteer (a building or a square is not)."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    return key in gaz and gaz.entry(key).type in ("City", "Country")


def headline_line(text: str) -> tuple[int, int] | None:
    """A title line: the first paragraph, one line without a closing full stop, above the story."""
    m = re.match(r"\s*([^\n]+)\n\s*\n\s*\S", text)
    if m is None or m.group(1).rstrip().endswith((".", "!", "?", ":")):
        return None
    return m.start(1), m.end(1)


def find_dateline(text: str, lang: str, published: DateValue | None) -> tuple[int, int, DateValue] | None:
    """(start, end, date) of a dateline opening a paragraph among the first ones: "TOKYO, May 25
    (Reuters) -", "МОСКВА, 24 июня. /ТАСС/.", "PARIS, 25 juin (AFP) -"."""
    for line in list(re.finditer(r"(?m)^[^\n]*\S[^\n]*$", text[:3000]))[:3]:
        dates = find_dates(line.group()[:80], lang, published)
        if dates:
            d = dates[0]
            head, tail = line.group()[:d.start], line.group()[d.end:d.end + 50]
            m = _DATELINE_TAIL.match(tail)
            if _DATELINE_HEAD.match(head) and m and m.end() > 0 and d.value.precision == "day":
                return line.start(), line.start() + d.end + m.end(), d.value
    return None


# a source line without a date: "Berlin (dpa) - ...", "Brasília - ...": a place, an agency, a dash
_SOURCE_LINE = re.compile(r"(?P<place>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3})\s*"
                          r"(?:\([^\n()]{1,30}\)\s*)?[-–—]\s+(?=\S)")


def find_source_line(text: str) -> tuple[int, int] | None:
    """(start, end) of a dateless dateline opening one of the first paragraphs: its place and
    agency say where the report was filed, not who acts. Its place words are capitalised (short
    particles aside) and a paragraph, not a headline, follows it."""
    for line in list(re.finditer(r"(?m)^[^\n]*\S[^\n]*$", text[:3000]))[:3]:
        m = _SOURCE_LINE.match(line.group())
        if m is None or len(line.group()) - m.end() < 80:
            continue
        words = m.group("place").split()
        if words[0][0].isupper() and all(w[0].isupper() or len(w) <= 3 for w in words):
            return line.start(), line.start() + m.end()
    return None
