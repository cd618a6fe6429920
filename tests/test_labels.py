"""Engine NER labels map to the ontology classes newskg keeps, or to None."""
from __future__ import annotations

import pytest

from newskg.extract.engines.labels import label_table, ontology_type
from newskg.ontology.terms import NKG


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("PER", "Person"), ("PERSON", "Person"), ("person", "Person"), ("B-PER", "Person"),
        ("ORG", "Organization"), ("ORGANIZATION", "Organization"), ("S-ORG", "Organization"),
        ("LOC", "Place"), ("GPE", "Place"), ("FAC", "Place"), ("I-LOC", "Place"),
        ("MISC", None), ("NORP", None), ("DATE", None), ("MONEY", None), ("", None), ("B-MISC", None),
    ],
)
def test_ontology_type_maps_engine_labels(label: str, expected: str | None) -> None:
    assert ontology_type(label) == expected


def test_every_mapped_class_is_an_ontology_class() -> None:
    for cls in set(label_table().values()):
        assert str(getattr(NKG, cls)).endswith("#" + cls)
