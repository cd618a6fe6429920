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

from newskg.ontology.terms import NKG

from .names import normalize_label, spelling_key

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
# a header comment naming the parameters that are entity names: newskg folds them to lookup keys
_ENTITY_PARAMS = re.compile(r"^#\s*entity-params:\s*(.*)$", re.MULTILINE)
# a line ending in "# only-with: a, b" is left out when one of those parameters is not given
_ONLY_WITH = re.compile(r"#\s*only-with:\s*([\w\s,]+?)\s*$")
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)


def entity_params(sparql: str) -> set[str]:
    """The parameters a query's header declares as entity names (``# entity-params: a, b``)."""
    return {n for m in _ENTITY_PARAMS.finditer(sparql) for n in re.split(r"[\s,]+", m.group(1)) if n}


def bind_params(sparql: str, params: dict[str, str]) -> str:
    """Bind ?NAME to a literal with a VALUES clause at the top of the WHERE block. Stores differ in
    how they take initial bindings (Oxigraph only binds projected variables), VALUES works in all.
    A parameter the header declares an entity name is bound to its lookup keys (`lookup_keys`),
    the form ``nkg:lookupKey`` holds: any case, accents or punctuation find the entity. Lines
    marked ``# only-with: NAME`` are left out when NAME is not given (see `_drop_unbound_lines`)."""
    sparql = _drop_unbound_lines(sparql, params)
    if not params:
        return sparql
    for name in params:
        if not _NAME.match(name):
            raise UsageError(f"bad parameter name {name!r}; expected a SPARQL variable name")
    m = _WHERE.search(sparql)
    if m is None:
        raise QueryError("parameters need a query with a WHERE { ... } block")
    names = entity_params(sparql)
    values = " ".join(f"VALUES ?{k} {{ {' '.join(Literal(x).n3() for x in (lookup_keys(v) if k in names else [v]))} }}"
                      for k, v in params.items())
    return f"{sparql[:m.end()]} {values} {sparql[m.end():]}"


def lookup_keys(name: str) -> list[str]:
    """The keys a name parameter matches: its own folded form, and that of the preferred name of
    each gazetteer entity it names in any language ("Macron", "Путин"), so that an entity is found
    by a name the documents never used (every entity node holds its preferred name's key).
    Several keys can find one entity twice: the ready-made queries group their rows."""
    from newskg.ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    keys = [normalize_label(name)]
    if (spelling := spelling_key(name)) not in keys:   # a transliterated name's spelling key ("Maxim"/"Maksim")
        keys.append(spelling)
    for key, kind in gaz.lookup(name, None):
        if kind != "demonym" and (k := normalize_label(gaz.entry(key).name)) not in keys:
            keys.append(k)
    return keys


def _drop_unbound_lines(sparql: str, params: dict[str, str]) -> str:
    """Leave out the lines marked ``# only-with: p`` when ``p`` is not given. Such a line starts
    from a parameter's entity (``?e nkg:lookupKey ?name``); unbound, it would match every entity
    and the query would give the same answer the long way round, so this only saves time."""
    out = []
    for line in sparql.splitlines(keepends=True):
        m = _ONLY_WITH.search(line)
        if m and not set(re.split(r"[\s,]+", m.group(1).strip())) <= params.keys():
            continue
        out.append(line)
    return "".join(out)


def with_limit(sparql: str, limit: int | None) -> str:
    """At most ``limit`` rows: a LIMIT after the last block is lowered to it, or one is appended.
    An ASK query (one answer, no solution modifiers in its grammar) is left as it is."""
    if limit is None:
        return sparql
    if limit < 0:
        raise UsageError(f"bad limit {limit}; expected a number of rows >= 0")
    # comment lines may follow the last clause; '#' inside an IRI is no comment, so whole lines only
    body = re.sub(r"(?m)^\s*#.*$", "", sparql).rstrip()
    form = _FORM.search(re.sub(r"<[^<>\s]*>", "<>", body))
    if form and form.group(1).upper() == "ASK":
        return sparql
    last = body.rfind("}")
    m = _LIMIT.search(body, last + 1)
    if m:
        return f"{body[:m.start(1)]}{min(limit, int(m.group(1)))}{body[m.end(1):]}"
    return f"{body}\nLIMIT {limit}"


def run_query(graph, sparql: str, params: dict[str, str] | None = None, limit: int | None = None) -> Result:
    """``sparql`` with ``params`` bound (see `bind_params`), at most ``limit`` rows."""
    params = params or {}
    text = with_limit(bind_params(sparql, params), limit)
    try:
        result = graph.query(text)
    except Exception as exc:  # pyparsing and rdflib raise several types for a bad query
        raise QueryError(f"bad SPARQL query: {exc}") from exc
    if entity_params(sparql) & params.keys() and not _has_lookup_keys(graph):
        raise QueryError("this graph has no nkg:lookupKey, which name parameters are matched against (it was "
                         "built by an older newskg): run `newskg build` on it again")
    return result


def _has_lookup_keys(graph) -> bool:
    return bool(graph.query(f"ASK {{ ?e <{NKG.lookupKey}> ?k }}").askAnswer)


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
