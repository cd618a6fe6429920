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
