"""The one data object that flows: Document -> Mention -> Entity -> Fact.

Mentions, tokens and sentences are character offsets into ``Document.text`` (the cleaned
text); ``Document.to_original`` maps an offset back to the raw input so that provenance
always points into what the user gave us.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    OCCURRED = "occurred"
    PLANNED = "planned"      # future or reported intention: "will lend", "sẽ cho ... mượn", "may provide"
    DENIED = "denied"        # "did not discuss", "từ chối": kept as a statement, no direct triple
    # "invited X to visit Y": someone else's proposal, not the actor's plan; a statement, no direct triple
    PROPOSED = "proposed"

    @property
    def asserted(self) -> bool:
        """Whether the fact is stated as true (happened or will happen): only these get a direct triple."""
        return self in (Status.OCCURRED, Status.PLANNED)


@dataclass(frozen=True)
class DateValue:
    """A date known to some precision: ``value`` is an ISO prefix (``2018``, ``2018-11``, ``2018-11-02``)."""

    value: str
    precision: str  # "year" | "month" | "day"

    @classmethod
    def parse(cls, text: str) -> "DateValue":
        text = text.strip()
        parts = text.split("-")
        if not text or len(parts) > 3 or not all(p.isdigit() for p in parts):
            from .errors import InputError

            raise InputError(f"bad date {text!r}; expected YYYY, YYYY-MM or YYYY-MM-DD")
        return cls(text, ("year", "month", "day")[len(parts) - 1])


@dataclass
class Document:
    id: str                       # stable identifier (file stem, or a URL's hash)
    text: str                     # cleaned text the engines see (NFC, boilerplate blanked)
    original: str = ""            # text as read, before clean-up
    source: str = ""              # file path or URL
    url: str | None = None        # becomes the provenance IRI when known
    title: str | None = None
    lang: str | None = None
    published: DateValue | None = None
    offset_map: list[int] | None = None  # cleaned offset -> original offset; None means identity
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.original:
            self.original = self.text

    def to_original(self, offset: int) -> int:
        if self.offset_map is None:
            return offset
        if offset >= len(self.offset_map):
            return len(self.original)
        return self.offset_map[offset]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    pos: str | None = None
    lemma: str | None = None
    head: int | None = None       # index of the head token within the sentence, None for root
    deprel: str | None = None


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str                     # an ontology class name: Person, Country, City, Organization, Place, Award...
    label: str = ""               # the engine's own label (PER, GPE, Np...)
    score: float | None = None
    engine: str = ""
    key: str | None = None        # gazetteer entity key when the engine knows the entity

    def text(self, doc: Document) -> str:
        return doc.text[self.start:self.end]


@dataclass
class Annotation:
    """What an engine gives for one document."""

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    engine: str = ""


@dataclass
class Entity:
    key: str                      # stable slug: the IRI is derived from it
    name: str                     # preferred name (English where known)
    type: str
    aliases: set[tuple[str, str]] = field(default_factory=set)   # (surface form, language tag)
    docs: set[str] = field(default_factory=set)
    wikidata: str | None = None
    roles: set[str] = field(default_factory=set)                # titles stripped from names


@dataclass(frozen=True)
class Evidence:
    doc_id: str
    sentence: str                 # sentence text as in the original document
    start: int                    # offsets of that sentence in Document.original
    end: int
    lang: str
    engine: str


@dataclass
class Fact:
    relation: str                 # one of ontology RELATIONS
    subject: str                  # Entity.key
    object: str                   # Entity.key
    evidence: Evidence
    date: DateValue | None = None
    place: str | None = None      # Entity.key
    amount: float | None = None
    currency: str | None = None
    role: str | None = None       # office for holdsPosition
    status: Status = Status.OCCURRED
    confidence: float = 0.5
    trigger: str = ""


@dataclass
class Report:
    """A document's report of an event that names one participant only ("after the talks at the
    Kremlin on 2 November, Putin said"): no fact, since the other side is unknown, but evidence
    for the one statement of the corpus it fits (graph/events.py links it)."""

    relation: str                 # an event relation: met, talkedTo
    participant: str              # Entity.key
    evidence: Evidence
    date: DateValue
    place: str | None = None      # Entity.key
    status: Status = Status.OCCURRED
    confidence: float = 0.5
    trigger: str = ""


class Facts(list):
    """A document's facts (a list of Fact), with its event reports beside them in ``reports``,
    so that code reading facts sees whole facts only."""

    def __init__(self, facts: Iterable[Fact] = (), reports: Iterable[Report] = ()) -> None:
        super().__init__(facts)
        self.reports: list[Report] = list(reports)
