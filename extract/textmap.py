"""Text edited while remembering, for every character, where it came from in the original."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

#: (start, end, replacement): replace text[start:end]; replacement characters map to the
#: origin of text[start] (a line break that became a space still points at the line break)
Edit = tuple[int, int, str]


class MappedText:
    def __init__(self, text: str, origin: list[int] | None = None):
        self.text = text
        self.origin = list(range(len(text))) if origin is None else list(origin)
        assert len(self.origin) == len(self.text)

    def edit(self, edits: Iterable[Edit]) -> int:
        """Apply sorted, non-overlapping edits in one linear pass; returns how many applied."""
        parts: list[str] = []
        origin: list[int] = []
        pos = count = 0
        for start, end, repl in edits:
            if start < pos:
                continue  # overlaps the previous edit: keep the first one
            parts.append(self.text[pos:start])
            origin.extend(self.origin[pos:start])
            if repl:
                anchor = self.origin[start] if start < len(self.origin) else self.origin[-1]
                parts.append(repl)
                origin.extend([anchor] * len(repl))
            pos = max(end, start)
            count += 1
        if count:
            parts.append(self.text[pos:])
            origin.extend(self.origin[pos:])
            self.text, self.origin = "".join(parts), origin
        return count

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str] = "") -> int:
        """Like ``pattern.sub`` but keeping the map."""
        return self.edit((m.start(), m.end(), repl if isinstance(repl, str) else repl(m))
                         for m in pattern.finditer(self.text))

    def translate(self, table: dict[int, str]) -> None:
        """One-to-one character replacement (every value one character): the map is unchanged."""
        self.text = self.text.translate(table)

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each line, end excluding its ``\\n``."""
        spans, start = [], 0
        text = self.text
        while True:
            end = text.find("\n", start)
            if end < 0:
                spans.append((start, len(text)))
                return spans
            spans.append((start, end))
            start = end + 1

    def nfc(self) -> None:
        """NFC-normalise; a composed character maps to the first character it was made from."""
        if unicodedata.is_normalized("NFC", self.text):
            return
        edits: list[Edit] = []
        fixed: dict[int, list[int]] = {}  # output origins for edits whose mapping is not uniform
        for start, end in self.lines():
            line = self.text[start:end]
            if unicodedata.is_normalized("NFC", line):
                continue
            out, origin = _nfc_line(line)
            edits.append((start, end, out))
            fixed[start] = [self.origin[start + o] for o in origin]
        parts: list[str] = []
        new_origin: list[int] = []
        pos = 0
        for start, end, out in edits:
            parts.append(self.text[pos:start])
            new_origin.extend(self.origin[pos:start])
            parts.append(out)
            new_origin.extend(fixed[start])
            pos = end
        parts.append(self.text[pos:])
        new_origin.extend(self.origin[pos:])
        self.text, self.origin = "".join(parts), new_origin


#: a character followed by marks from the common combining blocks: the usual non-NFC spots
_MARKED = re.compile("[^\n][\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff"
                     "\u20d0-\u20ff\ufe20-\ufe2f]+")


def _nfc_line(line: str) -> tuple[str, list[int]]:
    """NFC of one line and, per output character, its index in ``line``.

    Works cluster by cluster (a starter and the combining marks after it); a character found
    unchanged in its cluster keeps its own index (marks that canonical ordering moved too),
    a composed one gets the cluster's first index. The fast pass only visits clusters with
    common combining marks; when its result is not the line's NFC, every cluster is visited.
    """
    target = unicodedata.normalize("NFC", line)
    fast = [m.span() for m in _MARKED.finditer(line)]
    for spans in (fast, _clusters(line)):
        out, origin = _map_clusters(line, spans)
        if out == target:
            return out, origin
    # Compositions across clusters (Hangul jamo, some Indic vowel signs): map greedily.
    # Compositions across clusters (Hangul jamo, some Indic vowel signs): map greedily.
    origin, pointer = [], 0
    for ch in target:
        pointer = min(pointer, len(line) - 1)
        origin.append(pointer)
        pointer += len(unicodedata.normalize("NFD", ch)) if line[pointer] != ch else 1
    return target, origin


def _clusters(line: str) -> list[tuple[int, int]]:
    bounds = [i for i, ch in enumerate(line) if unicodedata.combining(ch) == 0 or i == 0]
    return list(zip(bounds, bounds[1:] + [len(line)]))


def _map_clusters(line: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """Normalise each (start, end) cluster, copying the text between clusters unchanged."""
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for a, b in spans:
        parts.append(line[pos:a])
        origin.extend(range(pos, a))
        norm = unicodedata.normalize("NFC", line[a:b])
        used: set[int] = set()
        for ch in norm:
            j = next((k for k in range(a, b) if k not in used and line[k] == ch), None)
            if j is not None:
                used.add(j)
            origin.append(a if j is None else j)
        parts.append(norm)
        pos = b
    parts.append(line[pos:])
    origin.extend(range(pos, len(line)))
    return "".join(parts), origin
