"""One event from many reports: a document that names one participant of a dated meeting, and a
coarser-dated report of a meeting, count as sources of the one statement they describe; other
meetings of the same people stay apart; ambiguous reports link nothing; all of it derived, so that
incremental additions and removals in any order give the graph a fresh build gives."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF

from newskg.extract.model import DateValue, Document
from newskg.graph.build import build, remove
from newskg.graph.incremental import norm
from newskg.graph.rdf import DERIVED_GRAPH
from newskg.graph.store import load_dataset
from newskg.ontology.terms import ENTITY_NS, NKG

PUBLISHED = "2024-12-01"

# One participant named, a date and a place: "the talks" of 8 July 2024 in Moscow, in each language.
REPORTS = {
    "en": "After the talks in Moscow on 8 July 2024, Vladimir Putin praised the friendship of the two countries.",
    "vi": "Sau cuộc hội đàm tại Moscow ngày 8/7/2024, ông Vladimir Putin ca ngợi tình hữu nghị giữa hai nước.",
    "fr": "Après les entretiens à Moscou le 8 juillet 2024, Vladimir Poutine a salué l'amitié entre les deux pays.",
    "es": "Tras la reunión en Moscú el 8 de julio de 2024, Vladímir Putin elogió la amistad entre los dos países.",
    "pt": "Após a reunião em Moscou em 8 de julho de 2024, Vladimir Putin elogiou a amizade entre os dois países.",
    "ru": "После переговоров в Москве 8 июля 2024 года Владимир Путин высоко оценил дружбу двух стран.",
    "de": "Nach den Gesprächen in Moskau am 8. Juli 2024 lobte Wladimir Putin die Freundschaft der beiden Länder.",
}

# Documents of the build tests: id -> (language, text).
DOCS = {
    "full": ("en", "Russian President Vladimir Putin met Indian Prime Minister Narendra Modi in Moscow on 8 July 2024."),
    "report-en": ("en", REPORTS["en"]),
    "report-vi": ("vi", REPORTS["vi"]),
    "report-modi": ("en", "After the talks in Moscow on 8 July 2024, Narendra Modi thanked his hosts."),
    "other-day": ("en", "Vladimir Putin met Narendra Modi in Kazan on 22 October 2024."),
    "rival": ("en", "Vladimir Putin met Chinese President Xi Jinping in Moscow on 8 July 2024."),
    "coarse-en": ("en", "Indian Prime Minister Narendra Modi met Vladimir Putin in 2019."),
    "coarse-vi": ("vi", "Thủ tướng Ấn Độ Narendra Modi đã gặp Tổng thống Nga Vladimir Putin năm 2019."),
    "fine": ("en", "Narendra Modi met Vladimir Putin in Vladivostok in September 2019."),
    "fine2": ("en", "Narendra Modi met Vladimir Putin in Osaka in June 2019."),
}
PUTIN, MODI = ENTITY_NS["vladimir-putin"], ENTITY_NS["narendra-modi"]


def extract_one(lang: str, text: str):
    from newskg.extract.pipeline import extract

    result = extract([Document(id="t", text=text, lang=lang, published=DateValue.parse(PUBLISHED))],
                     engine="gazetteer")
    assert result.errors == []
    return result.facts["t"]


# --- extraction -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", sorted(REPORTS))
def test_a_dated_event_with_one_participant_named_is_a_report_not_a_fact(lang):
    facts = extract_one(lang, REPORTS[lang])
    assert [f for f in facts if f.relation == "met"] == []
    assert [(r.relation, r.participant, r.date, r.place) for r in facts.reports] == \
           [("met", "vladimir-putin", DateValue("2024-07-08", "day"), "moscow")]


@pytest.mark.parametrize("lang,text,relation", [
    ("en", "Vladimir Putin held talks in Sochi on 4 March 2024.", "met"),          # a pattern without its object
    ("en", "During a phone call on 3 March 2024, Emmanuel Macron urged restraint.", "talkedTo"),
    ("vi", "Trong cuộc điện đàm ngày 3/3/2024, Tổng thống Emmanuel Macron kêu gọi kiềm chế.", "talkedTo"),
])
def test_reports_of_other_triggers(lang, text, relation):
    reports = extract_one(lang, text).reports
    assert [(r.relation, r.status.value) for r in reports] == [(relation, "occurred")]


@pytest.mark.parametrize("lang,text", [
    ("en", "After the talks on 8 July 2024, Vladimir Putin and Narendra Modi's aides spoke to reporters."),  # who?
    ("en", "After the talks in Moscow, Vladimir Putin praised the friendship of the two countries."),        # when?
    ("en", "After the talks in 2024, Vladimir Putin praised the friendship of the two countries."),  # a year, no place
    ("en", "Vladimir Putin met Narendra Modi in Moscow on 8 July 2024. "
           "After the talks on 8 July 2024, Putin praised the friendship of the two countries."),   # told whole here
    ("vi", "Sau cuộc hội đàm ngày 8/7/2024, ông Vladimir Putin và ông Narendra Modi đã họp báo."),
])
def test_no_report_where_the_sentence_cannot_tell(lang, text):
    assert extract_one(lang, text).reports == []


# --- builds -----------------------------------------------------------------------------------

def put(folder: Path, doc_id: str) -> Path:
    lang, text = DOCS[doc_id]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
    (folder / f"{doc_id}.meta.json").write_text(f'{{"lang": "{lang}", "published": "{PUBLISHED}"}}', encoding="utf-8")
    return folder / f"{doc_id}.txt"


def snapshot(out: Path) -> dict[str, set]:
    ds = load_dataset(out)
    try:
        graphs: dict[str, set] = {}
        for s, p, o, g in ds.quads((None, None, None, None)):
            graphs.setdefault(str(g), set()).add((s, p, norm(o)))
        return graphs
    finally:
        ds.close()


def built(tmp_path: Path, ids: list[str], src: Path | None = None) -> dict[str, set]:
    """A fresh build of these documents (read from ``src`` when given: a graph names its files)."""
    out = tmp_path / "out"
    build([put(src or tmp_path / "in", d) for d in ids], out, engine="gazetteer", viewer=False, progress=False)
    return snapshot(out)


def meetings(graphs: dict[str, set], a=PUTIN, b=MODI) -> dict[str, tuple[int, set]]:
    """date -> (source count, evidence nodes) of each statement 'a met b' (either way round)."""
    union = set().union(*graphs.values())
    out = {}
    for st in {s for s, p, o in union if p == NKG.relation and o == NKG.met}:
        args = {o for s, p, o in union if s == st and p in (RDF.subject, RDF.object)}
        if args != {a, b}:
            continue
        date = next((o[1] for s, p, o in union if s == st and p == NKG.date), None)
        count = next(o[1] for s, p, o in union if s == st and p == NKG.sourceCount)
        out[str(date)] = (count, {o for s, p, o in union if s == st and p == NKG.evidence})
    return out


def same_event_links(graphs: dict[str, set]) -> set:
    return {(s, o) for s, p, o in graphs.get(str(DERIVED_GRAPH), set()) if p == NKG.sameEventAs}


@pytest.mark.parametrize("report", ["report-en", "report-vi"])
def test_one_meeting_told_by_two_documents_is_one_statement_with_two_sources(tmp_path, report):
    graphs = built(tmp_path, ["full", report])
    met = meetings(graphs)
    assert list(met) == ["2024-07-08"] and met["2024-07-08"][0] == 2
    reports = {s for s, p, o in set().union(*graphs.values()) if p == RDF.type and o == NKG.EventReport}
    assert len(reports) == 1 and reports <= met["2024-07-08"][1]      # the report is its evidence


def test_the_same_people_on_another_day_stay_apart(tmp_path):
    met = meetings(built(tmp_path, ["full", "report-en", "other-day"]))
    assert {d: n for d, (n, _) in met.items()} == {"2024-07-08": 2, "2024-10-22": 1}


def test_a_report_that_fits_two_statements_links_to_neither(tmp_path):
    graphs = built(tmp_path, ["full", "rival", "report-en"])
    assert meetings(graphs)["2024-07-08"][0] == 1
    assert meetings(graphs, PUTIN, ENTITY_NS["xi-jinping"])["2024-07-08"][0] == 1


@pytest.mark.parametrize("coarse", ["coarse-en", "coarse-vi"])
def test_a_coarser_date_with_one_finer_meeting_inside_is_that_meeting(tmp_path, coarse):
    graphs = built(tmp_path, [coarse, "fine"])
    met = meetings(graphs)
    assert {d: n for d, (n, _) in met.items()} == {"2019": 1, "2019-09": 2}
    assert met["2019"][1] <= met["2019-09"][1]       # the fine statement holds the coarse one's evidence
    (link,) = same_event_links(graphs)
    assert len(link) == 2 and link[0] != link[1]


def test_a_coarser_date_with_two_finer_meetings_links_to_neither(tmp_path):
    graphs = built(tmp_path, ["coarse-en", "fine", "fine2"])
    assert {d: n for d, (n, _) in meetings(graphs).items()} == {"2019": 1, "2019-09": 1, "2019-06": 1}
    assert same_event_links(graphs) == set()


# --- incremental ------------------------------------------------------------------------------

def run_ops(tmp: Path, ops: list[tuple[str, list[str]]]) -> tuple[dict[str, set], list[str]]:
    src, out, present = tmp / "in", tmp / "out", []
    for sign, ids in ops:
        if sign == "+":
            build([put(src, d) for d in ids], out, engine="gazetteer", viewer=False, progress=False)
            present += [d for d in ids if d not in present]
        else:
            remove(out, ids, viewer=False, progress=False)
            present = [d for d in present if d not in ids]
    return snapshot(out), present


SEQUENCES = [
    [("+", ["report-en"]), ("+", ["full"]), ("+", ["report-vi"])],                  # the report first: links later
    [("+", ["full", "report-en"]), ("-", ["full"])],                                  # report left unlinked
    [("+", ["full", "report-en", "report-vi"]), ("-", ["report-vi"])],                # its count drops
    [("+", ["full", "report-en"]), ("+", ["rival"]), ("-", ["rival"])],              # ambiguous, then not
    [("+", ["full", "report-en"]), ("+", ["report-modi"])],   # the other side's report: Putin's still counts
    [("+", ["fine"]), ("+", ["coarse-en"]), ("+", ["fine2"]), ("-", ["fine"])],      # coarse linked, not, relinked
    [("+", ["coarse-vi", "fine", "report-en"]), ("+", ["full", "other-day"]), ("-", ["coarse-vi", "full"])],
]


@pytest.mark.parametrize("ops", SEQUENCES, ids=[" ".join(s + ",".join(i) for s, i in ops) for ops in SEQUENCES])
def test_incremental_builds_give_the_fresh_build(tmp_path, ops):
    got, present = run_ops(tmp_path / "inc", ops)
    assert got == built(tmp_path / "fresh", present, src=tmp_path / "inc" / "in")


def test_counts_follow_additions_and_removals(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    counts = lambda: {d: n for d, (n, _) in meetings(snapshot(out)).items()}  # noqa: E731
    build([put(src, "report-en")], out, engine="gazetteer", viewer=False, progress=False)
    assert counts() == {}                                    # a report alone is no statement
    assert not any(p == NKG.met for g in snapshot(out).values() for _, p, _ in g)    # and no triple
    build([put(src, "full"), put(src, "report-vi")], out, engine="gazetteer", viewer=False, progress=False)
    assert counts() == {"2024-07-08": 3}
    remove(out, ["report-en"], viewer=False, progress=False)
    assert counts() == {"2024-07-08": 2}
    remove(out, ["full"], viewer=False, progress=False)
    assert counts() == {}
    graphs = snapshot(out)
    assert not any(p == NKG.evidence for p in {p for _, p, _ in graphs.get(str(DERIVED_GRAPH), set())})


_ops = st.lists(st.tuples(st.sampled_from("+-"), st.sets(st.sampled_from(sorted(DOCS)), min_size=1, max_size=3)),
                min_size=2, max_size=4)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_ops)
def test_any_order_of_additions_and_removals_gives_the_fresh_build(tmp_path_factory, ops):
    tmp = tmp_path_factory.mktemp("events")
    present: list[str] = []
    plan = []
    for sign, ids in ops:   # removals only of what is there, so that each step is a real one
        ids = sorted(ids if sign == "+" else set(ids) & set(present))
        if ids:
            plan.append((sign, ids))
            present = present + [d for d in ids if d not in present] if sign == "+" else \
                [d for d in present if d not in ids]
    if not plan or not present:
        return
    got, present = run_ops(tmp / "inc", plan)
    assert got == built(tmp / "fresh", present, src=tmp / "inc" / "in")


# --- the seeds --------------------------------------------------------------------------------

@pytest.mark.slow
def test_seeds_kremlin_meeting_of_2018_11_02_has_two_sources(seeds_build):
    graphs = snapshot(seeds_build.out_dir)
    met = meetings(graphs, PUTIN, ENTITY_NS["miguel-diaz-canel"])
    assert met["2018-11-02"][0] == 2          # seed 001 tells it whole, seed 000 names Putin only
    assert met["2016-05"][0] == 2             # seed 000's "2016" is seed 001's May 2016 meeting
    assert met["2024-05-09"][0] == 1          # another meeting of the same two stays apart


# --- linking rules on hand-made facts ---------------------------------------------------------

def _dataset(dated: dict[str, list[str]], reports: dict[str, str] | None = None):
    """One document per fact 'a met b' on each date (per pair), one per report of 'a'; refreshed."""
    from newskg.extract.model import Entity, Evidence, Fact, Facts, Report
    from newskg.graph.rdf import add_document, new_dataset, refresh_derived

    ds = new_dataset()
    ents = {k: Entity(k, k.upper(), "Person") for k in "abc"}
    n = 0
    for pair, dates in dated.items():
        for date in dates:
            n += 1
            doc = Document(id=f"d{n}", text="x", lang="en")
            ev = Evidence(doc.id, "x", 0, 1, "en", "test")
            add_document(ds, doc, ents, Facts([Fact("met", pair[0], pair[1], ev, date=DateValue.parse(date))]), "h")
    for doc_id, date in (reports or {}).items():
        doc = Document(id=doc_id, text="x", lang="en")
        ev = Evidence(doc.id, "x", 0, 1, "en", "test")
        add_document(ds, doc, ents, Facts([], [Report("met", "a", ev, DateValue.parse(date))]), "h")
    refresh_derived(ds)
    return ds


def _dates_of(ds, st) -> str:
    return str(ds.value(st, NKG.date))


@pytest.mark.parametrize("dates,links", [
    (["2016", "2016-05", "2016-05-12"], {("2016", "2016-05-12"), ("2016-05", "2016-05-12")}),   # the finest
    (["2016", "2016-05", "2016-07"], set()),                                                  # two inside
    (["2016", "2016-05", "2016-05-12", "2016-05-14"], set()),
    (["2016", "2017-05"], set()),                                                             # not inside
    (["2016-05", "2016-05"], set()),                                                          # one statement
])
def test_a_coarse_date_stands_for_the_one_finest_event_inside_it(dates, links):
    ds = _dataset({"ab": dates})
    got = {(_dates_of(ds, s), _dates_of(ds, o)) for s, o in ds.subject_objects(NKG.sameEventAs)}
    assert got == links


@pytest.mark.parametrize("dated,report,linked", [
    ({"ab": ["2024-07-08"]}, "2024-07-08", "2024-07-08"),
    ({"ab": ["2024-07"]}, "2024-07-08", "2024-07"),                       # the statement is coarser
    ({"ab": ["2024-07-08"], "ac": ["2024-07-08"]}, "2024-07-08", None),  # two meetings that day
    ({"ab": ["2024-07-08", "2024-07"]}, "2024-07-08", "2024-07-08"),     # coarse one stands for the day
    ({"ab": ["2024-07-08", "2024-07-20", "2024-07"]}, "2024-07-08", "2024-07-08"),  # coarse one ambiguous
    ({"ab": ["2024-07-08"], "ac": ["2024-07"]}, "2024-07-08", None),     # another pair that month
    ({"cb": ["2024-07-08"]}, "2024-07-08", None),                        # not a participant
    ({"ab": ["2024-07-09"]}, "2024-07-08", None),                        # another day
])
def test_a_report_links_to_the_one_statement_it_fits(dated, report, linked):
    ds = _dataset(dated, {"r": report})
    (rep,) = ds.subjects(RDF.type, NKG.EventReport)
    targets = {_dates_of(ds, s) for s in ds.subjects(NKG.evidence, rep)}
    assert targets == ({linked} if linked else set())
