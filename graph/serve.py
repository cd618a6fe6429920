"""`newskg serve OUT`: the graph as a read-only SPARQL 1.1 Protocol endpoint.

- ``GET /sparql?query=...``, ``POST /sparql`` with a form (``query=``) or an
  ``application/sparql-query`` body; ``default-graph-uri`` / ``named-graph-uri`` are honoured,
  and without them the default graph is the union of all graphs, each triple once (as for
  ``newskg query``).
- Common prefixes are declared: nkg:, ent:, doc:, st:, ev:, schema:, skos:, prov:, owl:,
  dcterms:, wd:, rdf:, rdfs:, xsd:.
- Results by content negotiation: SPARQL JSON (default), XML, CSV, TSV for SELECT/ASK; Turtle
  (default), N-Triples, RDF/XML, JSON-LD for CONSTRUCT/DESCRIBE; 406 when none fits.
- Read-only: an update (``update=``, ``application/sparql-update``, or an update given as a
  query) gets 403 and says why.
- A query timeout that holds: queries run in worker processes, and a worker that overruns is
  killed and replaced (a thread cannot be stopped); the client gets 503.
Bound to 127.0.0.1 unless told otherwise: the endpoint has no authentication.
"""
from __future__ import annotations

import queue
import re
import select
import signal
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .serve_worker import negotiate, receive, send

MAX_BODY = 1_000_000
PATHS = ("/sparql", "/query")
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n]*")


class QueryTimeout(Exception):
    pass


class Worker:
    """A `python -m newskg.graph.serve_worker` child, spoken to through its standard streams."""

    def __init__(self, source: tuple[str, str]):
        self.proc = subprocess.Popen([sys.executable, "-m", "newskg.graph.serve_worker", *source],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, request: tuple, timeout: float) -> tuple[int, str, bytes]:
        assert self.proc.stdin and self.proc.stdout
        send(self.proc.stdin, request)
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise QueryTimeout
        return receive(self.proc.stdout)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(5)


class Pool:
    """Worker processes, each with the store open read-only; one query at a time per worker."""

    def __init__(self, source: tuple[str, str], size: int):
        self.source = source
        self.idle: queue.Queue[Worker] = queue.Queue()
        for _ in range(size):
            self.idle.put(Worker(source))
        w = self.idle.get()  # fail early when the store cannot be opened
        status, _, body = w.run(("ASK { }", ["*/*"], [], [], {}), 120)
        self.idle.put(w)
        if status != 200:
            self.close()
            from newskg.extract.errors import StoreError

            raise StoreError(body.decode("utf-8", "replace").strip())

    def run(self, request: tuple, timeout: float) -> tuple[int, str, bytes]:
        w = self.idle.get()
        try:
            result = w.run(request, timeout)
        except (QueryTimeout, EOFError, OSError) as exc:
            w.kill()
            self.idle.put(Worker(self.source))
            if isinstance(exc, QueryTimeout):
                raise
            return 500, "text/plain", b"the query worker died; the query may use too much memory\n"
        self.idle.put(w)
        return result

    def close(self) -> None:
        while not self.idle.empty():
            self.idle.get().kill()


def source_of(out_dir: str | Path) -> tuple[str, str]:
    """What the workers open: ("oxigraph", store folder) or ("trig", file)."""
    from newskg.extract.errors import StoreError

    from .store import read_config

    out = Path(out_dir)
    spec = read_config(out) if out.is_dir() else None
    if spec is not None and spec.kind == "sparql":
        raise StoreError(f"{out_dir} lives in a remote store; query its endpoint directly: {spec.location}")
    if spec is not None and spec.kind == "oxigraph":
        if not Path(spec.path).is_dir():
            raise StoreError(f"no store at {spec.path} (recorded in {out / 'store.json'}); build again")
        return "oxigraph", spec.path
    trig = out / "graph.trig" if out.is_dir() else out
    if not trig.is_file():
        raise StoreError(f"no graph in {out_dir}: expected {trig} (run `newskg build INPUT -o {out_dir}` first)")
    return "trig", str(trig)


def make_server(out_dir: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 30.0,
                workers: int = 2, quiet: bool = True) -> ThreadingHTTPServer:
    from rdflib.namespace import RDF, RDFS, XSD

    from .rdf import PREFIXES

    pool = Pool(source_of(out_dir), max(1, workers))
    # the project's prefixes (nkg:, ent:, doc:, ...) and rdf:, rdfs:, xsd: need no declaration
    prefixes = {k: str(v) for k, v in {**PREFIXES, "rdf": RDF, "rdfs": RDFS, "xsd": XSD}.items()}

    class Handler(BaseHTTPRequestHandler):
        server_version = "newskg-sparql"

        def log_message(self, fmt: str, *args) -> None:
            if not quiet:
                super().log_message(fmt, *args)

        def do_GET(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            if url.path not in PATHS:
                return self._send(404, "text/plain", f"not found; the endpoint is {PATHS[0]}\n")
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                return self._refuse()
            if "query" not in params:
                return self._send(400, "text/plain", "missing the query parameter: GET /sparql?query=...\n")
            self._answer(params["query"][0], params)

        def do_POST(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            if url.path not in PATHS:
                return self._send(404, "text/plain", f"not found; the endpoint is {PATHS[0]}\n")
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._send(413, "text/plain", f"request body over {MAX_BODY} bytes\n")
            body = self.rfile.read(length).decode("utf-8", "replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(url.query, keep_blank_values=True)
            if ctype == "application/sparql-update":
                return self._refuse()
            if ctype == "application/x-www-form-urlencoded":
                params.update(parse_qs(body, keep_blank_values=True))
                if "update" in params:
                    return self._refuse()
                if "query" not in params:
                    return self._send(400, "text/plain", "missing the query parameter in the form\n")
                return self._answer(params["query"][0], params)
            if ctype == "application/sparql-query":
                return self._answer(body, params)
            return self._send(415, "text/plain", "POST a form (application/x-www-form-urlencoded) or an "
                                                 "application/sparql-query body\n")

        def _answer(self, sparql: str, params: dict) -> None:
            if _UPDATE.match(_COMMENT.sub("", sparql)):
                return self._refuse()
            accept = negotiate(self.headers.get("Accept"))
            request = (sparql, accept, params.get("default-graph-uri", []), params.get("named-graph-uri", []),
                       prefixes)
            try:
                status, ctype, data = pool.run(request, timeout_s)
            except QueryTimeout:
                return self._send(503, "text/plain", f"query timed out after {timeout_s:g} s (the endpoint's "
                                                     "limit; narrow the query or ask for a higher --timeout)\n")
            self._send(status, ctype, data)

        def _refuse(self) -> None:
            self._send(403, "text/plain", "this SPARQL endpoint is read-only: updates are refused "
                                          "(change the graph with `newskg build` or `newskg remove`)\n")

        def _send(self, status: int, ctype: str, data: bytes | str) -> None:
            body = data.encode("utf-8") if isinstance(data, str) else data
            self.send_response(status)
            self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept")
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.pool = pool  # type: ignore[attr-defined]
    return server


def serve(out_dir: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 30.0,
          workers: int = 2, quiet: bool = True) -> None:
    """Serve until interrupted; prints the endpoint's URL first (port 0 picks a free port)."""
    def stop(signum, frame) -> None:  # SIGTERM stops like Ctrl-C: the workers go too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    server = make_server(out_dir, host, port, timeout_s, workers, quiet)
    try:
        bound_host, bound_port = server.server_address[:2]
        print(f"serving {out_dir} at http://{bound_host}:{bound_port}{PATHS[0]} "
              f"(read-only; query timeout {timeout_s:g} s; Ctrl-C stops)", flush=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            print("warning: the endpoint has no authentication and is reachable from other machines",
                  file=sys.stderr, flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()  # type: ignore[attr-defined]


__all__ = ["serve", "make_server", "source_of"]
