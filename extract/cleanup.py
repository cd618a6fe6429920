"""Clean a Document's text for the NLP engines, keeping a map back to the original.

Steps: NFC; odd spaces become spaces and invisible characters go; boilerplate is removed by
the per-language rules of ``ontology/lang`` (see ``extract/boilerplate.py``); spaces are
trimmed; lines broken inside a paragraph are joined (``infor-\\nmation`` -> ``information``;
hard-wrapped text -> one line per paragraph); blank lines collapse to one paragraph break;
text running over ``RUN_MAX`` characters without a sentence end or line break gets a line break
(at a space where there is one), so that no sentence an engine sees is unbounded.
``offset_map[i]`` is the index in ``doc.original`` of the character that became ``text[i]``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .boilerplate import Rules, rules_for
from .model import Document
from .textmap import Edit, MappedText

#: no-break, thin, ideographic ... spaces and tabs -> " "; these keep the length
_SPACES = {c: " " for c in (0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")   # soft hyphen, zero-width space, BOMs
_BULLETS = " \t•·▪◦●►▸*-–—"
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_MULTI_SPACE = re.compile(r"(?<= ) +")
_EDGE_SPACE = re.compile(r"^ +| +$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")
LINE_MAX = 200        # longer lines are prose: never matched by a whole-line rule
MARKER_MAX = 80
MARKER_MIN_BEFORE = 80  # non-space characters of text needed before a related-news marker
#: longer than twice the longest sentence of the seed articles (430): only runaway text is cut
RUN_MAX = 1000
_RUN_END = re.compile(r"[.!?…;。！？]+[\"'”’»)\]]*(?=\s)|\n")


def clean(doc: Document) -> Document:
    mt = MappedText(doc.text, doc.offset_map)  # composes with an earlier clean-up's map
    mt.nfc()
    mt.translate(_SPACES)
    mt.sub(_INVISIBLE)
    stats = remove_boilerplate(mt, rules_for(doc.lang.lower() if doc.lang else None))
    mt.sub(_EDGE_SPACE)
    mt.sub(_MULTI_SPACE)
    stats["joined_lines"] = join_broken_lines(mt)
    mt.sub(_BLANK_RUN, "\n\n")
    stats["broken_runs"] = bound_runs(mt)
    lead = len(mt.text) - len(mt.text.lstrip("\n"))
    tail = len(mt.text.rstrip("\n"))
    mt.edit([(0, lead, ""), (tail, len(mt.text), "")])
    mt.nfc()  # a removal can leave a letter next to a combining mark that followed the cut
    title = unicodedata.normalize("NFC", doc.title) if doc.title else doc.title
    return replace(doc, text=mt.text, offset_map=mt.origin, title=title,
                   meta={**doc.meta, "cleanup": stats})


def remove_boilerplate(mt: MappedText, rules: Rules) -> dict:
    """Blank boilerplate lines, cut the text at a related-news marker, drop inline credits.

    Besides the rules: a line repeating the previous non-blank line (a caption shown twice)
    and, after the first line, a Title Case line without final punctuation (a link to another
    story, or a subheading: no sentence either way) are blanked.
    """
    edits: list[Edit] = []
    stats = {"removed_lines": 0, "dropped_after": None, "duplicate_lines": 0, "headline_lines": 0}
    before, previous, seen = 0, None, 0
    for start, end in mt.lines():
        line = mt.text[start:end]
        key = line.strip().lstrip(_BULLETS).strip() if len(line) <= 4 * LINE_MAX else ""
        marker = key.rstrip(" :\u00a0")  # "Read more:", "À lire aussi :"
        if marker and len(key) <= MARKER_MAX and rules.block_start and rules.block_start.fullmatch(marker):
            if before >= MARKER_MIN_BEFORE:
                stats["dropped_after"] = marker
                edits.append((start, len(mt.text), ""))
                break
            edits.append((start, end, ""))
            stats["removed_lines"] += 1
            continue
        if key and len(key) <= LINE_MAX and rules.line and rules.line.fullmatch(key):
            edits.append((start, end, ""))
            stats["removed_lines"] += 1
            continue
        inline = [(start + m.start(), start + m.end(), "") for m in rules.inline.finditer(line)
                  if m.end() > m.start()] if rules.inline else []
        kept = rules.inline.sub("", line).strip().lstrip(_BULLETS).strip() if inline else key
        if not line.strip():
            continue
        seen += 1
        if kept and kept == previous:
            edits.append((start, end, ""))
            stats["duplicate_lines"] += 1
        elif seen > 1 and _is_headline(kept):
            edits.append((start, end, ""))
            stats["headline_lines"] += 1
        else:
            edits.extend(inline)
            before += len(kept) - kept.count(" ")
        previous = kept
    mt.edit(edits)
    return stats


def _is_headline(line: str) -> bool:
    """Title Case words (every word of 4+ letters capitalised, 3+ of them), no final stop."""
    if not line or len(line) > 150 or _TERMINAL.search(line):
        return False
    long_words = [w for w in line.split() if sum(c.isalpha() for c in w) >= 4]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def join_broken_lines(mt: MappedText) -> int:
    """Join lines broken inside a paragraph; returns how many breaks were removed.

    Always: a word hyphenated at the line end before a lowercase letter loses hyphen and break;
    a line without final punctuation followed by one starting in lowercase is joined with a
    space. In hard-wrapped text (most lines close to one width, at most 100 characters) every
    line reaching 60% of that width is joined to the next non-blank line.
    """
    spans = mt.lines()
    lengths = sorted(e - s for s, e in spans if e > s)
    width = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 5 else 0
    wrapped = 0 < width <= 100 and sum(n >= 0.75 * width for n in lengths) >= len(lengths) / 2
    edits: list[Edit] = []
    text = mt.text
    for (start, end), (nstart, nend) in zip(spans, spans[1:]):
        if end == start or nend == nstart:
            continue
        line, first = text[start:end], text[nstart]
        if first in _BULLETS:
            continue
        hyphen = _HYPHEN_END.search(line)
        full = wrapped and end - start >= 0.6 * width
        if hyphen and first.islower():
            edits.append((end - 1, nstart, ""))        # infor-|mation -> information
        elif hyphen and full:
            edits.append((end, nstart, ""))            # Diaz-|Canel -> Diaz-Canel
        elif full or (first.islower() and not _TERMINAL.search(line)):
            edits.append((end, nstart, " "))
    return mt.edit(edits)


def bound_runs(mt: MappedText, limit: int = RUN_MAX) -> int:
    """Break every stretch of more than ``limit`` characters without a sentence end or line
    break: at its last space in the second half of each ``limit`` window (the space becomes a
    line break), else at the limit itself (after any combining marks). Engines treat a line
    break as a sentence end, and their per-sentence work grows faster than linearly."""
    text = mt.text
    if len(text) <= limit:
        return 0
    edits: list[Edit] = []
    start = 0
    for end, after in [(m.start(), m.end()) for m in _RUN_END.finditer(text)] + [(len(text), len(text))]:
        pos = start
        while end - pos > limit:
            cut = text.rfind(" ", pos + limit // 2, pos + limit)
            if cut >= 0:
                edits.append((cut, cut + 1, "\n"))
                pos = cut + 1
                continue
            cut = pos + limit
            while cut < end and unicodedata.combining(text[cut]):
                cut += 1
            edits.append((cut, cut, "\n"))
            pos = cut
        start = after
    return mt.edit(edits)
