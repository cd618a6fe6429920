"""Records of `newskg evaluate`: gold rows, scores and the report, rendered as text tables or JSON."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from newskg.ontology.relations import RELATIONS


@dataclass(frozen=True)
class GoldFact:
    doc: str
    subject: str
    relation: str
    object: str                # for holdsPosition: the organisation or country, without the office
    office: str | None         # holdsPosition only: the part after `|`
    date: str | None           # ISO date or prefix (2018-11-02, 2018-11, 2016)
    optional: bool
    evidence: str
    line: int                  # line in the gold file, for messages

    def describe(self) -> str:
        obj = f"{self.object}|{self.office}" if self.office else self.object
        return f"{self.subject} {self.relation} {obj}"


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...]


def _ratio(num: int, den: int) -> float | None:
    """None when the ratio is undefined (nothing to count), never a made-up 0 or 1."""
    return num / den if den else None


@dataclass
class Scores:
    correct: int = 0    # distinct graph triples that match a gold fact (required or optional)
    predicted: int = 0  # distinct graph triples with this relation
    found: int = 0      # required gold rows found
    required: int = 0   # required gold rows

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.required)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class MissedFact:
    fact: GoldFact
    reason: str  # why it was not found, to direct the fix


@dataclass
class WrongTriple:
    subject: str   # display labels
    relation: str
    object: str
    subject_iri: str
    predicate_iri: str
    object_iri: str


@dataclass
class DateMiss:
    fact: GoldFact
    graph_dates: list[str]  # dates on the statement nodes of the matching triples


@dataclass
class DateScores:
    correct: int = 0
    total: int = 0  # found required gold facts that have a gold date
    missed: list[DateMiss] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.correct, self.total)


@dataclass
class TypeMismatch:
    entity: str
    gold_type: str
    node: str
    node_types: list[str]


@dataclass
class EntityScores:
    entities: int = 0                 # gold entities in the entities file
    with_nodes: int = 0               # of those, how many have at least one graph node
    nodes: int = 0                    # (entity, node) pairs over those entities
    missing: list[str] = field(default_factory=list)
    fragmented: dict[str, list[str]] = field(default_factory=dict)  # entity -> its 2+ nodes
    merged: dict[str, list[str]] = field(default_factory=dict)      # node -> its 2+ entities
    type_agree: int = 0
    type_mismatches: list[TypeMismatch] = field(default_factory=list)

    @property
    def fragmentation(self) -> float | None:
        """Graph nodes per gold entity that has any; 1.00 is ideal."""
        return _ratio(self.nodes, self.with_nodes)

    @property
    def type_agreement(self) -> float | None:
        return _ratio(self.type_agree, self.nodes)


@dataclass
class Report:
    docs: list[str]
    overall: Scores
    per_relation: dict[str, Scores]
    missed: list[MissedFact]
    wrong: list[WrongTriple]
    dates: DateScores
    entities: EntityScores
    optional_found: int = 0
    optional_total: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["overall"] = self.overall.to_dict()
        data["per_relation"] = {r: s.to_dict() for r, s in self.per_relation.items()}
        data["dates"]["accuracy"] = self.dates.accuracy
        data["entities"]["fragmentation"] = self.entities.fragmentation
        data["entities"]["type_agreement"] = self.entities.type_agreement
        return data

    def to_text(self) -> str:
        out = [f"Gold: {len(self.docs)} document(s), {self.overall.required} required facts, "
               f"{self.optional_total} optional ({self.optional_found} found); "
               f"graph: {self.overall.predicted} distinct relation triples", ""]
        heads = ["", "P", "R", "F1", "correct/predicted", "found/required"]
        out += _table(heads, [_score_row("overall", self.overall)])
        rows = [_score_row(r, s) for r in RELATIONS if (s := self.per_relation.get(r)) and (s.predicted or s.required)]
        out += ["", "Per relation"] + _table(["relation", *heads[1:]], rows)
        out += ["", f"Missed required facts ({len(self.missed)})"]
        out += _table(["doc", "line", "fact", "reason"],
                      [[m.fact.doc, str(m.fact.line), m.fact.describe(), m.reason] for m in self.missed])
        out += ["", f"Wrong triples ({len(self.wrong)})"]
        out += _table(["subject", "relation", "object", "subject IRI", "object IRI"],
                      [[w.subject, w.relation, w.object, w.subject_iri, w.object_iri] for w in self.wrong])
        d = self.dates
        out += ["", f"Dates: {d.correct}/{d.total} found facts with a gold date carry it ({_fmt(d.accuracy)})"]
        out += _table(["doc", "fact", "gold date", "graph dates"],
                      [[m.fact.doc, m.fact.describe(), m.fact.date or "", ", ".join(m.graph_dates) or "(none)"]
                       for m in d.missed])
        e = self.entities
        out += ["", f"Entities: {e.with_nodes}/{e.entities} gold entities have a node; fragmentation "
                f"{_fmt(e.fragmentation)} nodes per entity; {len(e.merged)} merged node(s); type agreement "
                f"{_fmt(e.type_agreement)} ({e.type_agree}/{e.nodes})"]
        if e.missing:
            out.append("  no node: " + ", ".join(e.missing))
        out += [f"  fragmented: {name} -> {', '.join(nodes)}" for name, nodes in e.fragmented.items()]
        out += [f"  merged: {node} <- {', '.join(names)}" for node, names in e.merged.items()]
        out += [f"  type: {t.entity} is {t.gold_type}, node {t.node} is {', '.join(t.node_types) or '(untyped)'}"
                for t in e.type_mismatches]
        return "\n".join(out) + "\n"


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _score_row(name: str, s: Scores) -> list[str]:
    return [name, _fmt(s.precision), _fmt(s.recall), _fmt(s.f1), f"{s.correct}/{s.predicted}",
            f"{s.found}/{s.required}"]


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return ["  (none)"]
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
    return ["  " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip()
            for row in [headers, *rows]]
