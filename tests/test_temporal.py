"""Date expressions per language, normalised against the publication date (extract/temporal.py)."""
from __future__ import annotations

import pytest

from newskg.extract.model import DateValue
from newskg.extract.dateclause import adnominal, reads_ahead
from newskg.extract.temporal import find_amount, find_dates

PUBLISHED = DateValue("2024-09-18", "day")   # a Wednesday

CASES = [
    # lang, text, expected value, precision
    ("en", "The ministers met on 3 March 2021 in Rome.", "2021-03-03", "day"),
    ("en", "They met last June.", "2024-06", "month"),
    ("en", "The envoy arrived on Monday.", "2024-09-16", "day"),
    ("en", "The deal was signed in 2016.", "2016", "year"),
    ("vi", "Hai bên hội đàm ngày 2/11/2018 tại Hà Nội.", "2018-11-02", "day"),
    ("vi", "Hai bên đã gặp nhau vào tháng 5 năm 2019.", "2019-05", "month"),
    ("vi", "Bộ trưởng đến thăm hôm qua.", "2024-09-17", "day"),
    ("fr", "Les deux dirigeants se sont rencontrés le 12 mai 2022.", "2022-05-12", "day"),
    ("fr", "Le ministre s'est rendu à Alger en mai.", "2024-05", "month"),
    ("es", "El presidente viajó a Lima el 4 de julio de 2020.", "2020-07-04", "day"),
    ("pt", "O ministro visitou Luanda em 10 de agosto de 2023.", "2023-08-10", "day"),
    ("de", "Der Kanzler traf den Präsidenten am 7. Februar 2023.", "2023-02-07", "day"),
    ("ru", "Министр посетил Минск 12 мая 2023 года.", "2023-05-12", "day"),
    # the prepositional case is listed as data (grammar.tsv, kind month): CLDR has no such form
    ("ru", "Путин встретился с Лукашенко в мае.", "2024-05", "month"),
    ("ru", "Стороны подписали соглашение в марте 2022 года.", "2022-03", "month"),
    ("ru", "Переговоры прошли в ноябре.", "2023-11", "month"),
    ("ru", "Делегация прибыла вчера.", "2024-09-17", "day"),
    # relative days, weekdays of this week, today; month-only dates; month of last year
    ("fr", "Le ministre a été reçu ce lundi à Alger.", "2024-09-16", "day"),
    ("fr", "Les deux ministres se sont parlé ce matin.", "2024-09-18", "day"),
    ("fr", "Le traité a été ratifié en octobre de l'année dernière.", "2023-10", "month"),
    ("fr", "Les relations ont été rompues l'an dernier.", "2023", "year"),
    ("fr", "DAKAR, 17 sept (AFP) - Le président a reçu", "2024-09-17", "day"),
    ("es", "El canciller llegó este miércoles a Lima.", "2024-09-18", "day"),
    ("es", "El acuerdo se firmó hoy en Quito.", "2024-09-18", "day"),
    ("es", "Las partes negociaron en agosto.", "2024-08", "month"),
    ("es", "La visita se produjo en octubre del año pasado.", "2023-10", "month"),
    ("es", "Quito, 17 sep (EFE).- El presidente", "2024-09-17", "day"),
    ("es", "El ministro viajó este martes 17 a Bogotá.", "2024-09-17", "day"),
    ("pt", "O presidente recebeu nesta quarta-feira o primeiro-ministro.", "2024-09-18", "day"),
    ("pt", "O acordo foi assinado hoje em Maputo.", "2024-09-18", "day"),
    ("pt", "As delegações reuniram-se no mês passado.", "2024-08", "month"),
    ("pt", "O empréstimo foi aprovado em outubro do ano passado.", "2023-10", "month"),
    ("pt", "Maputo, 17 set 2024 (Lusa) - O Presidente", "2024-09-17", "day"),
    ("ru", "Министры встретились в среду в Минске.", "2024-09-18", "day"),
    ("ru", "Соглашение подписано сегодня.", "2024-09-18", "day"),
    ("ru", "Переговоры прошли в сентябре прошлого года.", "2023-09", "month"),
    ("de", "Die Ministerin reiste am Mittwoch nach Paris.", "2024-09-18", "day"),
    ("de", "Das Abkommen wurde heute unterzeichnet.", "2024-09-18", "day"),
    ("de", "Die Gespräche begannen im Oktober.", "2023-10", "month"),
    ("de", "Der Vertrag wurde im Oktober vergangenen Jahres geschlossen.", "2023-10", "month"),
    ("de", "Die Exporte stiegen im vergangenen Jahr.", "2023", "year"),
    ("de", "Die Zinsen sanken im vergangenen Monat.", "2024-08", "month"),
]


@pytest.mark.parametrize(("lang", "text", "value", "precision"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_date_is_normalised_against_publication(lang: str, text: str, value: str, precision: str) -> None:
    found = find_dates(text, lang, PUBLISHED)
    assert [f.value for f in found] == [DateValue(value, precision)]
    span = text[found[0].start:found[0].end]
    assert span.strip() and span in text


@pytest.mark.parametrize("lang", ["en", "ru", "fr"])
def test_month_without_year_after_publication_is_last_year(lang: str) -> None:
    text = {"en": "They met in December.", "ru": "Они встретились в декабре.", "fr": "Ils se sont vus en décembre."}[lang]
    (found,) = find_dates(text, lang, PUBLISHED)
    assert found.value == DateValue("2023-12", "month")
    assert found.ahead == DateValue("2024-12", "month")   # the reading for a planned event


def test_no_publication_date_leaves_yearless_dates_unknown() -> None:
    assert find_dates("Они встретились в мае.", "ru", None) == []
    assert [f.value for f in find_dates("в мае 2020 года", "ru", None)] == [DateValue("2020-05", "month")]


@pytest.mark.parametrize(("lang", "text", "amount"), [
    ("en", "Moscow will lend Havana $43 million.", (43e6, "USD")),
    ("vi", "Nga cho Cuba vay hơn 50 triệu USD.", (50e6, "USD")),
    ("fr", "un prêt de 1,5 milliard d'euros", (1.5e9, "EUR")),
])
def test_amount_and_currency(lang: str, text: str, amount: tuple[float, str]) -> None:
    assert find_amount(text, lang) == amount


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "El mar estaba en calma y el viaje duró 14 horas."),    # "mar" the sea, not March
    ("pt", "Ele ficou fora do país e voltou com 2 ministros."),     # "fora": no month
    ("fr", "Il a rencontré 17 ministres de la région."),
    ("de", "Im Vorfeld hatten 17 Staaten ihre Teilnahme zugesagt."),
])
def test_no_date_where_none_is_said(lang: str, text: str) -> None:
    assert find_dates(text, lang, PUBLISHED) == []


# a date that modifies a noun dates that noun's event ("the elections of 9 October"), not the clause
@pytest.mark.parametrize(("lang", "text", "date", "attached"), [
    ("pt", "O bloqueio dura desde as eleições de 9 de outubro.", "9 de outubro", True),
    ("fr", "Le pays est paralysé depuis les élections du 9 octobre.", "9 octobre", True),
    ("es", "La frontera sigue cerrada desde las elecciones del 9 de octubre.", "9 de octubre", True),
    ("it", "Il confine è chiuso dalle elezioni del 9 ottobre.", "9 ottobre", True),
    ("de", "Die Grenze ist seit der Wahl vom 9. Oktober geschlossen.", "9. Oktober", True),
    ("ru", "Граница закрыта после выборов 9 октября.", "9 октября", True),
    ("en", "The border has been closed since the elections of 9 October.", "9 October", True),
    # the date of the clause itself, or after a compound preposition
    ("pt", "O acordo foi assinado em 9 de outubro.", "9 de outubro", False),
    ("pt", "A fronteira está fechada a partir de 9 de outubro.", "9 de outubro", False),
    ("es", "Las tarifas rigen a partir del 9 de octubre.", "9 de octubre", False),
    ("fr", "Le ministre a signé l'accord le 9 octobre.", "9 octobre", False),
    ("ru", "Граница закрыта с 9 октября.", "9 октября", False),
    ("de", "Der Kanzler reiste am 9. Oktober nach Paris.", "9. Oktober", False),
])
def test_date_of_a_noun_is_the_nouns(lang, text, date, attached):
    assert adnominal(text, text.index(date), lang) is attached


def test_date_of_the_trigger_noun_is_the_events():
    text = "La visite du 9 octobre a renforcé les liens."
    assert not adnominal(text, text.index("9 octobre"), "fr", trigger=text.index("visite"))


# a weekday or a yearless month reads forward where its clause speaks of the future
@pytest.mark.parametrize(("lang", "text", "date", "ahead"), [
    ("pt", "Na quinta-feira, o ministro será recebido pelo Presidente.", "Na quinta-feira", True),
    ("es", "El jueves, el ministro será recibido por el rey.", "jueves", True),
    ("fr", "Jeudi, le ministre sera reçu par le roi.", "Jeudi", True),
    ("it", "Giovedì il ministro sarà ricevuto dal presidente.", "Giovedì", True),
    ("de", "Am Donnerstag wird der Minister in Rom erwartet.", "Am Donnerstag", True),
    ("ru", "Министр подтвердил, что приедет в Минск в октябре.", "в октябре", True),
    ("it", "Il ministro ha invitato il collega al vertice, in programma a novembre a Roma.", "a novembre", True),
    # past narration, and a saying dated before a future it reports
    ("pt", "Na quinta-feira, o ministro foi recebido pelo Presidente.", "Na quinta-feira", False),
    ("en", "The minister said on Thursday he would visit Rome.", "on Thursday", False),
    ("ru", "Министр прибыл в Минск в октябре.", "в октябре", False),
])
def test_future_clause_reads_its_date_ahead(lang, text, date, ahead):
    start = text.index(date)
    assert reads_ahead(text, start, start + len(date), lang) is ahead


# "the day before" with no day before it in its sentence is the eve of the day the caller gives
# (extract/datecontext.py: the story's day), not of the last date mentioned
@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La veille, le ministre avait reçu son homologue."), ("es", "La víspera, el ministro se reunió con su homólogo."),
    ("pt", "Na véspera, o ministro reuniu-se com o homólogo."), ("ru", "Накануне министр провел переговоры."),
    ("de", "Am Vortag hatte der Minister telefoniert."), ("it", "Il giorno prima il ministro aveva incontrato il collega."),
    ("en", "The day before, the minister met his counterpart."),
])
def test_day_before_is_the_eve_of_the_story_day(lang, text):
    earlier = {"day": DateValue("2024-09-12", "day"), "story": DateValue("2024-09-18", "day")}
    assert [d.value for d in find_dates(text, lang, PUBLISHED, earlier)] == [DateValue("2024-09-17", "day")]


def test_day_before_after_a_day_in_its_sentence_is_that_days_eve():
    text = "Le ministre est arrivé lundi à Rome ; la veille, il avait rencontré le pape."
    earlier = {"story": DateValue("2024-09-18", "day")}
    assert [d.value.value for d in find_dates(text, "fr", PUBLISHED, earlier)] == ["2024-09-16", "2024-09-15"]


# a part of the day opening a sentence is the day of its paragraph or of the story (the caller's
# `story`), not the last day mentioned (a flashback)
@pytest.mark.parametrize(("lang", "text"), [
    ("de", "Am Nachmittag reiste der Minister weiter."), ("it", "In serata il ministro è ripartito."),
    ("fr", "Dans l'après-midi, le ministre est reparti."), ("es", "Por la tarde, el ministro viajó a Lima."),
    ("pt", "À tarde, o ministro seguiu para Luanda."), ("ru", "Вечером министр вылетел в Минск."),
    ("en", "In the afternoon, the minister flew on."),
])
def test_part_of_the_day_is_the_story_day(lang, text):
    earlier = {"day": DateValue("2024-09-12", "day"), "story": DateValue("2024-09-18", "day")}
    assert [d.value for d in find_dates(text, lang, PUBLISHED, earlier)] == [DateValue("2024-09-18", "day")]
