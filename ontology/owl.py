"""Generate ontology/govgraph.ttl, the OWL vocabulary, from ontology/schema.yaml.

Run ``python -m govgraph.ontology.owl`` after changing the schema; a test fails
while the committed Turtle and the schema disagree.
"""

from __future__ import annotations

import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import XSD

from govgraph.ontology.terms import ALL_TYPES, GOV, PREFIXES, RELATIONS, expand

__all__ = ["build_owl", "turtle_path", "write_turtle", "DATA_PROPERTIES"]

#: Properties of nodes and facts that hold literals (beside the type fields).
DATA_PROPERTIES = {
    "alias": ("alias", "Another name: an acronym, an earlier name, a minutes-style form."),
    "valid_from": ("valid from", "Start of validity: an xsd:gYear, xsd:gYearMonth or xsd:date."),
    "valid_to": ("valid to", "End of validity (inclusive): gYear, gYearMonth or date."),
    "attested": ("attested on", "A date on which a source shows the fact true."),
    "role": ("role", "The role of a seat or attendance: chair, member, substitute, ..."),
    "party": ("party", "The political party of a member."),
    "qualifiers": ("qualifiers", "Other qualifiers of a fact (acting, interim, for, ...) as JSON."),
    "note": ("note", "Why something is recorded as it is, or where sources disagree."),
    "inferred": ("inferred from", "Set when a fact is inferred rather than stated, saying from what."),
    "dataset": ("dataset", "The dataset a node was loaded from."),
    "loc": ("locator", "Where in the document: paragraph, minute, item or footnote."),
    "quote": ("quote", "A short quotation of the document stating the fact."),
    "order": ("order", "The position of a citation among a fact's sources."),
}


def turtle_path() -> Path:
    return Path(str(resources.files("govgraph.ontology") / "govgraph.ttl"))


def build_owl() -> Graph:
    """The OWL ontology of the schema, aligned to ORG, FOAF, PROV-O and OWL-Time."""
    gov = Namespace(GOV)
    owl = Graph()
    owl.bind("gov", gov)
    owl.bind("owl", OWL)
    for prefix, iri in PREFIXES.items():
        owl.bind(prefix, Namespace(iri))
    ontology = URIRef(GOV.rstrip("#"))
    owl.add((ontology, RDF.type, OWL.Ontology))
    owl.add((ontology, RDFS.label, Literal("govgraph: public-sector governance")))
    owl.add((ontology, RDFS.comment, Literal(
        "Bodies, posts, people, remits and the lines between them; generated from "
        "ontology/schema.yaml.")))
    for name, node_type in ALL_TYPES.items():
        cls = gov[name]
        owl.add((cls, RDF.type, OWL.Class))
        owl.add((cls, RDFS.label, Literal(node_type.label, lang="en")))
        owl.add((cls, RDFS.comment, Literal(node_type.comment, lang="en")))
        if node_type.parent:
            owl.add((cls, RDFS.subClassOf, gov[node_type.parent]))
        for aligned in node_type.align:
            owl.add((cls, RDFS.subClassOf, URIRef(expand(aligned))))
    for name in ("Fact", "Citation"):
        owl.add((gov[name], RDF.type, OWL.Class))
    owl.add((gov.Fact, RDFS.label, Literal("fact", lang="en")))
    owl.add((gov.Fact, RDFS.comment, Literal(
        "A relation stated by sources, with its validity and qualifiers (an rdf:Statement).",
        lang="en")))
    owl.add((gov.Fact, RDFS.subClassOf, RDF.Statement))
    owl.add((gov.Citation, RDFS.label, Literal("citation", lang="en")))
    owl.add((gov.Citation, RDFS.comment, Literal(
        "Where a fact is stated: a document, a locator and a quote.", lang="en")))
    for name, relation in RELATIONS.items():
        prop = gov[name]
        owl.add((prop, RDF.type, OWL.ObjectProperty))
        if relation.symmetric:
            owl.add((prop, RDF.type, OWL.SymmetricProperty))
        owl.add((prop, RDFS.label, Literal(relation.label, lang="en")))
        owl.add((prop, RDFS.comment, Literal(relation.comment, lang="en")))
        for aligned in relation.align:
            owl.add((prop, RDFS.subPropertyOf, URIRef(expand(aligned))))
        _union(owl, prop, RDFS.domain, [gov[t] for t in relation.source])
        _union(owl, prop, RDFS.range, [gov[t] for t in relation.target])
    for name, (label, comment) in DATA_PROPERTIES.items():
        owl.add((gov[name], RDF.type, OWL.DatatypeProperty))
        owl.add((gov[name], RDFS.label, Literal(label, lang="en")))
        owl.add((gov[name], RDFS.comment, Literal(comment, lang="en")))
    owl.add((gov.source, RDF.type, OWL.ObjectProperty))
    owl.add((gov.source, RDFS.label, Literal("source", lang="en")))
    owl.add((gov.source, RDFS.comment, Literal("A citation stating the fact.", lang="en")))
    owl.add((gov.source, RDFS.range, gov.Citation))
    owl.add((gov.doc, RDF.type, OWL.ObjectProperty))
    owl.add((gov.doc, RDFS.label, Literal("document", lang="en")))
    owl.add((gov.doc, RDFS.comment, Literal("The document a citation is from.", lang="en")))
    owl.add((gov.doc, RDFS.subPropertyOf, URIRef(expand("prov:hadPrimarySource"))))
    owl.add((gov.valid_from, RDFS.seeAlso, URIRef(expand("time:hasBeginning"))))
    owl.add((gov.valid_to, RDFS.seeAlso, URIRef(expand("time:hasEnd"))))
    for name, node_type in ALL_TYPES.items():
        for field, kind in node_type.fields.items():
            if (gov[field], RDF.type, OWL.DatatypeProperty) not in owl:
                owl.add((gov[field], RDF.type, OWL.DatatypeProperty))
                owl.add((gov[field], RDFS.label, Literal(field.replace("_", " "), lang="en")))
                owl.add((gov[field], RDFS.comment, Literal(f"A {kind} field of nodes.", lang="en")))
            if kind == "bool":
                owl.add((gov[field], RDFS.range, XSD.boolean))
    return owl


def _union(owl: Graph, prop, predicate, classes: list) -> None:
    if len(classes) == 1:
        owl.add((prop, predicate, classes[0]))
        return
    union, members = BNode(), BNode()
    Collection(owl, members, classes)
    owl.add((union, RDF.type, OWL.Class))
    owl.add((union, OWL.unionOf, members))
    owl.add((prop, predicate, union))


def write_turtle(path: Path | None = None) -> Path:
    """Write the generated Turtle atomically (temp file, then rename)."""
    path = path or turtle_path()
    text = "# Generated from ontology/schema.yaml by `python -m govgraph.ontology.owl`; do not edit.\n"
    text += build_owl().serialize(format="turtle")
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
    return path


if __name__ == "__main__":
    sys.stdout.write(f"wrote {write_turtle()}\n")
