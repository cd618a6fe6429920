"""The `newskg` command: parse arguments, call a library function, print. Errors become a
message and an exit code here, and only here."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from newskg.extract.errors import NewsKGError, UsageError

ENGINES = ("auto", "stanza", "spacy", "underthesea", "gazetteer")
EXIT_SOME_FAILED = 3  # the build finished, but some documents were skipped (see the summary)


def _stanza_config(args: argparse.Namespace) -> None:
    # the Stanza engine reads its configuration when it is first used
    if args.stanza_dir:
        os.environ["STANZA_RESOURCES_DIR"] = args.stanza_dir
    if args.stanza_models:
        os.environ["NEWSKG_STANZA_MODELS"] = args.stanza_models


def _build(args: argparse.Namespace) -> int:
    _stanza_config(args)
    from .build import build

    if args.strict:  # stop at the first document that fails, before anything is analysed or written
        from newskg.extract.readers import first_failure

        failure = first_failure(args.inputs, max_bytes=args.max_bytes, languages=args.languages.split(","),
                                engine=args.engine)
        if failure is not None:
            print(f"newskg: error: --strict: {failure}", file=sys.stderr)
            return EXIT_SOME_FAILED
    result = build(args.inputs, args.output, engine=args.engine, languages=args.languages.split(","),
                   view_lang=args.lang, viewer=not args.no_viewer, max_bytes=args.max_bytes,
                   store=args.store, rebuild=args.rebuild, progress=args.progress, export=not args.no_export)
    print(result.summary())
    if args.strict and result.errors:
        return EXIT_SOME_FAILED
    return EXIT_SOME_FAILED if result.errors and not result.documents else (EXIT_SOME_FAILED if result.errors else 0)


def _params(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"bad --param {item!r}; expected NAME=VALUE")
        key, value = item.split("=", 1)
        out[key] = value
    return out


def _query(args: argparse.Namespace) -> int:
    from .query import format_result, load_query, ready_made, run_query
    from .store import load_dataset

    if args.list:
        for name, path in ready_made().items():
            first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
            print(f"{name:20} {first}")
        return 0
    sources = [x for x in (args.sparql, args.file, args.query_name) if x]
    if len(sources) != 1:
        raise UsageError("give exactly one of: a SPARQL string, -f FILE.rq, -q NAME (see --list)")
    if args.file:
        sparql = Path(args.file).read_text(encoding="utf-8")
    elif args.query_name:
        sparql = load_query(args.query_name)
    else:
        sparql = args.sparql
    result = run_query(load_dataset(args.graph), sparql, _params(args.param), limit=args.limit)
    print(format_result(result, args.format).rstrip("\n"))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .store import export, load_dataset

    text = export(load_dataset(args.graph), args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, load_gold
    from .evaluate_mentions import format_recall, mention_recall
    from .store import load_dataset

    graph = load_dataset(args.graph)
    gold = load_gold(args.gold, args.entities)
    report = evaluate(graph, gold, args.doc or None)
    recall = mention_recall(graph, gold) if args.entities else {}
    if args.format == "json":
        data = report.to_dict()
        data["mention_recall"] = {lang: {"recall": r.recall, "found": r.found, "total": r.total,
                                         "missed": [list(m) for m in r.missed]} for lang, r in recall.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(report.to_text() + (format_recall(recall) if recall else ""))
    return 0


def _view(args: argparse.Namespace) -> int:
    from .store import load_dataset
    from .viewer import write_viewer

    out = Path(args.output) if args.output else Path(args.graph) / "graph.html"
    path = write_viewer(load_dataset(args.graph), out, lang=args.lang, focus=args.focus, hops=args.hops)
    print(f"wrote {path}")
    return 0


def _models(args: argparse.Namespace) -> int:
    from newskg.extract import models_admin

    if args.action == "list":
        for row in models_admin.list_models():
            print("  ".join(f"{k}={v}" for k, v in row.items()))
        return 0
    models_admin.download_models(args.langs, args.dir)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newskg", description="News articles to an RDF knowledge graph.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="extract a knowledge graph from articles")
    b.add_argument("inputs", nargs="+", help="files or folders (.txt, .html, .jsonl, feeds)")
    b.add_argument("-o", "--output", required=True, help="output folder")
    b.add_argument("--engine", default="auto", choices=ENGINES)
    b.add_argument("--languages", default="vi,en,fr,es,pt,ru,de", help="languages to detect (comma-separated)")
    b.add_argument("--lang", default="en", help="label language of the viewer")
    b.add_argument("--no-viewer", action="store_true", help="do not write graph.html")
    b.add_argument("--max-bytes", type=int, default=10_000_000, help="skip files larger than this")
    b.add_argument("--strict", action="store_true", help="stop at the first document that fails (exit 3): one that cannot be read, has no detectable language or no model stops the build before anything is written")
    b.add_argument("--stanza-dir", help="Stanza resources folder (default: STANZA_RESOURCES_DIR or Stanza's own)")
    b.add_argument("--stanza-models", help="JSON file naming Stanza model files per language (see README)")
    _store_options(b)
    b.add_argument("--rebuild", action="store_true", help="start from the given documents alone (drop the others)")
    b.set_defaults(func=_build)

    q = sub.add_parser("query", help="run SPARQL on a built graph")
    q.add_argument("graph", help="output folder of `newskg build`")
    q.add_argument("sparql", nargs="?", help="a SPARQL query")
    q.add_argument("-f", "--file", help="read the query from a .rq file")
    q.add_argument("-q", "--query-name", help="a ready-made query (see --list)")
    q.add_argument("--list", action="store_true", help="list the ready-made queries")
    q.add_argument("--param", action="append", default=[], help="NAME=VALUE bound in the query")
    q.add_argument("--format", default="table", choices=("table", "csv", "json"))
    q.add_argument("--limit", type=int, help="at most N rows (lowers the query's own LIMIT)")
    q.set_defaults(func=_query)

    e = sub.add_parser("export", help="write the graph in an RDF format")
    e.add_argument("graph")
    e.add_argument("--format", default="ttl", choices=("ttl", "trig", "nt", "nq", "jsonld"))
    e.add_argument("-o", "--output", help="file (default: standard output)")
    e.set_defaults(func=_export)

    v = sub.add_parser("evaluate", help="score a built graph against gold facts")
    v.add_argument("graph")
    v.add_argument("--gold", required=True, help="gold facts TSV")
    v.add_argument("--entities", help="gold entities TSV (aliases)")
    v.add_argument("--doc", action="append", help="restrict to these gold documents")
    v.add_argument("--format", default="text", choices=("text", "json"))
    v.set_defaults(func=_evaluate)

    w = sub.add_parser("view", help="write the interactive HTML viewer")
    w.add_argument("graph")
    w.add_argument("-o", "--output", help="HTML file (default: GRAPH/graph.html)")
    w.add_argument("--lang", default="en")
    w.add_argument("--focus", help="draw the neighbourhood of this entity")
    w.add_argument("--hops", type=int, default=1)
    w.set_defaults(func=_view)

    m = sub.add_parser("models", help="list or download NLP models")
    m.add_argument("action", choices=("list", "download"))
    m.add_argument("langs", nargs="*", help="languages to download (Stanza; needs internet)")
    m.add_argument("--dir", help="Stanza resources folder (default: STANZA_RESOURCES_DIR)")
    m.set_defaults(func=_models)

    r = sub.add_parser("remove", help="take documents out of a built graph")
    r.add_argument("graph", help="output folder of `newskg build`")
    r.add_argument("docs", nargs="+", help="document ids (doc:ID), document IRIs or source files")
    r.add_argument("--lang", default="en", help="label language of the viewer")
    r.add_argument("--no-viewer", action="store_true", help="do not rewrite graph.html")
    _store_options(r)
    r.set_defaults(func=_remove)

    s = sub.add_parser("serve", help="serve a built graph as a read-only SPARQL endpoint")
    s.add_argument("graph", help="output folder of `newskg build`")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=7878, help="port (0 picks a free one)")
    s.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run")
    s.add_argument("--workers", type=int, default=2, help="queries answered at the same time")
    s.add_argument("--verbose", action="store_true", help="log each request")
    s.set_defaults(func=_serve)
    return p


def _store_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", help="oxigraph (default: OUT/store), oxigraph:DIR, memory, or "
                                   "sparql+http://HOST/query[;update=URL] (default: what OUT used last)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bars (default: on a terminal, for 20 documents or more)")
    p.add_argument("--no-export", action="store_true",
                   help="do not rewrite graph.trig/graph.ttl (the store holds the graph; `newskg export` writes them)")


def _remove(args: argparse.Namespace) -> int:
    from .build import remove

    result = remove(args.graph, args.docs, store=args.store, view_lang=args.lang, viewer=not args.no_viewer,
                    progress=args.progress, export=not args.no_export)
    print(result.summary())
    return EXIT_SOME_FAILED if result.errors else 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.graph, host=args.host, port=args.port, timeout_s=args.timeout, workers=args.workers,
          quiet=not args.verbose)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except NewsKGError as exc:
        print(f"newskg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
