"""Map an NLP engine's entity label to the ontology class newskg keeps (data in labels.json)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LABELS_FILE = Path(__file__).with_name("labels.json")
# BIO/BIOES prefixes some engines keep on their labels (underthesea, raw Stanza tags)
_PREFIXES = ("B-", "I-", "E-", "S-", "L-", "U-")


@lru_cache(maxsize=1)
def label_table() -> dict[str, str]:
    """Engine label (upper case) -> ontology class name."""
    data = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    return {label.upper(): cls for cls, labels in data.items() if not cls.startswith("_") for label in labels}


def ontology_type(label: str) -> str | None:
    """``PER``/``PERSON`` -> Person, ``ORG`` -> Organization, ``LOC``/``GPE``/``FAC`` -> Place;
    None for labels newskg does not keep (MISC, NORP, DATE, ...)."""
    key = label.strip().upper()
    if key[:2] in _PREFIXES:
        key = key[2:]
    return label_table().get(key)
