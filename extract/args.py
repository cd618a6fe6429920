"""An argument of a relation found in a sentence: a span standing for a named mention (a name, a
pronoun, a group or an unsaid subject)."""
from __future__ import annotations

from dataclasses import dataclass

from .mentions import Named


@dataclass
class Arg:
    start: int
    end: int
    named: Named
    pronoun: bool = False

    @property
    def type(self) -> str:
        return self.named.type
