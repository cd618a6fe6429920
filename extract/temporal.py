"""Dates and amounts in a sentence, normalised against the document's publication date.

Date expressions are found with per-language regexes (ontology/lang/<lang>/dates.tsv); the named
groups say what the expression gives: `d`, `m`, `y` (numbers), `mon` (a month name, read with
babel's CLDR month names), `wd` (a weekday, resolved with dateparser relative to publication),
`rel` (a relative word such as "yesterday", resolved with dateparser), `now` (deixis of the
reported event: "this visit", "lần này"), `prevweek` / `nextweek` ("last week": the month of that
calendar week, the year where the week straddles two months), `lastyear` / `thisyear` (the year
before publication or of it: "l'an dernier", "в сентябре прошлого года" with `mon`), `lastmonth` (the
month before publication: "im vergangenen Monat"), `same` (an anaphor: "the same day",
"cùng ngày", "am selben Tag": the last date of the document mentioned before, at the row's
precision; given by the caller as `earlier`), `prevday` / `nextday` (the day before or after
it: "накануне", "the next day"; "the day before" with nothing before it is the eve of publication),
`part` (a part of the day opening a sentence: "Am Nachmittag", "In serata": the day of its paragraph
or of the story, as "the day before" is its eve),
`later` ("Позднее", "Plus tard" opening a sentence: after all the story told so far, on the latest
day it named: `earlier["latest"]`). Rows with an `event`, `also`, `of` or `clause` group are not dates:
extract/datecontext.py and extract/dateclause.py read them. Dates without a year take the publication year, moved back a
year when that would put them after publication (news reports the past).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import lexicon
from .model import DateValue
from .dateclause import adnominal, in_relative_clause, reads_ahead, relative_clause  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class DateMention:
    start: int          # offsets relative to the text searched
    end: int
    value: DateValue
    ahead: DateValue | None = None  # the reading a year later, for planned events ("en mai" said in March)


CONTEXT_GROUPS = frozenset({"event", "also", "of", "clause"})  # rows that mark a sentence, not a date


@lru_cache(maxsize=None)
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    rows = [(re.compile(row["regex"], re.IGNORECASE), row.get("precision", "")) for row in lexicon(lang).dates]
    return [(rx, p) for rx, p in rows if not CONTEXT_GROUPS & set(rx.groupindex)]


@lru_cache(maxsize=None)
def context_patterns(lang: str, group: str) -> list[tuple[re.Pattern[str], str]]:
    """The dates.tsv rows with the named group `group` (`event`, `also`), with their precision."""
    rows = [(re.compile(row["regex"], re.IGNORECASE), row.get("precision", "")) for row in lexicon(lang).dates]
    return [(rx, p) for rx, p in rows if group in rx.groupindex]


@lru_cache(maxsize=None)
def _month_names(lang: str) -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            try:
                for num, name in get_month_names(width, context, locale=lang).items():
                    names[name.casefold().rstrip(".")] = num
            except Exception:  # babel lacks the locale: month names are unavailable, numbers still work
                break
    # inflected forms CLDR does not list (Russian prepositional "в мае") are data: grammar kind `month`
    for form, num in lexicon(lang).valued("month"):
        names[form.casefold()] = int(num)
    return names


def _month_number(name: str, lang: str) -> int | None:
    """A month name or abbreviation; "Sept." is September though CLDR abbreviates it "Sep"."""
    key = name.casefold().rstrip(".")
    names = _month_names(lang)
    if key in names or not key:
        return names.get(key)
    prefixes = {n for full, n in names.items() if len(key) >= 3 and full.startswith(key[:3]) and key.isalpha()}
    return prefixes.pop() if len(prefixes) == 1 else None


def _base(published: DateValue | None) -> dt.date | None:
    if published is None:
        return None
    y, m, d = (published.value.split("-") + ["1", "1"])[:3]
    return dt.date(int(y), int(m), int(d))


def _relative(text: str, lang: str, base: dt.date) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(text, languages=[lang], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def _weekday(name: str, lang: str, base: dt.date) -> dt.date | None:
    from babel.dates import get_day_names

    for width in ("wide", "abbreviated"):
        for num, day in get_day_names(width, locale=lang).items():
            if day.casefold() in name.casefold() or name.casefold() in day.casefold():
                return base - dt.timedelta(days=(base.weekday() - num) % 7)
    return _relative(name, lang, base)


def find_dates(text: str, lang: str, published: DateValue | None,
               earlier: Mapping[str, DateValue] | None = None) -> list[DateMention]:
    """The date expressions of `text`; `earlier` gives, per precision (day, month, year), the last
    date the document mentioned before `text` at that precision or finer, for anaphors."""
    base = _base(published)
    found: list[DateMention] = []
    anaphors: list[tuple[int, int, str, int]] = []
    for rx, precision in _patterns(lang):
        for m in rx.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in found) or \
                    any(a[0] < m.end() and m.start() < a[1] for a in anaphors):
                continue  # an earlier (more specific) row already read this text
            shift = next((v for k, v in _SHIFTS.items() if m.groupdict().get(k)), None)
            if shift is not None:
                kind = "latest" if m.groupdict().get("later") else \
                    "story" if shift == -1 or m.groupdict().get("part") else precision or "day"
                anaphors.append((m.start(), m.end(), kind, shift))
                continue
            value = _value(m, lang, base, published, precision)
            if value:
                found.append(DateMention(m.start(), m.end(), value, _ahead(m, value)))
    for start, end, precision, shift in anaphors:
        value = _antecedent(found, start, precision, earlier or {})
        if value is None and shift == -1 and published is not None and published.precision == "day":
            value = published   # "накануне", "the day before" opening a report: the eve of publication
        if value is not None and shift:
            if value.precision != "day":
                continue
            value = DateValue((dt.date.fromisoformat(value.value) + dt.timedelta(days=shift)).isoformat(), "day")
        if value:
            found.append(DateMention(start, end, value))
    return sorted(found, key=lambda f: f.start)


_RANK = {"year": 0, "month": 1, "day": 2}
# anaphor groups: the day they name from the last date before ("the day before", "the next day")
_SHIFTS = {"same": 0, "prevday": -1, "nextday": 1, "later": 0, "part": 0}


def _antecedent(found: list[DateMention], start: int, precision: str,
                earlier: Mapping[str, DateValue]) -> DateValue | None:
    """"The same day": the last date before it in this text precise enough, else the document's;
    "later": the latest day told before; "the day before" or "in the afternoon" with no day before
    it in this text: the eve of (or the same) day as its paragraph's or the story's day
    (`earlier["story"]`, given by extract/datecontext.py), else the last day."""
    if precision == "story":
        days = [f.value for f in found if f.end <= start and f.value.precision == "day"]
        value = days[-1] if days else earlier.get("story", earlier.get("day"))
        return value if value is not None and value.precision == "day" else None
    if precision == "latest":
        days = [f.value for f in found if f.end <= start and f.value.precision == "day"]
        days += [earlier["latest"]] if "latest" in earlier else []
        return max(days, key=lambda v: v.value) if days else None
    keep = {"day": 10, "month": 7, "year": 4}[precision]
    before = [f.value for f in found if f.end <= start and _RANK[f.value.precision] >= _RANK[precision]]
    value = before[-1] if before else earlier.get(precision)
    if value is None or _RANK[value.precision] < _RANK[precision]:
        return None
    return DateValue(value.value[:keep], precision)


def _ahead(m: re.Match[str], value: DateValue) -> DateValue | None:
    """A date whose year was guessed (and put in the past) read as the next occurrence instead;
    a weekday read as the coming one ("on Sunday, X is scheduled to meet")."""
    groups = {k for k, v in m.groupdict().items() if v}
    if "wd" in groups and value.precision == "day":
        return DateValue((dt.date.fromisoformat(value.value) + dt.timedelta(days=7)).isoformat(), "day")
    if groups & {"y", "lastyear", "thisyear"} or not groups & {"m", "mon"}:
        return None
    year, rest = value.value[:4], value.value[4:]
    return DateValue(f"{int(year) + 1:04d}{rest}", value.precision)


def _value(m: re.Match[str], lang: str, base: dt.date | None, published: DateValue | None,
           precision: str) -> DateValue | None:
    g = {k: v for k, v in m.groupdict().items() if v}
    if "now" in g:
        if published is None:
            return None
        keep = {"day": 10, "month": 7, "year": 4}[precision or "day"]
        return DateValue(published.value[:keep], precision or "day") if len(published.value) >= keep else published
    if "prevweek" in g or "nextweek" in g:
        return _week(base, -7 if "prevweek" in g else 7) if base and published and published.precision == "day" else None
    if "rel" in g or "wd" in g:
        if base is None or (published and published.precision != "day"):
            return None
        day = _weekday(g["wd"], lang, base) if "wd" in g else _relative(g["rel"], lang, base)
        if day is None:
            return None
        # "last year" is 2023, not 2023-05-15: the row says how precise the expression is
        keep = {"day": 10, "month": 7, "year": 4}[precision or "day"]
        return DateValue(day.isoformat()[:keep], precision or "day")
    if "lastmonth" in g:
        return DateValue((base.replace(day=1) - dt.timedelta(days=1)).isoformat()[:7], "month") if base else None
    year = int(g["y"]) if "y" in g else None
    if "lastyear" in g or "thisyear" in g:   # said, not guessed: no moving back a year
        if base is None:
            return None
        year = base.year - 1 if "lastyear" in g else base.year
    month = int(g["m"]) if "m" in g else _month_number(g.get("mon", ""), lang)
    day = int(g["d"]) if "d" in g else None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    if year is None:
        if base is None or month is None:
            return None
        year = base.year
        if (month, day or 1) > (base.month, base.day if published and published.precision == "day" else 31):
            year -= 1
    if month is None:
        return DateValue(f"{year:04d}", "year")
    if day is None:
        return DateValue(f"{year:04d}-{month:02d}", "month")
    try:
        return DateValue(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _week(base: dt.date, shift: int) -> DateValue | None:
    """The calendar week before or after the one of `base`, as precise as its days agree."""
    monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=shift)
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return DateValue(monday.isoformat()[:7], "month")
    return DateValue(f"{monday.year:04d}", "year") if monday.year == sunday.year else None


_NUMBER = r"(?P<num>\d+(?:[.,]\d+)*)"


def find_amount(text: str, lang: str) -> tuple[float, str] | None:
    """The first sum of money: "hơn 50 triệu USD", "$43 million", "1,5 milliard d'euros"."""
    lex = lexicon(lang)
    scales = {w.casefold(): float(v) for w, v in lex.valued("scale")}
    currencies = {w.casefold(): v for w, v in lex.valued("currency")}
    if not currencies:
        return None
    cur = "|".join(sorted(map(re.escape, currencies), key=len, reverse=True))
    scale = "|".join(sorted(map(re.escape, scales), key=len, reverse=True)) or "(?!)"
    rx = re.compile(rf"(?P<pre>{cur})?\s?{_NUMBER}\s*(?P<scale>{scale})?\s*(?P<post>{cur})?(?!\w)", re.IGNORECASE)
    for m in rx.finditer(text):
        code = m.group("pre") or m.group("post")
        if not code:
            continue
        num = m.group("num")
        decimal = lex.words("decimal_mark")[:1] or ["."]
        if decimal[0] == ",":
            num = num.replace(".", "").replace(",", ".")
        else:
            num = num.replace(",", "")
        try:
            value = float(num)
        except ValueError:
            continue
        value *= scales.get((m.group("scale") or "").casefold(), 1.0)
        return value, currencies[code.casefold()]
    return None
