"""The spaCy engine on the installed English pipeline: offsets, sentences at line breaks, long texts."""
from __future__ import annotations

import pytest

from newskg.extract.engines import spacy_engine
from newskg.extract.engines.spacy_engine import SpacyEngine, chunks
from newskg.extract.model import Document

TEXT = ("Putin, Cuban president did not discuss bases, says Kremlin\n"
        "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday.\n"
        "Prime Minister Narendra Modi visited Tokyo.\n")


@pytest.fixture(scope="module")
def engine() -> SpacyEngine:
    return SpacyEngine()


def test_mentions_are_offsets_into_the_text(engine):
    ann = engine.annotate([Document("d", TEXT, lang="en")])[0]
    names = {TEXT[m.start:m.end] for m in ann.mentions}
    assert {"Olaf Scholz", "Emmanuel Macron", "Narendra Modi"} <= names
    assert all(TEXT[t.start:t.end] == t.text for s in ann.sentences for t in s.tokens)


def test_a_line_break_ends_a_sentence(engine):
    ann = engine.annotate([Document("d", TEXT, lang="en")])[0]
    starts = {s.start for s in ann.sentences}
    assert {0, TEXT.index("Chancellor"), TEXT.index("Prime")} <= starts


@pytest.mark.parametrize("lang,text,name", [
    ("fr", "Mme Catherine Colonna s'est rendue à Kiev lundi. Elle a rencontré Volodymyr Zelensky.",
     "Catherine Colonna"),
    ("fr", "Le ministre Jean-Noël Barrot a reçu son homologue Ahmed Attaf mardi. Ils ont parlé.", "Ahmed Attaf"),
    ("en", "Mrs Anna Lindh met Prime Minister Goran Persson in Stockholm. They talked.", "Anna Lindh"),
])
def test_no_sentence_starts_right_after_a_word(engine, lang, text, name):
    """The French parser split "Mme Catherine | Colonna": a sentence starts after punctuation."""
    (ann,) = engine.annotate([Document("d", text, lang=lang)])
    starts = [text[s.start:s.end].split()[0] for s in ann.sentences]
    assert len(ann.sentences) == 2, [text[s.start:s.end] for s in ann.sentences]
    assert all(text[s.start:s.end].rstrip()[-1] in ".!?" for s in ann.sentences)
    assert name in text[ann.sentences[0].start:ann.sentences[0].end]
    assert starts[1] in ("Elle", "Ils", "They")


def test_long_texts_go_through_in_pieces_with_the_same_result(engine, monkeypatch):
    whole = engine.annotate([Document("d", TEXT * 3, lang="en")])[0]
    monkeypatch.setattr(spacy_engine, "CHUNK", 150)
    monkeypatch.setattr(spacy_engine.chunks, "__defaults__", (150,))
    pieces = engine.annotate([Document("d", TEXT * 3, lang="en")])[0]
    assert [(m.start, m.end, m.type) for m in pieces.mentions] == [(m.start, m.end, m.type) for m in whole.mentions]


@pytest.mark.parametrize("text,size", [("", 10), ("a\nb\nc\n", 2), ("x" * 25, 10), ("ab\n" * 40, 7)])
def test_chunks_cover_the_text_exactly(text, size):
    spans = chunks(text, size)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(s < e for s, e in spans) or text == ""
