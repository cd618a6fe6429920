"""Where Stanza models are and which processors a language can run, found without any network access.

Two sources, per language:
* explicit model files (``model_paths``, or the JSON file named by ``NEWSKG_STANZA_MODELS``):
  Pipeline options such as ``tokenize_model_path``, ``ner_model_path``, ``ner_pretrain_path``;
* a Stanza resources directory (``STANZA_RESOURCES_DIR`` or Stanza's default) holding a
  ``resources.json`` and the ``<lang>/<processor>/<package>.pt`` files ``stanza.download`` writes.
"""
from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EngineUnavailable

MODELS_ENV = "NEWSKG_STANZA_MODELS"
#: the processors newskg runs, in Stanza's pipeline order
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
#: an empty resources file: explicit model paths then need nothing from a resources directory
EMPTY_RESOURCES = Path(__file__).with_name("stanza_no_resources.json")
INSTALL_HINT = "stanza is not installed: pip install torch==2.13.0 stanza"


@dataclass
class Plan:
    """How to build the Pipeline of one language."""

    lang: str
    processors: list[str]
    options: dict[str, object] = field(default_factory=dict)   # extra Pipeline keyword arguments
    provides: frozenset[str] = frozenset()


def stanza_installed() -> bool:
    return importlib.util.find_spec("stanza") is not None and importlib.util.find_spec("torch") is not None


def default_resources_dir() -> str:
    """Stanza's DEFAULT_MODEL_DIR (``STANZA_RESOURCES_DIR`` or the user cache), computed without importing
    stanza, which would import torch."""
    if os.environ.get("STANZA_RESOURCES_DIR"):
        return os.environ["STANZA_RESOURCES_DIR"]
    version = "1.15.0"
    spec = importlib.util.find_spec("stanza")
    if spec is not None and spec.submodule_search_locations:
        scope: dict[str, str] = {}
        version_file = Path(list(spec.submodule_search_locations)[0]) / "_version.py"
        exec(version_file.read_text(encoding="utf-8"), scope)  # two string constants
        version = scope.get("__resources_version__", version)
    from platformdirs import user_cache_dir

    return os.path.join(user_cache_dir("stanza", "StanfordNLP", version), "resources")


def read_model_paths(path: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    """Load a models.json (lang -> Pipeline options); relative paths are relative to the file."""
    base = Path(path).resolve().parent
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EngineUnavailable(f"cannot read Stanza model paths from {MODELS_ENV}={path}: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise EngineUnavailable(f"{path}: expected a JSON object lang -> {{option: path}}")
    return {lang: {k: _resolve(base, k, v) for k, v in opts.items()} for lang, opts in data.items()}


def _resolve(base: Path, key: str, value: object) -> object:
    if key.endswith("_path") and isinstance(value, str) and not os.path.isabs(value):
        return str(base / value)
    return value


def env_model_paths() -> dict[str, dict[str, str]]:
    path = os.environ.get(MODELS_ENV)
    return read_model_paths(path) if path else {}


def missing_message(lang: str, resources_dir: str) -> str:
    return (f"no Stanza model for {lang!r} in {resources_dir}: run `newskg models download {lang}` "
            f"(needs internet) or set STANZA_RESOURCES_DIR")


def _provides(processors: list[str], real_lemma: bool) -> frozenset[str]:
    extra = {"pos"} & set(processors) | ({"lemma"} if real_lemma else set())
    return frozenset({"sentences", "tokens", "ner"} | extra | ({"deps"} if "depparse" in processors else set()))


def plan_from_paths(lang: str, options: dict[str, object]) -> Plan:
    """A Plan from explicit model files; raises EngineUnavailable naming a missing file."""
    for key, value in options.items():
        if key.endswith("_path") and isinstance(value, str) and not os.path.exists(value):
            raise EngineUnavailable(f"Stanza {key} for {lang!r} not found: {value}")
    processors = [p for p in PROCESSORS if f"{p}_model_path" in options]
    missing = {"tokenize", "ner"} - set(processors)
    if missing:
        raise EngineUnavailable(f"Stanza model paths for {lang!r} lack {', '.join(sorted(f'{m}_model_path' for m in missing))}")
    extra: dict[str, object] = {"allow_unknown_language": True, "resources_filepath": str(EMPTY_RESOURCES)}
    real_lemma = "lemma" in processors
    if "depparse" in processors and not real_lemma:   # the parser requires lemmas; identity ones do
        processors.insert(processors.index("depparse"), "lemma")
        extra["lemma_use_identity"] = True
    return Plan(lang, processors, {**options, **extra}, _provides(processors, real_lemma))


def plan_from_resources(lang: str, resources_dir: str) -> Plan | None:
    """A Plan from a downloaded resources directory, or None when tokenizer or NER files are missing."""
    resources_file = Path(resources_dir) / "resources.json"
    try:
        resources = json.loads(resources_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = resources.get(lang)
    if not isinstance(entry, dict):
        return None
    real = entry.get("alias", lang)
    default = resources.get(real, {}).get("packages", {}).get("default") or resources.get(real, {}).get("default_processors", {})
    # stanza's own resolution of packages and dependencies: imported only when models are listed
    from stanza.resources.common import add_dependencies, flatten_processor_list, maintain_processor_list

    def files(processor: str) -> list[Path] | None:
        try:
            load = maintain_processor_list(resources, real, None, {processor: "default"})
            flat = flatten_processor_list(add_dependencies(resources, real, load))
        except (KeyError, ValueError):
            return None
        return [Path(resources_dir, real, proc, f"{pkg}.pt") for proc, pkg in flat if pkg != "identity"]

    usable = []
    for processor in PROCESSORS:
        if processor == "mwt" or processor not in default:   # mwt is added with tokenize when needed
            continue
        paths = files(processor)   # [] for the identity lemmatizer, which needs no file
        if paths is not None and all(p.exists() for p in paths):
            usable.append(processor)
    if not {"tokenize", "ner"} <= set(usable):
        return None
    if "depparse" in usable and not {"pos", "lemma"} <= set(usable):
        usable.remove("depparse")
    real_lemma = "lemma" in usable and default.get("lemma") != "identity"
    return Plan(lang, usable, {"dir": resources_dir}, _provides(usable, real_lemma))
