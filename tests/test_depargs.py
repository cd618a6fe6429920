"""Arguments from the dependency parse (extract/depargs.py) on small hand-written English and
French sentences through the real spaCy pipelines (en_core_web_sm*, fr_core_news_sm), with the
gazetteer: active and passive voice with the agent far from the verb, coordinated subjects and
objects, appositions, relative and participle clauses, negation, a subject shared by two verbs,
and rows whose first slot is the object ("Ukraine thanked Japan for its aid"). Without a parse
(the gazetteer engine) the same sentences go through the ordered patterns alone."""
from __future__ import annotations

import pytest

from newskg.extract.depargs import find_arguments, has_parse, roles
from newskg.extract.lexicon import lexicon
from newskg.extract.model import DateValue, Document, Sentence, Token
from newskg.extract.pipeline import Extraction, extract
from newskg.extract.relations import row_words
from newskg.ontology.relations import SYMMETRIC

# a fact as (relation, subject key, object key, status)
F = tuple[str, str, str, str]

# (case id, language, text, every fact the sentence must give, and no other)
CASES: list[tuple[str, str, str, set[F]]] = [
    ("en-active-gap", "en", "Vladimir Putin on Tuesday in the Kremlin awarded Xi Jinping the Order of Friendship.",
     {("awarded", "vladimir-putin", "xi-jinping", "occurred")}),
    ("en-passive-far-agent", "en",
     "Xi Jinping was warmly received on Tuesday in the Kremlin's St George Hall by Russian President Vladimir Putin.",
     {("met", "vladimir-putin", "xi-jinping", "occurred")}),
    ("en-passive-coordinated-agents", "en", "Ukraine is supported by Germany and France.",
     {("supports", "germany", "ukraine", "occurred"), ("supports", "france", "ukraine", "occurred")}),
    ("en-passive-sanctioned", "en", "Russia was sanctioned by the European Union and the United States.",
     {("sanctions", "european-union", "russia", "occurred"), ("sanctions", "united-states", "russia", "occurred")}),
    ("en-passive-visited", "en", "Poland was visited last week by Olaf Scholz.",
     {("visited", "olaf-scholz", "poland", "occurred")}),
    ("en-passive-criticised", "en", "China was criticised by Japan and Australia for its military drills.",
     {("condemns", "japan", "china", "occurred"), ("condemns", "australia", "china", "occurred")}),
    ("en-passive-with-object", "en", "Narendra Modi was awarded the Legion of Merit by the United States in 2020.",
     {("awarded", "united-states", "narendra-modi", "occurred")}),
    ("en-subject-coordination", "en", "Vladimir Putin and Miguel Diaz-Canel held talks in Moscow.",
     {("met", "vladimir-putin", "miguel-diaz-canel", "occurred")}),
    ("en-coordination-of-appositions", "en",
     "Emmanuel Macron, the French president, and Olaf Scholz, the German chancellor, held talks in Berlin.",
     {("met", "emmanuel-macron", "olaf-scholz", "occurred")}),
    ("en-object-coordination", "en", "The European Union imposed sanctions on Russia and Belarus.",
     {("sanctions", "european-union", "russia", "occurred"), ("sanctions", "european-union", "belarus", "occurred")}),
    ("en-object-coordination-met", "en", "Narendra Modi met Emmanuel Macron and Olaf Scholz in Paris.",
     {("met", "narendra-modi", "emmanuel-macron", "occurred"), ("met", "narendra-modi", "olaf-scholz", "occurred")}),
    ("en-apposition", "en", "The German chancellor, Olaf Scholz, met Narendra Modi.",
     {("met", "olaf-scholz", "narendra-modi", "occurred")}),
    ("en-relative-subject", "en", "Emmanuel Macron, who met Olaf Scholz in Berlin last week, criticised Russia on Monday.",
     {("met", "emmanuel-macron", "olaf-scholz", "occurred"), ("condemns", "emmanuel-macron", "russia", "occurred")}),
    ("en-relative-object", "en", "Xi Jinping, whom Vladimir Putin received in Moscow, criticised the United States.",
     {("met", "vladimir-putin", "xi-jinping", "occurred"), ("condemns", "xi-jinping", "united-states", "occurred")}),
    ("en-relative-passive", "en",
     "Narendra Modi, who was received by Emmanuel Macron at the Elysee, met Olaf Scholz on Tuesday.",
     {("met", "emmanuel-macron", "narendra-modi", "occurred"), ("met", "narendra-modi", "olaf-scholz", "occurred")}),
    ("en-participle", "en", "Olaf Scholz, accompanied by Annalena Baerbock, visited China.",
     {("accompanied", "annalena-baerbock", "olaf-scholz", "occurred"), ("visited", "olaf-scholz", "china", "occurred")}),
    ("en-negation-far", "en", "Japan has, despite strong pressure from Washington, not sanctioned Russia.",
     {("sanctions", "japan", "russia", "denied")}),
    ("en-negation", "en", "Japan did not sanction Russia.", {("sanctions", "japan", "russia", "denied")}),
    ("en-shared-subject", "en", "Vladimir Putin arrived in Hanoi and met To Lam.",
     {("visited", "vladimir-putin", "hanoi", "occurred"), ("met", "vladimir-putin", "to-lam", "occurred")}),
    ("en-oblique-after-place", "en", "Antony Blinken met in Riyadh with Faisal bin Farhan.",
     {("met", "antony-blinken", "faisal-bin-farhan", "occurred")}),
    ("en-object-first-row", "en", "Ukraine thanked Japan for its humanitarian aid.", {("aids", "japan", "ukraine", "occurred")}),
    ("en-relative-which", "en", "Germany, which backs Ukraine, criticised Russia.",
     {("supports", "germany", "ukraine", "occurred"), ("condemns", "germany", "russia", "occurred")}),
    ("fr-passive-far-agent", "fr",
     "Xi Jinping a été chaleureusement reçu mardi dans la grande salle du Kremlin par le président russe Vladimir Poutine.",
     {("met", "vladimir-putin", "xi-jinping", "occurred")}),
    ("fr-passive-coordinated-agents", "fr", "La Russie a été sanctionnée lundi à Bruxelles par l'Union européenne et les États-Unis.",
     {("sanctions", "european-union", "russia", "occurred"), ("sanctions", "united-states", "russia", "occurred")}),
    ("fr-passive-supported", "fr", "L'Ukraine est soutenue par l'Allemagne et la France.",
     {("supports", "germany", "ukraine", "occurred"), ("supports", "france", "ukraine", "occurred")}),
    ("fr-subject-coordination", "fr", "Vladimir Poutine et Miguel Diaz-Canel ont eu des entretiens à Moscou.",
     {("met", "vladimir-putin", "miguel-diaz-canel", "occurred")}),
    ("fr-object-coordination", "fr", "L'Allemagne soutient l'Ukraine et la Moldavie.",
     {("supports", "germany", "ukraine", "occurred"), ("supports", "germany", "moldova", "occurred")}),
    ("fr-apposition", "fr", "Le chancelier allemand, Olaf Scholz, a rencontré Narendra Modi.",
     {("met", "olaf-scholz", "narendra-modi", "occurred")}),
    ("fr-relative-subject", "fr", "Emmanuel Macron, qui a rencontré Olaf Scholz à Berlin, a critiqué la Russie lundi.",
     {("met", "emmanuel-macron", "olaf-scholz", "occurred"), ("condemns", "emmanuel-macron", "russia", "occurred")}),
    ("fr-relative-object", "fr", "Xi Jinping, que Vladimir Poutine a reçu à Moscou, a critiqué les États-Unis.",
     {("met", "vladimir-putin", "xi-jinping", "occurred"), ("condemns", "xi-jinping", "united-states", "occurred")}),
    ("fr-participle", "fr", "Olaf Scholz, accompagné par Annalena Baerbock, a visité la Chine.",
     {("accompanied", "annalena-baerbock", "olaf-scholz", "occurred"), ("visited", "olaf-scholz", "china", "occurred")}),
    ("fr-negation", "fr", "Le Japon n'a pas sanctionné la Russie.", {("sanctions", "japan", "russia", "denied")}),
    ("fr-shared-subject", "fr", "Vladimir Poutine est arrivé à Hanoï et a rencontré To Lam.",
     {("visited", "vladimir-putin", "hanoi", "occurred"), ("met", "vladimir-putin", "to-lam", "occurred")}),
    ("fr-object-first-row", "fr", "L'Ukraine a remercié le Japon pour son aide humanitaire.",
     {("aids", "japan", "ukraine", "occurred")}),
]

#: cases where the ordered patterns alone (no parse) give a wrong or incomplete answer today and
#: the parse gives the right one: the patterns and the parse disagree
PARSE_FIXES = ["en-active-gap", "en-passive-far-agent", "en-passive-coordinated-agents", "en-passive-criticised",
               "en-participle", "en-negation-far", "en-shared-subject", "fr-passive-far-agent"]
# (fr-relative-subject: the patterns read it too now, a subject relative pronoun taking its antecedent)


def _docs(engine_tag: str) -> list[Document]:
    return [Document(id=f"{cid}-{engine_tag}", text=text, lang=lang, published=DateValue.parse("2024-05-15"))
            for cid, lang, text, _ in CASES]


@pytest.fixture(scope="module")
def parsed() -> Extraction:
    result = extract(_docs("spacy"), engine="auto")
    assert not result.errors, result.errors
    return result


@pytest.fixture(scope="module")
def unparsed() -> Extraction:
    result = extract(_docs("gazetteer"), engine="gazetteer")
    assert not result.errors, result.errors
    return result


def facts_of(result: Extraction, doc_id: str) -> set[F]:
    out = set()
    for f in result.facts[doc_id]:
        if f.relation == "holdsPosition":
            continue
        subj, obj = (sorted((f.subject, f.object)) if f.relation in SYMMETRIC else (f.subject, f.object))
        out.add((f.relation, subj, obj, f.status.value))
    return out


def normal(facts: set[F]) -> set[F]:
    return {(r, *sorted((s, o)), st) if r in SYMMETRIC else (r, s, o, st) for r, s, o, st in facts}


@pytest.mark.parametrize(("case_id", "lang", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_parse_gives_the_right_arguments(parsed: Extraction, case_id: str, lang: str, text: str,
                                         want: set[F]) -> None:
    assert facts_of(parsed, f"{case_id}-spacy") == normal(want)


def test_spacy_sentences_carry_a_parse(parsed: Extraction) -> None:
    for doc_id, ann in parsed.annotations.items():
        assert ann.engine.startswith("spacy"), (doc_id, ann.engine)
        assert all(has_parse(s) for s in ann.sentences if len(s.tokens) > 1), doc_id


@pytest.mark.parametrize("case_id", PARSE_FIXES)
def test_parse_overrules_the_patterns_where_they_disagree(parsed: Extraction, unparsed: Extraction,
                                                          case_id: str) -> None:
    want = normal(next(c[3] for c in CASES if c[0] == case_id))
    assert facts_of(unparsed, f"{case_id}-gazetteer") != want
    assert facts_of(parsed, f"{case_id}-spacy") == want


def test_without_a_parse_the_patterns_answer(unparsed: Extraction) -> None:
    """The gazetteer engine gives no parse: the same code runs the ordered patterns alone, which
    still find what they can reach (a plain active clause, a negation next to its verb)."""
    for doc_id, ann in unparsed.annotations.items():
        assert not any(has_parse(s) for s in ann.sentences), doc_id
    assert facts_of(unparsed, "en-negation-gazetteer") == {("sanctions", "japan", "russia", "denied")}
    assert facts_of(unparsed, "fr-object-coordination-gazetteer") == {
        ("supports", "germany", "ukraine", "occurred"), ("supports", "germany", "moldova", "occurred")}


def _sentence(result: Extraction, doc_id: str) -> tuple[Document, Sentence]:
    doc = next(d for d in result.docs if d.id == doc_id)
    return doc, result.annotations[doc_id].sentences[0]


def _span(doc: Document, words: str) -> tuple[int, int]:
    start = doc.text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(("case_id", "lang", "trigger", "agents", "patients", "passive"), [
    ("en-passive-far-agent", "en", "received", ["Vladimir Putin"], ["Xi Jinping"], True),
    ("en-subject-coordination", "en", "held talks", ["Vladimir Putin", "Miguel Diaz-Canel"], [], False),
    ("en-object-coordination", "en", "imposed sanctions on", ["European Union"], ["Russia", "Belarus"], False),
    ("fr-passive-supported", "fr", "soutenue", ["Allemagne", "France"], ["Ukraine"], True),
    ("fr-relative-subject", "fr", "rencontré", ["Emmanuel Macron"], ["Olaf Scholz"], False),
])
def test_find_arguments_reads_the_roles(parsed: Extraction, case_id: str, lang: str, trigger: str,
                                        agents: list[str], patients: list[str], passive: bool) -> None:
    doc, sent = _sentence(parsed, f"{case_id}-spacy")
    names = agents + patients + (["Moscow"] if "Moscow" in doc.text else [])
    spans = sorted(_span(doc, n) for n in names)
    dep = find_arguments(sent, spans, _span(doc, trigger), lang, frozenset({"on"}))
    assert dep is not None
    got = ([doc.text[slice(*spans[a])] for a in dep.agents], [doc.text[slice(*spans[a])] for a in dep.patients])
    assert (sorted(got[0]), sorted(got[1]), dep.passive) == (sorted(agents), sorted(patients), passive)


@pytest.mark.parametrize(("case_id", "lang", "trigger", "negated"), [
    ("en-negation-far", "en", "sanctioned", True),
    ("en-negation", "en", "sanction", True),
    ("fr-negation", "fr", "sanctionné", True),
    ("en-object-coordination", "en", "imposed", False),
])
def test_negation_hangs_from_the_verb(parsed: Extraction, case_id: str, lang: str, trigger: str,
                                      negated: bool) -> None:
    doc, sent = _sentence(parsed, f"{case_id}-spacy")
    dep = find_arguments(sent, [], _span(doc, trigger), lang)
    assert dep is not None and dep.negated is negated


def test_object_preposition_must_be_spelled_by_the_row(parsed: Extraction) -> None:
    """"met in Riyadh with X": the row spells "with", not the locative "in"."""
    doc, sent = _sentence(parsed, "en-oblique-after-place-spacy")
    spans = [_span(doc, "Antony Blinken"), _span(doc, "Riyadh"), _span(doc, "Faisal bin Farhan")]
    with_row = find_arguments(sent, spans, _span(doc, "met"), "en", frozenset({"with"}))
    bare = find_arguments(sent, spans, _span(doc, "met"), "en", frozenset())
    as_place = find_arguments(sent, spans, _span(doc, "met"), "en", frozenset({"in"}))
    assert with_row is not None and bare is not None and as_place is not None
    assert (with_row.agents, with_row.patients) == ((0,), (2,))
    assert bare.patients == () and as_place.patients == ()


def test_no_parse_no_arguments() -> None:
    tokens = [Token(0, 5, "Japan"), Token(6, 14, "supports"), Token(15, 22, "Ukraine")]
    sent = Sentence(0, 22, tokens)
    assert not has_parse(sent)
    assert find_arguments(sent, [(0, 5), (15, 22)], (6, 14), "en") is None


def test_row_words_leave_out_refused_words() -> None:
    """A lookahead lists words a row refuses ("(?!(?:avec|contre)\\s)"): they are no preposition it spells."""
    words = row_words("{O} .. (été|est) (reçu|reçue) (?:(?!(?:avec|contre)\\s)[^\\s,]+\\s+){0,4}par {S}")
    assert {"été", "reçu", "par"} <= words and not {"avec", "contre", "s"} & words
    assert {"with", "met"} <= row_words("{S} .. (met|meets) (with\\s+)?{O}")
    every = [row_words(r["pattern"]) for r in lexicon("fr").triggers if r["relation"] == "met"]
    assert any("avec" in w for w in every) and not any("contre" in w for w in every)


def test_every_role_has_labels() -> None:
    table = roles()
    for role in ("subject", "passive_subject", "object", "agent", "coordination", "apposition",
                 "relative_clause", "negation", "preposition", "oblique", "case"):
        assert table[role], role
