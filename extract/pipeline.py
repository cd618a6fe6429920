"""Extraction end to end, without RDF: documents in, entities and facts out.

Each step is per document and a failure stays with its document: the error names the document
and the reason, the others go on.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .engines import engine_for, get_engine
from .errors import EngineUnavailable, InputError, NewsKGError
from .facts import extract_facts
from .lexicon import available_languages, lexicon
from .mentions import Named, merge_mentions
from .model import Annotation, Document, Entity, Fact
from .resolve import resolve_corpus, resolve_document
from .titles import read_title_phrases, strip_titles

DEFAULT_LANGUAGES = tuple(available_languages())   # the languages with data in ontology/lang/


@dataclass
class Extraction:
    docs: list[Document] = field(default_factory=list)
    annotations: dict[str, Annotation] = field(default_factory=dict)
    names: dict[str, list[Named]] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    errors: list[NewsKGError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))


def prepare(doc: Document, languages: Sequence[str] = DEFAULT_LANGUAGES) -> Document:
    """Language (declared or detected) and clean-up; offsets stay mapped to the original."""
    from .cleanup import clean
    from .langdetect import detect_document

    if not doc.lang:
        doc = detect_document(doc, languages)
    if not doc.lang:
        raise InputError("language could not be detected; declare it with a sidecar `lang`", doc.source or doc.id)
    return clean(doc)


def annotate(docs: list[Document], engine: str = "auto") -> tuple[dict[str, tuple[Annotation, Annotation]], list[NewsKGError]]:
    """Run the chosen engine per language, plus the gazetteer; batch per engine, and fall back to
    one document at a time so that one failing document does not sink its batch."""
    gazetteer = get_engine("gazetteer")
    groups: dict[str, list[Document]] = defaultdict(list)
    errors: list[NewsKGError] = []
    chosen = {}
    for doc in docs:
        try:
            eng = engine_for(doc.lang or "und", engine)
        except EngineUnavailable as exc:
            errors.append(InputError(f"{exc}", doc.source or doc.id))
            continue
        chosen[doc.id] = eng
        groups[eng.name].append(doc)
    out: dict[str, tuple[Annotation, Annotation]] = {}
    for name, batch in groups.items():
        eng = get_engine(name)
        try:
            anns = eng.annotate(batch)
            pairs = list(zip(batch, anns))
        except Exception:  # noqa: BLE001 - find the document that failed
            pairs = []
            for doc in batch:
                try:
                    pairs.append((doc, eng.annotate([doc])[0]))
                except Exception as exc:  # noqa: BLE001
                    errors.append(InputError(f"engine {name} failed: {type(exc).__name__}: {exc}", doc.source or doc.id))
        for doc, ann in pairs:
            gaz = gazetteer.annotate([doc])[0] if name != "gazetteer" else ann
            if name != "gazetteer":
                ann.engine = f"{ann.engine}+gazetteer"
            out[doc.id] = (ann, gaz)
    return out, errors


def name_document(doc: Document, ann: Annotation, gaz: Annotation) -> list[Named]:
    """One document's names: engine and gazetteer mentions merged, titles read, resolved within
    the document (keys become final in resolve_corpus)."""
    lex = lexicon(doc.lang or "en")
    names = merge_mentions(doc, ann if ann is not gaz else None, gaz, lex)
    strip_titles(doc, names, lex)
    read_title_phrases(doc, names, lex)
    resolve_document(doc, names)
    return names


def extract(docs: list[Document], engine: str = "auto",
            languages: Sequence[str] = DEFAULT_LANGUAGES) -> Extraction:
    result = Extraction()
    t0 = time.perf_counter()
    prepared = []
    for doc in docs:
        try:
            prepared.append(prepare(doc, languages))
        except NewsKGError as exc:
            result.errors.append(exc)
    result.timings["prepare"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    annotated, errors = annotate(prepared, engine)
    result.errors.extend(errors)
    result.timings["annotate"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in prepared:
        if doc.id not in annotated:
            continue
        ann, gaz = annotated[doc.id]
        names = name_document(doc, ann, gaz)
        result.docs.append(doc)
        result.annotations[doc.id] = ann
        result.names[doc.id] = names
    result.entities = resolve_corpus(result.docs, result.names)
    for doc in result.docs:
        try:
            result.facts[doc.id] = extract_facts(result.annotations[doc.id], result.names[doc.id], result.entities)
        except NewsKGError as exc:
            result.errors.append(exc)
            result.facts[doc.id] = []
    result.timings["extract"] += time.perf_counter() - t0
    _drop_unused(result)
    return result


def _drop_unused(result: Extraction) -> None:
    """Keep entities that a fact uses or that were named (every named entity is a node)."""
    used = {k for facts in result.facts.values() for f in facts for k in (f.subject, f.object, f.place) if k}
    for key in list(result.entities):
        if key not in used and not result.entities[key].docs:
            del result.entities[key]
