"""Vietnamese with underthesea (CRF models ship in the wheel; no torch, no download).

underthesea's CRF `ner` is weak on news (wrong types, spans swallowing neighbours), while its
POS tag `Np` finds almost every proper name as one token; so mentions are `Np` runs typed by the
words before them (titles, "hãng tin", "tờ" ...: ontology/lang/vi/context.tsv). The gazetteer
engine, merged later, gives the type when it knows the name.
"""
from __future__ import annotations

import importlib.util
import re
from typing import ClassVar

from ..errors import EngineUnavailable
from ..lexicon import lexicon
from ..model import Annotation, Document, Mention, Sentence, Token

_PARA = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs, then underthesea's splitter, with its abbreviation splits undone."""
    from underthesea import sent_tokenize

    spans: list[tuple[int, int]] = []
    for para in _PARA.finditer(text):
        pos = para.start()
        pieces: list[tuple[int, int]] = []
        for sent in sent_tokenize(para.group()):
            start = text.find(sent, pos, para.end())
            if start < 0:  # the splitter normalised something: fall back to the paragraph
                pieces = [(para.start(), para.end())]
                break
            pieces.append((start, start + len(sent)))
            pos = start + len(sent)
        for start, end in pieces:
            # "VOV.VN - ..." gets cut after "VOV.": glue a fragment without a space to the next
            if spans and (text[spans[-1][1]:start] == "" or end - start < 4) and spans[-1][0] >= para.start():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


class UndertheseaEngine:
    name: ClassVar[str] = "underthesea"
    provides: ClassVar[frozenset[str]] = frozenset({"sentences", "tokens", "pos", "ner"})

    def supports(self, lang: str) -> bool:
        return lang == "vi" and importlib.util.find_spec("underthesea") is not None

    def require(self, lang: str) -> None:
        if lang != "vi":
            raise EngineUnavailable(f"underthesea handles Vietnamese only, not {lang!r}")
        if importlib.util.find_spec("underthesea") is None:
            raise EngineUnavailable("underthesea is not installed: pip install 'newskg[nlp]'")

    def annotate(self, docs: list[Document]) -> list[Annotation]:
        for doc in docs:
            self.require(doc.lang or "vi")
        return [self._annotate(doc) for doc in docs]

    def _annotate(self, doc: Document) -> Annotation:
        from underthesea import pos_tag

        context = lexicon("vi").context
        titles = {form.casefold() for form, _, _ in lexicon("vi").titles}
        heads = tuple(w.casefold() for w in lexicon("vi").words("name_head"))
        sentences, mentions = [], []
        for s_start, s_end in split_sentences(doc.text):
            tokens: list[Token] = []
            pos = s_start
            for word, tag in pos_tag(doc.text[s_start:s_end]):
                start = doc.text.find(word, pos, s_end)
                if start < 0:
                    continue
                tokens.append(Token(start, start + len(word), word, tag))
                pos = start + len(word)
            sentences.append(Sentence(s_start, s_end, tokens))
            mentions.extend(self._proper_names(doc, tokens, context, titles, heads))
        return Annotation(doc, sentences, mentions, "underthesea")

    @staticmethod
    def _proper_names(doc: Document, tokens: list[Token], context: dict[str, str],
                      titles: set[str], heads: tuple[str, ...] = ()) -> list[Mention]:
        out = []
        # underthesea already joins a multi-word name into one Np token ("Vladimir Putin"); adjacent
        # Np tokens are different names ("Nga" "Vladimir Putin" after "Tổng thống"), so never glue them.
        for i, tok in enumerate(tokens):
            if tok.pos != "Np" or not tok.text[:1].isupper():
                continue
            before = [t.text.casefold() for t in tokens[max(0, i - 3):i]]
            typ = _context_type(before, context, titles)
            if typ is None and any(tok.text.casefold().startswith(h + " ") for h in heads):
                typ = "Organization"  # an institution's head noun opens its name: "Quỹ VinFuture"
            if typ is None:
                # a foreign name written in two or more capitalised words is most often a person
                typ = "Person" if len(tok.text.split()) >= 2 else "Organization"
            out.append(Mention(tok.start, tok.end, typ, "Np", None, "underthesea"))
        return out


def _context_type(before: list[str], context: dict[str, str], titles: set[str]) -> str | None:
    for n in (3, 2, 1):
        if len(before) >= n and " ".join(before[-n:]) in context:
            return context[" ".join(before[-n:])]
    # a title shortly before ("Tổng thống Nga Vladimir Putin") marks a person
    return "Person" if any(word in titles for word in before[-2:]) else None
