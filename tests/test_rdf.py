"""The RDF view: Turtle and JSON-LD round trips of all the bundled data, without loss."""

from __future__ import annotations

import pytest

from govgraph.graph.rdf import GOV, node_iri, parse, serialize, to_rdf


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_round_trip_of_all_bundled_data(G, fmt):
    again = parse(serialize(G, fmt), fmt)
    assert len(again) == len(G)
    assert {f.key: f for f in again.facts()} == {f.key: f for f in G.facts()}
    assert again == G


def test_plain_triples_are_there_for_sparql(G):
    rdf = to_rdf(G)
    fact = next(G.facts("informs"))
    assert (node_iri(fact.subject), GOV.informs, node_iri(fact.object)) in rdf
    rows = list(rdf.query(
        "SELECT ?o WHERE { ?s gov:informs ?o }", initNs={"gov": GOV},
        initBindings={"s": node_iri(fact.subject)}))
    assert node_iri(fact.object) in {r[0] for r in rows}
