"""The engine interface: documents in, sentences/tokens/mentions (offsets into Document.text) out."""
from __future__ import annotations

from typing import ClassVar, Protocol

from ..model import Annotation, Document


class Engine(Protocol):
    name: ClassVar[str]
    #: what the engine provides, so that later steps can choose (e.g. "deps" enables parse-based arguments)
    provides: ClassVar[frozenset[str]]

    def supports(self, lang: str) -> bool:
        """True when the engine and its model for ``lang`` are installed (never downloads)."""

    def require(self, lang: str) -> None:
        """Raise EngineUnavailable saying what is missing and how to install it."""

    def annotate(self, docs: list[Document]) -> list[Annotation]:
        """Annotate a batch of documents of any languages the engine supports."""
