"""Phrases that stand for an entity named elsewhere in the document (extract/roles.py,
extract/capitals.py, extract/facts.py): a role phrase with a nationality and no name ("o chefe de
Estado brasileiro", "Глава турецкого государства") is the person the document names in that office,
never the country; a role noun after a determiner ("el diplomático", "der CDU-Vorsitzende") is the
one person named before it whom it fits; "la capitale ukrainienne" is Kyiv. Small hand-written
documents through the real pipeline, each its own extract() call.

The data under test: grammar kinds `descriptor`, `capital_noun`, `origin` and `plural_determiner`
of ontology/lang/<lang>/grammar.tsv, and the office classes of ontology/group_classes.tsv."""
from __future__ import annotations

import pytest

from newskg.extract.capitals import capitals
from newskg.extract.lexicon import lexicon
from newskg.extract.model import DateValue, Document, Fact
from newskg.extract.pipeline import extract
from newskg.extract.roles import office_fits
from newskg.ontology.relations import SYMMETRIC

LANGS = ("en", "fr", "es", "pt", "ru", "de", "it")


def _facts(case_id: str, lang: str, text: str) -> list[Fact]:
    doc = Document(id=case_id, text=text, lang=lang, published=DateValue.parse("2024-03-15"))
    result = extract([doc], engine="auto")
    assert not result.errors, result.errors
    return result.facts[case_id]


def _has(facts: list[Fact], relation: str, subject: str, obj: str) -> bool:
    ends = {(subject, obj), (obj, subject)} if relation in SYMMETRIC else {(subject, obj)}
    return any(f.relation == relation and (f.subject, f.object) in ends for f in facts)


def _triples(facts: list[Fact]) -> list[tuple[str, str, str]]:
    return [(f.relation, f.subject, f.object) for f in facts]


# (case id, language, text, the fact the phrase must give)
RESOLVED: list[tuple[str, str, str, tuple[str, str, str]]] = [
    ("pt-head-of-state-is-the-president", "pt",
     "O presidente brasileiro Lula recebeu Olaf Scholz em Brasília. "
     "Mais tarde, o chefe de Estado brasileiro condenou a Rússia.",
     ("condemns", "lula", "russia")),
    ("ru-title-split-by-the-adjective", "ru",
     "Президент Турции Реджеп Тайип Эрдоган встретился с Путиным. Глава турецкого государства также осудил Израиль.",
     ("condemns", "recep-tayyip-erdogan", "israel")),
    ("en-head-of-state-as-the-state", "en",
     "Cuban President Miguel Diaz-Canel met Vladimir Putin. "
     "The Cuban head of state thanked Russia for the humanitarian aid.",
     ("aids", "russia", "cuba")),
    ("es-origin-frame-is-not-the-subject", "es",
     "Desde Moscú, el ministro de Exteriores de Rusia, Serguéi Lavrov, condenó a Japón.",
     ("condemns", "sergey-lavrov", "japan")),
    ("es-the-diplomat", "es",
     "El secretario general de la ONU, António Guterres, visitó Kiev. Al día siguiente, el diplomático condenó a Rusia.",
     ("condemns", "antonio-guterres", "russia")),
    ("de-party-chair-compound", "de",
     "CDU-Chef Friedrich Merz besuchte am Montag Paris. Danach reiste der CDU-Vorsitzende nach Rom.",
     ("visited", "friedrich-merz", "rome")),
    ("de-party-chair-is-the-one-member-named", "de",
     "Am Montag reiste Bundeskanzler Friedrich Merz (CDU) nach Rom. Danach flog der CDU-Vorsitzende weiter nach Madrid.",
     ("visited", "friedrich-merz", "madrid")),
    ("fr-the-president-after-a-determiner", "fr",
     "Le président Emmanuel Macron a reçu le chancelier Olaf Scholz à Paris. Le président a ensuite condamné la Russie.",
     ("condemns", "emmanuel-macron", "russia")),
    ("pt-the-ruler-with-nationality", "pt",
     "O primeiro-ministro indiano Narendra Modi chegou a Brasília. Depois, o governante indiano condenou o Paquistão.",
     ("condemns", "narendra-modi", "pakistan")),
]

# (case id, language, text, relation that must not come from the phrase)
UNRESOLVED: list[tuple[str, str, str, str]] = [
    ("en-no-holder-no-country", "en", "The Brazilian president condemned Israel on Monday.", "condemns"),
    ("ru-minister-no-holder", "ru", "Министр Ирана пригласил Лаврова в Тегеран.", "invited"),
    ("pt-counterpart-is-not-the-country", "pt",
     "O chefe de Estado angolano convidou o homólogo sul-africano para uma visita.", "invited"),
    ("fr-two-presidents-ambiguous", "fr",
     "Le président Emmanuel Macron a reçu le président Lula à Paris. Le président a ensuite condamné la Russie.",
     "condemns"),
    ("es-diplomat-named-after-is-no-antecedent", "es",
     "El diplomático condenó a Rusia. Después, el secretario general de la ONU, António Guterres, visitó Kiev.",
     "condemns"),
    ("de-party-chair-two-members", "de",
     "Friedrich Merz (CDU) und Johann Wadephul (CDU) trafen Emmanuel Macron. Danach flog der CDU-Vorsitzende nach Madrid.",
     "visited"),
    ("it-first-unnamed-stays-unnamed", "it",
     "In mattinata la premier ha telefonato al primo ministro greco Kyriakos Mitsotakis. "
     "Poi Matteo Renzi ha criticato la premier.", "condemns"),
]

CAPITALS: list[tuple[str, str, str, tuple[str, str, str]]] = [
    ("fr-capital-adjective", "fr", "Emmanuel Macron s'est rendu dans la capitale ukrainienne lundi.",
     ("visited", "emmanuel-macron", "kyiv")),
    ("fr-capital-of", "fr", "Emmanuel Macron s'est rendu dans la capitale de l'Ukraine lundi.",
     ("visited", "emmanuel-macron", "kyiv")),
    ("es-capital-adjective", "es", "Pedro Sánchez aterrizó en la capital china el domingo.",
     ("visited", "pedro-sanchez", "beijing")),
    ("pt-capital-adjective", "pt", "O presidente Lula chegou à capital chinesa no domingo.",
     ("visited", "lula", "beijing")),
    ("de-adjective-capital", "de", "Olaf Scholz reiste am Montag in die ukrainische Hauptstadt.",
     ("visited", "olaf-scholz", "kyiv")),
    ("ru-capital-genitive", "ru", "Сергей Лавров прибыл в столицу Китая в понедельник.",
     ("visited", "sergey-lavrov", "beijing")),
    ("it-participle-after-the-object", "it",
     "Il presidente Sergio Mattarella ha ricevuto al Quirinale il presidente francese Emmanuel Macron, "
     "arrivato nella capitale italiana lunedì.",
     ("visited", "emmanuel-macron", "rome")),
    ("fr-participle-after-the-object", "fr",
     "Le président Emmanuel Macron a reçu à l'Élysée le chancelier Olaf Scholz, arrivé dans la capitale française lundi.",
     ("visited", "olaf-scholz", "paris")),
    ("it-capital-adjective", "it", "Giorgia Meloni è arrivata nella capitale ucraina lunedì.",
     ("visited", "giorgia-meloni", "kyiv")),
]


@pytest.mark.parametrize("case_id,lang,text,want", RESOLVED, ids=[c[0] for c in RESOLVED])
def test_reference_stands_for_the_named_person(case_id: str, lang: str, text: str,
                                                want: tuple[str, str, str]) -> None:
    facts = _facts(case_id, lang, text)
    assert _has(facts, *want), (want, _triples(facts))
    # the country the phrase names never acts in the person's place
    relation, subject, _ = want
    wrong = [t for t in _triples(facts) if t[0] == relation and t[1] != subject and t[2] == want[2]]
    assert not wrong, wrong


@pytest.mark.parametrize("case_id,lang,text,relation", UNRESOLVED, ids=[c[0] for c in UNRESOLVED])
def test_unresolved_reference_gives_no_fact(case_id: str, lang: str, text: str, relation: str) -> None:
    facts = _facts(case_id, lang, text)
    found = [t for t in _triples(facts) if t[0] == relation]
    assert not found, found


@pytest.mark.parametrize("case_id,lang,text,want", CAPITALS, ids=[c[0] for c in CAPITALS])
def test_capital_phrase_is_the_capital(case_id: str, lang: str, text: str, want: tuple[str, str, str]) -> None:
    facts = _facts(case_id, lang, text)
    assert _has(facts, *want), (want, _triples(facts))
    assert not [t for t in _triples(facts) if t[0] == "visited" and t[2] != want[2]], _triples(facts)


def test_capital_of_a_state_with_two_seats_is_no_city() -> None:
    facts = _facts("en-two-seats", "en", "Antony Blinken arrived in the Dutch capital on Monday.")
    assert not [t for t in _triples(facts) if t[0] == "visited"], _triples(facts)
    assert "netherlands" not in capitals() and capitals()["ukraine"] == "kyiv"


@pytest.mark.parametrize("said,held,fits", [
    ("Head of State", "President", True), ("Head of State", "King", True),
    ("Head of Government", "Prime Minister", True), ("Minister", "Foreign Minister", True),
    ("Diplomat", "Secretary-General", True), ("Leader", "Chancellor", True),
    ("Head of State", "Prime Minister", False), ("Foreign Minister", "Defence Minister", False),
])
def test_office_classes(said: str, held: str, fits: bool) -> None:
    assert office_fits(said, held) is fits


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_reference_words(lang: str) -> None:
    lex = lexicon(lang)
    assert lex.words("capital_noun") and lex.words("origin") and lex.valued("descriptor")
