"""The relation vocabulary as plain data (no rdflib), shared by extract/ and graph/."""
from __future__ import annotations

RELATIONS: tuple[str, ...] = (
    "met", "talkedTo", "visited", "invited", "lends", "aids", "sanctions", "signedAgreement",
    "supports", "condemns", "awarded", "succeeded", "holdsPosition", "accompanied", "quoted",
)
SYMMETRIC: frozenset[str] = frozenset({"met", "talkedTo", "signedAgreement"})
ENTITY_TYPES: tuple[str, ...] = ("Person", "Country", "City", "Organization", "Place", "Award")
