"""One way to compare entity names across the graph, its queries and its evaluation: fold case,
accents and punctuation, so that 'Díaz-Canel', 'diaz canel' and 'DIAZ CANEL' are one key."""
from __future__ import annotations

import unicodedata

# Letters with a stroke do not decompose under NFKD, so strip them by hand (Vietnamese đ, Polish ł…).
_STROKES = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ħ": "h", "ŧ": "t", "ı": "i", "ƀ": "b",
                          "ɨ": "i", "æ": "ae", "œ": "oe", "þ": "th"})


def normalize_label(text: str) -> str:
    """Fold case, accents and punctuation: 'Díaz-Canel' -> 'diaz canel', 'Điện' -> 'dien'.

    Punctuation and symbols become a space (so 'Diaz-Canel' == 'Diaz Canel'), then spaces collapse.
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold()).translate(_STROKES)
    chars = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        chars.append(" " if cat[0] in "PSZC" else ch)
    return " ".join("".join(chars).split())


def latin_form(text: str) -> str | None:
    """A name written in another script, transliterated ('Максим Решетников' -> 'Maksim
    Reshetnikov'), so that a query in Latin letters finds it; None for a name in Latin letters."""
    if not any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text):
        return None
    from anyascii import anyascii

    return " ".join(anyascii(text).split()) or None


def spelling_key(text: str) -> str:
    """The transliteration-tolerant key of a name (extract.resolve.fold: 'Maxim' and 'Maksim',
    'Sergey' and 'Sergei' are one), held as a lookup key next to the exact one."""
    from newskg.extract.resolve import fold

    return fold(text)
