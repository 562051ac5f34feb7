"""Paths of accountability and information between two bodies, people or posts."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from itertools import islice
from threading import Lock

import networkx as nx

from govgraph.graph.model import Fact, GovGraph
from govgraph.graph.names import resolve

__all__ = ["PATH_RELATIONS", "path"]

#: Relations a path may use: lines, seats, posts and accountability (not attendance).
PATH_RELATIONS = ("reports_to", "informs", "refers_to", "sub_body_of", "part_of", "aligned_with",
                  "scrutinises", "holds_to_account", "chaired_by", "member_of", "holds_post",
                  "post_in", "appointed_by", "accountable_for", "absorbed_into", "succeeded_by",
                  "renamed_to")

#: How many dated path graphs a graph keeps (the undated one is always kept): each is
#: as big as the undated one, so only the dates asked about most recently stay.
DATES_KEPT = 2


def path(G: GovGraph, a: str, b: str, *, as_of: str | dt.date | None = None,
         limit: int = 5, max_length: int = 8) -> dict:
    """The shortest paths between two nodes over accountability and information lines.

    Directed paths (following each relation the way it reads, from ``a`` to ``b`` or
    from ``b`` to ``a``) come first; if there are none, paths that read some lines
    backwards are given, each step saying which way it reads.

    The graph of lines searched is built once per graph (and per date, for the last
    few dates asked) and kept in ``G.derived`` until the graph changes.

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
    directed, undirected = G.derived("paths.lines", _Lines).graphs(G, as_of)
    found: list[dict] = []
    for source, target in ((start.id, end.id), (end.id, start.id)):
        found += _paths(G, directed, source, target, as_of, limit - len(found), max_length, True)
    if not found:
        found = _paths(G, undirected, start.id, end.id, as_of, limit, max_length, False)
    return {"from": start.ref(), "to": end.ref(), "as_of": str(as_of) if as_of else None,
            "paths": found}


#: A graph of lines, and the same read both ways.
Graphs = tuple[nx.DiGraph, nx.Graph]


class _Lines:
    """The path relations' facts as networkx graphs: one undated, and a few dated.

    Shared by every path query on a graph (and so by the web app's threads); the
    graphs are never changed once built, and callers must not change them.
    """

    def __init__(self, G: GovGraph):
        self.facts: tuple[Fact, ...] = tuple(G.facts(PATH_RELATIONS))
        self.undated: Graphs | None = None
        self.dated: OrderedDict[tuple[str, str], Graphs] = OrderedDict()
        self.lock = Lock()

    def graphs(self, G: GovGraph, as_of: str | dt.date | None) -> Graphs:
        """The lines holding on ``as_of`` (all of them if None), one edge per pair of
        ends, as a directed graph and as an undirected view of it."""
        if as_of is None:
            if self.undated is None:
                self.undated = self._build(G, None)
            return self.undated
        key = (type(as_of).__name__, str(as_of))  # a date and its ISO text kept apart
        with self.lock:
            if key in self.dated:
                self.dated.move_to_end(key)
                return self.dated[key]
        built = self._build(G, as_of)
        with self.lock:
            self.dated[key] = built
            while len(self.dated) > DATES_KEPT:
                self.dated.popitem(last=False)
        return built

    def _build(self, G: GovGraph, as_of) -> Graphs:
        # Edges in the graph's fact order, as the searches' ties depend on that order.
        directed = nx.DiGraph()
        directed.add_edges_from((f.subject, f.object) for f in self.facts if G.holds(f, as_of))
        # The view is kept too: making one checks every node of the graph.
        return directed, directed.to_undirected(as_view=True)


def _paths(G: GovGraph, graph: nx.Graph, source: str, target: str, as_of, limit: int,
           max_length: int, directed: bool) -> list[dict]:
    # A node on no line (on that date) is not in the graph: there is no path to it.
    if limit <= 0 or source == target or source not in graph or target not in graph:
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
