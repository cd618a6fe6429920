"""Group actors (extract/groups.py): "the two governments", "Hai bên", "both leaders", "les deux
dirigeants", "ambos líderes", "обе стороны", "beide Seiten", "the ministers", "the bloc" stand for
the entities the text named before them. Small hand-written documents through the real pipeline
(spaCy for en and fr, underthesea for vi, the gazetteer engine for es, pt, ru and de); each case is
its own document and its own extract() call, so that no case borrows another's entities.

The data under test: grammar kinds pair_quantifier, pair_noun, group_determiner, stand_in and
group_blocker in ontology/lang/<lang>/grammar.tsv, and ontology/group_classes.tsv."""
from __future__ import annotations

import pytest

from newskg.extract.groups import group_classes
from newskg.extract.lexicon import available_languages, lexicon
from newskg.extract.model import DateValue, Document, Fact
from newskg.extract.pipeline import extract
from newskg.ontology.gazetteer import load_gazetteer
from newskg.ontology.relations import SYMMETRIC

LANGS = ("vi", "en", "fr", "es", "pt", "ru", "de")

# (case id, language, text, facts the group phrase must give: (relation, subject, object))
POSITIVES: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    ("en-governments-after-meeting", "en",
     "Brazilian President Luiz Inacio Lula da Silva met Chinese President Xi Jinping in Beijing on Friday. "
     "The two governments signed an agreement on trade.",
     [("signedAgreement", "brazil", "china")]),
    ("en-both-leaders-condemn", "en",
     "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday. "
     "Both leaders condemned Iran.",
     [("condemns", "olaf-scholz", "iran"), ("condemns", "emmanuel-macron", "iran")]),
    ("en-leaders-skip-ministers-meeting", "en",
     "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.\n"
     "Foreign Minister Annalena Baerbock also met Stephane Sejourne, the French Foreign Minister.\n"
     "Both leaders condemned Iran on Tuesday.",
     [("condemns", "olaf-scholz", "iran"), ("condemns", "emmanuel-macron", "iran")]),
    ("en-two-names-of-the-paragraph", "en",
     "Olaf Scholz and Emmanuel Macron arrived in Rome on Monday. "
     "The two leaders signed an agreement on migration.",
     [("signedAgreement", "olaf-scholz", "emmanuel-macron")]),
    ("en-same-sentence-after-the-meeting", "en",
     "Vladimir Putin met Xi Jinping in Beijing on Monday, and the two leaders signed a treaty on energy.",
     [("signedAgreement", "vladimir-putin", "xi-jinping")]),
    ("en-the-bloc", "en",
     "The European Union adopted new measures on Monday. Hungary criticised the bloc on Tuesday.",
     [("condemns", "hungary", "european-union")]),
    ("en-the-ministers-qualified-before", "en",
     "European Union foreign ministers gathered in Brussels on Monday. The ministers condemned Iran.",
     [("condemns", "european-union", "iran")]),
    ("vi-hai-ben", "vi",
     "Chủ tịch nước Tô Lâm hội đàm với Tổng thống Pháp Emmanuel Macron tại Hà Nội. "
     "Hai bên đã ký thỏa thuận hợp tác về năng lượng.",
     [("signedAgreement", "to-lam", "emmanuel-macron")]),
    ("vi-hai-ben-same-sentence", "vi",
     "Chủ tịch nước Tô Lâm hội đàm với Tổng thống Pháp Emmanuel Macron tại Hà Nội "
     "và hai bên đã ký thỏa thuận hợp tác về năng lượng.",
     [("signedAgreement", "to-lam", "emmanuel-macron")]),
    ("vi-hai-nha-lanh-dao", "vi",
     "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Fumio Kishida tại Tokyo. "
     "Hai nhà lãnh đạo lên án Triều Tiên.",
     [("condemns", "pham-minh-chinh", "north-korea"), ("condemns", "fumio-kishida", "north-korea")]),
    ("vi-hai-nuoc", "vi",
     "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Fumio Kishida tại Tokyo. "
     "Hai nước đã ký hiệp định thương mại.",
     [("signedAgreement", "vietnam", "japan")]),
    ("vi-cac-bo-truong-qualified-before", "vi",
     "Các Bộ trưởng Ngoại giao ASEAN họp tại Viêng Chăn hôm thứ Năm. Các Bộ trưởng đã lên án Triều Tiên.",
     [("condemns", "asean", "north-korea")]),
    ("fr-les-deux-dirigeants", "fr",
     "Le chancelier allemand Olaf Scholz a rencontré le président Emmanuel Macron à Paris lundi. "
     "Les deux dirigeants ont condamné l'Iran.",
     [("condemns", "olaf-scholz", "iran"), ("condemns", "emmanuel-macron", "iran")]),
    ("fr-les-deux-pays", "fr",
     "Le chancelier allemand Olaf Scholz a rencontré le président Emmanuel Macron à Paris lundi. "
     "Les deux pays ont signé un accord sur l'énergie.",
     [("signedAgreement", "germany", "france")]),
    ("fr-same-sentence", "fr",
     "Emmanuel Macron a rencontré Olaf Scholz à Berlin lundi, et les deux dirigeants ont signé un accord sur l'énergie.",
     [("signedAgreement", "emmanuel-macron", "olaf-scholz")]),
    ("es-ambos-lideres", "es",
     "El presidente brasileño Lula se reunió con Pedro Sánchez en Madrid el lunes. "
     "Ambos líderes firmaron un acuerdo comercial.",
     [("signedAgreement", "lula", "pedro-sanchez")]),
    ("pt-os-dois-paises", "pt",
     "O presidente Lula reuniu-se com Xi Jinping em Pequim. Os dois países assinaram um acordo comercial.",
     [("signedAgreement", "brazil", "china")]),
    ("ru-obe-storony", "ru",
     "Владимир Путин провёл переговоры с Си Цзиньпином в Москве. "
     "Обе стороны подписали соглашение о сотрудничестве.",
     [("signedAgreement", "vladimir-putin", "xi-jinping")]),
    ("fr-tous-trois", "fr",
     "Olaf Scholz est arrivé à Kiev avec Emmanuel Macron et Giorgia Meloni. Tous trois ont condamné la Russie.",
     [("condemns", "olaf-scholz", "russia"), ("condemns", "emmanuel-macron", "russia"),
      ("condemns", "giorgia-meloni", "russia")]),
    ("pt-os-dois-governantes", "pt",
     "O presidente Lula reuniu-se com o primeiro-ministro Pedro Sánchez em Brasília. "
     "No final, os dois governantes assinaram um acordo de cooperação.",
     [("signedAgreement", "lula", "pedro-sanchez")]),
    ("de-die-beiden", "de",
     "Olaf Scholz und Emmanuel Macron sind nach Polen gereist. Dort verurteilten die beiden am Freitag Russland.",
     [("condemns", "olaf-scholz", "russia"), ("condemns", "emmanuel-macron", "russia")]),
    ("ru-oba", "ru",
     "Путин и Си Цзиньпин прибыли в Астану. Оба осудили Израиль.",
     [("condemns", "vladimir-putin", "israel"), ("condemns", "xi-jinping", "israel")]),
    ("it-i-due-leader", "it",
     "Il presidente Emmanuel Macron ha incontrato il cancelliere Olaf Scholz a Berlino. "
     "I due leader hanno firmato un accordo sull'energia.",
     [("signedAgreement", "emmanuel-macron", "olaf-scholz")]),
    ("de-beide-seiten", "de",
     "Bundeskanzler Olaf Scholz traf am Montag den französischen Präsidenten Emmanuel Macron in Berlin. "
     "Beide Seiten unterzeichneten ein Abkommen über Energie.",
     [("signedAgreement", "olaf-scholz", "emmanuel-macron")]),
]

# (case id, language, text, relation the group phrase must not give, what makes it ambiguous)
NEGATIVES: list[tuple[str, str, str, str]] = [
    ("en-no-antecedent", "en", "The two governments signed an agreement on trade.", "signedAgreement"),
    ("en-three-candidates", "en",
     "Olaf Scholz, Emmanuel Macron and Giorgia Meloni arrived in Rome on Monday. "
     "The two leaders signed an agreement on migration.", "signedAgreement"),
    ("en-third-leader-after-the-meeting", "en",
     "Olaf Scholz met Emmanuel Macron in Berlin on Monday. Giorgia Meloni joined them later. "
     "The two leaders signed an agreement on migration.", "signedAgreement"),
    ("en-antecedents-in-another-paragraph", "en",
     "Olaf Scholz and Emmanuel Macron arrived in Rome on Monday.\n\n"
     "The two leaders signed an agreement on migration.", "signedAgreement"),
    ("en-organisations-are-not-leaders", "en",
     "The European Union held talks with ASEAN on Monday. Both leaders condemned Iran.", "condemns"),
    ("en-possessor-not-actor", "en",
     "Olaf Scholz met Emmanuel Macron in Berlin on Monday. "
     "The two countries' ministers signed an agreement on energy.", "signedAgreement"),
    ("en-two-blocs", "en",
     "The European Union and ASEAN issued a statement on Monday. The bloc criticised Iran.", "condemns"),
    ("en-alliance-is-not-a-bloc", "en",
     "NATO held a summit in Washington on Monday. Hungary criticised the bloc on Tuesday.", "condemns"),
    ("vi-no-antecedent", "vi", "Hai bên đã ký thỏa thuận hợp tác về năng lượng.", "signedAgreement"),
    ("vi-leaders-of-the-two-countries", "vi",
     "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Fumio Kishida tại Tokyo. "
     "Lãnh đạo hai nước đã ký hiệp định thương mại.", "signedAgreement"),
    ("vi-three-candidates", "vi",
     "Tổng thống Pháp Emmanuel Macron, Thủ tướng Đức Olaf Scholz và Thủ tướng Ý Giorgia Meloni đến Rome. "
     "Hai nhà lãnh đạo đã ký thỏa thuận về di cư.", "signedAgreement"),
    ("fr-no-antecedent", "fr", "Les deux pays ont signé un accord sur l'énergie.", "signedAgreement"),
    ("es-no-antecedent", "es", "Ambas partes firmaron un acuerdo comercial.", "signedAgreement"),
    ("pt-no-antecedent", "pt", "Os dois países assinaram um acordo comercial.", "signedAgreement"),
    ("ru-no-antecedent", "ru", "Обе стороны подписали соглашение о сотрудничестве.", "signedAgreement"),
    ("de-no-antecedent", "de", "Beide Seiten unterzeichneten ein Abkommen über Energie.", "signedAgreement"),
    ("fr-three-but-two-named", "fr",
     "Olaf Scholz est arrivé à Kiev avec Emmanuel Macron. Tous trois ont condamné la Russie.", "condemns"),
    ("de-die-beiden-no-antecedent", "de", "Die beiden verurteilten am Freitag Russland.", "condemns"),
]


def _facts(case_id: str, lang: str, text: str) -> list[Fact]:
    doc = Document(id=case_id, text=text, lang=lang, published=DateValue.parse("2024-03-15"))
    result = extract([doc], engine="auto")
    assert not result.errors, result.errors
    return result.facts[case_id]


def _has(facts: list[Fact], relation: str, subject: str, obj: str) -> bool:
    ends = {(subject, obj), (obj, subject)} if relation in SYMMETRIC else {(subject, obj)}
    return any(f.relation == relation and (f.subject, f.object) in ends for f in facts)


@pytest.mark.parametrize("case_id,lang,text,wants", POSITIVES, ids=[c[0] for c in POSITIVES])
def test_group_phrase_stands_for_its_antecedents(case_id: str, lang: str, text: str,
                                                 wants: list[tuple[str, str, str]]) -> None:
    facts = _facts(case_id, lang, text)
    for relation, subject, obj in wants:
        assert _has(facts, relation, subject, obj), (relation, subject, obj, [(f.relation, f.subject, f.object) for f in facts])
    # nothing else of those relations: the group gives its members and no one more
    wanted = {r for r, _, _ in wants}
    extra = [(f.relation, f.subject, f.object) for f in facts if f.relation in wanted
             and not any(_has([f], r, s, o) for r, s, o in wants)]
    assert not extra, extra


@pytest.mark.parametrize("case_id,lang,text", [c[:3] for c in POSITIVES], ids=[c[0] for c in POSITIVES])
def test_group_facts_carry_a_lower_confidence(case_id: str, lang: str, text: str) -> None:
    """A fact read through a group phrase is an inference, like one read through a pronoun."""
    facts = _facts(case_id, lang, text)
    last = max(text.rfind(". "), text.rfind(".\n"))   # the group phrase is in the last sentence
    inferred = [f for f in facts if f.relation != "holdsPosition" and f.evidence.start > last
                and f.relation != "met"]   # a one-sentence case states its meeting itself
    assert inferred and all(f.confidence < 0.7 for f in inferred), [(f.relation, f.confidence) for f in inferred]


@pytest.mark.parametrize("case_id,lang,text,relation", NEGATIVES, ids=[c[0] for c in NEGATIVES])
def test_unresolved_group_gives_no_fact(case_id: str, lang: str, text: str, relation: str) -> None:
    facts = _facts(case_id, lang, text)
    # the sentences before the group phrase state no fact of this relation: any would be the group's
    found = [(f.subject, f.object, f.evidence.sentence) for f in facts if f.relation == relation]
    assert not found, found


@pytest.mark.parametrize("case_id,lang,text,wants", [
    ("fr-object-after-the-meeting", "fr",
     "Le Premier ministre Viktor Orban a rencontré le président Emmanuel Macron à Paris. "
     "Le roi Abdallah II avait reçu séparément les deux dirigeants la veille.",
     [("met", "abdallah-ii", "viktor-orban"), ("met", "abdallah-ii", "emmanuel-macron")]),
    ("fr-three-received", "fr",
     "Olaf Scholz est arrivé à Kiev avec Emmanuel Macron et Giorgia Meloni. "
     "Tous trois ont été reçus par le président Volodymyr Zelensky.",
     [("met", "volodymyr-zelensky", "olaf-scholz"), ("met", "volodymyr-zelensky", "emmanuel-macron"),
      ("met", "volodymyr-zelensky", "giorgia-meloni")]),
])
def test_group_as_object_or_of_three(case_id: str, lang: str, text: str, wants: list[tuple[str, str, str]]) -> None:
    """"reçu séparément les deux dirigeants", "Tous trois ont été reçus par ...": the members are
    the objects; a third leader named in the phrase's own sentence is the receiver, not a member."""
    facts = _facts(case_id, lang, text)
    for relation, subject, obj in wants:
        assert _has(facts, relation, subject, obj), (relation, subject, obj, [(f.relation, f.subject, f.object) for f in facts])


def test_group_is_not_listed_with_its_own_antecedents() -> None:
    """"Boric met his Chinese counterpart Xi, and the two governments signed": the governments
    sign; they are not more people Boric met."""
    facts = _facts("es-same-sentence-governments", "es",
                   "El presidente de Chile, Gabriel Boric, se reunió el martes en Pekín con su homólogo chino, "
                   "Xi Jinping, y los dos Gobiernos firmaron doce acuerdos de cooperación.")
    assert _has(facts, "signedAgreement", "chile", "china")
    met = {(f.subject, f.object) for f in facts if f.relation == "met"}
    assert met == {("gabriel-boric", "xi-jinping")}, met


def test_qualified_group_is_its_qualifier_not_the_last_meeting() -> None:
    """"Các ngoại trưởng ASEAN" names its group: ASEAN condemns, not the ministers who met before."""
    facts = _facts("vi-qualified", "vi",
                   "Ngoại trưởng Nga Sergei Lavrov hội đàm với Ngoại trưởng Trung Quốc Vương Nghị tại Bắc Kinh. "
                   "Các ngoại trưởng ASEAN ra tuyên bố chung lên án Triều Tiên.")
    critics = {f.subject for f in facts if f.relation == "condemns"}
    assert "asean" in critics and not critics & {"sergey-lavrov", "wang-yi"}, critics


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_group_phrases(lang: str) -> None:
    lex = lexicon(lang)
    assert lex.words("pair_quantifier") and lex.valued("pair_noun") and lex.valued("stand_in")
    assert lang in available_languages()


@pytest.mark.parametrize("lang", LANGS)
def test_group_values_name_a_type_or_a_class(lang: str) -> None:
    lex = lexicon(lang)
    known = {"Person", "Country", "Organization", "Any"} | set(group_classes())
    bad = [(f, v) for f, v in lex.valued("pair_noun") + lex.valued("stand_in") if v not in known]
    assert not bad, bad


def test_entity_classes_name_gazetteer_entities() -> None:
    gaz = load_gazetteer()
    classes = group_classes()
    assert classes["leader"][0] == "office" and "Prime Minister" in classes["leader"][1]
    missing = [(c, k) for c, (kind, keys) in classes.items() if kind == "entity" for k in keys if k not in gaz]
    assert not missing, missing
