"""Relation extraction on realistic news sentences, scored per language. Not a test: run it by hand.

    python benchmarks/relations_probe.py [--cases benchmarks/relations_probe.tsv] [--lang ru] [-v]

Each case of the TSV (columns id, lang, published, text, facts) is its own document and its own
extract() call, with the engine `auto` picks (the gazetteer engine for es, pt, ru and de).
`facts` lists every fact the sentence states, ` ; `-separated, each written
`relation subject>object[!status][@date][=amount CURRENCY]` with entity keys from the gazetteer
(`met vladimir-putin>xi-jinping@2024-03-11`, `lends russia>cuba!planned=2e9 USD`); empty where the
sentence must give none. Symmetric relations match either way round. As in the evaluation of
the seeds (graph/evaluate.py), a fact is right when relation, both ends and status agree, and dates
are scored apart: an expected date must be the found fact's date; a date the case does not
expect is not counted. A wrong fact is one the sentence does not state (a right pair with a wrong
status counts as both a miss and a wrong fact). Amounts are checked on right facts, also apart.

Prints, per language: right / expected, wrong facts, dates right / expected, the cases extracted
exactly, amount errors; with -v every miss and wrong fact.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FACT = re.compile(r"^(\w+)\s+([\w-]+)>([\w-]+)(?:!(\w+))?(?:@([\d-]+))?(?:=([\d.e+]+)\s*([A-Z]{3}))?$")


def parse_facts(cell: str) -> list[tuple]:
    out = []
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        m = FACT.match(part)
        if not m:
            raise SystemExit(f"bad fact {part!r}: write `relation subject>object[!status][@date][=amount CUR]`")
        rel, s, o, status, date, amount, cur = m.groups()
        out.append((rel, s, o, status or "occurred", date, float(amount) if amount else None, cur))
    return out


def key(rel: str, s: str, o: str, status: str) -> tuple:
    from newskg.ontology.relations import SYMMETRIC

    if rel in SYMMETRIC:
        s, o = sorted((s, o))
    return rel, s, o, status


def run(cases_path: Path, langs: set[str] | None, verbose: bool) -> dict[str, list[int]]:
    from newskg.extract.model import DateValue, Document
    from newskg.extract.pipeline import extract

    with cases_path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t",
                                          quoting=csv.QUOTE_NONE)]
    # right, expected, wrong, exact cases, cases, amount errors, dates right, dates expected
    table: dict[str, list[int]] = defaultdict(lambda: [0] * 8)
    for row in rows:
        lang = row["lang"]
        if langs and lang not in langs:
            continue
        wants = parse_facts(row["facts"])
        doc = Document(id=row["id"], text=row["text"], lang=lang, published=DateValue.parse(row["published"]))
        result = extract([doc], engine="auto")
        if result.errors:
            raise SystemExit(f"{row['id']}: {result.errors}")
        got = {key(f.relation, f.subject, f.object, f.status.value): f for f in result.facts[row["id"]]}
        want = {key(*w[:4]): w for w in wants}
        right = set(got) & set(want)
        t = table[lang]
        t[0] += len(right)
        t[1] += len(want)
        t[2] += len(set(got) - set(want))
        t[4] += 1
        exact = set(got) == set(want)
        for k in right:
            w, f = want[k], got[k]
            if w[4]:
                t[7] += 1
                found = f.date.value if f.date else None
                t[6] += found == w[4]
                if found != w[4]:
                    exact = False
                    if verbose:
                        print(f"{row['id']}: date {found} for {k}, expected {w[4]}")
            if w[5] is not None and (f.amount is None or abs(f.amount - w[5]) > 1e-6 * w[5] or f.currency != w[6]):
                t[5] += 1
                exact = False
                if verbose:
                    print(f"{row['id']}: amount {f.amount} {f.currency}, expected {w[5]} {w[6]}")
        t[3] += exact
        if verbose and set(got) != set(want):
            print(f"{row['id']}: {row['text']}")
            for k in sorted(set(want) - right, key=str):
                print(f"   miss  {k}")
            for k in sorted(set(got) - right, key=str):
                print(f"   wrong {k}")
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=ROOT / "relations_probe.tsv")
    ap.add_argument("--lang", action="append", help="only this language (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each miss and wrong fact")
    args = ap.parse_args(argv)
    table = run(args.cases, set(args.lang) if args.lang else None, args.verbose)
    print(f"{'lang':<5} {'right/expected':>15} {'recall':>7} {'wrong':>6} {'dates':>8} {'exact cases':>12} {'amount errors':>14}")
    total = [0] * 8
    for lang in sorted(table) + ["all"]:
        t = total if lang == "all" else table[lang]
        if lang != "all":
            total = [a + b for a, b in zip(total, t)]
        print(f"{lang:<5} {t[0]:>7}/{t[1]:<7} {t[0] / max(t[1], 1):>7.3f} {t[2]:>6} {t[6]:>4}/{t[7]:<3} "
              f"{t[3]:>5}/{t[4]:<6} {t[5]:>14}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
