"""Words per second and peak memory of each NLP engine and of the whole build, so that the
pipeline's own overhead beside the engine is visible. Not a test: run it by hand.

    python benchmarks/nlp_bench.py [--repeat 5]

Each measurement runs in a fresh Python process (peak RSS is per process). The corpus is the
seed articles repeated `--repeat` times with distinct ids. Also compares, on the Vietnamese
seeds, mention recall of underthesea's CRF `ner` with the Np-based mentions this project uses.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _docs(lang: str | None, repeat: int):
    from dataclasses import replace

    from newskg.extract.cleanup import clean
    from newskg.extract.langdetect import detect_document
    from newskg.extract.readers import read_inputs

    docs, _ = read_inputs([SEEDS])
    docs = [clean(detect_document(d)) for d in docs]
    docs = [d for d in docs if lang is None or d.lang == lang]
    return [replace(d, id=f"{d.id}-{i}") for i in range(repeat) for d in docs]


def child(kind: str, lang: str | None, repeat: int) -> dict:
    """Runs in its own process: one engine (or the whole build), timed after warm-up."""
    if kind == "build":
        import tempfile

        from newskg.graph.build import build

        docs = _docs(None, 1)
        words = sum(len(d.text.split()) for d in docs)
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            build([SEEDS], out)
            seconds = time.perf_counter() - t0
        return {"words": words, "seconds": seconds}
    from newskg.extract.engines import get_engine

    engine = get_engine(kind)
    docs = _docs(lang, repeat)
    engine.annotate(docs[:1])  # load models outside the timing
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    engine.annotate(docs)
    return {"words": words, "seconds": time.perf_counter() - t0}


def crf_vs_np() -> dict:
    """Mention recall of gold entity names in the Vietnamese seed bodies: CRF ner vs Np spans."""
    from underthesea import ner

    from newskg.extract.engines.underthesea_engine import UndertheseaEngine

    gold_path = ROOT.parent / "shared" / "eval" / "seeds.entities.tsv"
    if not gold_path.exists():
        return {}
    names = [line.split("\t") for line in gold_path.read_text(encoding="utf-8").splitlines()[1:]]
    docs = _docs("vi", 1)
    out = {}
    for label, spans in (("crf_ner", _crf_spans), ("np_spans", _np_spans)):
        found = total = 0
        for doc in docs:
            found_text = " | ".join(spans(doc, ner, UndertheseaEngine())).casefold()
            for name, _typ, aliases in names:
                forms = [f for f in [name, *aliases.split("|")] if f]
                if any(f.casefold() in doc.text.casefold() for f in forms):
                    total += 1
                    found += any(f.casefold() in found_text.split(" | ") for f in forms)
        out[label] = {"found": found, "total": total}
    return out


def _crf_spans(doc, ner, _engine) -> list[str]:
    spans, current = [], []
    for line in doc.text.splitlines():
        if not line.strip():
            continue
        for word, _pos, _chunk, tag in ner(line):
            if tag.startswith("B-"):
                if current:
                    spans.append(" ".join(current))
                current = [word]
            elif tag.startswith("I-") and current:
                current.append(word)
            else:
                if current:
                    spans.append(" ".join(current))
                current = []
    return spans + ([" ".join(current)] if current else [])


def _np_spans(doc, _ner, engine) -> list[str]:
    return [doc.text[m.start:m.end] for m in engine.annotate([doc])[0].mentions]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--child", nargs=2, metavar=("KIND", "LANG"))
    args = p.parse_args()
    if args.child:
        kind, lang = args.child
        result = child(kind, None if lang == "-" else lang, args.repeat)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    runs = [("gazetteer", "-"), ("underthesea", "vi"), ("spacy", "en"), ("stanza", "en"), ("stanza", "vi"),
            ("build", "-")]
    print(f"{'engine':12} {'lang':4} {'words':>7} {'seconds':>8} {'words/s':>8} {'peak MB':>8}")
    for kind, lang in runs:
        # Stanza runs with the tiny locally trained test models (no download here): speed, not quality
        env = {**os.environ, "NEWSKG_STANZA_MODELS": str(ROOT / "tests/fixtures/stanza/models/models.json")}
        proc = subprocess.run([sys.executable, __file__, "--repeat", str(args.repeat), "--child", kind, lang],
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            print(f"{kind:12} failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{kind:12} {lang:4} {r['words']:7d} {r['seconds']:8.2f} {r['words'] / r['seconds']:8.0f} "
              f"{r['peak_rss_mb']:8.0f}")
    print("\nVietnamese mention recall of gold names (seed bodies):", json.dumps(crf_vs_np()))


if __name__ == "__main__":
    main()
