"""path keeps its graph of lines with the graph: the same answers, rebuilt after a change.

The reference answer builds the networkx graph of lines afresh for each question,
as path did before it kept one, and runs the same search over it.
"""

from __future__ import annotations

import random

import networkx as nx
import pytest

from govgraph.graph import paths
from govgraph.graph.chain import trace
from govgraph.graph.model import Fact, Node, Source
from govgraph.graph.names import resolve
from govgraph.graph.paths import DATES_KEPT, PATH_RELATIONS, path


def fresh_path(G, a, b, *, as_of=None, limit=5, max_length=8):
    """path with its graph built for this one question."""
    start, end = resolve(G, a), resolve(G, b)
    directed = nx.DiGraph()
    directed.add_nodes_from((start.id, end.id))
    for fact in G.facts(PATH_RELATIONS):
        if G.holds(fact, as_of):
            directed.add_edge(fact.subject, fact.object)
    found = []
    for source, target in ((start.id, end.id), (end.id, start.id)):
        found += paths._paths(G, directed, source, target, as_of, limit - len(found), max_length,
                              True)
    if not found:
        found = paths._paths(G, directed.to_undirected(as_view=True), start.id, end.id, as_of,
                             limit, max_length, False)
    return {"from": start.ref(), "to": end.ref(), "as_of": str(as_of) if as_of else None,
            "paths": found}


def pairs(G, n=80, seed=3):
    """Random pairs (mostly joined only by lines read both ways) and pairs with a line
    up between them (a body and where its chain ends), which have directed paths."""
    ids = sorted(x.id for x in G.nodes(("Body", "Organisation", "Post", "Person")))
    rng = random.Random(seed)
    found = [(rng.choice(ids), rng.choice(ids)) for _ in range(n)]
    bodies = sorted(x.id for x in G.nodes("Body"))
    ends = [(b, trace(G, b).ends) for b in rng.sample(bodies, k=min(n, len(bodies)))]
    return found + [(b, e[-1].id) for b, e in ends if e][:n // 2]


# More dates than are kept, asked twice over, so some answers come from a kept graph
# and some from one built again after being dropped.
DATES = (None, "2012", "2014-06-30", "2011-04", "2015", "2013-01-01")
assert len(DATES) - 1 > DATES_KEPT


def test_answers_are_those_of_a_graph_built_per_question(G):
    H = G.copy()  # a graph whose kept data starts empty
    found_some = {"directed": 0, "undirected": 0}
    for round_ in range(2):
        for i, (a, b) in enumerate(pairs(H)):
            as_of = DATES[i % len(DATES)]
            try:
                want = fresh_path(H, a, b, as_of=as_of)
            except ValueError:
                continue
            assert path(H, a, b, as_of=as_of) == want, (a, b, as_of)
            for p in want["paths"]:
                found_some["directed" if p["directed"] else "undirected"] += 1
    assert found_some["directed"] >= 10 and found_some["undirected"] >= 10


def test_known_path_from_the_programme_board_to_the_panels_chair(G):
    answer = path(G, "kent/programme-board", "kent/person/whittle-j")
    assert answer == fresh_path(G, "kent/programme-board", "kent/person/whittle-j")
    first = answer["paths"][0]
    assert first["directed"] and first["length"] == 2
    assert [s["relation"] for s in first["steps"]] == ["informs", "chaired_by"]


def test_a_node_on_no_line_has_no_path(G):
    H = G.copy()
    s = (Source("test", "1", "a body with no lines"),)
    H.add_node(Node("test/lonely-group", "Body", "Lonely Group", sources=s))
    assert path(H, "test/lonely-group", "kent/csip")["paths"] == []
    assert path(H, "kent/csip", "kent/csip")["paths"] == []


def test_the_kept_graph_is_rebuilt_after_the_graph_changes(G):
    H = G.copy()
    s = (Source("test", "1", "a test line"),)
    H.add_node(Node("test/oversight-board", "Body", "Oversight Board", sources=s))
    assert path(H, "test/oversight-board", "kent/csip")["paths"] == []  # kept now
    line = H.add_fact(Fact("kent/csip", "reports_to", "test/oversight-board", sources=s))
    answer = path(H, "kent/csip", "test/oversight-board")
    assert answer == fresh_path(H, "kent/csip", "test/oversight-board")
    assert answer["paths"][0]["length"] == 1 and answer["paths"][0]["directed"]
    # A dated graph is rebuilt too: the line holds only in 2012.
    H.remove_fact(line)
    assert path(H, "kent/csip", "test/oversight-board", as_of="2012-06")["paths"] == []
    H.add_fact(Fact("kent/csip", "reports_to", "test/oversight-board", valid_from="2012-01",
                    valid_to="2012-12", sources=s))
    assert path(H, "kent/csip", "test/oversight-board", as_of="2012-06")["paths"][0]["length"] == 1
    assert path(H, "kent/csip", "test/oversight-board", as_of="2014")["paths"] == []
    # The shared graph never saw the test body.
    assert "test/oversight-board" not in G


def test_a_date_as_a_date_or_as_text_gives_the_same_paths(G):
    import datetime as dt

    H = G.copy()
    for on in (dt.date(2014, 6, 30), "2014-06-30"):
        assert path(H, "kent/programme-board", "kent/cabinet", as_of=on)["paths"] == \
            fresh_path(H, "kent/programme-board", "kent/cabinet", as_of=on)["paths"]


@pytest.mark.parametrize("as_of", [None, "2014-06-30"])
def test_answers_do_not_share_state_with_the_kept_graph(G, as_of):
    H = G.copy()
    first = path(H, "kent/programme-board", "kent/cabinet", as_of=as_of)
    first["paths"].clear()  # a caller changing its answer changes no later answer
    assert path(H, "kent/programme-board", "kent/cabinet", as_of=as_of) == \
        fresh_path(H, "kent/programme-board", "kent/cabinet", as_of=as_of)
