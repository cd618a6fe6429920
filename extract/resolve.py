"""Entity resolution: one key per real-world entity, within a document and across documents.

- gazetteer names carry their key;
- a person's short name resolves to the full name introduced in the same document
  ("Putin" -> "Vladimir Putin", "ông Miguel" -> "Miguel Diaz-Canel");
- across documents, names compare after transliteration (anyascii) and spelling folds kept as
  data (ontology/translit_fold.tsv: "ph" -> "f", "y" -> "i"), then with rapidfuzz token by token, and
  a shared surname never merges different given names (Raúl and Fidel Castro stay apart).
Keys are slugs of the preferred name, so the same entity gets the same IRI on every run. The
corpus-wide merge reads only per-key counts of forms and types (clusters.py).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .acronyms import alias_acronyms
from .lexicon import read_tsv
from .mentions import Named
from .model import Document, Entity
from .surnames import is_trailing_run

FUZZY_TOKEN = 88  # rapidfuzz ratio a folded name token must reach to count as the same spelling


@lru_cache(maxsize=1)
def _folds() -> list[tuple[str, str]]:
    path = Path(__file__).resolve().parent.parent / "ontology" / "translit_fold.tsv"
    return [(r["from"], r["to"]) for r in read_tsv(path)]


def fold(name: str) -> str:
    """Transliterate to ASCII, lowercase, drop punctuation, apply spelling folds."""
    from anyascii import anyascii

    text = re.sub(r"[^a-z0-9 ]+", " ", anyascii(name).lower())
    text = " " + re.sub(r"\s+", " ", text).strip() + " "
    for src, dst in _folds():
        text = text.replace(src, dst)
    return text.strip()


def slug(name: str) -> str:
    from anyascii import anyascii

    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-") or "entity"


def same_person_name(a: str, b: str) -> bool:
    """Folded full names that are the same person: same number of tokens, each token close."""
    from rapidfuzz.fuzz import ratio

    ta, tb = fold(a).split(), fold(b).split()
    if len(ta) != len(tb) or not ta:
        return False
    return all(x == y or (min(len(x), len(y)) >= 4 and ratio(x, y) >= FUZZY_TOKEN) for x, y in zip(ta, tb))


def short_matches(short: str, full: str) -> bool:
    """'Putin' or 'Diaz-Canel' or 'Miguel' names the person 'Vladimir Putin'/'Miguel Diaz-Canel'."""
    ts, tf = fold(short).split(), fold(full).split()
    if not ts or len(ts) >= len(tf):
        return False
    n = len(ts)
    return tf[-n:] == ts or tf[:n] == ts or any(tf[i:i + n] == ts for i in range(len(tf) - n + 1))


def resolve_document(doc: Document, names: list[Named]) -> None:
    """Within one document: give gazetteer keys, link short person names to full ones.
    Sets Named.entity to a provisional key ("~folded name") for names the gazetteer lacks."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    # an engine "name" that is only a determiner, a currency or a bare title names nothing
    # ("The" left over from "The European Union", "USD" in "50 triệu USD")
    stop = _not_names(doc.lang or "und")
    names[:] = [n for n in names if (n.key or n.text(doc).casefold() not in stop)
                and not _currency_prefix(doc.text, n)]
    # an engine word inside a person's title phrase is part of the title ("Defence" in "Defence
    # Minister Petar Kolev"), unless it is the country or organisation of the office
    titled = [(n.unit_start, n.start, n.office_of) for n in names if n.type == "Person" and n.unit_start < n.start]
    names[:] = [n for n in names if n.key or not any(s <= n.start and n.end <= e and n is not of
                                                     for s, e, of in titled)]
    _join_split_names(doc, names, gaz)
    _choose_among_namesakes(doc, names, gaz)
    fulls: list[tuple[str, str]] = []  # (surface, provisional key) of multi-word person names seen
    for n in names:
        surface = n.text(doc)
        if n.key:
            entry = gaz.entry(n.key)
            # a capital in a title phrase or an argument keeps its key; metonymy is decided later
            n.entity, n.type = n.key, entry.type
            if entry.type == "Person":
                fulls.append((surface, n.key))
            continue
        hits = gaz.lookup(surface, doc.lang)
        if hits and _compatible(n.type, gaz.entry(hits[0][0]).type):
            # a name the gazetteer engine missed ("Havana’s" split differently by the NLP engine)
            n.key = n.entity = hits[0][0]
            n.type = gaz.entry(n.key).type
            if n.type == "Person":
                fulls.append((surface, n.key))
            continue
        if n.type == "Person":
            hit = _gazetteer_person(surface)
            if hit:
                n.entity = hit
                fulls.append((surface, hit))
                continue
            if len(surface.split()) >= 2:   # "Díaz-Granados" is one word
                n.entity = "~" + fold(surface)
                fulls.append((surface, n.entity))
                continue
        n.entity = "~" + fold(surface)
    _trailing_names(doc, names, fulls)
    # short names: resolve to a full name of the same document (earlier first, then later)
    # (a single word the engine typed otherwise is still the person if it is part of a person's
    # full name in this document: "Coronelli" after "Victor Coronelli")
    for n in names:
        if n.key or not n.entity or not n.entity.startswith("~"):
            continue
        surface = n.text(doc)
        if len(surface.split()) >= 2:
            continue
        cands = {key for full, key in fulls if short_matches(surface, full)}
        if len(cands) == 1:
            n.entity, n.type = cands.pop(), "Person"
    alias_acronyms(doc, names)


def _trailing_names(doc: Document, names: list[Named], fulls: list[tuple[str, str]]) -> None:
    """A name of two or more words that ends a longer person's name of the document is that person
    ("Ould Tah" after "Sidi Ould Tah", "Campos Neto" after "Roberto Campos Neto"): the one person
    named before it, else the one named after it; two candidates leave it apart. The person lists
    (`fulls`) are updated so that a lone "Tah" is not torn between the two forms."""
    starts: dict[str, int] = {}
    for n in names:
        if n.entity:
            starts.setdefault(n.entity, n.start)
    moved: dict[str, str] = {}
    for n in names:
        surface = n.text(doc)
        if n.key or not n.entity or not n.entity.startswith("~") or len(surface.split()) < 2:
            continue
        cands = {key for full, key in fulls if key != n.entity and is_trailing_run(surface, full)}
        earlier = {k for k in cands if starts.get(k, len(doc.text)) < n.start}
        pick = earlier or cands
        if len(pick) == 1:
            moved[n.entity] = pick.pop()
    for n in names:
        if n.entity in moved:
            n.entity, n.type = moved[n.entity], "Person"
    fulls[:] = [(full, moved.get(key, key)) for full, key in fulls]


def _join_split_names(doc: Document, names: list[Named], gaz) -> None:
    """"Phidel Castro" or "Juan Castro": the gazetteer knows the surname "Castro" and the engine
    is left with the given name; the two adjacent pieces are one name, resolved as a whole."""
    i = 0
    while i + 1 < len(names):
        a, b = names[i], names[i + 1]
        if a.key is None and a.type == "Person" and a.kind == "engine" and b.kind == "alias" and b.key \
                and gaz.entry(b.key).type == "Person" and doc.text[a.end:b.start] == " " \
                and a.text(doc)[:1].isupper():
            a.end, a.unit_end = b.end, max(a.unit_end, b.unit_end)
            a.office, a.office_of = a.office or b.office, a.office_of or b.office_of
            del names[i + 1]
        i += 1


def _choose_among_namesakes(doc: Document, names: list[Named], gaz) -> None:
    """A short form several known people share ("Castro": Fidel, Raúl) is the one this document
    names in full; of several, the one named last before it (or first after it)."""
    import bisect

    starts: dict[str, list[int]] = defaultdict(list)   # key -> where it is named in full, ascending
    for start, key in sorted((n.start, n.key) for n in names if n.key and n.kind == "name"):
        starts[key].append(start)
    for n in names:
        if not n.key or n.kind != "alias" or gaz.entry(n.key).type != "Person":
            continue
        cands = {k for k, _ in gaz.lookup(n.text(doc), doc.lang) if gaz.entry(k).type == "Person"}
        named = [k for k in cands if starts.get(k)]
        if len(cands) < 2 or not named:
            continue
        # the candidate named last before the alias, else the one named first after it
        before = [(starts[k][i - 1], k) for k in named if (i := bisect.bisect_left(starts[k], n.start))]
        n.key = max(before)[1] if before else min((starts[k][0], k) for k in named)[1]


def _currency_prefix(text: str, n: Named) -> bool:
    """"US" in "US$200m", "HK" in "HK$": a country code glued to a currency sign is the currency."""
    import unicodedata

    return n.end < len(text) and unicodedata.category(text[n.end]) == "Sc"


@lru_cache(maxsize=None)
def _not_names(lang: str) -> frozenset[str]:
    from .lexicon import lexicon

    lex = lexicon(lang)
    words = lex.words("determiner") + lex.words("currency") + lex.words("scale")
    return frozenset(w.casefold() for w in words + [form for form, _, _ in lex.titles])


def _compatible(engine_type: str, gazetteer_type: str) -> bool:
    places = {"Place", "City", "Country"}
    return engine_type == gazetteer_type or (engine_type in places and gazetteer_type in places) or \
        (engine_type == "Organization" and gazetteer_type in places | {"Organization"})


@lru_cache(maxsize=1)
def _person_index() -> dict[str, list[tuple[str, str]]]:
    """Gazetteer people by folded surname: [(folded full name, key)]."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for form, key, kind in gaz.forms(None):
        if kind == "name" and gaz.entry(key).type == "Person" and len(fold(form).split()) >= 2:
            index[fold(form).split()[-1]].append((form, key))
    return index


def _gazetteer_person(surface: str) -> str | None:
    toks = fold(surface).split()
    if len(toks) < 2:
        return None
    for form, key in _person_index().get(toks[-1], []):
        if same_person_name(surface, form):
            return key
    return None


def resolve_corpus(docs: list[Document], names_by_doc: dict[str, list[Named]]) -> dict[str, Entity]:
    """Across documents: merge provisional keys that name the same entity; build Entities.
    Order-independent (documents are visited sorted by id), so IRIs are stable."""
    from .clusters import cluster_stats, resolve_clusters

    res = resolve_clusters(cluster_stats(docs, names_by_doc))
    entities = res.entities
    docs_by_id = {d.id: d for d in docs}
    for doc_id, names in names_by_doc.items():
        doc = docs_by_id[doc_id]
        for n in names:
            if n.entity in res.retyped:
                n.type = "Person"
            n.entity = res.final[n.entity]
            ent = entities[n.entity]
            ent.docs.add(doc_id)
            ent.aliases.add((n.text(doc), doc.lang or "und"))
            if n.office:
                ent.roles.add(n.office)
    return entities
