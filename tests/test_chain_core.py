"""trace, the core of chain: the same steps and ends as a plain walk, from its own index.

The reference walk here is the chain as it was written before the index: breadth
first over ``G.out_facts``/``G.in_facts`` at every node, filtered by ``G.holds``.
"""

from __future__ import annotations

from collections import deque

import pytest

from govgraph.graph.chain import UP_RELATIONS, Trace, chain, trace
from govgraph.graph.model import Fact, Node, Source, UnknownNode
from govgraph.graph.names import NameNotFound

DATES = (None, "2012", "2014-06-30")


def walk(G, start_id, *, down=False, as_of=None, relations=UP_RELATIONS):
    """The reference: (depth, fact) steps and end ids, read from the graph each time."""
    steps, ends, seen, queue = [], [], {start_id}, deque([(start_id, 0)])
    while queue:
        node_id, depth = queue.popleft()
        facts = G.in_facts(node_id, relations) if down else G.out_facts(node_id, relations)
        facts = [f for f in facts if G.holds(f, as_of)]
        if not facts and node_id != start_id:
            ends.append(node_id)
        for fact in sorted(facts, key=lambda f: (f.relation, f.subject, f.object)):
            steps.append((depth + 1, fact))
            nxt = fact.subject if down else fact.object
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, depth + 1))
    return steps, ends


def starts_on(G, as_of):
    return [n for n in G.nodes(("Body", "Organisation", "Post", "Person"))
            if as_of is None or n.holds_on(as_of)]


@pytest.mark.parametrize("down", [False, True], ids=["up", "down"])
@pytest.mark.parametrize("as_of", DATES, ids=["undated", "2012", "2014-06-30"])
def test_trace_and_chain_agree_with_the_plain_walk_from_every_node(G, down, as_of):
    nodes = starts_on(G, as_of)
    assert sum(n.type == "Body" for n in nodes) >= 50
    stepped = 0
    for node in nodes:
        want_steps, want_ends = walk(G, node.id, down=down, as_of=as_of)
        found = trace(G, node.id, down=down, as_of=as_of)
        assert isinstance(found, Trace) and found.start is node
        assert list(found.steps) == want_steps, node.id
        assert [n.id for n in found.ends] == want_ends, node.id
        answer = chain(G, node.id, down=down, as_of=as_of)
        assert [(s["depth"], s["subject"]["id"], s["relation"], s["object"]["id"])
                for s in answer["steps"]] == \
            [(d, f.subject, f.relation, f.object) for d, f in want_steps], node.id
        assert answer["steps"] == [{"depth": d, **f.to_dict(G)} for d, f in want_steps]
        assert answer["ends"] == [G.node(i).ref() for i in want_ends]
        stepped += bool(want_steps)
    assert stepped >= 20  # the data has lines to follow, so the comparison means something


def test_known_lines_of_the_improvement_panel(G):
    up = trace(G, "kent/csip")
    assert (1, "kent/csip", "informs", "kent/cabinet") in \
        [(d, f.subject, f.relation, f.object) for d, f in up.steps]
    down = trace(G, "kent/csip", down=True)
    assert (1, "kent/programme-board", "informs", "kent/csip") in \
        [(d, f.subject, f.relation, f.object) for d, f in down.steps]
    # Another choice of relations is another index: sub-bodies only finds none here.
    assert trace(G, "kent/csip", relations=("sub_body_of",)).steps == ()


def test_the_index_is_rebuilt_when_the_graph_changes(G):
    H = G.copy()
    s = (Source("test", "1", "a test line"),)
    before = trace(H, "kent/csip")  # builds the index
    H.add_node(Node("test/oversight-board", "Body", "Oversight Board", sources=s))
    added = H.add_fact(Fact("kent/csip", "reports_to", "test/oversight-board", sources=s))
    after = trace(H, "kent/csip")
    assert (1, added) in after.steps and (1, added) not in before.steps
    assert "test/oversight-board" in [n.id for n in after.ends]
    assert (1, added) in trace(H, "test/oversight-board", down=True).steps  # both directions
    H.remove_fact(added)
    assert trace(H, "kent/csip") == before
    # The shared graph's own index never saw the test line.
    assert all(f.object != "test/oversight-board" for _, f in trace(G, "kent/csip").steps)


def test_a_date_filters_the_indexed_lines(G):
    H = G.copy()
    s = (Source("test", "1", "a dated line"),)
    H.add_node(Node("test/old-board", "Body", "Old Board", sources=s))
    dated = H.add_fact(Fact("kent/csip", "reports_to", "test/old-board", valid_from="2012-01",
                            valid_to="2012-12", sources=s))
    assert (1, dated) in trace(H, "kent/csip", as_of="2012-06").steps
    assert (1, dated) not in trace(H, "kent/csip", as_of="2014-06").steps
    assert (1, dated) in trace(H, "kent/csip").steps


def test_errors(G):
    with pytest.raises(UnknownNode, match="no/such-body"):
        trace(G, "no/such-body")
    with pytest.raises(UnknownNode):
        trace(G, "CSIP")  # trace takes ids; names are chain's to resolve
    # The panel was set up in April 2011: it did not exist in 2010.
    with pytest.raises(ValueError, match="did not exist on 2010"):
        trace(G, "kent/csip", as_of="2010")
    with pytest.raises(ValueError, match="did not exist on 2010"):
        chain(G, "CSIP", as_of="2010")
    with pytest.raises(NameNotFound):
        chain(G, "Improvment Panel of Nowhere")


def _random_lines(seed: int) -> "GovGraph":
    """A graph of runs of single lines, loops, branches and dated lines, drawn at random."""
    import random

    from govgraph.graph.model import GovGraph

    rng = random.Random(seed)
    G, s = GovGraph(), (Source("test", "1", "a drawn line"),)
    ids = [f"b{i}" for i in range(30)]
    for i in ids:
        G.add_node(Node(i, "Body", i.upper(), sources=s))
    for _ in range(rng.randint(15, 45)):
        a, b = rng.sample(ids, 2)
        dated = rng.random() < 0.2
        G.add_fact(Fact(a, rng.choice(UP_RELATIONS), b, sources=s,
                        valid_from="2012-01" if dated else None,
                        valid_to="2012-12" if dated else None))
    return G


@pytest.mark.parametrize("seed", range(40))
def test_trace_agrees_with_the_plain_walk_on_drawn_graphs(seed):
    # Runs of single lines are followed by reference, the rest breadth first: drawn
    # graphs have both, loops of single lines among them, and runs that lead into a
    # branch or a loop, where the trace must start again breadth first.
    G = _random_lines(seed)
    for down in (False, True):
        for as_of in (None, "2012-06"):
            for node in G.nodes("Body"):
                steps, ends = walk(G, node.id, down=down, as_of=as_of)
                found = trace(G, node.id, down=down, as_of=as_of)
                assert list(found.steps) == steps, (seed, node.id, down, as_of)
                assert [n.id for n in found.ends] == ends, (seed, node.id, down, as_of)


def test_a_loop_of_single_lines_is_followed_once():
    from govgraph.graph.model import GovGraph

    G, s = GovGraph(), (Source("test", "1", "a loop"),)
    for i in ("a", "b", "c", "d"):
        G.add_node(Node(i, "Body", i.upper(), sources=s))
    for a, b in (("d", "a"), ("a", "b"), ("b", "c"), ("c", "a")):
        G.add_fact(Fact(a, "reports_to", b, sources=s))
    found = trace(G, "d")
    assert [(d, f.subject, f.object) for d, f in found.steps] == \
        [(1, "d", "a"), (2, "a", "b"), (3, "b", "c"), (4, "c", "a")]
    assert found.ends == ()  # a loop has no top
    assert [(d, f.subject) for d, f in trace(G, "b").steps] == [(1, "b"), (2, "c"), (3, "a")]
