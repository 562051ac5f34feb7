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

#: Each node on a line, with the lines the way a chain leaves it: node id ->
#: ``(node, facts in step order, single, next)``. When exactly one line leaves the node
#: and following single lines from it never comes back to it, ``single`` is that line
#: and ``next`` the entry of the node it leads to, so a walk up a single line follows
#: references with no lookup by id ("index-free adjacency"); otherwise both are None.
#: Keeping the node beside its facts, and the next entry beside the line, matters
#: because in a national graph (a 3 GB heap) nearly every lookup is a cache miss.
Entry = tuple[Node, tuple[Fact, ...], "Fact | None", "Entry | None"]
Lines = dict[str, Entry]


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
        leaving = {node_id: (G.node(node_id), tuple(sorted(facts, key=_step_order)))
                   for node_id, facts in grouped.items()}
        for facts in grouped.values():  # the nodes where lines stop have an entry too
            for fact in facts:
                other = fact.subject if down else fact.object
                if other not in leaving:
                    leaving[other] = (G.node(other), ())
        return _linked(leaving, down)

    return key, build


_UP_INDEX, _DOWN_INDEX = _index(UP_RELATIONS, False), _index(UP_RELATIONS, True)


def _linked(leaving: dict[str, tuple[Node, tuple[Fact, ...]]], down: bool) -> Lines:
    """The entries of :data:`Lines`, each single line linked to the entry it leads to.

    An entry's ``next`` must exist before it, so each run of single lines is entered
    from its far end back. Nodes on a loop of single lines are not linked: a trace
    through them goes breadth first, which stops where it has been before.
    """
    lines: Lines = {}
    for first in leaving:
        run: list[str] = []  # nodes with one line each, in order, not yet entered
        on_run: set[str] = set()
        node_id = first
        while node_id not in lines and node_id not in on_run:
            facts = leaving[node_id][1]
            if len(facts) != 1:
                break
            run.append(node_id)
            on_run.add(node_id)
            node_id = facts[0].subject if down else facts[0].object
        if node_id in on_run:  # the run came back to itself
            loop = run.index(node_id)
            for member in run[loop:]:
                lines[member] = (*leaving[member], None, None)
            del run[loop:]
        elif node_id not in lines:  # a node with no lines or several
            lines[node_id] = (*leaving[node_id], None, None)
        nxt = lines[node_id]
        for member in reversed(run):
            node, facts = leaving[member]
            nxt = lines[member] = (node, facts, facts[0], nxt)
    return lines


def trace(G: GovGraph, start_id: str, *, down: bool = False, as_of: str | dt.date | None = None,
          relations: Iterable[str] = UP_RELATIONS) -> Trace:
    """The chain from a node id as facts, without rendering: the core of :func:`chain`.

    Each node's lines come from an index kept in ``G.derived`` (built on first use
    for these relations and this direction, dropped when the graph changes): along a
    single line each step follows a reference to the next node's entry, elsewhere it
    is one lookup by id.

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
    if as_of is None:
        # Most chains are one line to the top: follow the links while there is one.
        _, facts, single, nxt = entry
        steps: list[tuple[int, Fact]] = []
        depth = 0
        while nxt is not None:
            depth += 1
            steps.append((depth, single))
            node, facts, single, nxt = nxt
        if not facts:  # the top (or the start is itself one)
            return _TRACE(Trace, (start, tuple(steps), (node,) if depth else ()))
    return _breadth_first(G, lines, start, start_id, down=down, as_of=as_of)


def _breadth_first(G: GovGraph, lines: Lines, start: Node, start_id: str, *, down: bool,
                   as_of: str | dt.date | None) -> Trace:
    """The trace where lines branch or loop, or only some hold on ``as_of``."""
    steps: list[tuple[int, Fact]] = []
    ends: list[Node] = []
    seen = {start_id}
    queue = [(lines[start_id], 0)]  # read in order, appended to as found
    for (node, facts, _, _), depth in queue:
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
