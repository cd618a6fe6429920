"""Score a built graph against gold facts by the rules of the shared evaluation README.

A gold fact is found when some direct triple ``<s> <…#relation> <o>`` has ends whose labels
(rdfs:label or skos:altLabel) equal, after `normalize_label`, the gold name or an alias from
the entities file. Relations are recognised by the predicate's local name, whatever its
namespace, as the contract asks. A Dataset is scored as the union of all its graphs.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, BNode, Literal, URIRef
from rdflib.term import Node

from newskg.extract.errors import InputError, UnknownChoice
from newskg.extract.model import DateValue
from newskg.ontology.relations import ENTITY_TYPES, RELATIONS, SYMMETRIC
from newskg.ontology.terms import ENTITY_NS

from .evaluate_report import (DateMiss, DateScores, EntityScores, GoldEntity, GoldFact, MissedFact, Report,
                              Scores, TypeMismatch, WrongTriple)
from .names import normalize_label

__all__ = ["Gold", "GoldEntity", "GoldFact", "Report", "evaluate", "load_gold", "normalize_label"]

GOLD_COLUMNS = ("doc", "subject", "relation", "object", "date", "optional", "evidence")
ENTITY_COLUMNS = ("name", "type", "aliases")
_OPTIONAL = {"": False, "no": False, "yes": True}
_ENTITY_CLASSES = frozenset(ENTITY_TYPES) | {"Entity"}
_DATE = re.compile(r"(-?\d{4,})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


@dataclass
class Gold:
    facts: list[GoldFact]
    entities: dict[str, GoldEntity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_key = {normalize_label(e.name): e for e in self.entities.values()}

    def docs(self) -> list[str]:
        return sorted({f.doc for f in self.facts})

    def canonical(self, name: str) -> str:
        """The entities file's spelling of a gold name, or the name itself when it has no entry."""
        entity = self._by_key.get(normalize_label(name))
        return entity.name if entity else name

    def keys(self, name: str) -> frozenset[str]:
        """Normalised surface forms of a gold name: the name and its aliases."""
        entity = self._by_key.get(normalize_label(name))
        forms = [name] + ([entity.name, *entity.aliases] if entity else [])
        return frozenset(k for k in map(normalize_label, forms) if k)

    def select(self, docs: Iterable[str] | None) -> tuple[list[str], list[GoldFact]]:
        """Gold rows of the named documents (file name or stem); every document when None."""
        known = self.docs()
        if docs is None:
            return known, list(self.facts)
        by_name = {d: d for d in known} | {Path(d).stem: d for d in known}
        chosen = []
        for d in docs:
            if d not in by_name and Path(d).name not in by_name:
                raise UnknownChoice("gold document", d, known)
            chosen.append(by_name.get(d) or by_name[Path(d).name])
        wanted = set(chosen)
        return sorted(wanted), [f for f in self.facts if f.doc in wanted]


def _read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file: {exc}", str(path)) from exc
    header = [h.strip() for h in lines[0].split("\t")] if lines else []
    if missing := [c for c in columns if c not in header]:
        raise InputError(f"line 1: header lacks {', '.join(missing)}; expected columns {', '.join(columns)}",
                         str(path))
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise InputError(f"line {number}: {len(cells)} tab-separated fields, header has {len(header)}",
                             str(path))
        # Editors trim trailing tabs, so short rows mean empty trailing cells.
        yield number, {h: c.strip() for h, c in zip(header, cells + [""] * (len(header) - len(cells)))}


def _require(path: Path, number: int, row: dict[str, str], names: Iterable[str]) -> None:
    for name in names:
        if not row[name]:
            raise InputError(f"line {number}: empty {name}", str(path))


def load_entities(entities_path: str | Path) -> dict[str, GoldEntity]:
    path, entities, seen = Path(entities_path), {}, {}
    for number, row in _read_tsv(path, ENTITY_COLUMNS):
        _require(path, number, row, ("name", "type"))
        if row["type"] not in ENTITY_TYPES:
            raise InputError(f"line {number}: unknown type {row['type']!r}; expected one of "
                             f"{', '.join(ENTITY_TYPES)}", str(path))
        key = normalize_label(row["name"])
        if key in seen:
            raise InputError(f"line {number}: {row['name']!r} repeats line {seen[key]}", str(path))
        seen[key] = number
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        entities[row["name"]] = GoldEntity(row["name"], row["type"], aliases)
    return entities


def load_gold(gold_path: str | Path, entities_path: str | Path | None = None) -> Gold:
    """Read the gold facts TSV and (optionally) the entities TSV; a bad row raises InputError with its line."""
    path, facts = Path(gold_path), []
    for number, row in _read_tsv(path, GOLD_COLUMNS):
        _require(path, number, row, ("doc", "subject", "relation", "object"))
        relation, obj, office = row["relation"], row["object"], None
        if relation not in RELATIONS:
            raise InputError(f"line {number}: unknown relation {relation!r}; expected one of "
                             f"{', '.join(RELATIONS)}", str(path))
        if "|" in obj:
            if relation != "holdsPosition":
                raise InputError(f"line {number}: '|' (office) in object {obj!r} is only for holdsPosition",
                                 str(path))
            obj, office = (part.strip() for part in obj.split("|", 1))
        if row["date"]:
            try:
                DateValue.parse(row["date"])
            except InputError as exc:
                raise InputError(f"line {number}: {exc}", str(path)) from exc
        flag = row["optional"].lower()
        if flag not in _OPTIONAL:
            raise InputError(f"line {number}: optional is {row['optional']!r}; expected 'yes', 'no' or empty",
                             str(path))
        facts.append(GoldFact(row["doc"], row["subject"], relation, obj, office or None, row["date"] or None,
                              _OPTIONAL[flag], row["evidence"], number))
    return Gold(facts, load_entities(entities_path) if entities_path is not None else {})


def _local(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _quads(graph: object) -> Iterator[tuple[Node, Node, Node]]:
    """Triples of an rdflib Graph, of every named graph of a Dataset, or of a pyoxigraph Store."""
    if hasattr(graph, "quads_for_pattern"):  # pyoxigraph Store / Dataset
        for q in graph.quads_for_pattern(None, None, None, None):
            yield _from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)
    elif hasattr(graph, "quads"):  # rdflib Dataset / ConjunctiveGraph: .triples() sees the default graph only
        for s, p, o, _ in graph.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from graph.triples((None, None, None))


def _from_ox(term: object) -> Node:
    from .oxconvert import from_ox

    kind = type(term).__name__
    # RDF-star triple terms: opaque, never labelled
    return from_ox(term) if kind in ("NamedNode", "BlankNode", "Literal") else URIRef(str(term))


class _Index:
    """One pass over the graph: labels, types, relation triples and statement dates."""

    def __init__(self, graph: object, gold: Gold, names: set[str]):
        self.labels: dict[Node, list[Literal]] = defaultdict(list)
        self.types: dict[Node, set[str]] = defaultdict(set)
        self.triples: set[tuple[Node, URIRef, Node]] = set()
        parts: dict[Node, dict[Node, Node]] = defaultdict(dict)
        node_dates: dict[Node, set[str]] = defaultdict(set)
        for s, p, o in _quads(graph):
            if p in (RDFS.label, SKOS.altLabel) and isinstance(o, Literal):
                self.labels[s].append(o)
            elif p == RDF.type:
                self.types[s].add(_local(o))
            elif p in (RDF.subject, RDF.predicate, RDF.object):
                parts[s][p] = o
            elif _local(p) == "date" and isinstance(o, Literal):
                node_dates[s].add(str(o))
            if _local(p) in RELATIONS:
                self.triples.add((s, p, o))
        self.statement_dates: dict[tuple, set[str]] = defaultdict(set)
        for st, spo in parts.items():
            if len(spo) == 3:
                self.statement_dates[(spo[RDF.subject], spo[RDF.predicate], spo[RDF.object])] |= node_dates[st]
        ends = {n for s, _, o in self.triples for n in (s, o)}
        self.entity_nodes = {n for n in self.labels if n in ends or self.types[n] & _ENTITY_CLASSES
                             or str(n).startswith(str(ENTITY_NS))}
        by_key: dict[str, set[str]] = defaultdict(set)
        for name in names:
            for key in gold.keys(name):
                by_key[key].add(name)
        # The gold names each entity node answers to, through any of its labels.
        self.names = {n: set().union(*(by_key.get(normalize_label(str(lab)), set()) for lab in self.labels[n]))
                      for n in self.entity_nodes}

    def display(self, node: Node) -> str:
        labels = sorted(self.labels.get(node, []), key=lambda lab: (lab.language not in ("en", None), str(lab)))
        return str(labels[0]) if labels else (str(node) if isinstance(node, Literal) else _local(node))

    def dates_for(self, triple: tuple[Node, URIRef, Node], symmetric: bool) -> set[str]:
        s, p, o = triple
        return self.statement_dates.get((s, p, o), set()) | (self.statement_dates.get((o, p, s), set())
                                                              if symmetric else set())


def _date_parts(text: str) -> tuple[int, ...] | None:
    m = _DATE.match(text.strip())
    return tuple(int(g) for g in m.groups() if g is not None) if m else None


def date_matches(gold_date: str, graph_date: str) -> bool:
    """The graph's date equals the gold's at the gold's precision; finer is fine (2018-11-02 for 2018-11)."""
    want, have = _date_parts(gold_date), _date_parts(graph_date)
    return bool(want and have and have[:len(want)] == want)


def evaluate(graph: object, gold: Gold, docs: Iterable[str] | None = None) -> Report:
    """Score ``graph`` against ``gold`` (restricted to ``docs`` when given); see the module docstring."""
    chosen, facts = gold.select(docs)
    canon = {name: gold.canonical(name) for f in facts for name in (f.subject, f.object)}
    index = _Index(graph, gold, set(canon.values()) | set(gold.entities))
    # Every (relation, subject name, object name) reading of each graph triple.
    by_key: dict[tuple[str, str, str], set[tuple]] = defaultdict(set)
    for triple in index.triples:
        s, p, o = triple
        rel = _local(p)
        for sn in index.names.get(s, ()):
            for on in index.names.get(o, ()):
                by_key[(rel, sn, on)].add(triple)
                if rel in SYMMETRIC:
                    by_key[(rel, on, sn)].add(triple)
    per_rel = {r: Scores() for r in RELATIONS}
    missed, date_scores, matched, optional_found = [], DateScores(), set(), 0
    for fact in facts:
        hits = by_key.get((fact.relation, canon[fact.subject], canon[fact.object]), set())
        matched |= hits
        if fact.optional:
            optional_found += bool(hits)
            continue
        per_rel[fact.relation].required += 1
        if not hits:
            missed.append(MissedFact(fact, _why(fact, canon, index, by_key)))
            continue
        per_rel[fact.relation].found += 1
        if fact.date:
            date_scores.total += 1
            have = set().union(*(index.dates_for(t, fact.relation in SYMMETRIC) for t in hits))
            if any(date_matches(fact.date, d) for d in have):
                date_scores.correct += 1
            else:
                date_scores.missed.append(DateMiss(fact, sorted(have)))
    wrong = []
    for triple in index.triples:
        s, p, o = triple
        per_rel[_local(p)].predicted += 1
        if triple in matched:
            per_rel[_local(p)].correct += 1
        else:
            wrong.append(WrongTriple(index.display(s), _local(p), index.display(o), str(s), str(p), str(o)))
    wrong.sort(key=lambda w: (w.relation, w.subject, w.object, w.subject_iri, w.object_iri))
    overall = Scores(*(sum(getattr(s, k) for s in per_rel.values())
                       for k in ("correct", "predicted", "found", "required")))
    return Report(chosen, overall, per_rel, missed, wrong, date_scores, _entity_scores(gold, index),
                  optional_found, sum(f.optional for f in facts))


def _why(fact: GoldFact, canon: dict[str, str], index: _Index, by_key: dict) -> str:
    subj, obj = canon[fact.subject], canon[fact.object]
    for name in (subj, obj):
        if not any(name in names for names in index.names.values()):
            return f"no node labelled {name!r}"
    others = sorted(r for r in RELATIONS if r != fact.relation and (r, subj, obj) in by_key)
    if others:
        return f"graph relates them by {', '.join(others)}"
    if (fact.relation, obj, subj) in by_key:
        return "graph has it reversed"
    return f"no {fact.relation} triple between their nodes"


def _entity_scores(gold: Gold, index: _Index) -> EntityScores:
    scores = EntityScores(entities=len(gold.entities))
    for name, entity in gold.entities.items():
        nodes = sorted((n for n, names in index.names.items() if name in names), key=str)
        if not nodes:
            scores.missing.append(name)
            continue
        scores.with_nodes += 1
        scores.nodes += len(nodes)
        if len(nodes) > 1:
            scores.fragmented[name] = [str(n) for n in nodes]
        for node in nodes:
            if entity.type in index.types[node]:
                scores.type_agree += 1
            else:
                scores.type_mismatches.append(TypeMismatch(name, entity.type, str(node),
                                                           sorted(index.types[node])))
    for node in sorted(index.names, key=str):
        if len(hits := sorted(index.names[node] & gold.entities.keys())) > 1:
            scores.merged[str(node)] = hits
    return scores
