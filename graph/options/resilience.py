"""Impact on resilience: single points of failure in the accountability graph.

The accountability graph is :func:`~govgraph.graph.options.structure.oversight_graph`
(bodies and organisations; an edge from each to what it answers to). Its
articulation points and bridges, read undirected, are the bodies and lines whose
loss would split the structure; the number of node-disjoint upward paths from a body
to the elected-member bodies is how many independent routes its oversight has.
"""

from __future__ import annotations

import networkx as nx

from govgraph.graph.model import GovGraph
from govgraph.graph.options.structure import is_member_level, oversight_graph

__all__ = ["resilience", "independent_paths"]


def independent_paths(D: nx.DiGraph, body: str, members: set[str]) -> int:
    """How many node-disjoint upward paths lead from a body to member-level bodies.

    Each path ends at the first member-level body it reaches; two paths may not
    share a body (nor end at the same member-level body).
    """
    if body not in D:
        return 0
    # Only what the body can reach matters; a path stops at the first member-level body.
    reach, queue = {body}, [body]
    while queue:
        node = queue.pop()
        if node in members and node != body:
            continue
        for higher in D.successors(node):
            if higher not in reach:
                reach.add(higher)
                queue.append(higher)
    ends = (reach & members) - {body}
    if not ends:
        return 0
    flow = nx.DiGraph()
    sink = ("sink",)
    for node in reach:
        flow.add_edge((node, "in"), (node, "out"), capacity=len(reach) if node == body else 1)
        if node in ends:
            flow.add_edge((node, "out"), sink, capacity=1)
            continue
        for higher in D.successors(node):
            flow.add_edge((node, "out"), (higher, "in"), capacity=1)
    return int(nx.maximum_flow_value(flow, (body, "out"), sink))


def _snapshot(S: GovGraph) -> dict:
    D = oversight_graph(S)
    U = nx.Graph(D.to_undirected())
    U.remove_nodes_from([n for n in list(U) if U.degree(n) == 0])
    members = {n for n in D if is_member_level(S.node(n))}
    paths = {n.id: independent_paths(D, n.id, members)
             for n in S.nodes("Body") if n.id not in members}
    bridges = set()
    for a, b in nx.bridges(U):
        bridges.add(tuple(sorted((a, b))))
    return {"D": D, "articulation_points": set(nx.articulation_points(U)), "bridges": bridges,
            "paths": paths}


def resilience(before: GovGraph, after: GovGraph) -> dict:
    """Articulation points, bridges and independent oversight paths, before and after.

    Returns
    -------
    dict
        ``articulation_points`` and ``bridges``: each ``{before, after, new, gone}``
        (bodies by reference; a bridge as its two ends and the facts on it);
        ``paths``: one row per non-member body ``{body, before, after}`` (None when
        the body does not exist on that side), sorted with the weakest first;
        ``single_path_before/after`` and ``no_path_before/after``: counts.
    """
    snaps = {"before": _snapshot(before), "after": _snapshot(after)}
    graphs = {"before": before, "after": after}

    def ref(side: str, node_id: str) -> dict:
        return graphs[side].node(node_id).ref()

    def bridge(side: str, pair: tuple) -> dict:
        D = snaps[side]["D"]
        facts = [f for a, b in (pair, pair[::-1]) if D.has_edge(a, b) for f in D[a][b]["facts"]]
        return {"ends": [ref(side, n) for n in pair],
                "facts": [f.to_dict(graphs[side]) for f in facts]}

    result: dict = {}
    for key, item in (("articulation_points", ref), ("bridges", bridge)):
        was, now = snaps["before"][key], snaps["after"][key]
        result[key] = {"before": [item("before", x) for x in sorted(was)],
                       "after": [item("after", x) for x in sorted(now)],
                       "new": [item("after", x) for x in sorted(now - was)],
                       "gone": [item("before", x) for x in sorted(was - now)]}
    rows = []
    for body in sorted(set(snaps["before"]["paths"]) | set(snaps["after"]["paths"])):
        side = "after" if body in after else "before"
        rows.append({"body": ref(side, body), "before": snaps["before"]["paths"].get(body),
                     "after": snaps["after"]["paths"].get(body)})
    rows.sort(key=lambda r: (r["after"] if r["after"] is not None else 99, r["body"]["label"]))
    result["paths"] = rows
    for side in ("before", "after"):
        counts = list(snaps[side]["paths"].values())
        result[f"single_path_{side}"] = sum(1 for c in counts if c == 1)
        result[f"no_path_{side}"] = sum(1 for c in counts if c == 0)
    return result
