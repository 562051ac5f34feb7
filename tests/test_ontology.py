"""The vocabulary: Turtle generated from the schema, aligned to real W3C terms, shapes that bite."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from govgraph.graph.checks import shacl_findings
from govgraph.graph.model import Fact, GovGraph, Node, Source
from govgraph.ontology.owl import build_owl, turtle_path
from govgraph.ontology.terms import ALL_TYPES, GOV, NODE_TYPES, PREFIXES, RELATIONS, expand

W3C_ORG = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "org-ttl" / "w3c-ns_org.ttl"


@pytest.fixture(scope="module")
def turtle() -> Graph:
    return Graph().parse(turtle_path())


def test_committed_turtle_is_generated_from_the_schema(turtle):
    assert isomorphic(turtle, build_owl()), \
        "ontology/govgraph.ttl is stale: run `python -m govgraph.ontology.owl`"


def test_python_terms_match_the_turtle(turtle):
    classes = {str(c)[len(GOV):] for c in turtle.subjects(RDF.type, OWL.Class)
               if str(c).startswith(GOV)}
    properties = {str(p)[len(GOV):] for p in turtle.subjects(RDF.type, OWL.ObjectProperty)}
    assert set(ALL_TYPES) <= classes
    assert set(RELATIONS) <= properties
    for name, relation in RELATIONS.items():
        assert turtle.value(URIRef(GOV + name), RDFS.label) == Literal(relation.label, lang="en")
        assert turtle.value(URIRef(GOV + name), RDFS.comment) is not None


def test_every_class_and_relation_has_label_and_comment(turtle):
    for term in [*ALL_TYPES, *RELATIONS]:
        iri = URIRef(GOV + term)
        assert turtle.value(iri, RDFS.label) and turtle.value(iri, RDFS.comment), term


def test_design_relations_are_all_declared():
    design = {"reports_to", "informs", "refers_to", "sub_body_of", "part_of", "aligned_with",
              "scrutinises", "holds_to_account", "chaired_by", "member_of", "holds_post",
              "post_in", "accountable_for", "has_remit", "attended", "meeting_of",
              "absorbed_into", "succeeded_by", "renamed_to", "appointed_by"}
    assert design <= set(RELATIONS)
    assert {"Organisation", "Body", "Person", "Post", "Remit", "Priority", "Action", "Meeting",
            "Document"} <= set(NODE_TYPES)
    assert RELATIONS["reports_to"].neo4j_type == "REPORTS_TO"


def test_aligned_org_terms_exist_in_the_w3c_organization_ontology():
    org = Graph().parse(W3C_ORG)
    used = [a for t in ALL_TYPES.values() for a in t.align] + \
           [a for r in RELATIONS.values() for a in r.align]
    org_terms = [a for a in used if a.startswith("org:")]
    assert {"org:OrganizationalUnit", "org:FormalOrganization", "org:Post",
            "org:subOrganizationOf", "org:memberOf", "org:holds", "org:postIn"} <= set(org_terms)
    for term in org_terms:
        assert (URIRef(expand(term)), RDF.type, None) in org, f"{term} is not in W3C ORG"


def test_alignment_prefixes_are_the_standard_namespaces():
    assert PREFIXES["org"] == "http://www.w3.org/ns/org#"
    assert PREFIXES["foaf"] == "http://xmlns.com/foaf/0.1/"
    assert PREFIXES["prov"] == "http://www.w3.org/ns/prov#"
    assert PREFIXES["time"] == "http://www.w3.org/2006/time#"


def _tiny() -> GovGraph:
    G = GovGraph()
    s = (Source("d", "1", "q"),)
    G.add_node(Node("d", "Document", "D"))
    G.add_node(Node("p", "Body", "Panel", sources=s))
    G.add_node(Node("a", "Person", "A", sources=s))
    G.add_node(Node("b", "Person", "B", sources=s))
    return G


def test_shapes_pass_a_clean_graph():
    assert shacl_findings(_tiny()) == []


def test_shapes_catch_a_fact_without_source():
    G = _tiny()
    G.nx.add_edge("a", "p", key="k", fact=Fact("a", "member_of", "p"))
    assert any("source" in f["message"] for f in shacl_findings(G))


def test_shapes_catch_unordered_intervals():
    G = _tiny()
    s = (Source("d", "1", "q"),)
    G.add_node(Node("x", "Body", "X", valid_from="2014-05", valid_to="2014-04", sources=s))
    assert [f["node"] for f in shacl_findings(G)] == ["x"]


def test_shapes_catch_two_undated_chairs():
    G = _tiny()
    s = (Source("d", "1", "q"),)
    G.add_fact(Fact("p", "chaired_by", "a", sources=s))
    G.add_fact(Fact("p", "chaired_by", "b", sources=s))
    assert any("Two chairs" in f["message"] for f in shacl_findings(G))
    G2 = _tiny()
    G2.add_fact(Fact("p", "chaired_by", "a", valid_to="2011", sources=s))
    G2.add_fact(Fact("p", "chaired_by", "b", valid_from="2012", sources=s))
    assert shacl_findings(G2) == []


def test_shapes_catch_a_member_that_is_not_a_person_or_post():
    G = _tiny()
    s = (Source("d", "1", "q"),)
    G.add_node(Node("q", "Body", "Q", sources=s))
    # the model refuses this; the shape guards RDF that arrives from elsewhere
    G.nx.add_edge("q", "p", key="m", fact=Fact("q", "member_of", "p", sources=s))
    assert any("people and posts" in f["message"] for f in shacl_findings(G))


def test_every_declared_qualifier_has_a_known_kind():
    from govgraph.graph.qualifiers import KINDS

    declared = [(r.name, name, kind) for r in RELATIONS.values()
                for name, kind in r.qualifiers.items()]
    assert len(declared) > 60
    assert [d for d in declared if d[2] not in KINDS] == []
