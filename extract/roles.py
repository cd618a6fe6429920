"""Role references: a title that stands for a person the text does not name there ("Chủ tịch
Cuba", "the Cuban president", "The President said"); facts.py resolves each to whoever holds that
office in the document.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .lexicon import Lexicon, alternation, determiner_before
from .mentions import Named
from .model import Document
from .spanmask import SpanMask
from .titles import casefolded, fold, match_title_end, title_table


@lru_cache(maxsize=1)
def _office_classes() -> dict[str, frozenset[str]]:
    from .groups import group_classes

    return {k.casefold(): members for k, (kind, members) in group_classes().items() if kind == "office"}


def office_fits(said: str | None, held: str | None) -> bool:
    """A role phrase's office fits the office a person is said to hold: the same, one of its class
    in ontology/group_classes.tsv ("Head of State": President, King...; "Leader": the leaders), or
    a kind of it ("Minister": "Foreign Minister")."""
    if not said or not held:
        return False
    return said == held or held in _office_classes().get(said.casefold(), ()) or held.endswith(" " + said)


def _split_title(low: str, country: Named, splits: dict[str, list[tuple[str, str]]]) -> tuple[int, int, str] | None:
    """A title with the country's adjective inside it: "Глава малайзийского правительства" is
    "глава правительства" of Malaysia. (start, end, office). `splits`: _title_splits."""
    if country.type != "Country" or not splits:
        return None
    lo = max(0, country.start - 80)   # a window: slicing the whole text per country is quadratic
    before, after = low[lo:country.start], low[country.end:country.end + 60]
    if not before.endswith(" ") or not after.startswith(" "):
        return None
    before, after = before.rstrip(), after.lstrip()
    gap = len(low[country.end:country.end + 60]) - len(after)
    words = before.split(" ")
    for k in range(1, min(4, len(words)) + 1):
        head = " ".join(words[-k:])
        s = lo + len(before) - len(head)
        if s > 0 and low[s - 1].isalnum():
            continue
        for tail, office in splits.get(head, ()):
            if after.startswith(tail) and (len(after) == len(tail) or not after[len(tail)].isalnum()):
                return s, country.end + gap + len(tail), office
    return None


def _title_splits(titles) -> dict[str, list[tuple[str, str]]]:
    """Each office title of several words cut in two: head -> [(tail, office)], longest tail first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for form, office, kind, _ in titles:
        words = form.split(" ")
        if kind != "office":
            continue
        for k in range(1, len(words)):
            out.setdefault(" ".join(words[:k]), []).append((" ".join(words[k:]), office))
    for tails in out.values():
        tails.sort(key=lambda t: -len(t[0]))
    return out


def find_role_references(doc: Document, names: list[Named], lex: Lexicon) -> list[Named]:
    """A title with a country or organisation and no name ("Chủ tịch Cuba", "the Cuban president",
    "the Russian leader") refers to whoever holds that office in the document; facts.py resolves it.
    Returns new Person names spanning the title phrase."""
    titles = [t for t in title_table(lex) if t[2] == "office"]
    # role nouns that are no titles ("el diplomático", "o governante"): grammar kind `descriptor`
    titles = sorted(titles + [(fold(f), v, "office", None) for f, v in lex.valued("descriptor")], key=lambda t: -len(t[0]))
    # "o homólogo sul-africano": a counterpart word stands for a person as a title does (the
    # office is the other person's, which the phrase does not say: facts.py leaves it unresolved)
    titles += sorted(((fold(w), "", "counterpart", None) for w in lex.words("counterpart")), key=lambda t: -len(t[0]))
    low = casefolded(doc.text)
    splits = _title_splits(titles)
    persons = sorted((o.start, o.end) for o in names if o.type == "Person")
    person_starts = [s for s, _ in persons]
    longest = max((e - s for s, e in persons), default=0)
    units = SpanMask(len(doc.text), [(o.unit_start, o.unit_end) for o in names
                                     if o.type == "Person" and 0 <= o.unit_start < o.start])
    out = []
    for n in names:
        if n.absorbed or n.type not in ("Country", "Organization"):
            continue
        # title before the country (vi, fr, es...): "Chủ tịch Cuba"
        k = n.start
        while k > 0 and doc.text[k - 1] == " ":
            k -= 1
        hit = _split_title(low, n, splits) or match_title_end(low, k, titles)
        if hit and len(hit) == 3:   # "Глава малайзийского правительства"
            ref = Named(hit[0], hit[1], "Person", office=hit[2], office_of=n, kind="role", engine="title")
        elif hit:
            ref = Named(hit[0], n.end, "Person", office=hit[1], office_of=n, kind="role", engine="title")
        else:
            # country adjective before the title (en, de): "the Cuban president"
            after = re.match(r" +|-(?=\w)", doc.text[n.end:])   # "CDU-Vorsitzende": a compound
            if not after:
                continue
            rest = low[n.end + after.end():n.end + after.end() + 60]
            found = next(((f, o) for f, o, k, _ in titles if rest.startswith(f) and
                          (len(rest) == len(f) or not rest[len(f)].isalnum())), None)
            if not found:
                continue
            end = n.end + after.end() + len(found[0])
            ref = Named(n.start, end, "Person", office=found[1], office_of=n, kind="role", engine="title")
        hi = bisect.bisect_left(person_starts, ref.end + 2)
        lo = bisect.bisect_left(person_starts, ref.start - longest)
        if any(ref.start < persons[x][1] for x in range(lo, hi)):
            continue  # a named person follows: that is a title phrase, not a reference
        if units.overlaps(ref.start, ref.end):
            continue  # "принял в Кремле председателя КНР Си": the title is a named person's
        ref.unit_start, ref.unit_end = ref.start, ref.end
        n.absorbed = True
        out.append(ref)
    out += _bare_titles(doc, names, out, [t for t in titles if t[2] == "office"], lex)
    # the determiner belongs to the phrase as it does to a title phrase: "reiste der
    # CDU-Vorsitzende nach Warschau" reads as "reiste Merz nach Warschau"
    det = determiner_before(lex.lang)
    if det is not None:
        for ref in out:
            m = det.search(doc.text, max(0, ref.unit_start - 12), ref.unit_start)
            if m:
                ref.unit_start = m.start()
    return out


def _bare_titles(doc: Document, names: list[Named], refs: list[Named], titles, lex: Lexicon) -> list[Named]:
    """A title standing alone, capitalised ("Thủ tướng đã gặp ...", "The President said") or after
    a determiner ("el diplomático", "le président a condamné", "la nouvelle cheffe"), refers to the
    one holder of that office the document names before it."""
    taken = SpanMask(len(doc.text), [(n.unit_start, n.unit_end) for n in names] + [(r.start, r.end) for r in refs])
    dets, links = lex.words("determiner"), lex.words("title_link")
    # the determiner, and at most one word ("la nouvelle cheffe"), right before the title
    det = re.compile(rf"(?<!\w){alternation(dets)}\s+(?:[^\W\d_]+\s+)?$", re.IGNORECASE) if dets else None
    # "le président de la Commission": the title is of what follows, not a reference
    link = re.compile(rf"[ \t]+{alternation(links)}(?!\w)", re.IGNORECASE) if links else None
    out: list[Named] = []
    for form, office, *_ in titles:
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", doc.text, re.IGNORECASE):
            start, end = m.span()
            if taken.overlaps(start, end):
                continue
            pointing = not doc.text[start].isupper()   # a lowercase title points back ("el diplomático")
            if pointing:
                if det is None or not det.search(doc.text, max(0, start - 40), start) \
                        or (link is not None and link.match(doc.text, end)):
                    continue
            follows = re.match(r"[ \t]+(\S)", doc.text[end:end + 3])
            if follows and follows.group(1).isupper():
                continue  # a name or an institution follows: a title phrase, handled elsewhere
            ref = Named(start, end, "Person", office=office, kind="role", engine="descriptor" if pointing else "title")
            ref.unit_start, ref.unit_end = start, end
            taken.add(start, end)
            out.append(ref)
    return out
