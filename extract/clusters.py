"""Corpus-wide entity resolution from per-key counts: which provisional keys (``~folded name``,
set per document by resolve.py) name the same entity, and each entity's key, name and type.

Of all the names of a corpus, this step reads only, per provisional key, how often each surface
form and each type occurs, and in which order the types first occur: ``ClusterStats``. Those
counts can be kept up to date one document at a time (graph/linking.py), so that adding a
document to a large graph does not mean reading every document's names again.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .mentions import Named
from .model import Document, Entity
from .resolve import fold, same_person_name, short_matches, slug


@dataclass
class ClusterStats:
    """What corpus-wide resolution reads of the names that share one provisional key: how often
    each surface form occurs, and each type, in the order types first occur (documents sorted by
    id, names in document order). The first type is that of the cluster's first name."""
    forms: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)   # insertion order = order of first occurrence

    @property
    def first_type(self) -> str:
        return next(iter(self.types))


@dataclass
class Resolution:
    """Corpus-wide resolution: each provisional key's entity key, the provisional keys whose names
    become persons, and the entities (name, type, Wikidata id; no documents or aliases)."""
    final: dict[str, str]
    retyped: set[str]
    entities: dict[str, Entity]


def cluster_stats(docs: list[Document], names_by_doc: dict[str, list[Named]]) -> dict[str, ClusterStats]:
    docs_by_id = {d.id: d for d in docs}
    stats: dict[str, ClusterStats] = {}
    for doc_id in sorted(names_by_doc):
        doc = docs_by_id[doc_id]
        for n in names_by_doc[doc_id]:
            c = stats.setdefault(n.entity, ClusterStats())
            c.forms[n.text(doc)] += 1
            c.types[n.type] += 1
    return stats


def resolve_clusters(stats: dict[str, ClusterStats]) -> Resolution:
    """Resolution from the per-key statistics alone (an incremental build keeps them up to date
    without reading every document's names)."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    target, retyped = _merge_targets(stats)
    merged: dict[str, ClusterStats] = {}
    for k in sorted(stats):
        if k not in target:
            merged[k] = ClusterStats(Counter(stats[k].forms), Counter(stats[k].types))
    root: dict[str, str] = {}
    for k, t in target.items():   # sorted: the merged names follow the root's in key order
        while t in target:
            t = target[t]
        root[k] = t
        merged[t].forms.update(stats[k].forms)
        merged[t].types.update({"Person": stats[k].types.total()} if k in retyped else stats[k].types)
    entities: dict[str, Entity] = {}
    final: dict[str, str] = {}
    for pkey, c in sorted(merged.items()):
        if not pkey.startswith("~"):
            entry = gaz.entry(pkey)
            ent = entities.setdefault(pkey, Entity(pkey, entry.name, entry.type, wikidata=entry.wikidata))
        else:
            name = _preferred(c)
            key = slug(name)
            ent = entities.setdefault(key, Entity(key, name, c.types.most_common(1)[0][0]))
        final[pkey] = ent.key
    for k, t in root.items():
        final[k] = final[t]
    return Resolution(final, retyped, entities)


def _merge_targets(stats: dict[str, ClusterStats]) -> tuple[dict[str, str], set[str]]:
    """Which provisional clusters belong to another (fuzzy full names, short names), in key order,
    and those whose names become persons (a lone surname the engine typed otherwise)."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    full: list[tuple[str, str]] = []  # (cluster key, full name) of persons named with 2+ words
    for k in sorted(stats):
        if stats[k].first_type != "Person":
            continue
        name = k[1:] if k.startswith("~") else gaz.entry(k).name
        if len(fold(name).split()) >= 2:
            full.append((k, name))
    target: dict[str, str] = {}
    retyped: set[str] = set()
    # names of two or more words first, so that a lone surname sees "Ould Tah" as "Sidi Ould Tah"
    for k in sorted(stats, key=lambda k: (len(k.split()) < 2, k)):
        if not k.startswith("~"):
            continue
        if stats[k].first_type != "Person":
            # a lone surname the engine typed as a place or organisation ("Petrova said ...") is
            # the one person of the corpus with that surname
            if len(k.split()) == 1:
                cands = {target.get(o, o) for o, name in full if short_matches(k[1:], name)}
                if len(cands) == 1:
                    target[k] = cands.pop()
                    retyped.add(k)
            continue
        if len(k.split()) >= 2:
            # a fuzzy twin that sorts first (gazetteer keys and earlier spellings) absorbs it
            twin = next((o for o, name in full if o != k and o not in target and
                         (not o.startswith("~") or o < k) and same_person_name(k[1:], name)), None)
            if twin is None:
                # the last words of one longer name of the corpus: "campos neto", "diaz granados"
                cands = {target.get(o, o) for o, name in full if o != k and trailing_words(k[1:], name)}
                twin = cands.pop() if len(cands) == 1 else None
        else:
            cands = {target.get(o, o) for o, name in full if short_matches(k[1:], name)}
            twin = cands.pop() if len(cands) == 1 else None
        if twin:
            target[k] = twin
    return dict(sorted(target.items())), retyped


def trailing_words(short: str, full: str) -> bool:
    """Folded `short` is the last two or more tokens of the longer folded `full`."""
    ts, tf = fold(short).split(), fold(full).split()
    return 2 <= len(ts) < len(tf) and tf[-len(ts):] == ts


def _preferred(c: ClusterStats) -> str:
    """The longest surface seen most often, Latin script first (English preferred labels)."""
    def score(item: tuple[str, int]) -> tuple:
        form, count = item
        return (_latin(form), len(form.split()), count, form)
    return max(c.forms.items(), key=score)[0]


def _latin(form: str) -> bool:
    """Latin script, accents included: Vietnamese "Nguyễn" (U+1EC5) as much as "Díaz"."""
    import unicodedata

    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in form)
