"""Dates a sentence takes from the story around it (extract/datecontext.py): anaphors ("the same
day"), datelines, event phrases ("on the sidelines of the talks") and follow-up sentences of a
dated event; and the facts that must not take a date from context."""
from __future__ import annotations

import pytest

from newskg.extract.datecontext import compatible
from newskg.extract.datelines import find_dateline, find_source_line
from newskg.extract.model import DateValue, Document, Status
from newskg.extract.pipeline import extract
from newskg.extract.temporal import find_dates, in_relative_clause

# (id, lang, published, text, relation, subject, object, expected date or None, its precision)
DATED = [
    ("en-same-day", "en", "2024-03-21",
     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.\n\n"
     "The same day, Putin held a phone call with Turkish President Recep Tayyip Erdogan.",
     "talkedTo", "vladimir-putin", "recep-tayyip-erdogan", "2024-03-19", "day"),
    ("en-sidelines", "en", "2024-03-21",
     "Chinese Foreign Minister Wang Yi held talks with Russian Foreign Minister Sergey Lavrov in Beijing "
     "on Tuesday.\n\nOn the sidelines of the talks, Wang met Hungarian Foreign Minister Peter Szijjarto.",
     "met", "wang-yi", "peter-szijjarto", "2024-03-19", "day"),
    ("en-dateline", "en", "2024-03-21",
     "MOSCOW, March 20 (Reuters) - Russian President Vladimir Putin met Chinese President Xi Jinping "
     "in the Kremlin.",
     "met", "vladimir-putin", "xi-jinping", "2024-03-20", "day"),
    ("en-same-paragraph", "en", "2024-03-21",
     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday. "
     "Putin invited Xi to visit St Petersburg.",
     "invited", "vladimir-putin", "xi-jinping", "2024-03-19", "day"),
    ("en-last-week", "en", "2024-03-21",
     "Russian President Vladimir Putin held a phone call with Chinese President Xi Jinping last week.",
     "talkedTo", "vladimir-putin", "xi-jinping", "2024-03", "month"),
    ("vi-cung-ngay", "vi", "2024-04-10",
     "Sáng 9/4, Chủ tịch nước Tô Lâm tiếp Thủ tướng Nhật Bản Fumio Kishida.\n\n"
     "Cùng ngày, Thủ tướng Phạm Minh Chính điện đàm với Tổng thống Hàn Quốc Yoon Suk Yeol.",
     "talkedTo", "pham-minh-chinh", "yoon-suk-yeol", "2024-04-09", "day"),
    ("vi-ben-le", "vi", "2024-04-10",
     "Sáng 8/4, Bộ trưởng Ngoại giao Bùi Thanh Sơn dự hội nghị G20 tại Rio de Janeiro.\n\n"
     "Bên lề hội nghị, ông Sơn gặp Ngoại trưởng Nga Sergei Lavrov.",
     "met", "bui-thanh-son", "sergey-lavrov", "2024-04-08", "day"),
    ("vi-cung", "vi", "2024-04-10",
     "Chiều 9/4, Thủ tướng Phạm Minh Chính tiếp Tổng thống Pháp Emmanuel Macron.\n\n"
     "Thủ tướng Phạm Minh Chính cũng hội đàm với Thủ tướng Đức Olaf Scholz.",
     "met", "pham-minh-chinh", "olaf-scholz", "2024-04-09", "day"),
    ("fr-meme-jour", "fr", "2024-03-15",
     "Le président de la République, Emmanuel Macron, a reçu mardi à l'Élysée son homologue brésilien, "
     "Luiz Inácio Lula da Silva.\n\nLe même jour, Emmanuel Macron s'est entretenu par téléphone avec "
     "Vladimir Poutine.",
     "talkedTo", "emmanuel-macron", "vladimir-putin", "2024-03-12", "day"),
    ("de-selben-tag", "de", "2024-03-15",
     "Bundeskanzler Olaf Scholz hat am Mittwoch in Berlin den französischen Präsidenten Emmanuel Macron "
     "empfangen.\n\nAm selben Tag telefonierte Scholz mit dem chinesischen Staatschef Xi Jinping.",
     "talkedTo", "olaf-scholz", "xi-jinping", "2024-03-13", "day"),
    ("ru-tot-zhe-den", "ru", "2024-03-15",
     "Президент России Владимир Путин в среду принял в Кремле председателя КНР Си Цзиньпина.\n\n"
     "В тот же день Путин провел телефонный разговор с президентом Казахстана Касым-Жомартом Токаевым.",
     "talkedTo", "vladimir-putin", "kassym-jomart-tokayev", "2024-03-13", "day"),
    ("ru-dateline", "ru", "2024-03-15",
     "МОСКВА, 14 марта. /ТАСС/. Президент Белоруссии Александр Лукашенко провел телефонный разговор "
     "с президентом Казахстана Касым-Жомартом Токаевым.",
     "talkedTo", "alexander-lukashenko", "kassym-jomart-tokayev", "2024-03-14", "day"),
    ("es-mismo-dia", "es", "2024-03-15",
     "Pedro Sánchez se reunió el lunes en la Moncloa con el primer ministro de Portugal, Luís Montenegro.\n\n"
     "El mismo día, Pedro Sánchez conversó telefónicamente con el presidente ucraniano, Volodímir Zelenski.",
     "talkedTo", "pedro-sanchez", "volodymyr-zelensky", "2024-03-11", "day"),
    ("pt-mesmo-dia", "pt", "2024-03-15",
     "O presidente Luiz Inácio Lula da Silva recebeu nesta terça-feira, no Palácio do Planalto, o "
     "primeiro-ministro de Portugal, Luís Montenegro.\n\nNo mesmo dia, Lula conversou por telefone com o "
     "presidente da Ucrânia, Volodymyr Zelensky.",
     "talkedTo", "lula", "volodymyr-zelensky", "2024-03-12", "day"),
    # an event phrase whose event no dated sentence named goes on with the story, however many
    # undated paragraphs came between; the sides take part in it through who holds office in them
    ("fr-issue-rencontre", "fr", "2024-03-15",
     "Le président français Emmanuel Macron a été reçu mardi à Dakar par le président sénégalais Bassirou "
     "Diomaye Faye.\n\nLes deux chefs d'État se sont ensuite entretenus en tête-à-tête au palais.\n\n"
     "À l'issue de la rencontre, la France et le Sénégal ont signé un accord sur l'énergie.",
     "signedAgreement", "france", "senegal", "2024-03-12", "day"),
    ("fr-ministres", "fr", "2024-03-15",
     "Le président Emmanuel Macron a reçu mardi à l'Élysée le président brésilien Luiz Inácio Lula da Silva. "
     "Le ministre français des Affaires étrangères Stéphane Séjourné et le ministre brésilien des Affaires "
     "étrangères Mauro Vieira ont signé un accord.",
     "signedAgreement", "stephane-sejourne", "mauro-vieira", "2024-03-12", "day"),
    ("fr-dans-la-foulee", "fr", "2024-03-15",
     "Le Premier ministre Gabriel Attal a pris mercredi ses fonctions à Matignon, élu fin février par la "
     "majorité.\n\nDans la foulée, Gabriel Attal a été reçu par le président Emmanuel Macron.",
     "met", "emmanuel-macron", "gabriel-attal", "2024-03-13", "day"),
    # "antes de la firma": the signing's date, not that of the relative clause ("quien asumió en enero")
    ("es-antes-de-la-firma", "es", "2024-03-15",
     "El acuerdo fue firmado el martes en Madrid por el presidente del Gobierno, Pedro Sánchez.\n\n"
     "Antes de la firma, Sánchez se reunió con Luiz Inácio Lula da Silva, quien asumió la presidencia de "
     "Brasil en enero de 2023.",
     "met", "pedro-sanchez", "lula", "2024-03-12", "day"),
    ("pt-antes-da-solenidade", "pt", "2024-03-15",
     "O presidente Luiz Inácio Lula da Silva tomou posse nesta quarta-feira como presidente do Mercosul, em "
     "cerimônia em Brasília.\n\nAntes da solenidade, Lula reuniu-se com o presidente da Argentina, Javier Milei.",
     "met", "lula", "javier-milei", "2024-03-13", "day"),
    ("ru-srazu-posle", "ru", "2024-03-15",
     "Президент России Владимир Путин в среду принял в Кремле президента Белоруссии Александра Лукашенко.\n\n"
     "Сразу после этого Путин провел переговоры с премьер-министром Индии Нарендрой Моди.",
     "met", "vladimir-putin", "narendra-modi", "2024-03-13", "day"),
    # "later" follows the latest day the story told, not the last one mentioned (an arrival the day before)
    ("ru-pozdnee", "ru", "2024-03-15",
     "Президент России Владимир Путин в пятницу провел переговоры с президентом Белоруссии Александром "
     "Лукашенко в Минске.\n\nЛукашенко прибыл в Москву в четверг.\n\n"
     "Позднее Путин принял премьер-министра Индии Нарендру Моди.",
     "met", "vladimir-putin", "narendra-modi", "2024-03-15", "day"),
    ("fr-plus-tard", "fr", "2024-03-15",
     "Le président Emmanuel Macron a reçu vendredi à l'Élysée le chancelier allemand Olaf Scholz, arrivé "
     "jeudi à Paris.\n\nPlus tard, Emmanuel Macron s'est entretenu par téléphone avec Vladimir Poutine.",
     "talkedTo", "emmanuel-macron", "vladimir-putin", "2024-03-15", "day"),
    ("de-lead-then-when", "de", "2024-03-15",
     "Deutschland und Frankreich haben ein Sicherheitsabkommen unterzeichnet. Bundesinnenministerin Nancy "
     "Faeser und der französische Innenminister Gérald Darmanin setzten am Mittwoch in Paris ihre "
     "Unterschriften unter das Abkommen.",
     "signedAgreement", "germany", "france", "2024-03-13", "day"),
    # "the day before" opening a paragraph is the eve of the story's day, not of the last date mentioned
    ("ru-nakanune-story-day", "ru", "2024-03-14",
     "Президент России Владимир Путин в четверг провел переговоры с президентом Белоруссии Александром "
     "Лукашенко. Белорусский лидер прибыл в Москву во вторник.\n\n"
     "Накануне Путин провел телефонный разговор с президентом Казахстана Касым-Жомартом Токаевым.",
     "talkedTo", "vladimir-putin", "kassym-jomart-tokayev", "2024-03-13", "day"),
    ("fr-la-veille-story-day", "fr", "2024-03-15",
     "Le président Emmanuel Macron a reçu jeudi à l'Élysée le chancelier allemand Olaf Scholz, arrivé "
     "mardi à Paris.\n\nLa veille, Emmanuel Macron s'était entretenu par téléphone avec Vladimir Poutine.",
     "talkedTo", "emmanuel-macron", "vladimir-putin", "2024-03-13", "day"),
    ("es-la-vispera-story-day", "es", "2024-03-15",
     "Pedro Sánchez se reunió el jueves en la Moncloa con el primer ministro de Portugal, Luís Montenegro. "
     "Montenegro llegó a Madrid el martes.\n\nLa víspera, Pedro Sánchez conversó telefónicamente con el presidente "
     "ucraniano, Volodímir Zelenski.",
     "talkedTo", "pedro-sanchez", "volodymyr-zelensky", "2024-03-13", "day"),
    # the eve of a named event is the day before that event's day, not before the last day mentioned
    ("ru-nakanune-event", "ru", "2024-03-15",
     "Переговоры Владимира Путина и Си Цзиньпина прошли в четверг в Пекине. Российский лидер прилетел в "
     "Китай во вторник.\n\nНакануне переговоров Путин провел телефонный разговор с президентом Казахстана "
     "Касым-Жомартом Токаевым.",
     "talkedTo", "vladimir-putin", "kassym-jomart-tokayev", "2024-03-13", "day"),
    ("fr-veille-du-sommet", "fr", "2024-03-15",
     "Le sommet entre Emmanuel Macron et Olaf Scholz s'est tenu jeudi à Berlin. Emmanuel Macron était arrivé "
     "mardi en Allemagne.\n\nLa veille du sommet, Emmanuel Macron s'est entretenu par téléphone avec "
     "Vladimir Poutine.",
     "talkedTo", "emmanuel-macron", "vladimir-putin", "2024-03-13", "day"),
    # "in the afternoon" after a flashback paragraph is the story's day
    ("de-nachmittag", "de", "2024-03-15",
     "Bundeskanzler Olaf Scholz ist am Donnerstag in Paris mit Präsident Emmanuel Macron zusammengekommen.\n\n"
     "Scholz war am Dienstag aus Brüssel zurückgekehrt.\n\n"
     "Am Nachmittag telefonierte Scholz mit dem chinesischen Staatschef Xi Jinping.",
     "talkedTo", "olaf-scholz", "xi-jinping", "2024-03-14", "day"),
    # an event phrase finds its event inside a compound ("Konsultationen" in "Regierungskonsultationen")
    ("de-rande-kompositum", "de", "2024-03-15",
     "Bundeskanzler Olaf Scholz und der französische Präsident Emmanuel Macron haben am Mittwoch in Paris die "
     "deutsch-französischen Regierungskonsultationen geleitet.\n\nScholz war am Montag in Paris eingetroffen.\n\n"
     "Am Rande der Konsultationen telefonierte Scholz mit dem chinesischen Staatschef Xi Jinping.",
     "talkedTo", "olaf-scholz", "xi-jinping", "2024-03-13", "day"),
    # the next sentence dates the lead's fact through the sides its own facts name ("os dois presidentes")
    ("pt-group-next-sentence", "pt", "2024-03-15",
     "O presidente Luiz Inácio Lula da Silva e o presidente Javier Milei viajaram para Madrid. Na capital "
     "espanhola, os dois presidentes reuniram-se na terça-feira com o rei Felipe VI.",
     "visited", "javier-milei", "madrid", "2024-03-12", "day"),
    # the date of the elections a meeting follows is not the meeting's: the story's is
    ("pt-date-of-a-noun", "pt", "2024-03-15",
     "O presidente Luiz Inácio Lula da Silva tomou posse nesta quarta-feira numa cerimónia em Brasília.\n\n"
     "Terminada a cerimónia, Lula reuniu-se com o presidente da Argentina, Javier Milei, pela primeira vez "
     "desde as eleições de 19 de novembro.",
     "met", "lula", "javier-milei", "2024-03-13", "day"),
    # the paragraph after a dated lead goes on with its news: a reception in person, in no other city
    ("pt-lead-goes-on", "pt", "2024-03-15",
     "O presidente Luiz Inácio Lula da Silva chegou hoje a Lisboa para uma visita oficial.\n\n"
     "Lula foi recebido no Palácio de Belém pelo presidente Marcelo Rebelo de Sousa.",
     "met", "lula", "marcelo-rebelo-de-sousa", "2024-03-15", "day"),
    # one side of a sentence's event dated by the story dates the others who share it
    ("fr-same-event-shared-side", "fr", "2024-03-15",
     "Le président Emmanuel Macron est arrivé mardi à Berlin pour une visite d'État.\n\n"
     "Emmanuel Macron et le ministre Stéphane Séjourné ont été reçus par le chancelier Olaf Scholz.",
     "met", "stephane-sejourne", "olaf-scholz", "2024-03-12", "day"),
    # a photo caption repeating the headline is the headline again
    ("de-caption-repeats-headline", "de", "2024-03-15",
     "Scholz reist nach Warschau\n\n"
     "Berlin (dpa) - Bundeskanzler Olaf Scholz hat am Mittwoch den polnischen Regierungschef Donald Tusk "
     "getroffen. Beide sprachen über die Ukraine und die Lage an der Grenze.\n\n"
     "Scholz reist nach Warschau. (Foto: dpa)",
     "visited", "olaf-scholz", "warsaw", "2024-03-13", "day"),
    # the headline's fact is the lead's news: it takes the lead's day
    ("de-headline", "de", "2024-03-15",
     "Scholz reist nach Warschau\n\n"
     "Berlin (dpa) - Bundeskanzler Olaf Scholz hat am Mittwoch den polnischen Regierungschef Donald Tusk "
     "getroffen. Beide sprachen über die Ukraine und die Lage an der Grenze.",
     "visited", "olaf-scholz", "warsaw", "2024-03-13", "day"),
]

# facts that must stay undated: the context does not reach them
UNDATED = [
    ("en-other-paragraph", "en", "2024-03-21",
     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.\n\n"
     "Putin met Turkish President Recep Tayyip Erdogan in Ankara.",
     "met", "vladimir-putin", "recep-tayyip-erdogan"),
    ("en-no-shared-participant", "en", "2024-03-21",
     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday. "
     "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris.",
     "met", "emmanuel-macron", "olaf-scholz"),
    ("en-supports", "en", "2024-03-21",
     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday. "
     "Putin supports China.",
     "supports", "vladimir-putin", "china"),
    ("en-other-date-between", "en", "2024-03-21",
     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday. "
     "In 2019, the two leaders signed a treaty. Putin invited Xi to visit St Petersburg.",
     "invited", "vladimir-putin", "xi-jinping"),
    ("vi-ung-ho", "vi", "2024-04-10",
     "Chiều 9/4, Thủ tướng Phạm Minh Chính tiếp Tổng thống Pháp Emmanuel Macron. "
     "Ông Macron khẳng định Pháp ủng hộ Việt Nam.",
     "supports", "france", "vietnam"),
    ("de-no-anaphor", "de", "2024-03-15",
     "Bundeskanzler Olaf Scholz hat am Mittwoch in Berlin den französischen Präsidenten Emmanuel Macron "
     "empfangen.\n\nScholz telefonierte mit dem chinesischen Staatschef Xi Jinping.",
     "talkedTo", "olaf-scholz", "xi-jinping"),
    # the date of a relative clause is that clause's event, not the meeting's
    ("es-relative-clause", "es", "2024-03-15",
     "Pedro Sánchez se reunió con Luiz Inácio Lula da Silva, quien asumió la presidencia de Brasil en enero de 2023.",
     "met", "pedro-sanchez", "lula"),
    ("ru-relative-clause", "ru", "2024-03-15",
     "Владимир Путин встретился с Александром Лукашенко, который прибыл в Москву в понедельник.",
     "met", "vladimir-putin", "alexander-lukashenko"),
    # the next sentence names one side only: it tells something else
    ("de-next-sentence-one-side", "de", "2024-03-15",
     "Deutschland und Frankreich haben ein Sicherheitsabkommen unterzeichnet. Bundesinnenministerin Nancy "
     "Faeser reiste am Mittwoch nach Warschau.",
     "signedAgreement", "germany", "france"),
    # the lead's date is that of a saying: the next paragraph does not go on with it
    ("en-lead-saying", "en", "2024-09-12",
     "The Asian Development Bank said on Thursday it had approved a loan to the Philippines.\n\n"
     "Philippine President Ferdinand Marcos met Japanese Prime Minister Fumio Kishida in Manila.",
     "met", "ferdinand-marcos", "fumio-kishida"),
    # the eve of an event the story did not date: unknown
    ("ru-nakanune-undated-event", "ru", "2024-03-15",
     "Путин провел телефонный разговор с президентом Казахстана Касым-Жомартом Токаевым накануне визита в Китай.",
     "talkedTo", "vladimir-putin", "kassym-jomart-tokayev"),
    # a participle clause's date is its own: the meeting is not dated by the guest's arrival
    ("fr-participle-clause", "fr", "2024-03-15",
     "Emmanuel Macron a reçu Olaf Scholz, arrivé mardi à Paris.",
     "met", "emmanuel-macron", "olaf-scholz"),
    # a planned fact is not dated by the day it was announced
    ("en-planned-said-on", "en", "2024-03-13",
     "Russian President Vladimir Putin said on Monday he will visit China.",
     "visited", "vladimir-putin", "china"),
    # an occurred invitation does not take the month of the future event it invites to
    ("it-invited-future-month", "it", "2024-04-17",
     "Giorgia Meloni ha invitato Emmanuel Macron al vertice sull'Africa, in programma a giugno in Puglia.",
     "invited", "giorgia-meloni", "emmanuel-macron"),
]


def _facts(doc_id: str, lang: str, published: str, text: str) -> dict[tuple, DateValue | None]:
    doc = Document(id=doc_id, text=text, lang=lang, published=DateValue.parse(published))
    result = extract([doc], engine="auto")
    assert not result.errors
    out = {}
    for f in result.facts[doc_id]:
        out[(f.relation, f.subject, f.object)] = f.date
        out.setdefault((f.relation, f.object, f.subject), f.date)
    return out


@pytest.mark.parametrize(("doc_id", "lang", "published", "text", "relation", "subject", "obj", "date", "precision"),
                         DATED, ids=[c[0] for c in DATED])
def test_fact_takes_the_date_of_its_context(doc_id, lang, published, text, relation, subject, obj, date, precision):
    facts = _facts(doc_id, lang, published, text)
    assert (relation, subject, obj) in facts, sorted(facts)
    assert facts[(relation, subject, obj)] == DateValue(date, precision)


@pytest.mark.parametrize(("doc_id", "lang", "published", "text", "relation", "subject", "obj"),
                         UNDATED, ids=[c[0] for c in UNDATED])
def test_fact_outside_the_context_stays_undated(doc_id, lang, published, text, relation, subject, obj):
    facts = _facts(doc_id, lang, published, text)
    assert (relation, subject, obj) in facts, sorted(facts)
    assert facts[(relation, subject, obj)] is None


# a future verb plans the fact, and its weekday is the coming one (published on a Wednesday)
@pytest.mark.parametrize(("lang", "text"), [
    ("pt", "Na quinta-feira, o presidente Lula será recebido pelo rei Felipe VI em Madrid."),
    ("es", "El jueves, el presidente Lula será recibido por el rey Felipe VI en Madrid."),
    ("fr", "Jeudi, le président Lula sera reçu par le roi Felipe VI à Madrid."),
    ("it", "Giovedì il presidente Lula sarà ricevuto dal re Felipe VI a Madrid."),
    ("ru", "В четверг президента Бразилии Лулу примет король Испании Фелипе VI."),
    ("ru", "В четверг президент Бразилии Лула будет принят королем Испании Фелипе VI."),
], ids=["pt", "es", "fr", "it", "ru-perfective", "ru-budet"])
def test_future_fact_is_planned_on_the_coming_weekday(lang, text):
    doc = Document(id="future", text=text, lang=lang, published=DateValue.parse("2024-03-13"))
    facts = [f for f in extract([doc], engine="auto").facts["future"] if f.relation == "met"]
    assert [(f.status, f.date) for f in facts] == [(Status.PLANNED, DateValue("2024-03-14", "day"))]


@pytest.mark.parametrize(("lang", "text", "earlier", "expected"), [
    ("en", "the same day", "2024-03-19", DateValue("2024-03-19", "day")),
    ("en", "later that month", "2024-03-19", DateValue("2024-03", "month")),
    ("en", "the next day", "2024-03-19", DateValue("2024-03-20", "day")),
    ("vi", "cùng ngày", "2024-03-19", DateValue("2024-03-19", "day")),
    ("fr", "le lendemain", "2024-03-19", DateValue("2024-03-20", "day")),
    ("es", "el mismo día", "2024-03-19", DateValue("2024-03-19", "day")),
    ("pt", "no mesmo dia", "2024-03-19", DateValue("2024-03-19", "day")),
    ("ru", "в тот же день", "2024-03-19", DateValue("2024-03-19", "day")),
    ("ru", "накануне", "2024-03-19", DateValue("2024-03-18", "day")),
    ("de", "am selben Tag", "2024-03-19", DateValue("2024-03-19", "day")),
])
def test_anaphor_resolves_to_the_last_date_before(lang, text, earlier, expected):
    value = DateValue.parse(earlier)
    earlier_dates = {"day": value, "month": DateValue(earlier[:7], "month"), "year": DateValue(earlier[:4], "year")}
    found = find_dates(text, lang, DateValue.parse("2024-03-21"), earlier_dates)
    assert [d.value for d in found] == [expected]


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Позднее министр провел пресс-конференцию."), ("fr", "Plus tard, le ministre a parlé."),
    ("es", "Más tarde, el ministro habló."), ("pt", "Mais tarde, o ministro falou."),
    ("de", "Später sprach der Minister."),
])
def test_later_takes_the_latest_day_told(lang, text):
    earlier = {"day": DateValue("2024-03-14", "day"), "latest": DateValue("2024-03-15", "day")}
    assert [d.value for d in find_dates(text, lang, DateValue.parse("2024-03-16"), earlier)] == \
        [DateValue("2024-03-15", "day")]


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Министр провел пресс-конференцию позднее, чем планировалось."),   # not opening the sentence
    ("fr", "Le ministre a parlé deux ans plus tard."),
    ("de", "Der Minister sprach drei Jahre später."),
])
def test_later_inside_a_sentence_is_no_date(lang, text):
    earlier = {"day": DateValue("2024-03-14", "day"), "latest": DateValue("2024-03-15", "day")}
    assert find_dates(text, lang, DateValue.parse("2024-03-16"), earlier) == []


@pytest.mark.parametrize("lang", ["en", "vi", "fr", "es", "pt", "ru", "de"])
def test_anaphor_without_a_date_before_gives_none(lang):
    text = {"en": "the same day", "vi": "cùng ngày", "fr": "le même jour", "es": "el mismo día",
            "pt": "no mesmo dia", "ru": "в тот же день", "de": "am selben Tag"}[lang]
    assert find_dates(text, lang, DateValue.parse("2024-03-21"), {}) == []


def test_same_day_skips_a_coarser_date_and_keeps_the_last_day():
    # "this year" said between does not make "the same day" a year
    found = find_dates("On Tuesday he met her; this year's plan; the same day he left", "en",
                       DateValue.parse("2024-03-21"))
    assert found[-1].value == DateValue("2024-03-19", "day")


@pytest.mark.parametrize(("published", "text", "expected"), [
    ("2024-03-21", "last week", DateValue("2024-03", "month")),
    ("2024-10-08", "last week", DateValue("2024", "year")),        # 30 September - 6 October
])
def test_week_is_as_precise_as_its_days_agree(published, text, expected):
    assert [d.value for d in find_dates(text, "en", DateValue.parse(published))] == [expected]


@pytest.mark.parametrize(("lang", "text", "value"), [
    ("en", "\nTOKYO, May 25 (Reuters) - Japan's prime minister met", "2024-05-25"),
    ("ru", "МОСКВА, 24 мая. /ТАСС/. Президент России", "2024-05-24"),
    ("fr", "PARIS, 24 mai (AFP) - Le président", "2024-05-24"),
])
def test_dateline_is_found(lang, text, value):
    found = find_dateline(text, lang, DateValue.parse("2024-05-26"))
    assert found is not None and found[2] == DateValue(value, "day")


def test_a_body_sentence_opening_with_a_date_is_no_dateline():
    assert find_dateline("Sáng 15/3, tại Hà Nội, Thống đốc ký hiệp định.", "vi", DateValue.parse("2024-03-16")) is None


def test_compatible_dates_are_prefixes():
    assert compatible(DateValue("2024", "year"), DateValue("2024-07-25", "day"))
    assert not compatible(DateValue("2024-06", "month"), DateValue("2024-07-25", "day"))


@pytest.mark.parametrize(("text", "source"), [
    ("Titel\n\nBerlin (dpa) - Deutschland und Kenia haben ein Abkommen unterzeichnet, das die Anwerbung "
     "von Fachkräften erleichtern soll.", "Berlin (dpa) - "),
    ("Brasília - O economista Gabriel Galípolo tomou posse como presidente do Banco Central, em cerimônia "
     "no Palácio do Planalto.", "Brasília - "),
    ("Neu-Delhi (dpa) - Bundeskanzler Olaf Scholz und der indische Premierminister Narendra Modi haben "
     "Regierungskonsultationen geleitet.", "Neu-Delhi (dpa) - "),
])
def test_dateless_source_line_is_found(text, source):
    found = find_source_line(text)
    assert found is not None and text[found[0]:found[1]] == source


@pytest.mark.parametrize("text", [
    "Scholz - Modi: ein Treffen unter Freunden",      # a headline: no paragraph follows the dash
    "Der Kanzler traf den Premierminister in Neu-Delhi - und sprach über Fachkräfte, Klimaschutz und "
    "die Verteidigungsindustrie beider Länder.",       # a dash inside a sentence
])
def test_no_source_line_in_a_headline_or_sentence(text):
    assert find_source_line(text) is None


@pytest.mark.parametrize(("lang", "text", "date", "trigger", "inside"), [
    ("pt", "Ele sucede Campos Neto, que comandou o banco desde 2019 e cujo mandato terminou em 31 de dezembro.",
     "31 de dezembro", "sucede", True),
    ("es", "Peña se reunió con Díaz-Granados, quien asumió el cargo en agosto.", "en agosto", "reunió", True),
    ("fr", "Macron a reçu Lula, qui était arrivé lundi à Paris.", "lundi", "reçu", True),
    ("ru", "Путин принял Лукашенко, который прибыл в Москву в понедельник.", "в понедельник", "принял", True),
    ("de", "Scholz traf Ruto, der am Donnerstag in Berlin eingetroffen war.", "am Donnerstag", "traf", True),
    # the trigger inside the clause: the clause's date is its own
    ("es", "Peña recibió a Lula, quien firmó el acuerdo en agosto.", "en agosto", "firmó", False),
    # a participle right after a comma opens a reduced relative clause
    ("fr", "Macron a reçu Scholz, arrivé mardi à Paris, pour un dîner.", "mardi", "reçu", True),
    ("pt", "Chapo discutiu a situação da fronteira, encerrada desde as eleições de 9 de outubro.", "9 de outubro",
     "discutiu", True),
    ("it", "Meloni, arrivata ieri a Tunisi, ha incontrato Saied.", "ieri", "incontrato", True),
    ("ru", "Путин, прибывший в среду в Пекин, провел переговоры с Си Цзиньпином.", "в среду", "провел", True),
    ("fr", "Le chancelier, arrivé mardi à Paris, a été reçu.", "mardi", "arrivé", False),
    # a complement clause of a saying is no relative clause where it holds the trigger
    ("pt", "Lula afirmou, em Brasília, que o acordo foi assinado na segunda-feira.", "na segunda-feira",
     "assinado", False),
])
def test_date_in_a_relative_clause_is_the_clauses(lang, text, date, trigger, inside):
    assert in_relative_clause(text, text.index(date), lang, text.index(trigger)) is inside
