"""Facts written into a graph's networkx adjacency as ``add_edge`` would, many at once.

:meth:`~govgraph.graph.model.GovGraph.add_facts` links a national load's 2.35 M facts.
networkx's ``add_edge`` checks its arguments and clears its caches for each edge (half
the time of adding one), so :func:`link` writes the adjacency dicts itself, in the same
order and shape, and the caches are cleared once for all. (Linking runs of facts with
``map`` and C calls instead was 1.5x slower: a few dozen specialised bytecodes a fact
cost less than as many C calls.)
"""

from __future__ import annotations

from typing import Iterable, Mapping

import networkx as nx

from govgraph.graph.qualifiers import qualifiers_problem
from govgraph.ontology.terms import RELATIONS

__all__ = ["link", "NodeTypes", "fact_problem"]


def link(graph: nx.MultiDiGraph, facts: Iterable, types: Mapping[str, str], refused: list,
         waiting: list | None = None) -> None:
    """Add facts to the graph's adjacency in order, each as ``add_edge`` would (a fact
    whose key is there already is merged into it with ``merged_with``); a fact that
    cannot be linked is left out and appended to ``refused`` as ``(fact, problem)``,
    or to ``waiting`` (if given) when one of its ends is not in the graph yet.

    ``types`` gives each node's type by its id (a KeyError for none), as
    :class:`NodeTypes` does. networkx's caches are the caller's to clear.
    """
    nodes, succ, pred, relations = graph._node, graph._succ, graph._pred, RELATIONS
    for fact in facts:
        subject, obj, relation = fact.subject, fact.object, relations.get(fact.relation)
        try:  # the usual case first, in one step
            linkable = (relation is not None and types[subject] in relation.source
                        and types[obj] in relation.target)
        except (KeyError, TypeError):  # an unknown (or unhashable) end
            linkable = False
        if not linkable or fact.qualifiers:
            problem = fact_problem(fact, relation, nodes)
            if problem:
                if waiting is not None and not (_has(nodes, subject) and _has(nodes, obj)):
                    waiting.append(fact)
                else:
                    refused.append((fact, problem))
                continue
        key, out = fact.key, succ[subject]
        keyed = out.get(obj)
        if keyed is None:  # the usual case: the first fact between the two, made whole
            out[obj] = pred[obj][subject] = {key: {"fact": fact}}
            continue
        data = keyed.get(key)
        if data is None:
            keyed[key] = {"fact": fact}
        else:
            data["fact"] = data["fact"].merged_with(fact)


def _has(nodes: dict, end: object) -> bool:
    try:
        return end in nodes
    except TypeError:  # unhashable: no node has it, nor ever will
        return True


class NodeTypes(dict):
    """Each node's type by its id, looked up as asked (for one fact: what
    :meth:`~govgraph.graph.model.GovGraph.add_facts` gathers first for many)."""

    def __init__(self, nodes: dict):
        super().__init__()
        self.nodes = nodes

    def __missing__(self, node_id: str) -> str:
        found = self[node_id] = self.nodes[node_id]["node"].type  # KeyError: no such node
        return found


def fact_problem(fact, relation, nodes: dict) -> str | None:
    """Why a fact cannot be linked (``relation`` is its relation's declaration, if
    any; ``nodes`` the graph's node data), or None."""
    if relation is None:
        return f"unknown relation {fact.relation!r}"
    for end, allowed in ((fact.subject, relation.source), (fact.object, relation.target)):
        try:
            data = nodes.get(end)
        except TypeError:  # unhashable: no node has it
            data = None
        if data is None:
            return f"{fact.relation} refers to unknown id {end!r}"
        if data["node"].type not in allowed:
            return (f"{fact.relation} cannot link a {data['node'].type} ({end!r}); "
                    f"allowed: {' '.join(allowed)}")
    return qualifiers_problem(relation, fact.qualifiers) if fact.qualifiers else None
