"""Bytes -> safe text: BOMs, strict UTF-8, legacy encodings, control characters.

Legacy encodings are guessed by charset-normalizer, but its first choice is often wrong on short
Western texts (French cp1252 comes back as Baltic cp1257), so its candidates, plus the usual
legacy encodings of the seven project languages, are re-ranked by how plausible the decoded
letters are for those languages (Latin letters with the diacritics they use, Cyrillic).
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),   # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: legacy encodings of en/fr/es/pt/de (cp1252), ru (cp1251, koi8-r) and vi (cp1258), tried last
_EXTRA_CANDIDATES = ("cp1252", "cp1251", "koi8_r", "cp1258")
_WESTERN = "àáâãäçèéêëìíîïñòóôõöùúûüýÿœæß"          # fr, es, pt, de
_VI_BASES, _VI_TONES = "aăâeêioôơuưy", ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VIETNAMESE = {unicodedata.normalize("NFC", b + t) for b in _VI_BASES for t in _VI_TONES} | {"đ"}
_CYRILLIC = {chr(c) for c in range(0x430, 0x450)} | {"ё"}
_LETTERS = set(_WESTERN) | _VIETNAMESE
_LETTERS |= {c.upper() for c in _LETTERS if len(c.upper()) == 1}
_PUNCT = set("“”‘’«»„‚–—…€£°•·§©®™\u00a0¿¡ªº×")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
#: lone surrogates (a JSON "\\ud800" escape): no UTF-8 form, so no file or store could hold them
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?|[\x85\u2028\u2029]")
_SAMPLE = 65536  # characters scored per candidate: enough to decide, bounded time


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):], encoding
    return data, None


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode a whole file; returns (text, encoding) or raises InputError naming ``name``."""
    body, bom_encoding = strip_bom(data)
    if bom_encoding:
        try:
            return body.decode(bom_encoding), bom_encoding
        except UnicodeDecodeError as exc:
            raise InputError(f"undecodable bytes: {bom_encoding} byte order mark but {exc.reason} "
                             f"at byte {exc.start}", document=name) from None
    if b"\x00" in body:
        raise InputError("binary file (NUL bytes; UTF-16 text needs a byte order mark)", document=name)
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    replaced = body.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for ch in replaced if ord(ch) > 127) - bad
    if good and good >= bad:
        # Mostly valid multi-byte UTF-8 with some broken sequences: a damaged UTF-8 file, and
        # reading it as a legacy code page would turn every accented letter into mojibake.
        raise InputError(f"undecodable bytes: invalid UTF-8 ({first_error.reason}) at byte "
                         f"{first_error.start}, in a file that is otherwise UTF-8", document=name)
    return _decode_legacy(body, name)


def _decode_legacy(body: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # lazy: only legacy files need it

    candidates = [m.encoding for m in from_bytes(body[:_SAMPLE * 2])]
    candidates += [e for e in _EXTRA_CANDIDATES if e not in candidates]
    best: tuple[float, int, str, str] | None = None
    for rank, encoding in enumerate(candidates):
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = plausibility(text[:_SAMPLE])
        if best is None or (score, -rank) > (best[0], -best[1]):
            best = (score, rank, encoding, text)
    if best is None or best[0] < 0.8:
        raise InputError("undecodable bytes: not UTF-8 and no plausible legacy encoding "
                         f"(tried {', '.join(candidates[:8])})", document=name)
    return best[3], best[2]


def plausibility(text: str) -> float:
    """Share of non-ASCII characters that fit the seven languages' scripts (1.0 when none)."""
    text = unicodedata.normalize("NFC", text)
    good = bad = 0
    for i, ch in enumerate(text):
        if ord(ch) < 128:
            continue
        if _fits(ch, text, i):
            good += 1
        else:
            bad += 1
    return good / (good + bad) if good + bad else 1.0


def _fits(ch: str, text: str, i: int) -> bool:
    if ch in _LETTERS or ch in _PUNCT:
        return True
    if ch.lower() in _CYRILLIC:
        # Cyrillic glued to ASCII letters is a wrong guess (cp1251 read of "café" gives "cafй")
        near = text[max(i - 1, 0):i] + text[i + 1:i + 2]
        return not any(c.isascii() and c.isalpha() for c in near)
    return False


def sanitize(text: str) -> str:
    """Unify line ends to \\n and drop control characters other than \\n and \\t, and lone
    surrogates (linear time)."""
    return _SURROGATE.sub("", _CONTROL.sub("", _NEWLINES.sub("\n", text)))


def looks_binary(text: str) -> bool:
    """Decoded text that is still full of control characters is a binary file."""
    sample = text[:_SAMPLE]
    controls = len(_CONTROL.findall(sample)) - sample.count("\r") - sample.count("\x0c")
    return bool(sample) and controls > max(2, len(sample) // 20)  # random bytes: ~11%
