"""Which characters of a text are already covered by a mention.

A long document has thousands of mentions; testing each candidate against every span taken so
far is quadratic (a 2 MB line took minutes). One byte per character makes the test a C scan of
the candidate's own length.
"""
from __future__ import annotations

from collections.abc import Iterable


class SpanMask:
    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._bits = bytearray(size + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self._bits[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any character in [start, end) is covered."""
        return self._bits.find(1, start, end) >= 0
