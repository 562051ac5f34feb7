"""The RDF view of the graph: Turtle and JSON-LD out, and back in without loss.

Nodes become resources typed with the govgraph classes (aligned to W3C ORG, FOAF,
PROV-O and OWL-Time in ontology/govgraph.ttl). Every fact is written twice: as a
plain triple (``kent/csip gov:reports_to kent/cabinet``, what SPARQL property paths
follow) and as a ``gov:Fact`` resource carrying its validity, qualifiers and
sources, from which :func:`from_rdf` rebuilds the graph exactly.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from govgraph.graph.model import Fact, GovGraph, Node, Source
from govgraph.ontology.terms import GOV as GOV_IRI, NODE_TYPES, PREFIXES

__all__ = ["GOV", "ID", "to_rdf", "from_rdf", "node_iri", "serialize", "parse"]

GOV = Namespace(GOV_IRI)
ID = Namespace("https://w3id.org/govgraph/id/")
FACT = Namespace("https://w3id.org/govgraph/fact/")
_DATE_TYPES = {1: XSD.gYear, 2: XSD.gYearMonth, 3: XSD.date}
_NODE_SCALARS = ("valid_from", "valid_to", "note", "inferred", "dataset")
_FACT_SCALARS = ("role", "party", "valid_from", "valid_to", "note", "inferred")


def node_iri(node_id: str) -> URIRef:
    """The IRI of a node id (ids are slugs, so they need no escaping)."""
    return ID[node_id]


def _date(value: str) -> Literal:
    return Literal(value, datatype=_DATE_TYPES[len(value.split("-"))])


def _literal(name: str, value: object) -> Literal:
    if name in ("valid_from", "valid_to", "date", "attested"):
        return _date(str(value))
    return Literal(value)


def to_rdf(G: GovGraph) -> Graph:
    """The graph as RDF (rdflib), ready to serialise or query with SPARQL.

    Examples
    --------
    >>> from govgraph.graph.model import Fact, Node, Source
    >>> G = GovGraph(); s = (Source("d", "1", "q"),)
    >>> G.add_node(Node("a", "Body", "A", sources=s)); G.add_node(Node("b", "Body", "B", sources=s))
    >>> _ = G.add_fact(Fact("a", "reports_to", "b", sources=s))
    >>> (node_iri("a"), GOV.reports_to, node_iri("b")) in to_rdf(G)
    True
    """
    rdf = Graph()
    rdf.bind("gov", GOV)
    rdf.bind("id", ID)
    for prefix, iri in PREFIXES.items():
        rdf.bind(prefix, Namespace(iri))
    for node in G.nodes():
        subject = node_iri(node.id)
        rdf.add((subject, RDF.type, GOV[node.type]))
        rdf.add((subject, RDFS.label, Literal(node.label)))
        for alias in node.aliases:
            rdf.add((subject, GOV.alias, Literal(alias)))
        for name in _NODE_SCALARS:
            value = getattr(node, name)
            if value is not None:
                rdf.add((subject, GOV[name], _literal(name, value)))
        for name, value in node.props.items():
            for item in value if isinstance(value, list) else [value]:
                rdf.add((subject, GOV[name], _literal(name, item)))
        _add_sources(rdf, subject, node.sources)
    for fact in G.facts():
        s, o = node_iri(fact.subject), node_iri(fact.object)
        rdf.add((s, GOV[fact.relation], o))
        reified = FACT[quote(fact.key, safe="")]
        rdf.add((reified, RDF.type, GOV.Fact))
        rdf.add((reified, RDF.subject, s))
        rdf.add((reified, RDF.predicate, GOV[fact.relation]))
        rdf.add((reified, RDF.object, o))
        for name in _FACT_SCALARS:
            value = getattr(fact, name)
            if value is not None:
                rdf.add((reified, GOV[name], _literal(name, value)))
        for day in fact.attested:
            rdf.add((reified, GOV.attested, _date(day)))
        if fact.qualifiers:
            rdf.add((reified, GOV.qualifiers, Literal(json.dumps(fact.qualifiers, sort_keys=True))))
        _add_sources(rdf, reified, fact.sources)
    return rdf


def _add_sources(rdf: Graph, subject, sources: tuple[Source, ...]) -> None:
    for order, source in enumerate(sources):
        citation = BNode()
        rdf.add((subject, GOV.source, citation))
        rdf.add((citation, RDF.type, GOV.Citation))
        rdf.add((citation, GOV.doc, node_iri(source.doc)))
        rdf.add((citation, GOV.loc, Literal(source.loc)))
        rdf.add((citation, GOV.quote, Literal(source.quote)))
        rdf.add((citation, GOV.order, Literal(order)))


def _sources(rdf: Graph, subject) -> tuple[Source, ...]:
    found = []
    for citation in rdf.objects(subject, GOV.source):
        found.append((int(rdf.value(citation, GOV.order)),
                      Source(_local(rdf.value(citation, GOV.doc)),
                             str(rdf.value(citation, GOV.loc)), str(rdf.value(citation, GOV.quote)))))
    return tuple(source for _, source in sorted(found, key=lambda pair: pair[0]))


def _local(iri) -> str:
    return str(iri)[len(str(ID)):]


def _text(value) -> str | None:
    return None if value is None else str(value)


def from_rdf(rdf: Graph) -> GovGraph:
    """Rebuild a graph from RDF written by :func:`to_rdf`.

    Raises
    ------
    ModelError
        If the RDF holds facts the model does not allow.
    """
    G = GovGraph()
    nodes = []
    for type_name, node_type in NODE_TYPES.items():
        for subject in rdf.subjects(RDF.type, GOV[type_name]):
            props = {}
            for name, kind in node_type.fields.items():
                values = [v.toPython() if kind == "bool" else str(v)
                          for v in rdf.objects(subject, GOV[name])]
                if values:
                    props[name] = sorted(values) if kind == "list" else values[0]
            nodes.append(Node(
                id=_local(subject), type=type_name, label=str(rdf.value(subject, RDFS.label)),
                aliases=tuple(sorted(str(a) for a in rdf.objects(subject, GOV.alias))),
                props=props, sources=_sources(rdf, subject),
                **{name: _text(rdf.value(subject, GOV[name])) for name in _NODE_SCALARS}))
    for node in sorted(nodes, key=lambda n: n.id):
        G.add_node(node)
    for reified in rdf.subjects(RDF.type, GOV.Fact):
        relation = str(rdf.value(reified, RDF.predicate))[len(GOV_IRI):]
        qualifiers = rdf.value(reified, GOV.qualifiers)
        G.add_fact(Fact(
            subject=_local(rdf.value(reified, RDF.subject)), relation=relation,
            object=_local(rdf.value(reified, RDF.object)),
            qualifiers=json.loads(str(qualifiers)) if qualifiers is not None else {},
            attested=tuple(sorted(str(d) for d in rdf.objects(reified, GOV.attested))),
            sources=_sources(rdf, reified),
            **{name: _text(rdf.value(reified, GOV[name])) for name in _FACT_SCALARS}))
    return G


_FORMATS = {"ttl": "turtle", "turtle": "turtle", "jsonld": "json-ld", "json-ld": "json-ld",
            "nt": "nt"}


def serialize(G: GovGraph, fmt: str = "ttl") -> str:
    """The graph as Turtle (``ttl``), JSON-LD (``jsonld``) or N-Triples (``nt``)."""
    rdf = to_rdf(G)
    if _FORMATS[fmt] == "json-ld":
        context = {"gov": GOV_IRI, "id": str(ID), "rdfs": str(RDFS)}
        return rdf.serialize(format="json-ld", context=context, indent=1)
    return rdf.serialize(format=_FORMATS[fmt])


def parse(text: str, fmt: str = "ttl") -> GovGraph:
    """Read Turtle, JSON-LD or N-Triples written by :func:`serialize`."""
    rdf = Graph()
    rdf.parse(data=text, format=_FORMATS[fmt])
    return from_rdf(rdf)
