"""The ontology file and its DefinedNamespace agree, and typos raise instead of minting IRIs."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from newskg.ontology.relations import ENTITY_TYPES, RELATIONS, SYMMETRIC
from newskg.ontology.terms import NKG, ONTOLOGY_FILE


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def test_a_typo_raises_instead_of_minting_an_iri():
    with pytest.raises(AttributeError):
        NKG.mett  # noqa: B018


@pytest.mark.parametrize("relation", RELATIONS)
def test_each_relation_is_a_declared_property_with_label_and_definition(onto, relation):
    prop = NKG[relation]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(prop, RDFS.label) is not None
    assert onto.value(prop, RDFS.comment) is not None
    assert ((prop, RDF.type, OWL.SymmetricProperty) in onto) == (relation in SYMMETRIC)


@pytest.mark.parametrize("relation", RELATIONS)
def test_each_relation_maps_to_cameo_or_plover_or_says_why_not(onto, relation):
    codes = {str(c) for c in onto.objects(NKG[relation], SKOS.closeMatch)}
    assert any("/cameo#" in c or "/plover#" in c for c in codes) or "No CAMEO" in str(onto.value(NKG[relation], RDFS.comment))


@pytest.mark.parametrize("cls", ENTITY_TYPES)
def test_entity_classes_are_declared_and_reuse_schema_org(onto, cls):
    assert (NKG[cls], RDF.type, OWL.Class) in onto
    assert any("schema.org" in str(o) for o in onto.objects(NKG[cls], OWL.equivalentClass)) or cls == "Award"


def test_every_namespace_term_is_defined_in_the_file(onto):
    declared = {str(s) for s in onto.subjects(RDF.type, None)}
    terms = [name for name in NKG.__annotations__]
    missing = [t for t in terms if str(NKG[t]) not in declared]
    assert missing == []
