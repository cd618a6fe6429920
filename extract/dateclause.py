"""Which clause or phrase a date belongs to: the main clause's event, a relative clause's own
event, a noun it modifies, or a future the clause announces.

- a relative clause (", que comandou ... desde 2019", ", который прибыл в понедельник"), or a
  participle opening one after a comma (", arrivé lundi à Paris"), tells its own event; its date
  is not the sentence's;
- a date that modifies a noun ("desde as eleições de 9 de outubro", "depuis les élections du
  9 octobre", "seit der Wahl vom 9. Oktober", "после выборов 9 октября") dates that noun's
  event, not the clause's verb: dates.tsv rows with an `of` group, matched on the words right
  before the date;
- a date next to a reporting verb ("anunció el martes") dates the saying;
- a date whose year or week is not said reads forward where its clause speaks of the future
  ("Na quinta-feira, X será recebido", "приедет в Казань в октябре"): a `planned` word of the
  grammar in the date's clause, or in the next one where the date stands alone before a comma.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon, word_regex

_CLAUSE_END = re.compile(r"[,;:()\[\]«»\"“”]")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]«»\"“”]|\s[-–—]\s")


@lru_cache(maxsize=None)
def _relative_opener(lang: str) -> re.Pattern[str] | None:
    words = sorted(lexicon(lang).words("relative"), key=len, reverse=True)
    return re.compile(r",\s*(?:" + "|".join(map(re.escape, words)) + r")(?!\w)",
                      re.IGNORECASE) if words else None


@lru_cache(maxsize=None)
def _participle_openers(lang: str) -> list[re.Pattern[str]]:
    """dates.tsv rows with a `clause` group: a participle right after a comma opens a reduced
    relative clause (", arrivé lundi à Paris,", ", encerrada desde ...", ", прибывший в среду")."""
    rows = [re.compile(row["regex"], re.IGNORECASE) for row in lexicon(lang).dates]
    return [rx for rx in rows if "clause" in rx.groupindex]


def relative_clause(text: str, pos: int, lang: str) -> tuple[int, int] | None:
    """(start, end) of the relative clause `pos` lies in: from its pronoun (or participle), right
    after a comma, to the next comma or bracket; None outside one."""
    opener = None
    for rx in [r for r in (_relative_opener(lang), *_participle_openers(lang)) if r is not None]:
        for m in rx.finditer(text, 0, pos):
            if not _CLAUSE_END.search(text, m.end(), pos) and (opener is None or m.start() > opener.start()):
                opener = m
    if opener is None:
        return None
    close = _CLAUSE_END.search(text, pos)
    return opener.start(), close.start() if close else len(text)


def in_relative_clause(text: str, pos: int, lang: str, trigger: int | None = None) -> bool:
    """Whether `pos` lies in a relative clause (", que comandou ... desde 2019", ", quien asumió en
    agosto", ", который ...") that does not hold `trigger`: a date there is that clause's own event,
    not the sentence's."""
    span = relative_clause(text, pos, lang)
    return span is not None and (trigger is None or not span[0] <= trigger < span[1])


@lru_cache(maxsize=None)
def _adnominal_rows(lang: str) -> list[re.Pattern[str]]:
    rows = [re.compile(r"(?:" + row["regex"] + r")\s*$", re.IGNORECASE) for row in lexicon(lang).dates]
    return [rx for rx in rows if "of" in rx.groupindex]


def adnominal(text: str, pos: int, lang: str, trigger: int | None = None) -> bool:
    """Whether the date at `pos` modifies the noun before it ("as eleições de 9 de outubro"): it
    dates that noun's event. Not where that noun is the trigger itself ("la visite du 9 octobre")."""
    window = text[max(0, pos - 60):pos]
    for rx in _adnominal_rows(lang):
        m = rx.search(window)
        if m:
            head = pos - len(window) + m.start()
            return trigger is None or not head - 25 <= trigger < pos
    return False


@lru_cache(maxsize=None)
def _future_words(lang: str) -> re.Pattern[str] | None:
    return word_regex(lexicon(lang).words("planned"))


@lru_cache(maxsize=None)
def _reporting_words(lang: str) -> re.Pattern[str] | None:
    """Saying verbs, and announcing ones (grammar kind `announcing`: "anunció", "annoncé"), which
    date a saying but, unlike `reporting` words, may also be the event ("a annoncé lundi des sanctions")."""
    lex = lexicon(lang)
    return word_regex(lex.words("reporting") + lex.words("announcing"))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    hi = _CLAUSE_BREAK.search(text, end)
    return lo, hi.start() if hi else len(text)


def reads_ahead(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the date text[start:end] (one whose year or week was guessed) speaks of the future:
    its clause holds a future or planning word, and no saying verb ("said on Tuesday he would")
    stands between them; a date alone before a comma ("Na quinta-feira, X será recebido") looks
    in the next clause."""
    future = _future_words(lang)
    if future is None:
        return False
    lo, hi = _clause(text, start, end)
    if len(re.findall(r"\w+", text[lo:start] + text[end:hi])) <= 1 and text[hi:hi + 1] == ",":
        hi = _clause(text, hi + 1, hi + 1)[1]   # a fronted adverbial: the clause it opens
    saying = _reporting_words(lang)
    for m in future.finditer(text, lo, hi):
        between = text[min(m.end(), end):max(m.start(), start)]
        if saying is None or not saying.search(between) and not saying.search(text[max(lo, start - 25):start]):
            return True
    return False


def said_on(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the date text[start:end] dates a saying ("said on Thursday it had approved",
    "anunció el martes"): a reporting verb right before or after it."""
    saying = _reporting_words(lang)
    if saying is None:
        return False
    before = text[max(0, start - 30):start]
    return bool(re.search(saying.pattern + r"\W+(?:\w+\W+)?$", before, re.IGNORECASE)
                or saying.match(text, end + len(text[end:]) - len(text[end:].lstrip(" ,"))))
