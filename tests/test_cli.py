"""Each CLI command, through the real `newskg` entry point, including bad arguments."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newskg.graph.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newskg.graph.cli", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def small_out(tmp_path_factory):
    """A tiny corpus built with the gazetteer engine (fast) through the CLI."""
    src = tmp_path_factory.mktemp("in")
    (src / "a.txt").write_text("Russian President Vladimir Putin met Cuban President Miguel Díaz-Canel in Moscow "
                               "on Monday.\n", encoding="utf-8")
    (src / "a.meta.json").write_text('{"published": "2019-03-06", "lang": "en"}', encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    proc = run_cli("build", str(src), "-o", str(out), "--engine", "gazetteer")
    assert proc.returncode == 0, proc.stderr
    assert "documents: 1" in proc.stdout
    return out


def test_build_writes_files(small_out):
    assert {p.name for p in small_out.iterdir()} >= {"graph.ttl", "graph.trig", "graph.html"}


def test_query_json(small_out):
    proc = run_cli("query", str(small_out), "-q", "who-met-whom", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert {rows[0]["a"], rows[0]["b"]} == {"Vladimir Putin", "Miguel Díaz-Canel"}
    assert rows[0]["date"] == "2019-03-04"


@pytest.mark.parametrize("limit,rows", [("0", 0), ("1", 1), ("5", 1)])
def test_query_limit_and_name_parameter(small_out, limit, rows):
    proc = run_cli("query", str(small_out), "-q", "who-met-whom", "--param", "name=miguel diaz canel",
                   "--limit", limit, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert len(found) == rows
    assert all(r["a"] == "Miguel Díaz-Canel" and r["b"] == "Vladimir Putin" for r in found)


def test_query_list_and_inline(small_out):
    assert "who-met-whom" in run_cli("query", str(small_out), "--list").stdout
    proc = run_cli("query", str(small_out), "ASK { ?s ?p ?o }", "--format", "csv")
    assert proc.stdout.splitlines() == ["ask", "true"]


@pytest.mark.parametrize("fmt,probe", [("ttl", "@prefix"), ("trig", "{"), ("nt", "> ."), ("nq", "> ."),
                                       ("jsonld", '"@id"')])
def test_export_formats(small_out, fmt, probe):
    proc = run_cli("export", str(small_out), "--format", fmt)
    assert proc.returncode == 0 and probe in proc.stdout


def test_view(small_out, tmp_path):
    target = tmp_path / "v.html"
    proc = run_cli("view", str(small_out), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert "Vladimir Putin" in target.read_text(encoding="utf-8")


def test_evaluate_prints_scores(small_out, tmp_path):
    gold = tmp_path / "gold.tsv"
    gold.write_text("doc\tsubject\trelation\tobject\tdate\toptional\tevidence\n"
                    "a.txt\tVladimir Putin\tmet\tMiguel Díaz-Canel\t2019-03-04\t\tmet\n", encoding="utf-8")
    proc = run_cli("evaluate", str(small_out), "--gold", str(gold), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["overall"]["recall"] == 1.0


@pytest.mark.parametrize("args,needle", [
    (["build", "x", "-o", "y", "--engine", "stanz"], "invalid choice: 'stanz'"),
    (["query", "nowhere", "ASK {}"], "no graph in nowhere"),
    (["query", ".", "-q", "nope"], "unknown query 'nope'; available:"),
    (["export", "nowhere", "--format", "xml"], "invalid choice: 'xml'"),
])
def test_bad_arguments_give_a_message_and_non_zero_exit(args, needle):
    proc = run_cli(*args)
    assert proc.returncode != 0
    assert needle in proc.stderr


def test_unknown_query_name_exit_code(small_out, capsys):
    assert main(["query", str(small_out), "-q", "nope"]) == 2
    assert "available: between-countries" in capsys.readouterr().err


def test_build_with_stanza_models_from_configuration(tmp_path):
    """The Stanza engine on the tiny locally trained models, configured from the command line."""
    from pathlib import Path

    src = tmp_path / "in"
    src.mkdir()
    (src / "s.txt").write_text("President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Monday.\n",
                               encoding="utf-8")
    (src / "s.meta.json").write_text('{"published": "2024-02-14", "lang": "en"}', encoding="utf-8")
    models = Path(__file__).parent / "fixtures" / "stanza" / "models" / "models.json"
    out = tmp_path / "out"
    proc = run_cli("build", str(src), "-o", str(out), "--engine", "stanza", "--stanza-models", str(models),
                   "--no-viewer")
    assert proc.returncode == 0, proc.stderr + proc.stdout
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"stanza' in ttl  # evidence records the engine that produced the mentions


def test_build_reports_a_missing_stanza_model_and_exits_3(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "s.txt").write_text("Olaf Scholz visited Paris.\n", encoding="utf-8")
    (src / "s.meta.json").write_text('{"lang": "en"}', encoding="utf-8")
    proc = run_cli("build", str(src), "-o", str(tmp_path / "out"), "--engine", "stanza",
                   "--stanza-dir", str(tmp_path / "no-models"), "--no-viewer")
    assert proc.returncode == 3
    assert "no Stanza model for 'en'" in proc.stdout + proc.stderr
