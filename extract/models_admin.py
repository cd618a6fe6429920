"""`newskg models list|download`: which NLP engines are installed per language, and fetching Stanza models.

Listing never touches the network; downloading is the one place newskg asks Stanza to fetch models.
"""
from __future__ import annotations

import importlib.util
import os

from .engines import AUTO_PREFERENCE, get_engine
from .engines.stanza_engine import StanzaEngine
from .engines.stanza_setup import INSTALL_HINT, MODELS_ENV, default_resources_dir, stanza_installed
from .errors import EngineUnavailable, UsageError
from .lexicon import available_languages

#: the languages newskg has data for (ontology/lang/<lang>/triggers.tsv)
LANGS = tuple(available_languages())
#: what `download` fetches: enough for sentences, tokens, POS, lemmas, dependencies and NER
#: (Stanza adds the multi-word-token expander itself where a language needs one)
STANZA_PROCESSORS = "tokenize,pos,lemma,depparse,ner"


def _spacy_pipelines(lang: str) -> list[str]:
    from .engines.spacy_engine import pipeline_names

    found = []
    for name in pipeline_names(lang):
        try:
            if importlib.util.find_spec(name) is not None:
                found.append(name)
        except (ImportError, ValueError):
            continue
    return found


def list_models(resources_dir: str | None = None) -> list[dict]:
    """One row per language: ``lang``, ``stanza`` (model present), ``stanza_source`` (where it was
    looked for), ``spacy`` (installed pipeline names), ``underthesea``, ``casing`` (the language
    has data in ontology/lang/), ``gazetteer`` (always True) and ``auto`` (the engine `--engine auto`
    picks)."""
    stanza = StanzaEngine(resources_dir=resources_dir)
    underthesea = get_engine("underthesea")
    casing = get_engine("casing")
    rows = []
    for lang in LANGS:
        stanza_ok = stanza.supports(lang)
        source = (os.environ.get(MODELS_ENV) if lang in _safe_model_paths(stanza) else stanza.resources_dir)
        row = {
            "lang": lang,
            "stanza": stanza_ok,
            "stanza_source": source,
            "spacy": _spacy_pipelines(lang),
            "underthesea": underthesea.supports(lang),
            "casing": casing.supports(lang),
            "gazetteer": True,
        }
        usable = {"stanza": stanza_ok, "spacy": bool(row["spacy"]), "underthesea": row["underthesea"],
                  "casing": row["casing"]}
        row["auto"] = next((name for name in AUTO_PREFERENCE if usable.get(name)), "gazetteer")
        rows.append(row)
    return rows


def _safe_model_paths(engine: StanzaEngine) -> dict:
    try:
        return engine.model_paths
    except EngineUnavailable:   # an unreadable NEWSKG_STANZA_MODELS file: listed as not installed
        return {}


def download_models(langs: list[str], resources_dir: str | None = None) -> None:
    """Download Stanza models for ``langs`` into ``resources_dir`` (default: Stanza's own directory).

    Needs internet; any failure (no network, unknown language) becomes EngineUnavailable with the reason.
    """
    if not langs:
        raise UsageError(f"no language given; choose from {', '.join(LANGS)} (or any Stanza language)")
    if not stanza_installed():
        raise EngineUnavailable(INSTALL_HINT)
    import stanza

    target = resources_dir or default_resources_dir()
    for lang in langs:
        try:
            stanza.download(lang, model_dir=target, processors=STANZA_PROCESSORS)
        except (OSError, ValueError, KeyError) as exc:   # requests' errors are OSErrors
            raise EngineUnavailable(
                f"cannot download Stanza models for {lang!r} into {target}: {type(exc).__name__}: {exc}") from exc
