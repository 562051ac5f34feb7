"""Paths of accountability and information between two bodies, people or posts."""

from __future__ import annotations

import datetime as dt
from itertools import islice

import networkx as nx

from govgraph.graph.model import GovGraph
from govgraph.graph.names import resolve

__all__ = ["PATH_RELATIONS", "path"]

#: Relations a path may use: lines, seats, posts and accountability (not attendance).
PATH_RELATIONS = ("reports_to", "informs", "refers_to", "sub_body_of", "part_of", "aligned_with",
                  "scrutinises", "holds_to_account", "chaired_by", "member_of", "holds_post",
                  "post_in", "appointed_by", "accountable_for", "absorbed_into", "succeeded_by",
                  "renamed_to")


def path(G: GovGraph, a: str, b: str, *, as_of: str | dt.date | None = None,
         limit: int = 5, max_length: int = 8) -> dict:
    """The shortest paths between two nodes over accountability and information lines.

    Directed paths (following each relation the way it reads, from ``a`` to ``b`` or
    from ``b`` to ``a``) come first; if there are none, paths that read some lines
    backwards are given, each step saying which way it reads.

    Parameters
    ----------
    G : GovGraph
    a, b : str
        Names :func:`~govgraph.graph.names.resolve` accepts.
    as_of : str or date, optional
        Only facts that hold on that date.
    limit : int, default 5
        At most this many paths.
    max_length : int, default 8
        Longer paths are not reported.

    Returns
    -------
    dict
        ``from``, ``to`` and ``paths``: each ``{directed, length, steps}``, a step
        being a fact with ``reads`` set to ``forward`` or ``backward``.

    Raises
    ------
    NameNotFound, AmbiguousName
        If a name does not pick out one node.

    Examples
    --------
    >>> from govgraph.graph.model import Fact, Node, Source
    >>> G = GovGraph(); s = (Source("d", "1", "q"),)
    >>> for i in ("p", "b", "c"): G.add_node(Node(i, "Body", i.upper(), sources=s))
    >>> _ = G.add_fact(Fact("p", "reports_to", "b", sources=s))
    >>> _ = G.add_fact(Fact("b", "reports_to", "c", sources=s))
    >>> [len(p["steps"]) for p in path(G, "P", "C")["paths"]]
    [2]
    """
    start, end = resolve(G, a), resolve(G, b)
    directed = nx.DiGraph()
    directed.add_nodes_from((start.id, end.id))
    for fact in G.facts(PATH_RELATIONS):
        if G.holds(fact, as_of):
            directed.add_edge(fact.subject, fact.object)
    found: list[dict] = []
    for source, target in ((start.id, end.id), (end.id, start.id)):
        found += _paths(G, directed, source, target, as_of, limit - len(found), max_length, True)
    if not found:
        found = _paths(G, directed.to_undirected(as_view=True), start.id, end.id, as_of, limit,
                       max_length, False)
    return {"from": start.ref(), "to": end.ref(), "as_of": str(as_of) if as_of else None,
            "paths": found}


def _paths(G: GovGraph, graph: nx.Graph, source: str, target: str, as_of, limit: int,
           max_length: int, directed: bool) -> list[dict]:
    if limit <= 0 or source == target:
        return []
    try:
        routes = list(islice(nx.shortest_simple_paths(graph, source, target), limit))
    except nx.NetworkXNoPath:
        return []
    return [{"directed": directed, "length": len(r) - 1, "steps": _steps(G, r, as_of)}
            for r in routes if len(r) - 1 <= max_length]


def _steps(G: GovGraph, route: list[str], as_of) -> list[dict]:
    steps = []
    for here, there in zip(route, route[1:]):
        forward = [f for f in G.out_facts(here, PATH_RELATIONS)
                   if f.object == there and G.holds(f, as_of)]
        backward = [f for f in G.out_facts(there, PATH_RELATIONS)
                    if f.object == here and G.holds(f, as_of)]
        fact, reads = (forward[0], "forward") if forward else (backward[0], "backward")
        steps.append({"reads": reads, **fact.to_dict(G)})
    return steps
