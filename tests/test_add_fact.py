"""GovGraph.add_fact writes networkx's adjacency itself: it must hold what add_edge would."""

from __future__ import annotations

import random
from dataclasses import replace

import networkx as nx
import pytest

from govgraph.graph.model import Fact, GovGraph, ModelError, Node, Source
from govgraph.loaders.register import load_datasets


def _adjacency(graph: nx.MultiDiGraph) -> tuple:
    """Every (subject, object, key, fact) in successor and in predecessor order."""
    succ = [(u, v, k, d["fact"]) for u, vs in graph._succ.items() for v, ks in vs.items()
            for k, d in ks.items()]
    pred = [(v, u, k, d["fact"]) for v, us in graph._pred.items() for u, ks in us.items()
            for k, d in ks.items()]
    return succ, pred


def test_the_bundled_graph_is_what_networkx_add_edge_would_hold(G):
    """Every fact added again to the bundled nodes, and then once more (stated twice: the
    second merges into the first), gives the adjacency networkx's own add_edge gives."""
    facts = list(G.facts())
    ours, theirs = GovGraph(), nx.MultiDiGraph()
    for node in G.nodes():
        ours.add_node(node)
        theirs.add_node(node.id, node=node)
    for fact in facts + facts[::-1]:
        added = ours.add_fact(fact)
        existing = theirs.get_edge_data(fact.subject, fact.object, fact.key)
        merged = existing["fact"].merged_with(fact) if existing is not None else fact
        theirs.add_edge(fact.subject, fact.object, key=fact.key, fact=merged)
        assert added == merged
    assert _adjacency(ours.nx) == _adjacency(theirs)
    assert ours.nx.number_of_edges() == G.nx.number_of_edges() == len(facts)
    for u, v, k in list(theirs.edges(keys=True))[:50]:  # one dict per fact, both ways round
        assert ours.nx._succ[u][v] is ours.nx._pred[v][u] and k in ours.nx._succ[u][v]


def test_a_fact_stated_again_updates_the_one_edge_in_place():
    G = GovGraph()
    for node_id in ("a", "b"):
        G.add_node(Node(id=node_id, type="Body", label=node_id.upper()))
    first = G.add_fact(Fact("a", "reports_to", "b", sources=(Source("d", "1", "x"),)))
    data = G.nx._succ["a"]["b"][first.key]
    again = G.add_fact(Fact("a", "reports_to", "b", sources=(Source("d", "2", "y"),)))
    assert G.nx._succ["a"]["b"][first.key] is data and data["fact"] is again
    assert [s.loc for s in again.sources] == ["1", "2"] and G.nx.number_of_edges() == 1


def test_key_names_what_the_fact_says():
    assert Fact("a", "member_of", "b").key == "a|member_of|b"
    assert (Fact("a", "member_of", "b", role="chair", valid_from="2020", valid_to="2021",
                 party="lab").key == "a|member_of|b|role=chair|valid_from=2020|valid_to=2021")
    assert Fact("a", "member_of", "b", valid_to="2021").key == "a|member_of|b|valid_to=2021"
    assert Fact("a", "member_of", "b", role="", valid_from="").key == "a|member_of|b"  # empty: none
    assert Fact("a", "member_of", "b", role="chair", valid_to="2021").key == \
        "a|member_of|b|role=chair|valid_to=2021"


@pytest.mark.parametrize("subject, message", [
    ("nobody", "reports_to refers to unknown id 'nobody'"),
    (["a"], "reports_to refers to unknown id ['a']"),  # unhashable: no node has it
])
def test_an_unknown_end_is_refused_and_nothing_is_added(subject, message):
    G = GovGraph()
    G.add_node(Node(id="b", type="Body", label="B"))
    with pytest.raises(ModelError, match=message.replace("[", r"\[").replace("]", r"\]")):
        G.add_fact(Fact(subject, "reports_to", "b"))
    assert G.nx.number_of_edges() == 0


def test_add_facts_adds_in_order_and_returns_what_add_fact_would_refuse():
    """The loader's bulk add: the same graph as adding one by one, and each refused fact
    with the error add_fact raises for it (wrong end type, unknown end, relation, qualifier)."""
    nodes = [Node(id="a", type="Body", label="A"), Node(id="b", type="Body", label="B"),
             Node(id="p", type="Person", label="P")]
    facts = [Fact("a", "reports_to", "b", sources=(Source("d", "1", "x"),)),
             Fact("a", "reports_to", "p"),  # a Person cannot be reported to
             Fact("a", "reports_to", "nobody"),
             Fact("a", "overlooks", "b"),
             Fact("p", "member_of", "a", qualifiers={"colour": "red"}),
             Fact("p", "member_of", "a", role="chair"),
             Fact("a", "reports_to", "b", sources=(Source("d", "2", "y"),))]  # merges
    one_by_one, bulk = GovGraph(), GovGraph()
    for node in nodes:
        one_by_one.add_node(node)
        bulk.add_node(node)
    expected = []
    for fact in facts:
        try:
            one_by_one.add_fact(fact)
        except ModelError as exc:
            expected.append((fact, str(exc)))
    refused = bulk.add_facts(iter(facts))
    assert [(fact, str(exc)) for fact, exc in refused] == expected and len(expected) == 4
    assert all(isinstance(exc, ModelError) for _, exc in refused)
    assert _adjacency(bulk.nx) == _adjacency(one_by_one.nx)
    assert [s.loc for s in bulk.out_facts("a")[0].sources] == ["1", "2"]


def test_add_facts_leaves_no_stale_answer_when_its_facts_fail_part_way():
    G = GovGraph()
    for node_id in ("a", "b"):
        G.add_node(Node(id=node_id, type="Body", label=node_id.upper()))
    assert G.out_facts("a") == [] and G.derived("count", lambda H: H.nx.number_of_edges()) == 0

    def facts():
        yield Fact("a", "reports_to", "b")
        raise RuntimeError("the reader broke")

    with pytest.raises(RuntimeError):
        G.add_facts(facts())
    assert G.derived("count", lambda H: H.nx.number_of_edges()) == 1


def test_a_generated_council_added_at_once_is_what_add_edge_would_hold(generated_council):
    """A load's worth of facts, with some refused, some stated again and some with
    qualifiers among them: the same adjacency, in the same order, and the same refusals,
    as adding them one at a time, and as networkx's own add_edge."""
    G = load_datasets([generated_council])
    facts = list(G.facts())
    rng = random.Random(12)
    nodes = list(G.nodes())
    odd = [Fact(f.subject, "reports_to", "nobody") for f in facts[:20]]  # refused
    odd += [replace(f, role="member") for f in rng.sample(facts, 20)]  # another key, same pair
    odd += [replace(f, qualifiers={"interim": True}) for f in rng.sample(facts, 5)]
    stream = list(facts)
    for fact in odd + rng.sample(facts, 30):  # and some stated again: merged
        stream.insert(rng.randrange(len(stream) // 2, len(stream)), fact)
    ours, theirs = GovGraph(), nx.MultiDiGraph()
    for node in nodes:
        ours.add_node(node)
        theirs.add_node(node.id, node=node)
    one = GovGraph()
    for node in nodes:
        one.add_node(node)
    expected = []
    for fact in stream:
        try:
            merged = one.add_fact(fact)
        except ModelError as exc:
            expected.append((fact, str(exc)))
            continue
        theirs.add_edge(fact.subject, fact.object, key=fact.key, fact=merged)
    refused = ours.add_facts(stream)
    assert [(fact, str(exc)) for fact, exc in refused] == expected and len(expected) >= 20
    assert _adjacency(ours.nx) == _adjacency(theirs) == _adjacency(one.nx) and len(facts) > 5000

