"""The casing engine: names the gazetteer does not know, found by their capitals and typed by
their context, in languages without an installed statistical engine. Hand-written sentences."""
from __future__ import annotations

import pytest

from newskg.extract.engines import AUTO_PREFERENCE, engine_for, get_engine
from newskg.extract.errors import EngineUnavailable
from newskg.extract.model import DateValue, Document
from newskg.extract.pipeline import extract


def _names(lang: str, text: str) -> dict[str, str]:
    doc = Document("t", text, lang=lang, published=DateValue.parse("2024-03-14"))
    result = extract([doc], engine="casing")
    return {n.text(result.docs[0]): n.type for n in result.names["t"]}


def _facts(lang: str, text: str) -> set[tuple[str, str, str]]:
    doc = Document("t", text, lang=lang, published=DateValue.parse("2024-03-14"))
    result = extract([doc], engine="auto")
    return {(f.relation, f.subject, f.object) for f in result.facts["t"]}


@pytest.mark.parametrize(("lang", "text", "want"), [
    # an office or a counterpart before, past a nationality adjective and a comma
    ("es", "El canciller chileno, Alberto van Klaveren, llegó a Lima.", {"Alberto van Klaveren": "Person"}),
    ("es", "Se reunió con su homólogo peruano, Javier González-Olaechea.", {"Javier González-Olaechea": "Person"}),
    ("pt", "O ministro da Fazenda, Fernando Haddad, viajou a Pequim.", {"Fernando Haddad": "Person"}),
    # a surname that is a city's name
    ("pt", "O ministro das Finanças, Pedro Lima, chegou ontem.", {"Pedro Lima": "Person"}),
    # a given name that is also a city's
    ("pt", "Recebeu o chanceler argentino, Santiago Cafiero.", {"Santiago Cafiero": "Person"}),
    # a compound office ("Bundeswirtschaftsminister") and an inflected one ("Präsidenten")
    ("de", "Bundeswirtschaftsminister Robert Habeck traf den Präsidenten Hage Geingob.",
     {"Robert Habeck": "Person", "Hage Geingob": "Person"}),
    # a known country inside a run is a name of its own
    ("ru", "Лавров провел переговоры с коллегой из Мали Абдулаем Диопом.",
     {"Мали": "Country", "Абдулаем Диопом": "Person"}),
    # German: a run inside a sentence without a common noun's look
    ("de", "Der Sonderbeauftragte der Regierung, Joachim Stamp, sprach von einem Erfolg.", {"Joachim Stamp": "Person"}),
    # head nouns: an institution, a place
    ("es", "El Banco Interamericano de Desarrollo aprobó el préstamo.", {"Banco Interamericano de Desarrollo": "Organization"}),
    ("es", "Lo recibió en el Palacio de Planalto.", {"Palacio de Planalto": "Place"}),
    # what an office is of is an organisation; an acronym is one
    ("pt", "Foi assinado pelo presidente do BNDES, Aloizio Mercadante.",
     {"BNDES": "Organization", "Aloizio Mercadante": "Person"}),
    ("es", "La Cancillería citó al embajador ante la OEA.", {"OEA": "Organization"}),
    # untyped, two words or more: most often a person
    ("es", "Según Marta Lucía Ramírez, el acuerdo es bueno.", {"Marta Lucía Ramírez": "Person"}),
    # Italian: an office and a nationality before, a name particle inside, an elided article no name
    ("it", "Il ministro dell'Economia, Giancarlo Giorgetti, è arrivato a Bruxelles.", {"Giancarlo Giorgetti": "Person"}),
    ("it", "L'ambasciatore Maria della Valle ha incontrato il sindaco.", {"Maria della Valle": "Person"}),
    ("it", "Il Fondo di Sviluppo Mediterraneo ha approvato il prestito.", {"Fondo di Sviluppo Mediterraneo": "Organization"}),
    # German: a common noun before a name is no part of it (a counterpart word, an inflected noun)
    ("de", "Der Minister sprach mit seinem Kollegen Tomasz Wójcik über die Lage.", {"Tomasz Wójcik": "Person"}),
    ("de", "Nach dem Tod des Langzeitherrschers Hafis al-Assad kam sein Sohn.", {"Hafis al-Assad": "Person"}),
    # Arabic name particles, spaced or joined by a hyphen, keep the name whole
    ("pt", "O ministro Khalid bin Saud al-Faisal chegou a Luanda.", {"Khalid bin Saud al-Faisal": "Person"}),
    ("es", "El canciller Omar ben Salem el-Masri llegó a Lima.", {"Omar ben Salem el-Masri": "Person"}),
    ("ru", "Министр Халид бин Сауд аль-Фейсал прибыл в Москву.", {"Халид бин Сауд аль-Фейсал": "Person"}),
    # a name opening a paragraph: its first word is never written in lower case
    ("pt", "Ernesto Mabunda criticou o acordo. O ministro disse que Mabunda mente.", {"Ernesto Mabunda": "Person"}),
    # an office of several words ending inside the run; an acronym-like short name of its organisation
    ("it", "Con lui c'era il ministro dell'Interno Marco Bellandi.", {"Marco Bellandi": "Person"}),
    ("it", "La segretaria del Pd Laura Bianchi ha criticato il governo.", {"Pd": "Organization", "Laura Bianchi": "Person"}),
    # a head noun opening the sentence is the name's
    ("it", "Palazzo Madama ha approvato la legge.", {"Palazzo Madama": "Place"}),
    # a Russian name ends before an adjective that opens what follows
    ("ru", "Слова Пак Чон Ми Центральное телеграфное агентство привело в пятницу.", {"Пак Чон Ми": "Person"}),
    # an institution named after a place, then its head's holder; a head noun opening a piece
    ("it", "Il governatore della Banca d'Italia Fabio Moretti ha parlato.", {"Banca d'Italia": "Organization", "Fabio Moretti": "Person"}),
    ("fr", "Le Conseil d'État a rejeté le recours.", {"Conseil d'État": "Organization"}),
    ("es", "La Secretaría General de la OEA publicó el informe.", {"Secretaría General": "Organization"}),
    ("es", "El presidente habló desde la Casa de Nariño.", {"Casa de Nariño": "Place"}),
    ("pt", "Recebeu o Colar da Ordem de Timor-Leste.", {"Colar da Ordem de Timor-Leste": "Award"}),
    # a German compound ending in a context word types the name after it
    ("de", "Kritik kam von der Menschenrechtsorganisation Pro Natura Libera.", {"Pro Natura Libera": "Organization"}),
    # context words with their link: "agência noticiosa", "província de", "porto do"
    ("pt", "Foi citado pela agência noticiosa Kabinda. Depois visitou a província de Malanje.",
     {"Kabinda": "Organization", "Malanje": "Place"}),
    # a context word past a nationality adjective
    ("it", "Lo ha riferito l'agenzia tunisina Kaps.", {"Kaps": "Organization"}),
    ("es", "Lo publicó el diario chileno Tercera Hora.", {"Tercera Hora": "Organization"}),
    # a conjunction inside an institution's name
    ("es", "Habló en el Foro de la Seda y la Cooperación en Lima.", {"Foro de la Seda y la Cooperación": "Organization"}),
    ("pt", "O Ministério da Ciência e Tecnologia publicou o edital.", {"Ministério da Ciência e Tecnologia": "Organization"}),
    # a context word before a place
    ("it", "Ha pregato nella basilica di San Gennaro Maggiore.", {"San Gennaro Maggiore": "Place"}),
    ("pt", "O trânsito na fronteira de Vila Nova Serra foi reaberto.", {"Vila Nova Serra": "Place"}),
])
def test_unknown_names_are_found_and_typed(lang, text, want):
    names = _names(lang, text)
    for name, typ in want.items():
        assert names.get(name) == typ, names


@pytest.mark.parametrize(("lang", "text", "not_names"), [
    # German capitalises every noun: only a context makes a run a name
    ("de", "Die Regierung gewährt einen Kredit über 40 Millionen Euro.", {"Regierung", "Kredit", "Millionen Euro"}),
    ("de", "Am Rande des Gipfels sprach die Kommission.", {"Rande", "Gipfels", "Rande des Gipfels"}),
    ("de", "Sie forderten die Verurteilung Russlands und mehr Hilfe.", {"Verurteilung Russlands", "Verurteilung"}),
    ("de", "Scharfe Kritik kam aus Berlin.", {"Scharfe Kritik", "Kritik"}),
    ("de", "China verurteilte den Angriff Israels.", {"Angriff Israels", "Angriff"}),
    # a word capitalised because it opens the sentence
    ("es", "Ambos firmaron un acuerdo.", {"Ambos"}),
    ("es", "Nuevas sanciones llegaron ayer.", {"Nuevas"}),
    # a descriptor before a known name is not part of it; a coordination is two names
    ("de", "Peskow sagte der Agentur Tass, das sei falsch.", {"Agentur Tass", "Agentur"}),
    ("es", "El Gobierno de Colombia condenó el ataque.", {"Gobierno de", "Gobierno"}),
    # months and weekdays, an indefinite article, a lone head noun, a noun before an acronym (German)
    ("de", "Die Minister wollen Ende Januar darüber beraten.", {"Ende", "Ende Januar", "Januar"}),
    ("de", "Einen Tag nach der Wahl reiste er ab.", {"Einen Tag", "Tag", "Einen"}),
    ("de", "Er ist Anführer der Miliz HTS und sprach.", {"Miliz HTS", "Miliz"}),
    ("de", "Scharf ging sie mit der Regierung ins Gericht.", {"Gericht"}),
    ("it", "ROMA, 3 FEB - Il governo ha deciso.", {"FEB"}),
    ("pt", "LISBOA, 4 ABR - O governo decidiu.", {"ABR"}),
    # the end of an office's words is no name; an adverb before a known place
    ("it", "La presidente del Consiglio è arrivata a Tunisi.", {"Consiglio"}),
    ("ru", "Накануне Вашингтон осудил запуск ракеты.", {"Накануне Вашингтон", "Накануне"}),
    # an office of several words whose last word is capitalised, and its particle
    ("pt", "Tomou posse como Presidente da República de Moçambique.", {"República", "da República"}),
    # a conjunction after an institution without a particle joins nothing
    ("es", "Se reunió con el Banco Mundial y Marta Pérez en Lima.", {"Banco Mundial y Marta Pérez"}),
])
def test_capitalised_words_that_are_no_names(lang, text, not_names):
    assert not not_names & set(_names(lang, text))


@pytest.mark.parametrize(("lang", "text", "fact"), [
    ("es", "El canciller chileno, Alberto van Klaveren, se reunió el martes con su homólogo peruano, "
           "Javier González-Olaechea.", ("met", "alberto-van-klaveren", "javier-gonzalez-olaechea")),
    ("pt", "O ministro Mauro Vieira recebeu nesta segunda-feira em Brasília o chanceler argentino, Santiago Cafiero.",
     ("met", "mauro-vieira", "santiago-cafiero")),
    ("de", "Bundeswirtschaftsminister Robert Habeck hat am Montag in Windhuk den namibischen Präsidenten Hage "
           "Geingob getroffen.", ("met", "robert-habeck", "hage-geingob")),
    # the office's organisation, also with its acronym in parentheses
    ("pt", "O contrato será assinado pelo presidente do BNDES, Aloizio Mercadante.",
     ("holdsPosition", "aloizio-mercadante", "bndes")),
    ("es", "El presidente del Banco Interamericano de Desarrollo (BID), Ilan Goldfajn, visitará Asunción.",
     ("holdsPosition", "ilan-goldfajn", "banco-interamericano-de-desarrollo")),
    ("es", "El presidente del Banco Interamericano de Desarrollo (BID), Ilan Goldfajn, visitará Asunción.",
     ("visited", "ilan-goldfajn", "asuncion")),
    # a known name inside a run splits it; what follows is typed by what precedes it
    ("ru", "Между тем глава МИД Белоруссии Сергей Алейник осудил санкции.",
     ("holdsPosition", "sergey-aleynik", "belarus")),
    ("es", "Fue firmado por el presidente ejecutivo de CAF, Sergio Díaz-Granados.",
     ("holdsPosition", "sergio-diaz-granados", "caf")),
    # an office joined by a hyphen to the organisation it is of
    ("de", "Mit dabei war auch Siemens-Chef Roland Busch.", ("holdsPosition", "roland-busch", "siemens")),
    ("it", "Il presidente della Fincantieri, Giuseppe Zafarana, ha incontrato a Roma il ministro degli Esteri algerino, Ahmed Attaf.",
     ("met", "giuseppe-zafarana", "ahmed-attaf")),
    # the genitive "России" qualifies the subject; "коллегой из Мали" the object
    ("ru", "Министр иностранных дел России Сергей Лавров в среду провел переговоры со своим коллегой из Мали "
           "Абдулаем Диопом.", ("met", "sergey-lavrov", "abdulaem-diopom")),
])
def test_facts_between_people_the_gazetteer_does_not_know(lang, text, fact):
    assert fact in _facts(lang, text)


@pytest.mark.parametrize("lang", ["es", "pt", "de", "ru", "it"])
def test_auto_takes_casing_where_no_statistical_engine_is_installed(lang):
    assert "casing" in AUTO_PREFERENCE
    assert engine_for(lang).name in ("stanza", "casing")


def test_a_language_without_data_is_refused_with_the_choices():
    with pytest.raises(EngineUnavailable, match="'xx'.*available: .*es"):
        get_engine("casing").require("xx")
