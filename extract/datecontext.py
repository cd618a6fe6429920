"""Dates across a document: what a sentence's own words leave undated, the story around it may date.

Read sentence by sentence, in order (extract/facts.py calls `enter` then `settle` for each):
- anaphors ("the same day", "cùng ngày", "am selben Tag") take the last date mentioned before, at
  their precision (temporal.find_dates with `earlier`); "the day before" ("Накануне", "La veille")
  and a part of the day ("Am Nachmittag") opening a sentence look back from, or stay on, the day of
  their paragraph, else the story's day: the first day the lead tells (a flashback between does
  not move it); "on the eve of the summit" is the day before the day an earlier sentence gave it;
- a weekday or yearless month in a future clause is the coming one (extract/dateclause.py);
- a dateline ("HANOI, June 24 (Reuters) -", "МОСКВА, 24 июня. /ТАСС/.") dates the lead; within
  the lead sentence the body's own date wins over it (the dateline is when the report was filed);
- an undated fact of an event relation (met, talkedTo, visited, ...) that happened, in a sentence
  that continues a dated story, takes that story's date: where the sentence says it happened at
  a dated event ("on the sidelines of the conference", "trong chuyến thăm": dates.tsv rows with
  an `event` group, the event found by its noun in an earlier dated sentence), or where it shares
  a participant with the last dated sentence of the same paragraph (of the paragraph before when
  it says "also": rows with an `also` group; of any paragraph before when it names an event that
  no dated sentence named: "à l'issue de l'entretien"; of the lead, in the paragraph after it, for
  a meeting, signing or award in person in no other city, unless the lead dates a saying) and no
  other date came between; a person takes part in the story of the state or body they hold office
  in ("the French minister"), a capital in its state's; one fact of a sentence so dated dates the
  others sharing a side with it ("All three were received by Zelensky");
- an undated event fact of the headline takes the story's day when one of its sides takes part in
  the lead (after the body's own date for the same fact, extract/facts.py `_date_twins`);
- an undated event fact whose sentence is followed, in the same paragraph, by a dated one naming
  both its sides (or people holding office in them) takes that date: a lead that says what
  happened, then a sentence that says when ("Germany and Kenya signed ... Faeser and Mudavadi
  signed it on Friday");
- a date in a relative or participle clause (", who took office in August", ", arrived on Monday")
  or modifying a noun ("since the elections of 9 October") is that clause's or noun's, not the story's.
Offices, support, criticism and quotations never take a date from context: they are states or
sayings, not events of the day. Wrong dates are worse than none, hence the conditions.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from .model import DateValue, Document, Fact, Status
from .dateclause import adnominal, in_relative_clause, reads_ahead, said_on
from .datelines import find_dateline, find_source_line, headline_line, locality, state_of
from .temporal import DateMention, context_patterns, find_dates

EVENT_RELATIONS = frozenset({"met", "talkedTo", "visited", "signedAgreement", "awarded", "accompanied", "invited",
                             "succeeded"})
IN_PERSON = frozenset({"met", "signedAgreement", "awarded", "accompanied"})
_RANK = {"year": 0, "month": 1, "day": 2}
_KEEP = {"year": 4, "month": 7, "day": 10}



@dataclass
class _Sentence:
    start: int
    text: str
    paragraph: int
    dates: list[DateMention]    # its dates in the past: what it tells as happened
    names: set[str]
    story: DateValue | None = None  # undated, in a paragraph whose story is dated: that story's day


@dataclass
class _Thread:
    """The last dated stretch of the story: its date, where it was told, who took part."""
    date: DateValue
    sentence: int
    paragraph: int
    participants: set[str] = field(default_factory=set)
    said: bool = False   # its date is that of a saying ("announced on Tuesday"), not of an event


def _bare(text: str) -> str:
    """A line's words, for comparing a caption with the headline it repeats."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def compatible(a: DateValue, b: DateValue) -> bool:
    """Whether two dates can name the same time: one is a prefix of the other (2024 and 2024-07-25)."""
    n = min(len(a.value), len(b.value))
    return a.value[:n] == b.value[:n]


def _future(value: DateValue, published: DateValue | None) -> bool:
    return published is not None and value.value[:len(published.value)] > published.value


class DateContext:
    """The date state of one document while its sentences are read in order."""

    def __init__(self, doc: Document, lang: str, affiliations: dict[str, set[str]] | None = None) -> None:
        self.doc, self.lang, self.published = doc, lang, doc.published
        self.affiliations = affiliations or {}   # person -> the states and bodies they hold office in
        self.sentences: list[_Sentence] = []
        self.last: dict[str, DateValue] = {}       # per precision: the last date mentioned at it or finer
        self.thread: _Thread | None = None
        self._paragraphs = [m.start() for m in re.finditer(r"(?m)^(?=[^\n]*\S)", doc.text)]
        self.dateline = find_dateline(doc.text, lang, doc.published)
        self._source_line = self.dateline[:2] if self.dateline else find_source_line(doc.text)
        self._pending: list[Fact] = []   # undated event facts the next sentence may date
        self._carry: list[Fact] = []     # those the sentence entered may still date by its facts
        self._lead_pending = self.dateline is not None
        self._also = False
        # (noun, precision, on its eve) of "during the talks", "on the eve of the summit"
        self._event: tuple[str, str, bool] | None = None
        self.headline = headline_line(doc.text)       # (start, end) of a title line above the story
        self.story_day: DateValue | None = None   # the lead's day: what the headline and "the day before" refer to
        self._story_names: set[str] = set()       # who the story names up to its day
        self._day_in_paragraph: tuple[int, DateValue] | None = None
        self._lead_para: int | None = None

    def in_dateline(self, pos: int) -> bool:
        """Whether `pos` lies in the dateline: its place names where the report was filed, not who acts."""
        return self._source_line is not None and self._source_line[0] <= pos < self._source_line[1]

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self._paragraphs, pos) - 1

    def enter(self, start: int, end: int, names: set[str]) -> list[DateMention]:
        """The dates of the sentence [start, end) (anaphors resolved; the dateline's date where the
        lead gives none); notes them as the story's latest. `names`: the entity keys it names."""
        text = self.doc.text[start:end]
        para = self.paragraph(start)
        dates = find_dates(text, self.lang, self.published, {**self.last, **self._story_anchor(para)})
        dates = [self._ahead(text, d) for d in self._with_dateline(start, end, dates)]
        past = [d for d in dates if not _future(d.value, self.published)
                and not in_relative_clause(text, d.start, self.lang) and not adnominal(text, d.start, self.lang)]
        in_headline = self.headline is not None and self.headline[0] <= start < self.headline[1]
        if not in_headline and self._lead_para is None:
            self._lead_para = para
        if para == self._lead_para and self.story_day is None:
            self._story_names |= names
            self.story_day = next((d.value for d in past if d.value.precision == "day"
                                   and not self._in_dateline_date(start + d.start)), None)
        self._date_pending(para, past, names)
        story = self.thread.date if not past and self.thread and self.thread.paragraph == para else None
        self.sentences.append(_Sentence(start, text, para, past, set(names), story))
        for d in past:
            self._note(d.value)
            if d.value.precision == "day":
                self._day_in_paragraph = (para, d.value)
        if past:
            last = past[-1].value
            if self.thread and compatible(last, self.thread.date) and \
                    _RANK[last.precision] < _RANK[self.thread.date.precision]:
                self.thread.participants |= names   # "... later this year": the same story goes on
            else:
                self.thread = _Thread(last, len(self.sentences) - 1, para, set(names),
                                      said_on(text, past[-1].start, past[-1].end, self.lang))
        self._also = any(rx.search(text) for rx, _ in context_patterns(self.lang, "also"))
        self._event = next(((m.group("event"), p or "day", bool(m.groupdict().get("eve")))
                            for rx, p in context_patterns(self.lang, "event") for m in [rx.search(text)] if m), None)
        return dates

    def settle(self, facts: list[Fact]) -> None:
        """Date the undated event facts of the sentence last entered from the story around it."""
        here = self.sentences[-1]
        if self._carry and here.dates:
            self._date_facts(self._carry, here.dates[0].value,
                             here.names | {k for f in facts for k in (f.subject, f.object)})
        self._carry = []
        inherited = None
        undated = [f for f in facts if f.date is None and not here.dates and f.status == Status.OCCURRED
                   and f.relation in EVENT_RELATIONS]
        for f in undated:
            f.date = self._event_date(here)
            if f.date is None and not (self._event and self._event[2]):   # the eve of an undated event: unknown
                f.date = self._thread_date(here, f)
            inherited = inherited or f.date
        # one event of the sentence dated by the story: its other facts sharing a side are that event
        # ("All three were received by Zelensky": the one of them who took part in the story dates all)
        dated = {k for f in undated if f.date is not None for k in (f.subject, f.object)}
        for f in undated:
            if f.date is None and {f.subject, f.object} & dated:
                f.date = inherited
            if f.date is None:
                self._pending.append(f)
        if inherited is not None:
            self._note(inherited)
            self.thread = _Thread(inherited, len(self.sentences) - 1, here.paragraph, set(here.names))
        if self.thread is not None and self.thread.sentence == len(self.sentences) - 1:
            self.thread.participants |= {k for f in facts for k in (f.subject, f.object)}

    def _goes_on_lead(self, t: _Thread, fact: Fact) -> bool:
        """Whether `fact`, told in the paragraph after the lead, goes on with the lead's news: a
        meeting, signing or award in person, in no other city or country ("Putin met X in Ankara"
        after a lead in Moscow is another story; a phone call may be any day); not where the lead's
        date is that of a saying ("announced on Tuesday")."""
        return t.paragraph == self._lead_para and not t.said \
            and fact.relation in IN_PERSON and (fact.place is None or fact.place in self._reach(t.participants)
                                                or not locality(fact.place))

    def _in_dateline_date(self, pos: int) -> bool:
        """Whether `pos` is in the dateline: its date is when the report was filed, not the news."""
        return self.dateline is not None and self.dateline[0] <= pos < self.dateline[1]

    def _story_anchor(self, para: int) -> dict[str, DateValue]:
        """What "the day before" with no day before it in its sentence is the eve of, and "in the
        afternoon" the day of: the last day told in its paragraph, else the story's day (a report
        steps back from its news: "Накануне", "La veille", "Na véspera" opening a paragraph, and
        forward: "Am Nachmittag" after a flashback), else the dateline's; none where the story gave
        no day (then "the day before" is the eve of the last day told, or of publication)."""
        if self._day_in_paragraph is not None and self._day_in_paragraph[0] == para:
            return {"story": self._day_in_paragraph[1]}
        anchor = self.story_day or (self.dateline[2] if self.dateline else None)
        return {"story": anchor} if anchor is not None and anchor.precision == "day" else {}

    def _ahead(self, text: str, d: DateMention) -> DateMention:
        """A weekday or a yearless date in a clause that speaks of the future is the coming one
        ("Na quinta-feira, X será recebido"); a weekday naming the publication day stays that day."""
        if d.ahead is None or d.value == self.published or not reads_ahead(text, d.start, d.end, self.lang):
            return d
        return DateMention(d.start, d.end, d.ahead)

    def date_headline(self, facts: list[Fact]) -> None:
        """An undated event fact of the headline that the body did not date is the lead's news: it
        takes the story's day where one of its sides takes part in the story the lead tells. So does
        a line that repeats the headline (a photo caption, a standfirst)."""
        if self.headline is None or self.story_day is None:
            return
        reach = self._reach(self._story_names)
        lo, hi = self.doc.to_original(self.headline[0]), self.doc.to_original(max(self.headline[1] - 1, 0)) + 1
        title = _bare(self.doc.text[self.headline[0]:self.headline[1]])
        for f in facts:
            if f.date is None and f.status == Status.OCCURRED and f.relation in EVENT_RELATIONS and \
                    (lo <= f.evidence.start < hi or _bare(f.evidence.sentence) == title) and \
                    any(self._reach({k}) & reach for k in (f.subject, f.object)):
                f.date = self.story_day

    def _reach(self, keys: set[str]) -> set[str]:
        """The entities, the states or bodies they hold office in, and the state a capital stands
        for (a story told in Damascus is Syria's)."""
        return set(keys).union(*(self.affiliations.get(k, ()) for k in keys), *(state_of(k) for k in keys))

    def _date_pending(self, para: int, past: list[DateMention], names: set[str]) -> None:
        """The sentence after an undated event fact, in its paragraph, says when it happened where
        it has one date and names both sides of the fact (or who holds office in them); the sides
        its own facts name count too ("the two met on Friday": settle tries again with them)."""
        pending, self._pending = self._pending, []
        self._carry = []
        if not pending or len({d.value for d in past}) != 1 or \
                self.paragraph(self.sentences[-1].start if self.sentences else 0) != para:
            return
        self._carry = self._date_facts(pending, past[0].value, names)

    def _date_facts(self, pending: list[Fact], value: DateValue, names: set[str]) -> list[Fact]:
        """Date those of `pending` whose both sides `names` reach; the others."""
        reach = self._reach(names)
        left = []
        for f in pending:
            if f.date is None and all(self._reach({k}) & reach for k in (f.subject, f.object)):
                f.date = value
            elif f.date is None:
                left.append(f)
        return left

    def _note(self, value: DateValue) -> None:
        if value.precision == "day" and ("latest" not in self.last or value.value > self.last["latest"].value):
            self.last["latest"] = value   # what "later" follows
        for precision, rank in _RANK.items():
            if _RANK[value.precision] >= rank:
                self.last[precision] = DateValue(value.value[:_KEEP[precision]], precision)

    def _with_dateline(self, start: int, end: int, dates: list[DateMention]) -> list[DateMention]:
        if self.dateline is None:
            return dates
        d_start, d_end, value = self.dateline
        if start <= d_start < end:
            if not any(c.isalpha() for c in self.doc.text[d_end:end]):
                return dates     # the dateline stands alone: it dates the next sentence
            self._lead_pending = False   # the lead holds the dateline: the body's own date first
            own = [d for d in dates if not d_start <= start + d.start < d_end]
            return own if any(not _future(d.value, self.published) for d in own) else dates
        if self._lead_pending and end > d_end:
            self._lead_pending = False
            if not dates:
                return [DateMention(0, 0, value)]
        return dates

    def _event_date(self, here: _Sentence) -> DateValue | None:
        """"On the sidelines of the conference": the date of the first earlier sentence that names
        that event and is dated (or goes on with its paragraph's dated story), at the precision the
        row allows (a visit lasts days); "on the eve of the summit": the day before a summit dated to the day."""
        if self._event is None:
            return None
        noun, precision, eve = self._event
        stem = noun if len(noun) <= 5 or " " in noun else noun[:max(4, len(noun) - 2)]
        # a long noun may head a compound ("Konsultationen" in "Regierungskonsultationen")
        rx = re.compile(("" if len(stem) >= 8 else r"(?<!\w)") + re.escape(stem), re.IGNORECASE)
        for s in self.sentences[:-1]:
            m = rx.search(s.text)
            if m and (s.dates or s.story):
                d = min(s.dates, key=lambda d: min(abs(d.start - m.start()), abs(d.end - m.start()))).value \
                    if s.dates else s.story
                if eve:
                    return DateValue((dt.date.fromisoformat(d.value) - dt.timedelta(days=1)).isoformat(), "day") \
                        if d.precision == "day" else None
                keep = min(_RANK[d.precision], _RANK[precision])
                p = next(k for k, r in _RANK.items() if r == keep)
                return DateValue(d.value[:_KEEP[p]], p)
        return None

    def _thread_date(self, here: _Sentence, fact: Fact) -> DateValue | None:
        """The story's date where the fact goes on with it: a participant in common, told in the
        same paragraph (or the next one, saying "also"), no other date since."""
        t = self.thread
        if t is None or t.date.precision == "year" or t.sentence == len(self.sentences) - 1:
            return None
        if not self._reach({fact.subject, fact.object}) & self._reach(t.participants):
            return None
        # an event phrase ("after the talks") whose event no dated sentence named is the story's;
        # the paragraph after a dated lead goes on telling its news ("X arrived today in Dili. ||
        # X was received by Y, with whom he held talks")
        goes_on = here.paragraph == t.paragraph + 1 and (self._also or self._goes_on_lead(t, fact))
        if here.paragraph != t.paragraph and not goes_on and self._event is None:
            return None
        return t.date
