"""Mention recall per language: of the gold entities that occur in a document's body (after
clean-up, so related-news blocks and navigation do not count), the share the graph links to that
document (an entity node with a matching label and `nkg:mentionedIn` the document)."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDFS, SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS

from newskg.extract.cleanup import clean
from newskg.extract.readers import read_inputs
from newskg.ontology.terms import NKG

from .evaluate import Gold, normalize_label


@dataclass
class LanguageRecall:
    lang: str
    found: int = 0
    total: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)  # (document, entity)

    @property
    def recall(self) -> float | None:
        return self.found / self.total if self.total else None


def mention_recall(graph, gold: Gold) -> dict[str, LanguageRecall]:
    """Per language of the documents; the documents are re-read from their `nkg:sourceFile`."""
    docs = {}
    for d in set(graph.subjects(NKG.sourceFile, None)):
        docs[str(d)] = (str(graph.value(d, NKG.sourceFile)), str(graph.value(d, DCTERMS.language) or "und"))
    labels: dict[str, set[str]] = defaultdict(set)  # normalised label -> entity nodes
    for p in (RDFS.label, SKOS.altLabel):
        for e, label in graph.subject_objects(p):
            if isinstance(label, Literal):
                labels[normalize_label(str(label))].add(e)
    out: dict[str, LanguageRecall] = {}
    for doc_iri, (path, lang) in sorted(docs.items()):
        read, _ = read_inputs([path])
        if not read:
            continue
        # occurrence keeps accents: folded Vietnamese would find "Nhật" (Japan) inside "nhất"
        body = clean(read[0]).text.casefold()
        mentioned = set(graph.subjects(NKG.mentionedIn, URIRef(doc_iri)))
        row = out.setdefault(lang, LanguageRecall(lang))
        for ent in _occurring(gold, body):
            row.total += 1
            nodes = set().union(*(labels.get(normalize_label(f), set()) for f in (ent.name, *ent.aliases) if f))
            if nodes & mentioned:
                row.found += 1
            else:
                row.missed.append((doc_iri.rsplit("/", 1)[-1], ent.name))
    return out


def _occurring(gold: Gold, body: str) -> list:
    """Gold entities named in the body, longest names first, so that "Kremlin" inside "Grand
    Kremlin Palace" counts for the palace only."""
    forms = sorted(((f.casefold(), ent) for ent in gold.entities.values() for f in (ent.name, *ent.aliases) if f),
                   key=lambda x: -len(x[0]))
    found: dict[str, object] = {}
    for form, ent in forms:
        rx = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
        if rx.search(body):
            found.setdefault(ent.name, ent)
            body = rx.sub(lambda m: " " * len(m.group()), body)
    return list(found.values())


def format_recall(rows: dict[str, LanguageRecall]) -> str:
    lines = ["", "Mention recall (gold entities named in document bodies)", "  lang  recall  found/total"]
    for lang, row in sorted(rows.items()):
        value = "-" if row.recall is None else f"{row.recall:.3f}"
        lines.append(f"  {lang:4}  {value:6}  {row.found}/{row.total}")
    for lang, row in sorted(rows.items()):
        for doc, name in row.missed:
            lines.append(f"  missed [{lang}] {doc}: {name}")
    return "\n".join(lines)
