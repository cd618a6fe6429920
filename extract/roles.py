"""Role references: a title that stands for a person the text does not name there ("Chủ tịch
Cuba", "the Cuban president", "The President said"); facts.py resolves each to whoever holds that
office in the document.
"""
from __future__ import annotations

import bisect
import re

from .lexicon import Lexicon
from .mentions import Named
from .model import Document
from .spanmask import SpanMask
from .titles import casefolded, match_title_end, title_table


def find_role_references(doc: Document, names: list[Named], lex: Lexicon) -> list[Named]:
    """A title with a country or organisation and no name ("Chủ tịch Cuba", "the Cuban president",
    "the Russian leader") refers to whoever holds that office in the document; facts.py resolves it.
    Returns new Person names spanning the title phrase."""
    titles = [t for t in title_table(lex) if t[2] == "office"]
    low = casefolded(doc.text)
    persons = sorted((o.start, o.end) for o in names if o.type == "Person")
    person_starts = [s for s, _ in persons]
    longest = max((e - s for s, e in persons), default=0)
    out = []
    for n in names:
        if n.absorbed or n.type not in ("Country", "Organization"):
            continue
        # title before the country (vi, fr, es...): "Chủ tịch Cuba"
        k = n.start
        while k > 0 and doc.text[k - 1] == " ":
            k -= 1
        hit = match_title_end(low, k, titles)
        if hit:
            ref = Named(hit[0], n.end, "Person", office=hit[1], office_of=n, kind="role", engine="title")
        else:
            # country adjective before the title (en, de): "the Cuban president"
            after = re.match(r" +", doc.text[n.end:])
            if not after:
                continue
            rest = low[n.end + after.end():n.end + after.end() + 60]
            found = next(((f, o) for f, o, *_ in titles if rest.startswith(f) and
                          (len(rest) == len(f) or not rest[len(f)].isalnum())), None)
            if not found:
                continue
            end = n.end + after.end() + len(found[0])
            ref = Named(n.start, end, "Person", office=found[1], office_of=n, kind="role", engine="title")
        hi = bisect.bisect_left(person_starts, ref.end + 2)
        lo = bisect.bisect_left(person_starts, ref.start - longest)
        if any(ref.start < persons[x][1] for x in range(lo, hi)):
            continue  # a named person follows: that is a title phrase, not a reference
        ref.unit_start, ref.unit_end = ref.start, ref.end
        n.absorbed = True
        out.append(ref)
    return out + _bare_titles(doc, names, out, titles)


def _bare_titles(doc: Document, names: list[Named], refs: list[Named], titles) -> list[Named]:
    """A capitalised office title standing alone ("Thủ tướng đã gặp ...", "The President said")
    refers to the one holder of that office the document names."""
    taken = SpanMask(len(doc.text), [(n.unit_start, n.unit_end) for n in names] + [(r.start, r.end) for r in refs])
    out: list[Named] = []
    for form, office, *_ in titles:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", doc.text, re.IGNORECASE):
            start, end = m.span()
            if not doc.text[start].isupper() or taken.overlaps(start, end):
                continue
            follows = re.match(r"[ \t]+(\S)", doc.text[end:end + 3])
            if follows and follows.group(1).isupper():
                continue  # a name or an institution follows: a title phrase, handled elsewhere
            ref = Named(start, end, "Person", office=office, kind="role", engine="title")
            ref.unit_start, ref.unit_end = start, end
            taken.add(start, end)
            out.append(ref)
    return out
