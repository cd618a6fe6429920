"""Month and weekday names (CLDR, through babel), for telling a date from a name: "Ende Januar",
"ROMA, 3 FEB (ANSA)" and "Lunes" are no names. Full names count in any case, abbreviations
only in capitals (a dateline's "APR"), so that "Mar Nero" stays a name."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def calendar_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(full names, abbreviations) of the months and weekdays, case-folded."""
    from babel.dates import get_day_names, get_month_names

    full: set[str] = set()
    short: set[str] = set()
    for get in (get_month_names, get_day_names):
        for context in ("format", "stand-alone"):
            try:
                full |= {n.casefold() for n in get("wide", context, locale=lang).values()}
                short |= {n.casefold().rstrip(".") for n in get("abbreviated", context, locale=lang).values()}
            except Exception:  # babel lacks the locale (or the language code is not one)
                return frozenset(), frozenset()
    return frozenset(full), frozenset(short)


def is_calendar_word(word: str, lang: str | None) -> bool:
    if not lang:
        return False
    full, short = calendar_words(lang)
    w = word.casefold().rstrip(".")
    return w in full or (word.isupper() and w in short)
