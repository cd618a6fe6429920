"""Entity resolution of later, shorter references, with hand-written documents in several
languages through the real engines (spaCy for en/fr, the casing engine for es/pt/de/ru) and the
gazetteer: a compound or hyphenated surname after the full name ("García Olmedo" after "Andrés
García Olmedo"), a surname that is also a place's name ("Montenegro" after "Luís Montenegro")
where the sentence uses it as a person but not after a locative word, and acronyms defined in
parentheses ("Fondo Andino de Energía (FAE)") standing for their name in the whole document."""
from __future__ import annotations

import pytest

from newskg.extract.acronyms import initials_fit, is_acronym
from newskg.extract.model import DateValue, Document
from newskg.extract.pipeline import Extraction, extract
from newskg.extract.surnames import is_trailing_run

DOCS: dict[str, tuple[str, str]] = {
    # compound and hyphenated surnames
    "compound-es": ("es", "El ministro de Hacienda, Andrés García Olmedo, viajó a Lima el lunes. "
                          "García Olmedo dijo que el préstamo llegará en mayo."),
    "compound-pt": ("pt", "O ministro das Finanças, Tiago Ferreira Lopes, chegou a Maputo na terça-feira. "
                          "Ferreira Lopes assinou dois acordos com o governo."),
    "compound-fr": ("fr", "Le ministre mauritanien Ahmed Ould Bah a rencontré Emmanuel Macron à Paris. "
                          "M. Ould Bah a salué la coopération entre les deux pays."),
    "compound-en": ("en", "Finance Minister Ahmed Ould Bah met Emmanuel Macron in Paris on Monday. "
                          "Ould Bah said the talks had been useful."),
    "hyphen-de": ("de", "Bundesminister Jonas Schulte-Wendt besuchte am Montag Nairobi. "
                        "Schulte-Wendt sagte, die Gespräche seien gut verlaufen."),
    "hyphen-es": ("es", "La canciller Marta Díaz-Olano llegó a Quito el martes. "
                        "Díaz-Olano firmó un acuerdo comercial."),
    "hyphen-ru": ("ru", "Министр Аркадий Волков-Петров прибыл в Минск. "
                        "Волков-Петров заявил, что переговоры прошли успешно."),
    # two earlier people share the compound surname: it stays apart
    "ambiguous-es": ("es", "El diputado Andrés García Olmedo y la senadora Lucía García Olmedo llegaron a Lima. "
                           "García Olmedo dijo que la reunión fue útil."),
    # a surname that is also a place
    "place-pt": ("pt", "O primeiro-ministro Luís Montenegro chegou a Maputo na segunda-feira. "
                       "Montenegro assinou dois acordos. Depois, disse Montenegro, haverá mais visitas."),
    "place-pt-locative": ("pt", "O primeiro-ministro Luís Montenegro falou em Lisboa. "
                                "No ano passado, o governo abriu uma embaixada em Montenegro."),
    "place-fr": ("fr", "Le Premier ministre portugais Luís Montenegro est arrivé à Paris lundi. "
                       "Montenegro a rencontré Emmanuel Macron à l'Élysée."),
    "place-fr-locative": ("fr", "Le Premier ministre portugais Luís Montenegro est arrivé à Paris lundi. "
                                "Emmanuel Macron se rendra au Monténégro en mai."),
    "place-en": ("en", "Foreign Minister Ana Lima met Emmanuel Macron in Paris on Monday. "
                       "Lima said the talks were useful. Macron will travel to Lima in June."),
    # acronyms defined in parentheses
    "acronym-es": ("es", "El Fondo Andino de Energía (FAE) aprobó un crédito para Bolivia. "
                         "Según el FAE, el dinero llegará en junio."),
    "acronym-es-reverse": ("es", "El BAF (Banco Andino de Fomento) aprobó un crédito para Ecuador. "
                                 "El presidente del BAF visitó Quito."),
    "acronym-pt": ("pt", "A Agência Nacional de Mineração (ANM) multou a empresa em Brasília. "
                         "A ANM disse que vai recorrer."),
    "acronym-fr": ("fr", "La Banque ouest-africaine de commerce (BOAC) a accordé un prêt au Sénégal. "
                         "Selon la BOAC, les travaux commenceront en mars."),
    "acronym-en": ("en", "On Monday the Pacific Fisheries Council (PFC) met in Suva. "
                         "The PFC said it would meet again in May."),
    # a person's party in parentheses is not the person's acronym
    "party-de": ("de", "Bundesinnenministerin Karla Neumann (SPD) reiste nach Nairobi. "
                       "Die SPD lobte die Reise."),
}


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    docs = [Document(id=i, text=t, lang=lang, published=DateValue.parse("2024-05-15"))
            for i, (lang, t) in DOCS.items()]
    result = extract(docs, engine="auto")
    assert not result.errors, result.errors
    return result


def resolved(ex: Extraction, doc_id: str) -> list[tuple[str, str, str]]:
    """(surface, entity key, type) of each name of a document, in order."""
    doc = next(d for d in ex.docs if d.id == doc_id)
    return [(n.text(doc), n.entity, n.type) for n in ex.names[doc_id]]


def entities_of(ex: Extraction, doc_id: str, surface: str) -> list[str]:
    return [key for form, key, _ in resolved(ex, doc_id) if form == surface]


@pytest.mark.parametrize("doc_id,full,short", [
    ("compound-es", "Andrés García Olmedo", "García Olmedo"),
    ("compound-pt", "Tiago Ferreira Lopes", "Ferreira Lopes"),
    ("compound-fr", "Ahmed Ould Bah", "Ould Bah"),
    ("compound-en", "Ahmed Ould Bah", "Ould Bah"),
    ("hyphen-de", "Jonas Schulte-Wendt", "Schulte-Wendt"),
    ("hyphen-es", "Marta Díaz-Olano", "Díaz-Olano"),
    ("hyphen-ru", "Аркадий Волков-Петров", "Волков-Петров"),
])
def test_trailing_words_of_a_full_name_are_that_person(extraction: Extraction, doc_id: str, full: str,
                                                       short: str) -> None:
    (key,) = set(entities_of(extraction, doc_id, full))
    assert entities_of(extraction, doc_id, short) == [key]
    ent = extraction.entities[key]
    assert ent.type == "Person" and ent.name == full
    assert (short, DOCS[doc_id][0]) in ent.aliases
    # no node of its own for the short form
    assert not any(e.name == short and doc_id in e.docs for e in extraction.entities.values())


def test_a_surname_two_people_share_stays_apart(extraction: Extraction) -> None:
    andres = set(entities_of(extraction, "ambiguous-es", "Andrés García Olmedo"))
    lucia = set(entities_of(extraction, "ambiguous-es", "Lucía García Olmedo"))
    short = set(entities_of(extraction, "ambiguous-es", "García Olmedo"))
    assert andres and lucia and andres != lucia
    assert short and not short & (andres | lucia)


@pytest.mark.parametrize("doc_id,person,count", [
    ("place-pt", "luis-montenegro", 2),   # subject of a verb; after a reporting verb
    ("place-fr", "luis-montenegro", 1),
    ("place-en", "ana-lima", 1),
])
def test_a_surname_that_is_a_place_is_the_person_where_it_acts(extraction: Extraction, doc_id: str, person: str,
                                                              count: int) -> None:
    lone = [(key, typ) for form, key, typ in resolved(extraction, doc_id)
            if form in ("Montenegro", "Lima")]
    assert lone.count((person, "Person")) == count, lone


@pytest.mark.parametrize("doc_id,place,surface", [
    ("place-pt-locative", "montenegro", "Montenegro"),   # "em Montenegro"
    ("place-fr-locative", "montenegro", "Monténégro"),   # "au Monténégro"
    ("place-en", "lima", "Lima"),                        # "travel to Lima"
])
def test_the_place_stays_a_place_after_a_locative_word(extraction: Extraction, doc_id: str, place: str,
                                                       surface: str) -> None:
    last = [(key, typ) for form, key, typ in resolved(extraction, doc_id) if form == surface][-1]
    assert last[0] == place and last[1] in ("Country", "City")
    assert extraction.entities[place].type in ("Country", "City")


@pytest.mark.parametrize("doc_id,full,acronym", [
    ("acronym-es", "Fondo Andino de Energía", "FAE"),
    ("acronym-es-reverse", "Banco Andino de Fomento", "BAF"),
    ("acronym-pt", "Agência Nacional de Mineração", "ANM"),
    ("acronym-fr", "Banque ouest-africaine de commerce", "BOAC"),
    ("acronym-en", "Pacific Fisheries Council", "PFC"),
])
def test_an_acronym_defined_in_parentheses_is_its_name(extraction: Extraction, doc_id: str, full: str,
                                                       acronym: str) -> None:
    (key,) = set(entities_of(extraction, doc_id, full))
    uses = entities_of(extraction, doc_id, acronym)
    assert len(uses) >= 1 and set(uses) == {key}, resolved(extraction, doc_id)
    ent = extraction.entities[key]
    assert ent.name == full and ent.type == "Organization"
    assert (acronym, DOCS[doc_id][0]) in ent.aliases


def test_a_party_after_a_person_is_not_the_persons_acronym(extraction: Extraction) -> None:
    (person,) = set(entities_of(extraction, "party-de", "Karla Neumann"))
    assert person not in entities_of(extraction, "party-de", "SPD")
    assert ("SPD", "de") not in extraction.entities[person].aliases


def test_across_documents_a_compound_surname_is_the_one_person_of_the_corpus() -> None:
    docs = [Document(id="a", text="El canciller Rubén Ortiz Lezama visitó Asunción el lunes.", lang="es"),
            Document(id="b", text="El martes, el canciller Ortiz Lezama llegó a Lima.", lang="es")]
    result = extract(docs, engine="auto")
    assert not result.errors
    (key,) = set(entities_of(result, "a", "Rubén Ortiz Lezama"))
    assert entities_of(result, "b", "Ortiz Lezama") == [key]
    assert ("Ortiz Lezama", "es") in result.entities[key].aliases


@pytest.mark.parametrize("short,full,expected", [
    ("Ould Tah", "Sidi Ould Tah", True),
    ("Campos Neto", "Roberto Campos Neto", True),
    ("Díaz-Granados", "Sergio Díaz-Granados", True),
    ("Diaz Granados", "Sergio Díaz-Granados", False),   # a hyphenated surname is one word
    ("Sidi Ould", "Sidi Ould Tah", False),              # leading words are not a surname
    ("Sidi Ould Tah", "Sidi Ould Tah", False),
])
def test_trailing_run(short: str, full: str, expected: bool) -> None:
    assert is_trailing_run(short, full) is expected


@pytest.mark.parametrize("acronym,name,expected", [
    ("BAD", "Banque africaine de développement", True),
    ("AMI", "Agence mauritanienne d'information", True),
    ("NDB", "Novo Banco de Desenvolvimento", True),     # an English acronym after a translation
    ("МУС", "Международного уголовного суда", True),
    ("SPD", "Karla Neumann", False),
    ("KfW", "Kreditanstalt für Wiederaufbau", True),
])
def test_initials_fit(acronym: str, name: str, expected: bool) -> None:
    assert is_acronym(acronym)
    assert initials_fit(acronym, name) is expected


@pytest.mark.parametrize("text", ["M23", "Paris", "A", "G7", "UNITED NATIONS"])
def test_not_an_acronym(text: str) -> None:
    assert not is_acronym(text)
