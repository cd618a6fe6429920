"""Regression guard on articles the rules were not developed on (benchmarks/unseen, unseen-ml, unseen-ml2).

Each set's articles and gold facts were written and annotated by hand, and committed, BEFORE the
system was run on them; the rules were then improved from what they missed, with data first and
general code, each change with hand-written unit cases.
- benchmarks/unseen (4 en + 4 vi, commit 8fd029f): first precision 0.825, recall 0.615, dates
  10/20.
- benchmarks/unseen-ml (2 each fr, es, pt, ru, de, commit 13876c3): first precision 0.733, recall
  0.239 (33/138), dates 5/11.
- benchmarks/unseen-ml2 (2 each fr, es, pt, ru, de, it, commit c143bbb): first precision 0.845,
  recall 0.386 (59/153), dates 11/20 (Italian data did not exist yet).
The numbers are honest because the articles came first, but they are no longer blind tests: this
only guards against falling back below what the fixes reached (minus a small margin). The score is
graph/evaluate.py's, on a real build into a real store.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newskg.graph.evaluate import evaluate, load_gold

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

pytestmark = pytest.mark.slow

# set: (gold file stem, languages, documents, floors reached after the fixes minus a small margin)
SETS = {
    "unseen": ("unseen", {"en", "vi"}, 8, {"precision": 0.92, "recall": 0.84, "dates": 0.90}),
    "unseen-ml": ("unseen-ml", {"fr", "es", "pt", "ru", "de"}, 10, {"precision": 0.90, "recall": 0.58, "dates": 0.85}),
    "unseen-ml2": ("unseen-ml2", {"fr", "es", "pt", "ru", "de", "it"}, 12,
                   {"precision": 0.95, "recall": 0.70, "dates": 0.85}),
}


def _gold(name: str):
    stem = SETS[name][0]
    return load_gold(BENCH / name / f"{stem}.gold.tsv", BENCH / name / f"{stem}.entities.tsv")


@pytest.fixture(scope="module", params=sorted(SETS))
def report(request, tmp_path_factory):
    from newskg.graph.build import build
    from newskg.graph.store import load_dataset

    out = tmp_path_factory.mktemp(f"{request.param}-out")
    result = build([BENCH / request.param], out, viewer=False)
    assert result.errors == []
    return request.param, evaluate(load_dataset(out), _gold(request.param))


@pytest.mark.parametrize("name", sorted(SETS))
def test_unseen_articles_cover_their_languages_and_the_relations(name) -> None:
    gold = _gold(name)
    docs = {f.doc for f in gold.facts}
    _, langs, count, _ = SETS[name]
    assert {d[:2] for d in docs} == langs and len(docs) == count
    assert len({f.relation for f in gold.facts if not f.optional}) == 15


def test_unseen_precision_stays(report) -> None:
    name, rep = report
    assert rep.overall.precision >= SETS[name][3]["precision"], [(w.subject, w.relation, w.object) for w in rep.wrong]


def test_unseen_recall_stays(report) -> None:
    name, rep = report
    assert rep.overall.recall >= SETS[name][3]["recall"], [
        (m.fact.subject, m.fact.relation, m.fact.object, m.reason) for m in rep.missed]


def test_unseen_dates_stay(report) -> None:
    name, rep = report
    assert rep.dates.accuracy >= SETS[name][3]["dates"], [(m.fact.subject, m.fact.relation, m.fact.object)
                                                          for m in rep.dates.missed]
