"""Lines of accountability: the chain up from a body to the top, or everything below it."""

from __future__ import annotations

import datetime as dt
from collections import deque

from govgraph.graph.model import GovGraph
from govgraph.graph.names import resolve

__all__ = ["UP_RELATIONS", "chain"]

#: The relations a chain follows: formal reporting, information flows and sub-bodies.
UP_RELATIONS = ("reports_to", "informs", "sub_body_of")


def chain(G: GovGraph, name: str, *, down: bool = False, as_of: str | dt.date | None = None,
          relations: tuple[str, ...] = UP_RELATIONS) -> dict:
    """The lines up from a body (or post, or person) to the top, or down from it.

    Parameters
    ----------
    G : GovGraph
    name : str
        Any name :func:`~govgraph.graph.names.resolve` accepts.
    down : bool, default False
        Follow the lines downwards (who reports to, informs or sits under it).
    as_of : str or date, optional
        Only facts that hold on that date (or period) between nodes that exist then.
    relations : tuple of str
        The relations to follow.

    Returns
    -------
    dict
        ``start`` (the node), ``direction``, ``as_of``, ``steps`` (each fact once,
        with ``depth``, the number of steps from the start) and ``ends`` (the nodes
        where the lines stop: the top, or the bottom when going down).

    Raises
    ------
    NameNotFound, AmbiguousName
        If the name does not pick out one node.

    Examples
    --------
    >>> from govgraph.graph.model import Fact, Node, Source
    >>> G = GovGraph(); s = (Source("d", "1", "q"),)
    >>> for i in ("panel", "board", "council"): G.add_node(Node(i, "Body", i.title(), sources=s))
    >>> _ = G.add_fact(Fact("panel", "reports_to", "board", sources=s))
    >>> _ = G.add_fact(Fact("board", "informs", "council", sources=s))
    >>> [(s["depth"], s["relation"], s["object"]["id"]) for s in chain(G, "Panel")["steps"]]
    [(1, 'reports_to', 'board'), (2, 'informs', 'council')]
    """
    start = resolve(G, name)
    if as_of is not None and not start.holds_on(as_of):
        raise ValueError(f"{start.label} did not exist on {as_of}")
    steps, ends = [], []
    seen = {start.id}
    queue = deque([(start.id, 0)])
    while queue:
        node_id, depth = queue.popleft()
        facts = G.in_facts(node_id, relations) if down else G.out_facts(node_id, relations)
        facts = [f for f in facts if G.holds(f, as_of)]
        if not facts and node_id != start.id:
            ends.append(G.node(node_id).ref())
        for fact in sorted(facts, key=lambda f: (f.relation, f.subject, f.object)):
            steps.append({"depth": depth + 1, **fact.to_dict(G)})
            nxt = fact.subject if down else fact.object
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, depth + 1))
    return {"start": start.ref(), "direction": "down" if down else "up",
            "as_of": str(as_of) if as_of else None, "steps": steps, "ends": ends}
