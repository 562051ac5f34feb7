"""Lines of accountability: the chain up from a body to the top, or everything below it.

:func:`trace` answers the question (which facts, in which order, where the lines
stop) from an adjacency index kept with the graph; :func:`chain` resolves a name,
traces and renders the answer as JSON-ready dicts with labels, dates and sources.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Callable, Iterable, NamedTuple

from govgraph.graph.model import Fact, GovGraph, Node
from govgraph.graph.names import resolve

__all__ = ["UP_RELATIONS", "Trace", "trace", "chain"]

#: The relations a chain follows: formal reporting, information flows and sub-bodies.
UP_RELATIONS = ("reports_to", "informs", "sub_body_of")

#: Each node on a line, with the lines the way a chain leaves it:
#: node id -> (node, facts in step order). Keeping the node beside its facts saves a
#: trace two lookups per node, which in a national graph (a 3 GB heap, where each
#: lookup is a cache miss) was a third of its time.
Lines = dict[str, tuple[Node, tuple[Fact, ...]]]


class Trace(NamedTuple):
    """A chain as facts: where it starts, each step with its depth, where it stops."""

    start: Node
    #: ``(depth, fact)``: each fact once, breadth first, in the order :func:`chain` lists.
    steps: tuple[tuple[int, Fact], ...]
    #: The nodes where the lines stop (the top, or the bottom going down).
    ends: tuple[Node, ...]


#: Makes a Trace without NamedTuple's Python-level __new__ (a tenth of a short trace).
_TRACE = tuple.__new__


def _step_order(fact: Fact) -> tuple[str, str, str]:
    return fact.relation, fact.subject, fact.object


@lru_cache(maxsize=64)
def _index(relations: tuple[str, ...], down: bool) -> tuple[str, Callable[[GovGraph], Lines]]:
    """The derived-data key and builder of the lines index for relations and direction.

    Built once per (relations, direction), so a trace does not rebuild either.
    """
    key = f"chain.lines:{'down' if down else 'up'}:{','.join(sorted(set(relations)))}"

    def build(G: GovGraph) -> Lines:
        grouped: dict[str, list[Fact]] = {}
        for fact in G.facts(relations):  # no relations at all means every relation, as in G.facts
            grouped.setdefault(fact.object if down else fact.subject, []).append(fact)
        # A stable sort: facts between the same two nodes keep networkx's edge order,
        # which is the order out_facts and in_facts give them.
        lines = {node_id: (G.node(node_id), tuple(sorted(facts, key=_step_order)))
                 for node_id, facts in grouped.items()}
        for facts in grouped.values():  # the nodes where lines stop have an entry too
            for fact in facts:
                other = fact.subject if down else fact.object
                if other not in lines:
                    lines[other] = (G.node(other), ())
        return lines

    return key, build


_UP_INDEX, _DOWN_INDEX = _index(UP_RELATIONS, False), _index(UP_RELATIONS, True)


def trace(G: GovGraph, start_id: str, *, down: bool = False, as_of: str | dt.date | None = None,
          relations: Iterable[str] = UP_RELATIONS) -> Trace:
    """The chain from a node id as facts, without rendering: the core of :func:`chain`.

    Each node's lines come from an index kept in ``G.derived`` (built on first use
    for these relations and this direction, dropped when the graph changes), so each
    step is a dictionary lookup.

    Parameters
    ----------
    G : GovGraph
    start_id : str
        The id of the node to start from (names are resolved by :func:`chain`).
    down : bool, default False
        Follow the lines downwards (who reports to, informs or sits under it).
    as_of : str or date, optional
        Only facts that hold on that date (or period) between nodes that exist then.
    relations : iterable of str
        The relations to follow.

    Returns
    -------
    Trace
        ``start``, ``steps`` (``(depth, fact)``, each fact once, breadth first and
        sorted by relation, subject and object at each node) and ``ends``.

    Raises
    ------
    UnknownNode
        If no node has the id.
    ValueError
        If the start did not exist on ``as_of``.

    Examples
    --------
    >>> from govgraph.graph.model import Fact, Node, Source
    >>> G = GovGraph(); s = (Source("d", "1", "q"),)
    >>> for i in ("panel", "board", "council"): G.add_node(Node(i, "Body", i.title(), sources=s))
    >>> _ = G.add_fact(Fact("panel", "reports_to", "board", sources=s))
    >>> _ = G.add_fact(Fact("board", "informs", "council", sources=s))
    >>> t = trace(G, "panel")
    >>> [(depth, f.subject, f.relation, f.object) for depth, f in t.steps]
    [(1, 'panel', 'reports_to', 'board'), (2, 'board', 'informs', 'council')]
    >>> [n.id for n in t.ends]
    ['council']
    """
    if relations is UP_RELATIONS:  # the usual question, without hashing the relations
        key, build = _DOWN_INDEX if down else _UP_INDEX
    else:
        key, build = _index(relations if isinstance(relations, tuple) else tuple(relations), down)
    lines: Lines = G.derived(key, build)
    entry = lines.get(start_id)
    start = entry[0] if entry is not None else G.node(start_id)  # UnknownNode if none
    if as_of is not None and not start.holds_on(as_of):
        raise ValueError(f"{start.label} did not exist on {as_of}")
    if entry is None:  # on no line at all
        return _TRACE(Trace, (start, (), ()))
    steps: list[tuple[int, Fact]] = []
    ends: list[Node] = []
    seen = {start_id}
    queue = [(entry, 0)]  # breadth first: read in order, appended to as found
    for (node, facts), depth in queue:
        if as_of is not None and facts:
            facts = [f for f in facts if G.holds(f, as_of)]
        if not facts:
            if node is not start:
                ends.append(node)
            continue
        depth += 1
        for fact in facts:
            steps.append((depth, fact))
            nxt = fact.subject if down else fact.object
            if nxt not in seen:
                seen.add(nxt)
                queue.append((lines[nxt], depth))
    return _TRACE(Trace, (start, tuple(steps), tuple(ends)))


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
    ValueError
        If the node did not exist on ``as_of``.

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
    found = trace(G, resolve(G, name).id, down=down, as_of=as_of, relations=relations)
    return {"start": found.start.ref(), "direction": "down" if down else "up",
            "as_of": str(as_of) if as_of else None,
            "steps": [{"depth": depth, **fact.to_dict(G)} for depth, fact in found.steps],
            "ends": [node.ref() for node in found.ends]}
