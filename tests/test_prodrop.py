"""Null subjects (extract/prodrop.py): a sentence of es/pt/it (and a ru past-tense verb) with no
subject continues the previous sentence's subject, in its paragraph, when its verb agrees in
number; never where a name, a plural verb, a paragraph break or a quotation says otherwise."""
from __future__ import annotations

import pytest

from newskg.extract.model import DateValue, Document
from newskg.extract.pipeline import extract


def _facts(lang: str, text: str) -> set[tuple[str, str, str]]:
    doc = Document(id=f"prodrop-{lang}", text=text, lang=lang, published=DateValue("2024-03-15", "day"))
    result = extract([doc], engine="gazetteer")
    assert not result.errors, result.errors
    return {(f.relation, f.subject, f.object) for f in result.facts[doc.id]}


@pytest.mark.parametrize("lang,text,want", [
    ("es", "Lula se reunió con Gustavo Petro en Bogotá. Después de la cumbre, visitó Perú.",
     ("visited", "lula", "peru")),
    ("es", "Lula se reunió con Gustavo Petro en Bogotá. Luego visitó Perú.", ("visited", "lula", "peru")),
    ("pt", "Lula encontrou-se com Gustavo Petro em Bogotá. Depois, visitou o Peru.", ("visited", "lula", "peru")),
    ("it", "Lula ha incontrato Gustavo Petro a Bogotà. Poi ha visitato il Perù.", ("visited", "lula", "peru")),
    ("ru", "Лула встретился с Густаво Петро в Боготе. Затем посетил Перу.", ("visited", "lula", "peru")),
    ("it", "Lula ha incontrato Gustavo Petro a Bogotà. Nel pomeriggio ha visitato il Perù.",
     ("visited", "lula", "peru")),
    # the relative clause of the place the unsaid subject went to has that subject
    ("it", "Lula ha incontrato Gustavo Petro a Bogotà. Poi si è spostato a Buenos Aires, dove ha incontrato Javier Milei.",
     ("met", "lula", "javier-milei")),
    ("es", "Lula se reunió con Gustavo Petro en Bogotá. Luego viajó a Buenos Aires, donde se reunió con Javier Milei.",
     ("met", "lula", "javier-milei")),
    # a passive's subject goes on, not its agent
    ("it", "Lula è stato ricevuto da Gustavo Petro a Bogotà. Poi ha visitato il Perù.", ("visited", "lula", "peru")),
    ("es", "Lula fue recibido por Gustavo Petro en Bogotá. Luego visitó Perú.", ("visited", "lula", "peru")),
])
def test_null_subject_continues_previous_subject(lang: str, text: str, want: tuple[str, str, str]) -> None:
    assert {f for f in _facts(lang, text) if f[0] == want[0] and f[2] == want[2]} == {want}


@pytest.mark.parametrize("lang,text", [
    # a plural verb is not said of one person
    ("es", "Lula se reunió con Gustavo Petro en Bogotá. Luego visitaron Perú."),
    ("pt", "Lula encontrou-se com Gustavo Petro em Bogotá. Depois, visitaram o Peru."),
    ("it", "Lula ha incontrato Gustavo Petro a Bogotà. Poi hanno visitato il Perù."),
    ("ru", "Лула встретился с Густаво Петро в Боготе. Затем посетили Перу."),
    # a paragraph break ends the story's subject
    ("es", "Lula se reunió con Gustavo Petro en Bogotá.\n\nLuego visitó Perú."),
    # the previous sentence is a quotation
    ("es", "«Lula se reunió con Gustavo Petro en Bogotá», dijo el portavoz. Luego visitó Perú."),
    # the place's relative clause has a subject of its own
    ("es", "Lula se reunió con Gustavo Petro en Bogotá. Luego viajó a Buenos Aires, donde Javier Milei visitó Perú."),
    # a subject before the verb ("la ministra") is the clause's own
    ("es", "Lula se reunió con Gustavo Petro en Bogotá. Luego la ministra visitó Perú."),
])
def test_null_subject_not_filled(lang: str, text: str) -> None:
    assert not any(f[0] == "visited" and f[1] == "lula" and f[2] == "peru" for f in _facts(lang, text))
