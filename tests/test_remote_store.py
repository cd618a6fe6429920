"""A remote triple store: builds write to, and commands read from, a real Oxigraph server started
on 127.0.0.1 (`oxigraph serve`, installed with the `oxigraph` package)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from newskg.extract.errors import StoreError
from newskg.graph.build import build, remove
from newskg.graph.store import load_dataset

from test_incremental import put, snapshot  # noqa: E402 - tests/ is on sys.path (no package)

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    """A fresh Oxigraph server (its default graph is its own: newskg keeps the union there)."""
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?{urlencode({'query': 'ASK {}'})}", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


def remote_select(base: str, sparql: str) -> list[dict]:
    req = urllib.request.Request(f"{base}/query", data=sparql.encode(), method="POST",
                                 headers={"Content-Type": "application/sparql-query",
                                          "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read())["results"]["bindings"]


def remote_graphs(base: str) -> set[str]:
    return {r["g"]["value"] for r in remote_select(base, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


def test_a_build_writes_its_graphs_to_the_endpoint(tmp_path, server):
    src, out = tmp_path / "in", tmp_path / "out"
    result = build([put(src, "a"), put(src, "c")], out, engine="gazetteer", viewer=False, progress=False,
                   store=f"sparql+{server}/query")
    assert result.store == f"sparql+{server}/query;update={server}/update"
    assert remote_graphs(server) >= {"https://w3id.org/newskg/doc/a", "https://w3id.org/newskg/doc/c",
                                     "https://w3id.org/newskg/graph/derived", "https://w3id.org/newskg/graph/ontology"}
    assert not (out / "store").exists()
    assert (out / "graph.trig").is_file() and (out / "graph.ttl").is_file()


def test_commands_read_the_remote_store(tmp_path, server):
    src, out = tmp_path / "in", tmp_path / "out"
    build([put(src, "a")], out, engine="gazetteer", viewer=False, progress=False, store=f"sparql+{server}/query")
    (out / "graph.trig").unlink()   # whatever is read now comes from the server
    proc = subprocess.run([sys.executable, "-m", "newskg.graph.cli", "query", str(out), "-q", "who-met-whom",
                           "--format", "json"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert {rows[0]["a"], rows[0]["b"]} == {"Vladimir Putin", "Miguel Díaz-Canel"}
    proc = subprocess.run([sys.executable, "-m", "newskg.graph.cli", "query", str(out), "-q", "facts-about",
                           "--param", "name=vladimir PUTIN", "--format", "csv"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "Miguel Díaz-Canel" in proc.stdout
    ds = load_dataset(out)   # quads (viewer, evaluator) come from GRAPH ?g
    graphs = {str(g) for _, _, _, g in ds.quads((None, None, None, None))}
    assert "https://w3id.org/newskg/doc/a" in graphs


def test_remote_and_embedded_stores_hold_the_same_graph_through_changes(tmp_path, server):
    src = tmp_path / "in"
    remote_out, local_out = tmp_path / "remote", tmp_path / "local"
    for out, store in ((remote_out, f"sparql+{server}/query"), (local_out, None)):
        build([put(src, "a"), put(src, "b")], out, engine="gazetteer", viewer=False, progress=False, store=store)
        build([put(src, "d"), put(src, "a", "a2")], out, engine="gazetteer", viewer=False, progress=False)
        remove(out, ["b"], viewer=False, progress=False)
    assert snapshot(remote_out) == snapshot(local_out)
    assert "https://w3id.org/newskg/doc/b" not in remote_graphs(server)


def test_an_unchanged_build_sends_no_update(tmp_path, server):
    src, out = tmp_path / "in", tmp_path / "out"
    store = f"sparql+{server}/query"
    build([put(src, "a")], out, engine="gazetteer", viewer=False, progress=False, store=store)
    again = build([put(src, "a")], out, engine="gazetteer", viewer=False, progress=False, store=store)
    assert (again.analysed, again.graphs_written, again.unchanged) == (0, 0, 1)


def test_a_store_wiped_behind_our_back_is_written_again(tmp_path, server):
    src, out = tmp_path / "in", tmp_path / "out"
    store = f"sparql+{server}/query"
    build([put(src, "a")], out, engine="gazetteer", viewer=False, progress=False, store=store)
    urllib.request.urlopen(urllib.request.Request(f"{server}/update", data=b"DROP ALL", method="POST",
                                                  headers={"Content-Type": "application/sparql-update"}), timeout=10)
    again = build([put(src, "a")], out, engine="gazetteer", viewer=False, progress=False, store=store)
    assert again.graphs_written == 1
    assert "https://w3id.org/newskg/doc/a" in remote_graphs(server)


def test_an_unreachable_endpoint_is_a_store_error_naming_it(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError, match=f"cannot reach the SPARQL endpoint {url}") as err:
        build([put(tmp_path / "in", "a")], tmp_path / "out", engine="gazetteer", viewer=False, progress=False,
              store=f"sparql+{url}")
    assert err.value.exit_code == 5
