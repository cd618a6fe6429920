"""SPARQL over a built graph: ready-made queries shipped in graph/queries/, results as a table,
CSV or JSON."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from rdflib import Literal
from rdflib.query import Result

from newskg.extract.errors import QueryError, UnknownChoice, UsageError

QUERY_DIR = Path(__file__).with_name("queries")
FORMATS = ("table", "csv", "json")


def ready_made() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def load_query(name: str) -> str:
    queries = ready_made()
    if name not in queries:
        raise UnknownChoice("query", name, queries)
    return queries[name].read_text(encoding="utf-8")


_WHERE = re.compile(r"WHERE\s*\{", re.IGNORECASE)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


def bind_params(sparql: str, params: dict[str, str]) -> str:
    """Bind ?NAME to a literal with a VALUES clause at the top of the WHERE block. Stores differ in
    how they take initial bindings (Oxigraph only binds projected variables), VALUES works in all."""
    if not params:
        return sparql
    for name in params:
        if not _NAME.match(name):
            raise UsageError(f"bad parameter name {name!r}; expected a SPARQL variable name")
    m = _WHERE.search(sparql)
    if m is None:
        raise QueryError("parameters need a query with a WHERE { ... } block")
    values = " ".join(f"VALUES ?{k} {{ {Literal(v).n3()} }}" for k, v in params.items())
    return f"{sparql[:m.end()]} {values} {sparql[m.end():]}"


def run_query(graph, sparql: str, params: dict[str, str] | None = None) -> Result:
    try:
        return graph.query(bind_params(sparql, params or {}))
    except Exception as exc:  # pyparsing and rdflib raise several types for a bad query
        raise QueryError(f"bad SPARQL query: {exc}") from exc


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], [[str(x) for x in t] for t in result.graph]
    names = [str(v) for v in result.vars]
    return names, [["" if v is None else str(v) for v in row] for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise UnknownChoice("format", fmt, FORMATS)
    header, body = rows(result)
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in body], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        return buf.getvalue()
    widths = [min(60, max([len(h)] + [len(r[i]) for r in body])) for i, h in enumerate(header)]
    def line(cells: list[str]) -> str:
        return "  ".join(c[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out)
