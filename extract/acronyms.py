"""An acronym defined in parentheses names the entity it follows, in any language: "Banque
africaine de développement (BAD)", "Banco Central (BC)", "Международного уголовного суда (МУС)";
and the reverse, "el BID (Banco Interamericano de Desarrollo)". Every use of the acronym in the
document is then that entity ("le BAD", "el BID").

The acronym's letters must be found among the initials of the name's words (in any order: an
English acronym after a translated name, "Novo Banco de Desenvolvimento (NDB)"), so that a
person's party ("Nancy Faeser (SPD)") or a news agency after a dateline is not taken for one.
"""
from __future__ import annotations

import re
from collections import Counter

from .mentions import Named
from .model import Document

_OPEN = re.compile(r"\s*\(\s*$")
_CLOSE = re.compile(r"^\s*\)")


def is_acronym(text: str) -> bool:
    """One word of 2 to 10 letters, most of them capitals: "BAD", "МУС", "KfW", "M23" not."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= 10 and " " not in text and len(letters) == len(text) \
        and sum(c.isupper() for c in letters) >= max(2, (len(letters) + 1) // 2)


def initials_fit(acronym: str, name: str) -> bool:
    """Each letter of the acronym is the initial of a different word of the name."""
    initials = Counter(w[0].casefold() for w in re.split(r"[\s\-'’]+", name) if w and w[0].isalpha())
    need = Counter(c.casefold() for c in acronym)
    return len(name.split()) >= 2 and all(initials[c] >= k for c, k in need.items())


def definitions(doc: Document, names: list[Named]) -> list[tuple[Named, Named]]:
    """(name, acronym) pairs of the document, where one stands in parentheses right after the other."""
    out = []
    ordered = sorted(names, key=lambda n: n.start)
    for a, b in zip(ordered, ordered[1:]):
        if not (_OPEN.fullmatch(doc.text[a.end:b.start]) and _CLOSE.match(doc.text[b.end:b.end + 3])):
            continue
        for full, short in ((a, b), (b, a)):
            if full.type != "Person" and is_acronym(short.text(doc)) and not is_acronym(full.text(doc)) \
                    and initials_fit(short.text(doc), full.text(doc)):
                out.append((full, short))
                break
    return out


def alias_acronyms(doc: Document, names: list[Named]) -> None:
    """Give every use of a defined acronym the entity of its name (names already resolved within
    the document: ``Named.entity`` set). A gazetteer key on either side wins over a provisional one."""
    for full, short in definitions(doc, names):
        keyed = full if full.key else short if short.key else None
        if keyed is short and short.type != full.type and full.type != "Organization":
            continue   # a known acronym of another kind of thing
        source = keyed or full
        surfaces = {full.text(doc), short.text(doc)} if keyed else {short.text(doc)}
        for n in names:
            if n.key is None and n.text(doc) in surfaces:
                n.key, n.entity, n.type = source.key, source.entity, source.type
