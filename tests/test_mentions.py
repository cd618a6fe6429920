"""How engine mentions and gazetteer matches become named mentions (extract/mentions.py)."""
from __future__ import annotations

import pytest

from newskg.extract.lexicon import lexicon
from newskg.extract.mentions import merge_mentions
from newskg.extract.model import Annotation, Document, Mention

# An award or a place the engine took for a person: its head noun opens the name, a lower-case
# link follows ("Order of ..."), so the head's type (ontology/lang/<lang>/grammar.tsv) wins.
HEAD_FIRST = [
    ("en", "The king gave him the Order of the Golden Lotus.", "Order of the Golden Lotus", "Award"),
    ("fr", "Le roi lui a remis l'Ordre de la Tortue Verte.", "Ordre de la Tortue Verte", "Award"),
    ("es", "El rey le entregó la Orden del Cóndor Azul.", "Orden del Cóndor Azul", "Award"),
    ("pt", "O rei entregou-lhe a Ordem do Leão Dourado.", "Ordem do Leão Dourado", "Award"),
    ("it", "Il re gli ha consegnato il Premio della Rosa Bianca.", "Premio della Rosa Bianca", "Award"),
    ("es", "La reunión fue en el Palacio de los Leones.", "Palacio de los Leones", "Place"),
]
# A head word that is not first, or not followed by a link, may be a person's name.
PERSONS = [
    ("en", "The talks were led by Stuart Hall of the ministry.", "Stuart Hall"),
    ("es", "Lo anunció Ana Torre Delgado ayer.", "Ana Torre Delgado"),
]


def _named(lang: str, text: str, name: str, engine_type: str):
    doc = Document(id="d", text=text, lang=lang)
    start = text.index(name)
    engine = Annotation(doc, mentions=[Mention(start, start + len(name), engine_type, "PER", engine="test")])
    names = merge_mentions(doc, engine, Annotation(doc), lexicon(lang))
    return [(n.text(doc), n.type) for n in names]


@pytest.mark.parametrize("lang,text,name,want", HEAD_FIRST)
def test_head_first_name_takes_head_type_over_engine_person(lang: str, text: str, name: str, want: str) -> None:
    assert _named(lang, text, name, "Person") == [(name, want)]


@pytest.mark.parametrize("lang,text,name", PERSONS)
def test_person_with_head_word_elsewhere_stays_person(lang: str, text: str, name: str) -> None:
    assert _named(lang, text, name, "Person") == [(name, "Person")]


# A word that modifies an office ("novo presidente", "neue Kanzlerin") opens an institution's own
# name: it stays in the name of an organisation.
MODIFIER_IN_NAME = [
    ("pt", "A reunião do Novo Banco do Atlântico terminou.", "Novo Banco do Atlântico"),
    ("es", "La Nueva Alianza Andina publicó un informe.", "Nueva Alianza Andina"),
    ("fr", "La Nouvelle Banque du Sahel a prêté.", "Nouvelle Banque du Sahel"),
    ("de", "Die Neue Rheinische Bank hat verliehen.", "Neue Rheinische Bank"),
    ("it", "Il Nuovo Banco Adriatico ha prestato.", "Nuovo Banco Adriatico"),
]


@pytest.mark.parametrize("lang,text,name", MODIFIER_IN_NAME)
def test_modifier_word_stays_in_organisation_name(lang: str, text: str, name: str) -> None:
    from newskg.extract.mentions import Named
    from newskg.extract.titles import strip_titles

    doc = Document(id="d", text=text, lang=lang)
    start = text.index(name)
    named = [Named(start, start + len(name), "Organization", None, "engine", "test")]
    strip_titles(doc, named, lexicon(lang))
    assert named[0].text(doc) == name
