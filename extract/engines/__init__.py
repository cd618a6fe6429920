"""A small registry of NLP engines, imported lazily (like rdflib's plugin registry)."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..errors import UnknownChoice

if TYPE_CHECKING:
    from .base import Engine

#: engine name -> "module:Class"; the module is imported only when the engine is used
ENGINES: dict[str, str] = {
    "stanza": "newskg.extract.engines.stanza_engine:StanzaEngine",
    "spacy": "newskg.extract.engines.spacy_engine:SpacyEngine",
    "underthesea": "newskg.extract.engines.underthesea_engine:UndertheseaEngine",
    "casing": "newskg.extract.engines.casing_engine:CasingEngine",
    "gazetteer": "newskg.extract.engines.gazetteer_engine:GazetteerEngine",
}
#: order in which `auto` prefers engines for a language; the gazetteer is always added (and
#: annotates alone a language without data in ontology/lang/)
AUTO_PREFERENCE = ("stanza", "spacy", "underthesea", "casing")

_instances: dict[str, "Engine"] = {}


def register(name: str, target: str) -> None:
    ENGINES[name] = target
    _instances.pop(name, None)


def get_engine(name: str) -> "Engine":
    if name not in ENGINES:
        raise UnknownChoice("engine", name, [*ENGINES, "auto"])
    if name not in _instances:
        module, cls = ENGINES[name].split(":")
        _instances[name] = getattr(importlib.import_module(module), cls)()
    return _instances[name]


def engine_for(lang: str, requested: str = "auto") -> "Engine":
    """The engine that annotates ``lang``: the requested one (checked), or the best installed for `auto`."""
    if requested != "auto":
        engine = get_engine(requested)
        engine.require(lang)
        return engine
    for name in AUTO_PREFERENCE:
        engine = get_engine(name)
        if engine.supports(lang):
            return engine
    return get_engine("gazetteer")
