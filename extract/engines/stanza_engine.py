"""Stanza (Stanford NLP) engine: sentences, tokens, POS, lemmas, dependencies and NER, fully offline.

Models come from a Stanza resources directory or from explicit model files (see stanza_setup);
nothing is ever downloaded here (``download_method=None``).
"""
from __future__ import annotations

import re
from typing import Any, ClassVar

from ..errors import EngineUnavailable, InputError
from ..model import Annotation, Document, Mention, Sentence, Token
from .labels import ontology_type
from .stanza_setup import (INSTALL_HINT, Plan, default_resources_dir, env_model_paths, missing_message,
                           plan_from_paths, plan_from_resources, stanza_installed)

#: languages whose Stanza tokenizer glues a word to the punctuation after it (stanza issue 1504);
#: a space is inserted before such punctuation and offsets are mapped back
SPACE_BEFORE_PUNCT_LANGS = frozenset({"vi"})
# punctuation right after a letter or digit and followed by a space, the end, or more punctuation;
# "3.5", "VOV.VN" and "U.S.A" (followed by a word character) are left alone
_GLUED_PUNCT = re.compile(r"(?<=\w)(?=[.,;:!?…)\]}»”\"'’]+(?:\s|$))")


def space_punctuation(text: str) -> tuple[str, list[int]]:
    """Insert a space before glued punctuation; also return, per character of the new text, its
    offset in ``text`` (an inserted space maps to the character after it)."""
    out: list[str] = []
    index: list[int] = []
    last = 0
    for match in _GLUED_PUNCT.finditer(text):
        out.append(text[last:match.start()])
        index.extend(range(last, match.start()))
        out.append(" ")
        index.append(match.start())
        last = match.start()
    out.append(text[last:])
    index.extend(range(last, len(text)))
    return "".join(out), index


class StanzaEngine:
    name: ClassVar[str] = "stanza"
    #: what every Stanza language gives; an instance adds pos/lemma/deps once a pipeline with those
    #: processors is loaded, and `provides_for(lang)` tells for one language before loading anything
    provides: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "ner"})

    def __init__(self, resources_dir: str | None = None, model_paths: dict[str, dict[str, str]] | None = None,
                 use_gpu: bool | None = None) -> None:
        self.resources_dir = resources_dir or default_resources_dir()
        self._explicit = model_paths
        self._model_paths: dict[str, dict[str, str]] | None = None
        self.use_gpu = use_gpu
        self._pipelines: dict[str, Any] = {}
        self._plans: dict[str, Plan] = {}

    @property
    def model_paths(self) -> dict[str, dict[str, str]]:
        """Explicit model files per language: NEWSKG_STANZA_MODELS overridden by the constructor argument."""
        if self._model_paths is None:
            self._model_paths = {**env_model_paths(), **(self._explicit or {})}
        return self._model_paths

    # ------------------------------------------------------------------ availability
    def _plan(self, lang: str) -> Plan:
        if lang in self._plans:
            return self._plans[lang]
        if not stanza_installed():
            raise EngineUnavailable(INSTALL_HINT)
        if lang in self.model_paths:
            plan = plan_from_paths(lang, self.model_paths[lang])
        else:
            found = plan_from_resources(lang, self.resources_dir)
            if found is None:
                raise EngineUnavailable(missing_message(lang, self.resources_dir))
            plan = found
        self._plans[lang] = plan
        return plan

    def supports(self, lang: str) -> bool:
        try:
            self._plan(lang)
        except EngineUnavailable:
            return False
        return True

    def require(self, lang: str) -> None:
        self._plan(lang)

    def provides_for(self, lang: str) -> frozenset[str]:
        return self._plan(lang).provides

    # ------------------------------------------------------------------ annotation
    def pipeline(self, lang: str) -> Any:
        """The cached stanza.Pipeline of ``lang`` (built on first use)."""
        if lang not in self._pipelines:
            plan = self._plan(lang)
            import stanza

            options = dict(plan.options)
            options.setdefault("dir", self.resources_dir)
            try:
                self._pipelines[lang] = stanza.Pipeline(
                    lang=lang, processors=",".join(plan.processors), download_method=None,
                    use_gpu=self.use_gpu, logging_level="ERROR", **options)
            except (OSError, ValueError, RuntimeError) as exc:
                raise EngineUnavailable(f"cannot load the Stanza models for {lang!r}: {exc}") from exc
            self.provides = self.provides | plan.provides  # type: ignore[misc]
        return self._pipelines[lang]

    def annotate(self, docs: list[Document]) -> list[Annotation]:
        by_lang: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            if not doc.lang:
                raise InputError("no language set; detect it before annotating", document=doc.id)
            self.require(doc.lang)
            by_lang.setdefault(doc.lang, []).append(i)
        out: dict[int, Annotation] = {}
        for lang, indices in by_lang.items():
            import stanza

            nlp = self.pipeline(lang)
            texts, maps = [], []
            for i in indices:
                if lang in SPACE_BEFORE_PUNCT_LANGS:
                    text, index = space_punctuation(docs[i].text)
                else:
                    text, index = docs[i].text, None
                texts.append(text)
                maps.append(index)
            batch = [i for i, t in zip(indices, texts) if t.strip()]
            processed = nlp.bulk_process([stanza.Document([], text=t) for t in texts if t.strip()]) if batch else []
            results = dict(zip(batch, processed))
            for i, index in zip(indices, maps):
                out[i] = self._convert(docs[i], results.get(i), index)
        return [out[i] for i in range(len(docs))]

    @staticmethod
    def _convert(doc: Document, sdoc: Any, index: list[int] | None) -> Annotation:
        annotation = Annotation(doc=doc, engine=StanzaEngine.name)
        if sdoc is None:
            return annotation

        def span(start: int, end: int) -> tuple[int, int]:
            return (start, end) if index is None else (index[start], index[end - 1] + 1)

        for sent in sdoc.sentences:
            tokens = []
            for token in sent.tokens:
                t_start, t_end = span(token.start_char, token.end_char)
                for word in token.words:
                    # one Token per syntactic word: words of a multi-word token share its offsets
                    if word.start_char is not None and word.end_char is not None and len(token.words) > 1:
                        w_start, w_end = span(word.start_char, word.end_char)
                    else:
                        w_start, w_end = t_start, t_end
                    tokens.append(Token(
                        start=w_start, end=w_end, text=word.text, pos=word.upos, lemma=word.lemma,
                        head=(word.head - 1) if word.head else None, deprel=word.deprel))
            if tokens:
                annotation.sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
        for ent in sdoc.ents:
            kind = ontology_type(ent.type)
            if kind is None:
                continue
            start, end = span(ent.start_char, ent.end_char)
            annotation.mentions.append(Mention(start, end, kind, label=ent.type, engine=StanzaEngine.name))
        return annotation

