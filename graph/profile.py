"""Everything about one node: its fields and every fact in and out, grouped by relation."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from govgraph.graph.model import GovGraph
from govgraph.graph.names import resolve
from govgraph.ontology.terms import RELATIONS

__all__ = ["profile"]


def profile(G: GovGraph, name: str, *, types: Iterable[str] | None = None,
            as_of: str | dt.date | None = None) -> dict:
    """One node with all its facts, the way ``govgraph body|person|post`` show it.

    Parameters
    ----------
    G : GovGraph
    name : str
        Any name :func:`~govgraph.graph.names.resolve` accepts.
    types : iterable of str, optional
        Only resolve to nodes of these types (``["Body", "Organisation"]``).
    as_of : str or date, optional
        Only facts that hold on that date.

    Returns
    -------
    dict
        ``node`` (all fields and sources) and ``sections``: one per relation and
        direction, in schema order, each ``{relation, direction, heading, facts}``
        where the heading reads from this node ("chaired by", "has member", ...).

    Raises
    ------
    NameNotFound, AmbiguousName
        If the name does not pick out one node of the given types.
    """
    node = resolve(G, name, types)
    sections = []
    for direction, found in (("out", G.out_facts(node.id)), ("in", G.in_facts(node.id))):
        by_relation: dict[str, list] = {}
        for fact in found:
            if G.holds(fact, as_of):
                by_relation.setdefault(fact.relation, []).append(fact)
        for relation in RELATIONS.values():
            group = by_relation.get(relation.name)
            if not group:
                continue
            group.sort(key=lambda f: (f.valid_from or "", f.attested[:1], f.role or "",
                                      G.label(f.object if direction == "out" else f.subject)))
            sections.append({
                "relation": relation.name, "direction": direction,
                "heading": relation.label if direction == "out" else relation.reverse,
                "facts": [f.to_dict(G) for f in group],
            })
    return {"node": node.to_dict(), "as_of": str(as_of) if as_of else None, "sections": sections}
