"""A state given as a nationality adjective on the noun of its cause ("la adhesión ucraniana",
grammar kind `state_noun`) is the object a supports row names, as "la adhesión de Ucrania" is."""
from __future__ import annotations

import pytest

from newskg.extract.model import DateValue, Document
from newskg.extract.pipeline import extract


def _facts(lang: str, text: str) -> set[tuple[str, str, str]]:
    doc = Document(id=f"demonym-{lang}", text=text, lang=lang, published=DateValue("2024-03-15", "day"))
    result = extract([doc], engine="auto" if lang == "fr" else "gazetteer")
    assert not result.errors, result.errors
    return {(f.relation, f.subject, f.object) for f in result.facts[doc.id]}


@pytest.mark.parametrize("lang,text,want", [
    ("pt", "Lula apoia a adesão timorense à ASEAN.", ("supports", "lula", "east-timor")),
    ("fr", "Emmanuel Macron soutient l'adhésion ukrainienne à l'Union européenne.",
     ("supports", "emmanuel-macron", "ukraine")),
    ("it", "Giorgia Meloni sostiene la candidatura ucraina.", ("supports", "giorgia-meloni", "ukraine")),
    ("es", "Pedro Sánchez apoya la candidatura ucraniana.", ("supports", "pedro-sanchez", "ukraine")),
])
def test_nationality_adjective_names_supported_state(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert want in _facts(lang, text)


@pytest.mark.parametrize("lang,text", [
    # the adjective qualifies no cause noun: nothing supported
    ("es", "Pedro Sánchez apoya la economía ucraniana."),
])
def test_nationality_adjective_elsewhere_names_no_object(lang: str, text: str) -> None:
    assert not any(f[0] == "supports" for f in _facts(lang, text))
