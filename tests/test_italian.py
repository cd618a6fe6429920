"""Italian, added as data only (ontology/lang/it/, Italian demonyms and names in the gazetteer):
detection, dates, the casing engine, and two hand-written wire-style articles built end to end
(auto engine, language detected) and scored with `evaluate` against a small gold file."""
from __future__ import annotations

from pathlib import Path

import pytest

from newskg.extract.engines import engine_for
from newskg.extract.langdetect import DEFAULT_LANGUAGES, detect_language
from newskg.extract.lexicon import LANG_DIR, available_languages
from newskg.extract.model import DateValue
from newskg.extract.temporal import find_dates

PUBLISHED = DateValue.parse("2024-03-15")   # a Friday


def test_supported_languages_are_the_folders_with_triggers() -> None:
    folders = sorted(p.parent.name for p in LANG_DIR.glob("*/triggers.tsv"))
    assert available_languages() == folders and "it" in folders
    assert tuple(folders) == DEFAULT_LANGUAGES


def test_italian_paragraph_is_detected() -> None:
    text = ("Il presidente del Consiglio ha incontrato questa mattina a Palazzo Chigi l'ambasciatore del "
            "Giappone. Le due parti hanno concordato di rafforzare la cooperazione economica.")
    assert detect_language(text) == "it"


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("il 3 maggio 2018", "2018-05-03", "day"),
    ("martedì", "2024-03-12", "day"),
    ("ieri", "2024-03-14", "day"),
    ("lo scorso giugno", "2023-06", "month"),
    ("a giugno scorso", "2023-06", "month"),
    ("l'anno scorso", "2023", "year"),
    ("il mese scorso", "2024-02", "month"),
    ("martedì 12 marzo", "2024-03-12", "day"),
    ("ROMA, 12 mar (ANSA) -", "2024-03-12", "day"),
    ("Mosca, 3 febbraio (AGI) -", "2024-02-03", "day"),
])
def test_italian_dates(text: str, value: str, precision: str) -> None:
    found = find_dates(text, "it", PUBLISHED)
    assert [(d.value.value, d.value.precision) for d in found] == [(value, precision)]


@pytest.mark.parametrize(("text", "value"), [
    ("lo stesso giorno", "2024-03-11"),
    ("il giorno dopo", "2024-03-12"),
])
def test_italian_date_anaphors_take_the_date_before(text: str, value: str) -> None:
    earlier = {"day": DateValue("2024-03-11", "day")}
    assert [d.value.value for d in find_dates(text, "it", PUBLISHED, earlier)] == [value]


def test_auto_takes_casing_for_italian() -> None:
    assert engine_for("it").name in ("stanza", "spacy", "casing")


ARTICLES = {
    "anci-roma": """ROMA, 12 mar (ANSA) - Il presidente del Consiglio Giorgia Meloni ha ricevuto oggi a Palazzo Chigi \
il cancelliere tedesco Olaf Scholz. Al centro del colloquio, durato oltre un'ora, la cooperazione industriale e il \
sostegno all'Ucraina.

La Germania e l'Italia hanno firmato un accordo sulla sicurezza energetica, ha riferito una nota del governo. \
Il ministro degli Esteri Antonio Tajani ha poi annunciato che l'Italia invierà aiuti umanitari alla Libia.

"Roma resta al fianco di Kiev", ha detto Meloni ai giornalisti. Lo stesso giorno Meloni ha avuto un colloquio \
telefonico con il presidente ucraino Volodymyr Zelensky.
""",
    "agi-mosca": """Mosca, 11 mar (AGI) - Il presidente russo Vladimir Putin ha incontrato al Cremlino il leader \
cinese Xi Jinping, arrivato nella capitale russa per una visita di Stato di tre giorni.

Secondo quanto riferito dall'agenzia Tass, i due leader hanno firmato una dichiarazione congiunta. Putin ha \
invitato Xi Jinping a visitare San Pietroburgo in estate.

Il ministro degli Esteri Sergej Lavrov ha intanto criticato duramente la Nato. L'Unione europea non ha imposto \
nuove sanzioni contro la Cina, ha precisato un portavoce a Bruxelles.
""",
}
GOLD = """doc\tsubject\trelation\tobject\tdate\toptional\tevidence
anci-roma.txt\tGiorgia Meloni\tmet\tOlaf Scholz\t2024-03-12\t\tha ricevuto oggi a Palazzo Chigi il cancelliere tedesco Olaf Scholz
anci-roma.txt\tOlaf Scholz\tholdsPosition\tGermany|Chancellor\t\t\til cancelliere tedesco Olaf Scholz
anci-roma.txt\tGermany\tsignedAgreement\tItaly\t\t\tLa Germania e l'Italia hanno firmato un accordo
anci-roma.txt\tItaly\taids\tLibya\t\t\tl'Italia invierà aiuti umanitari alla Libia
anci-roma.txt\tAntonio Tajani\tholdsPosition\tForeign Minister\t\tyes\tIl ministro degli Esteri Antonio Tajani
anci-roma.txt\tItaly\tsupports\tUkraine\t\t\tRoma resta al fianco di Kiev
anci-roma.txt\tGiorgia Meloni\ttalkedTo\tVolodymyr Zelensky\t2024-03-12\t\tha avuto un colloquio telefonico con il presidente ucraino
anci-roma.txt\tGiorgia Meloni\tholdsPosition\tPrime Minister\t\tyes\tIl presidente del Consiglio Giorgia Meloni
anci-roma.txt\tVolodymyr Zelensky\tholdsPosition\tUkraine|President\t\tyes\til presidente ucraino Volodymyr Zelensky
agi-mosca.txt\tVladimir Putin\tmet\tXi Jinping\t2024-03-11\t\tVladimir Putin ha incontrato al Cremlino il leader cinese Xi Jinping
agi-mosca.txt\tVladimir Putin\tholdsPosition\tRussia|President\t\t\tIl presidente russo Vladimir Putin
agi-mosca.txt\tXi Jinping\tholdsPosition\tChina|Leader\t\tyes\til leader cinese Xi Jinping
agi-mosca.txt\tXi Jinping\tvisited\tMoscow\t2024-03-11\tyes\tarrivato nella capitale russa
agi-mosca.txt\tVladimir Putin\tinvited\tXi Jinping\t\t\tPutin ha invitato Xi Jinping a visitare San Pietroburgo
agi-mosca.txt\tXi Jinping\tvisited\tSaint Petersburg\t\tyes\ta visitare San Pietroburgo
agi-mosca.txt\tSergey Lavrov\tcondemns\tNATO\t\t\tSergej Lavrov ha intanto criticato duramente la Nato
agi-mosca.txt\tSergey Lavrov\tholdsPosition\tForeign Minister\t\tyes\tIl ministro degli Esteri Sergej Lavrov
agi-mosca.txt\tTASS\tquoted\tVladimir Putin\t\tyes\tSecondo quanto riferito dall'agenzia Tass
agi-mosca.txt\tTASS\tquoted\tXi Jinping\t\tyes\tSecondo quanto riferito dall'agenzia Tass
agi-mosca.txt\tVladimir Putin\tsignedAgreement\tXi Jinping\t\t\ti due leader hanno firmato una dichiarazione congiunta
"""
ENTITIES = """name\ttype\taliases
Giorgia Meloni\tPerson\tMeloni
Olaf Scholz\tPerson\tScholz
Antonio Tajani\tPerson\tTajani
Volodymyr Zelensky\tPerson\tZelensky
Vladimir Putin\tPerson\tPutin
Xi Jinping\tPerson\tXi
Sergey Lavrov\tPerson\tSergej Lavrov|Lavrov
Germany\tCountry\tGermania
Italy\tCountry\tItalia|Roma
Libya\tCountry\tLibia
Ukraine\tCountry\tUcraina|Kiev
China\tCountry\tCina
NATO\tOrganization\tNato
European Union\tOrganization\tUnione europea
"""


@pytest.fixture(scope="module")
def italian_build(tmp_path_factory):
    from newskg.graph.build import build
    from newskg.graph.store import load_dataset

    src = tmp_path_factory.mktemp("it-articles")
    for name, text in ARTICLES.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
        (src / f"{name}.meta.json").write_text('{"published": "2024-03-12"}', encoding="utf-8")
    out = tmp_path_factory.mktemp("it-out")
    result = build([src], out, viewer=False)
    assert result.errors == []
    return src, load_dataset(out)


def _report(src: Path, dataset):
    from newskg.graph.evaluate import evaluate, load_gold

    (src.parent / "it.gold.tsv").write_text(GOLD, encoding="utf-8")
    (src.parent / "it.entities.tsv").write_text(ENTITIES, encoding="utf-8")
    return evaluate(dataset, load_gold(src.parent / "it.gold.tsv", src.parent / "it.entities.tsv"))


def test_italian_articles_end_to_end(italian_build) -> None:
    src, dataset = italian_build
    rep = _report(src, dataset)
    assert rep.overall.precision == 1.0, [(w.subject, w.relation, w.object) for w in rep.wrong]
    assert rep.overall.recall >= 0.9, [(m.fact.subject, m.fact.relation, m.fact.object, m.reason) for m in rep.missed]
    assert rep.dates.accuracy == 1.0, [(m.fact.subject, m.fact.relation, m.fact.object) for m in rep.dates.missed]


def test_italian_articles_are_detected_and_queryable(italian_build) -> None:
    from newskg.graph.query import load_query, rows, run_query

    _, dataset = italian_build
    _, table = rows(run_query(dataset, load_query("who-met-whom")))
    flat = " ".join(" ".join(map(str, r)) for r in table)
    assert "Putin" in flat and "Xi" in flat and "Meloni" in flat and "Scholz" in flat
